/* exercise-view.c - one exercise open: its task, the learner's file (e
   edits it; every save is checked, as rustlings' watch mode does), the
   hints one by one, a reset, and the latest check: the build, the calls,
   the learner's own page in the hex view, each check.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "demo.h"
#include "editor.h"
#include "exercise-report.h"
#include "exercise-text.h"
#include "exercise-watch.h"
#include "exercise-work.h"
#include "grade.h"
#include "pageview.h"
#include "progress.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

/* Where the text is to be scrolled to, once it is laid out. */
enum jump { JUMP_NONE, JUMP_CHECK, JUMP_HINT };
#define Y0 4                       /* the text's first row */

struct view {
  struct app *app;
  struct exercise x;
  char path[EXERCISE_PATH_MAX];  /* the learner's file; "" when it cannot be had */
  char msg[EXERCISE_PATH_MAX * 3];
  size_t hints;                  /* shown so far */
  struct ex_text text;           /* the latest check's report */
  char verdict[EXERCISE_PATH_MAX + 400];
  char when[32];                 /* of the latest check: "12:34:56" */
  char page_when[32];            /* of the check whose run read the page */
  int verdict_kind;
  int want_check;                /* check at the next tick */
  int confirm;                   /* r was typed: y resets */
  size_t top, rows, check_row;   /* scrolling, in rows of the wrapped text */
  enum jump jump;                /* where to go once laid out */
  int checks;                    /* made since it was opened */
  struct ex_watch watch;         /* the saves of the learner's file */
  struct page_view pv;           /* the learner's page at its last munmap */
  int paged;                     /* v: the page on the screen */
  size_t page_top;
};

/* ---- checking ------------------------------------------------------------ */

static void draw (void *ctx);

/* Asked while the learner's program runs: q or Ctrl-C stops the check (as
   a signal to end does); any other key waits for after it. */
static int
stop_asked (void *ctx)
{
  struct view *v = ctx;
  if (tty_pending_signal ())
    return 1;
  int ch = demo_getch (0);
  if (ch == ERR)
    return 0;
  if (ch == 'q' || ch == 'Q' || ch == 3)
    {
      snprintf (v->msg, sizeof v->msg, "The check was stopped: c checks again.");
      return 1;
    }
  demo_unget (ch);
  return 0;
}

static void
check (struct view *v)
{
  struct app *a = v->app;
  if (!*v->path)
    return;
  /* Short enough for 80 columns: how to stop it must not be cut off. */
  snprintf (v->verdict, sizeof v->verdict, "Checking: building %s, then running it (q stops "
            "it)...", v->x.file);
  v->verdict_kind = REPORT_TEXT;
  v->when[0] = '\0';
  draw (v);
  refresh ();
  /* What was saved until now is what this check reads; a save from now on
     is checked next. */
  ex_watch_saved (&v->watch);
  struct grade g;
  trace_set_stop (stop_asked, v);
  int rc = grade_exercise (&v->x, v->path, &g);
  trace_set_stop (NULL, NULL);
  ex_text_clear (&v->text);
  const struct report_sink sink = ex_text_sink (&v->text);
  if (rc == 0)
    report_checks (&v->x, &g, &sink);
  if (v->text.n)
    sink.line (sink.ctx, REPORT_TEXT, 0, "");
  if (rc == 0)
    {
      report_build (&g, &sink);
      report_runs (&v->x, &g, &sink);
    }
  /* The verdict goes to the top line. */
  struct ex_line last;
  report_verdict (&v->x, &g, rc, &sink);
  ex_text_pop (&v->text, &last);
  time_t now = time (NULL);
  struct tm tm;
  strftime (v->when, sizeof v->when, "%H:%M:%S", localtime_r (&now, &tm));
  snprintf (v->verdict, sizeof v->verdict, "%s", last.text);
  if (v->text.pages)
    snprintf (v->page_when, sizeof v->page_when, "%s", v->when);
  v->verdict_kind = last.kind;
  free (last.text);
  if (!g.passed && v->hints == 0 && v->x.nhints && !v->msg[0])
    snprintf (v->msg, sizeof v->msg, "h shows a hint (%zu of them).", v->x.nhints);
  if (rc == 0 && !g.build.no_compiler)
    {
      progress_exercise_checked (a->store, v->x.name, g.passed, (long long) now);
      screen_save (a, v->msg, sizeof v->msg);
    }
  grade_free (&g);
  v->want_check = 0;
  /* To the check, once it is laid out; but the first time, the task
     stays in sight (its end, where the check begins, says so). */
  if (v->checks++)
    v->jump = JUMP_CHECK;
}

static int
tick (void *ctx)
{
  struct view *v = ctx;
  if (ex_watch_saved (&v->watch))
    v->want_check = 1;
  if (!v->want_check)
    return 0;
  check (v);
  return 1;
}

/* ---- the screen ---------------------------------------------------------- */

/* The rows the message takes above the keys: one, or two for a long one. */
static int
msg_rows (const struct view *v)
{
  return draw_lines (v->msg, COLS - 4) > 1 && LINES > 12 ? 2 : 1;
}

/* The page view's first row: its last screenful at most. */
static void
clamp_page (struct view *v)
{
  size_t rows = pview_nrows (&v->pv), fit = (size_t) (LINES > Y0 + 2 ? LINES - Y0 - 2 : 1);
  if (v->page_top + fit > rows)
    v->page_top = rows > fit ? rows - fit : 0;
}

/* Count the text's rows for the screen as it is now, and settle where it
   is scrolled to: a jump asked for, then within the text. */
static void
lay_out (struct view *v)
{
  size_t hint_row, nrows = (size_t) (LINES - 1 - msg_rows (v) - Y0);
  if (LINES - 1 - msg_rows (v) - Y0 < 1)
    nrows = 1;
  v->rows = ex_text_layout (&v->x, v->hints, &v->text, 0, 0, Y0, (int) nrows, COLS - 4,
                            &v->check_row, &hint_row);
  if (v->jump == JUMP_HINT)
    v->top = hint_row;
  else if (v->jump == JUMP_CHECK)
    v->top = v->check_row;
  v->jump = JUMP_NONE;
  if (v->top + nrows > v->rows)
    v->top = v->rows > nrows ? v->rows - nrows : 0;
}

static void
draw (void *ctx)
{
  struct view *v = ctx;
  const struct app *a = v->app;
  char line[EXERCISE_PATH_MAX + 100];
  int y0 = Y0, nrows = LINES - 1 - msg_rows (v) - y0;
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  snprintf (line, sizeof line, " shmtutor \xc2\xb7 Exercise %d of %zu: %s", a->exercise + 1,
            a->exercises->n, v->x.title);
  draw_text (0, 0, COLS - 10, line, tty_strong (PAIR_TITLE));
  draw_text (0, COLS - 8, 8, "q back ", tty_attr (PAIR_TITLE));
  int wl = *v->when ? (int) strlen (v->when) + 2 : 0;
  draw_text (1, 2, COLS - 4 - wl, v->verdict, ex_text_attr ((enum report_kind) v->verdict_kind)
             | A_BOLD);
  if (wl)
    draw_text (1, COLS - wl, wl, v->when, tty_attr (PAIR_DIM));
  if (*v->path)
    snprintf (line, sizeof line, "Your file: %s%s", v->path, v->watch.fd >= 0
              ? "  (each save is checked)" : "");
  else
    snprintf (line, sizeof line, "No file to work in: see above.");
  draw_text (2, 2, COLS - 4, line, tty_attr (PAIR_DIM));
  if (v->paged)
    {
      clamp_page (v);
      size_t rows = pview_nrows (&v->pv), last = v->page_top + (size_t) nrows;
      snprintf (line, sizeof line, "your page, read at munmap in the check of %s: rows "
                "%zu-%zu of %zu (v: back)", v->page_when, v->page_top + 1, last < rows
                ? last : rows, rows);
      draw_rule (3, 0, COLS, line);
      if (COLS >= 78)
        draw_hex (y0, 2, nrows, &v->pv, v->page_top);
      else
        draw_hex_n (y0, 1, COLS - 2, nrows, &v->pv, v->page_top, 8);
    }
  else
    {
      lay_out (v);
      int below = v->top + (size_t) nrows < v->rows;
      snprintf (line, sizeof line, "the task, then the check%s", v->top && below
                ? " (more above and below)" : v->top ? " (more above)" : below
                ? " (more below)" : "");
      draw_rule (3, 0, COLS, line);
      ex_text_layout (&v->x, v->hints, &v->text, 1, v->top, y0, nrows, COLS - 4, NULL,
                      NULL);
    }
  if (msg_rows (v) > 1)
    draw_fill (LINES - 3, 0, COLS, 0);
  draw_para (LINES - 1 - msg_rows (v), 2, COLS - 4, msg_rows (v), v->msg, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, "e edit  c check  h hint  r reset  v page  "
             "Up/Down scroll  q back", tty_attr (PAIR_DIM));
  move (1, 2);
}

static void *
open_view (struct app *a)
{
  struct view *v = xcalloc (1, sizeof *v);
  const struct exercise_entry *e = &a->exercises->e[a->exercise];
  char err[EXERCISE_PATH_MAX + 200];
  int made = 0;
  v->app = a;
  v->watch.fd = -1;
  pview_init (&v->pv, (size_t) sysconf (_SC_PAGESIZE), "no page yet");
  v->text.pv = &v->pv;
  if (exercise_load (e->path, &v->x, NULL, NULL) != 0)
    {
      exercise_free (&v->x);
      memset (&v->x, 0, sizeof v->x);
      v->x.title = xstrdup (e->name);
      v->x.name = xstrdup (e->name);
      v->x.file = xstrdup ("");
      snprintf (v->verdict, sizeof v->verdict, "%.60s has errors: shmtutor --check %.200s "
                "shows them.", e->name, e->path);
      v->verdict_kind = REPORT_FAIL;
    }
  else if (exercise_learner_file (&v->x, a->work_dir, v->path, sizeof v->path, &made, err,
                                  sizeof err) != 0)
    {
      v->path[0] = '\0';
      snprintf (v->verdict, sizeof v->verdict, "Not checked: %s", err);
      v->verdict_kind = REPORT_FAIL;
    }
  else
    {
      v->want_check = 1;
      snprintf (v->verdict, sizeof v->verdict, "Checking...");
      if (made)
        snprintf (v->msg, sizeof v->msg, "Your file was made now from the starting file: e "
                  "edits it.");
      ex_watch_start (&v->watch, a->work_dir, v->path, v->x.file, v->msg, sizeof v->msg);
    }
  curs_set (0);
  return v;
}

static void
close_view (void *ctx)
{
  struct view *v = ctx;
  ex_watch_stop (&v->watch);
  ex_text_clear (&v->text);
  pview_clear (&v->pv, "");
  exercise_free (&v->x);
  free (v);
}

/* e: the editor, then a check when the file changed. */
static void
edit (struct view *v)
{
  struct stat before, after;
  int had = stat (v->path, &before) == 0;
  char said[sizeof v->msg];
  /* An editor may save and still end with a status (vim after an error
     message): the file decides whether there is anything to check. */
  int ok = editor_run (v->path, said, sizeof said) == 0;
  if (tty_pending_signal ())
    return;                     /* a signal to end came meanwhile: no check first */
  if (ex_watch_saved (&v->watch) || !had || stat (v->path, &after) != 0 || after.st_size != before.st_size
      || after.st_mtim.tv_sec != before.st_mtim.tv_sec
      || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec || after.st_ino != before.st_ino)
    check (v);
  else if (ok)
    snprintf (v->msg, sizeof v->msg, "%s is as it was: not checked again.", v->x.file);
  if (!ok)
    snprintf (v->msg, sizeof v->msg, "%s", said);
}

static void
reset (struct view *v)
{
  char kept[EXERCISE_PATH_MAX + 16], err[EXERCISE_PATH_MAX * 2 + 200];
  struct stat st;
  int missing = lstat (v->path, &st) != 0;
  if (exercise_reset (&v->x, v->path, kept, sizeof kept, err, sizeof err) != 0)
    {
      snprintf (v->msg, sizeof v->msg, "Not reset, nothing changed: %s", err);
      return;
    }
  check (v);
  const char *base = strrchr (kept, '/');
  if (*kept)
    snprintf (v->msg, sizeof v->msg, "Yours is kept as %s; %s is the starting file again.",
              base ? base + 1 : kept, v->x.file);
  else if (missing)
    snprintf (v->msg, sizeof v->msg, "%s was not there: it is the starting file now.",
              v->x.file);
  else
    snprintf (v->msg, sizeof v->msg, "%s is the starting file again (it was that already: "
              "nothing to keep).", v->x.file);
}

static int
key (void *ctx, int ch)
{
  struct view *v = ctx;
  int page = LINES > 8 ? LINES - 8 : 1;
  size_t *top = v->paged ? &v->page_top : &v->top;
  if (v->confirm)
    {
      v->confirm = 0;
      if (ch == 'y' || ch == 'Y')
        reset (v);
      else
        snprintf (v->msg, sizeof v->msg, "Not reset: nothing changed.");
      return SCREEN_STAY;
    }
  v->msg[0] = '\0';
  if (!v->paged)
    lay_out (v);                /* a jump asked for is where scrolling starts */
  if (ch == 'q' || ch == 'Q')
    return SCREEN_EXERCISES;
  if (ch == 27)
    {
      if (!v->paged)
        return SCREEN_EXERCISES;
      v->paged = 0;
    }
  else if (ch == KEY_UP || ch == 'k')
    *top -= *top > 0;
  else if (ch == KEY_DOWN || ch == 'j')
    (*top)++;
  else if (ch == KEY_PPAGE || ch == 'b')
    *top = *top > (size_t) page ? *top - (size_t) page : 0;
  else if (ch == KEY_NPAGE || ch == ' ')
    *top += (size_t) page;
  else if (ch == KEY_HOME || ch == 'g')
    *top = 0;
  else if (ch == KEY_END || ch == 'G')
    *top = (size_t) -1 / 2;     /* the end, once clamped */
  else if (ch == 'h' && v->hints < v->x.nhints)
    {
      v->hints++;
      v->jump = JUMP_HINT;      /* the new hint at the top */
    }
  else if (ch == 'h')
    snprintf (v->msg, sizeof v->msg, v->x.nhints ? "That was the last hint." : "This "
              "exercise has no hints.");
  else if (!*v->path && (ch == 'e' || ch == 'c' || ch == 'r' || ch == '\r' || ch == '\n'
                         || ch == KEY_ENTER))
    snprintf (v->msg, sizeof v->msg, "There is no file to work in: the top line says why.");
  else if (ch == 'e')
    edit (v);
  else if (ch == 'c' || ch == '\r' || ch == '\n' || ch == KEY_ENTER)
    check (v);
  else if (ch == 'r')
    {
      v->confirm = 1;
      snprintf (v->msg, sizeof v->msg, "Reset %s to the starting file? y/n (yours is kept "
                "beside it, as %s.orig or the next free .orig.N)", v->x.file, v->x.file);
    }
  else if (ch == 'v' && v->pv.ok)
    {
      v->paged = !v->paged;
      v->page_top = 0;
    }
  else if (ch == 'v')
    snprintf (v->msg, sizeof v->msg, "No page yet: it is read at a munmap of /dev/zero.");
  if (v->paged)
    clamp_page (v);
  else
    lay_out (v);
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "e", "edit your file ($VISUAL, else $EDITOR, else vi)" },
  { "c Enter", "check it now (each save is checked anyway)" },
  { "h", "the next hint" },
  { "r", "the starting file back (yours kept as .orig)" },
  { "v", "your page, as read at its last munmap" },
  { "Up Down k j", "scroll" },
  { "PgUp PgDn b Space", "scroll a page" },
  { "Home End g G", "the top, the end" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Esc", "back to the exercise list" },
  { "q Ctrl-C", "while a check runs: stop it" },
};

static const struct screen view_screen = {
  "exercise", SCREEN_EXERCISES, keys, (int) (sizeof keys / sizeof keys[0]),
  open_view, close_view, NULL, draw, key, tick,
};

enum screen_id
exercise_run (struct app *a)
{
  if (!a->exercises->n)
    return SCREEN_EXERCISES;
  return screen_run (a, &view_screen);
}
