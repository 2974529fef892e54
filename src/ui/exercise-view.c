/* exercise-view.c - one exercise open: its task, the learner's file (e
   edits it; every save is checked, as rustlings' watch mode does), the
   hints one by one, a reset, and the latest check: the build, the calls,
   the learner's own page in the hex view, each check.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "editor.h"
#include "exercise-report.h"
#include "exercise-text.h"
#include "exercise-work.h"
#include "grade.h"
#include "pageview.h"
#include "progress.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

/* Where the text is to be scrolled to, once it is laid out. */
#define TOP_CHECK ((size_t) -1)    /* the latest check */
#define TOP_HINT ((size_t) -2)     /* the hint shown last */

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
  int ino_fd;                    /* watches the work folder; -1 when not */
  struct page_view pv;           /* the learner's page at its last munmap */
  int paged;                     /* v: the page on the screen */
  size_t page_top;
};

/* ---- checking ------------------------------------------------------------ */

static void draw (void *ctx);

static void
check (struct view *v)
{
  struct app *a = v->app;
  if (!*v->path)
    return;
  snprintf (v->verdict, sizeof v->verdict, "Checking: building %s with %s, then running it "
            "under the tracer...", v->x.file, getenv ("CC") && *getenv ("CC") ? getenv ("CC")
            : "cc");
  v->verdict_kind = REPORT_TEXT;
  draw (v);
  refresh ();
  struct grade g;
  int rc = grade_exercise (&v->x, v->path, &g);
  ex_text_clear (&v->text);
  const struct report_sink sink = ex_text_sink (&v->text);
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
  if (!g.passed && v->hints == 0 && v->x.nhints)
    snprintf (v->msg, sizeof v->msg, "h shows a hint (%zu of them).", v->x.nhints);
  if (rc == 0 && !g.build.no_compiler)
    {
      progress_exercise_checked (a->store, v->x.name, g.passed, (long long) now);
      screen_save (a, v->msg, sizeof v->msg);
    }
  grade_free (&g);
  v->want_check = 0;
  v->top = TOP_CHECK;           /* to the check, once it is counted */
}

/* Did the folder's events since the last look name the learner's file
   (written and closed, or renamed over: every editor's way of saving)? */
static int
saved (struct view *v)
{
  char buf[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  int hit = 0;
  ssize_t n;
  if (v->ino_fd < 0)
    return 0;
  while ((n = read (v->ino_fd, buf, sizeof buf)) > 0)
    for (char *p = buf; p < buf + n;)
      {
        const struct inotify_event *e = (const struct inotify_event *) p;
        if (e->len && strcmp (e->name, v->x.file) == 0)
          hit = 1;
        p += sizeof *e + e->len;
      }
  return hit;
}

static int
tick (void *ctx)
{
  struct view *v = ctx;
  if (saved (v))
    v->want_check = 1;
  if (!v->want_check)
    return 0;
  check (v);
  saved (v);                    /* what the check itself saw happen */
  return 1;
}

/* ---- the screen ---------------------------------------------------------- */

static void
draw (void *ctx)
{
  struct view *v = ctx;
  const struct app *a = v->app;
  char line[EXERCISE_PATH_MAX + 100];
  int y0 = 4, nrows = LINES - 2 - y0;
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
    snprintf (line, sizeof line, "Your file: %s%s", v->path, v->ino_fd >= 0
              ? "  (each save is checked)" : "");
  else
    snprintf (line, sizeof line, "No file to work in: see below.");
  draw_text (2, 2, COLS - 4, line, tty_attr (PAIR_DIM));
  if (v->paged)
    {
      snprintf (line, sizeof line, "your page, read at its last munmap in the check of %s "
                "(v: back)", v->page_when);
      draw_rule (3, 0, COLS, line);
      if (COLS >= 78)
        draw_hex (y0, 2, nrows, &v->pv, v->page_top);
      else
        draw_hex_n (y0, 1, COLS - 2, nrows, &v->pv, v->page_top, 8);
    }
  else
    {
      /* Counted first: where the check begins, where the end is. */
      size_t hint_row;
      v->rows = ex_text_layout (&v->x, v->hints, &v->text, 0, 0, y0, nrows, COLS - 4,
                                &v->check_row, &hint_row);
      if (v->top == TOP_HINT)
        v->top = hint_row;
      if (v->top == TOP_CHECK)
        v->top = v->check_row;
      if (v->top + (size_t) nrows > v->rows)
        v->top = v->rows > (size_t) nrows ? v->rows - (size_t) nrows : 0;
      draw_rule (3, 0, COLS, v->top ? "the task, then the check (more above)" : "the task, "
                 "then the check");
      ex_text_layout (&v->x, v->hints, &v->text, 1, v->top, y0, nrows, COLS - 4, NULL,
                      NULL);
    }
  draw_text (LINES - 2, 2, COLS - 4, v->msg, A_BOLD);
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
  v->ino_fd = -1;
  pview_init (&v->pv, (size_t) sysconf (_SC_PAGESIZE), "no page yet");
  v->text.pv = &v->pv;
  if (exercise_load (e->path, &v->x, NULL, NULL) != 0)
    snprintf (v->verdict, sizeof v->verdict, "%.60s has errors: shmtutor --check %.200s "
              "shows them.", e->name, e->path);
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
      v->ino_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
      if (v->ino_fd >= 0 && inotify_add_watch (v->ino_fd, a->work_dir, IN_CLOSE_WRITE
                                               | IN_MOVED_TO) < 0)
        {
          close (v->ino_fd);
          v->ino_fd = -1;
        }
      if (v->ino_fd < 0)
        snprintf (v->msg, sizeof v->msg, "Saves are not watched here (%s): c checks.",
                  strerror (errno));
    }
  curs_set (0);
  return v;
}

static void
close_view (void *ctx)
{
  struct view *v = ctx;
  if (v->ino_fd >= 0)
    close (v->ino_fd);
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
  if (editor_run (v->path, v->msg, sizeof v->msg) != 0 || tty_pending_signal ())
    return;                     /* a signal to end came meanwhile: no check first */
  if (saved (v) || !had || stat (v->path, &after) != 0 || after.st_size != before.st_size
      || after.st_mtim.tv_sec != before.st_mtim.tv_sec
      || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec || after.st_ino != before.st_ino)
    check (v);
  else
    snprintf (v->msg, sizeof v->msg, "%s is as it was: not checked again.", v->x.file);
}

static void
reset (struct view *v)
{
  char kept[EXERCISE_PATH_MAX + 16], err[EXERCISE_PATH_MAX * 2 + 200];
  if (exercise_reset (&v->x, v->path, kept, sizeof kept, err, sizeof err) != 0)
    {
      snprintf (v->msg, sizeof v->msg, "Not reset: %s", err);
      return;
    }
  check (v);
  saved (v);
  const char *base = strrchr (kept, '/');
  snprintf (v->msg, sizeof v->msg, "%s is the starting file again%s%s.", v->x.file,
            *kept ? "; yours is kept beside it as " : " (it was that already: nothing to keep)",
            base ? base + 1 : kept);
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
  else if (!*v->path)
    snprintf (v->msg, sizeof v->msg, "There is no file to work in.");
  else if (ch == 'e')
    edit (v);
  else if (ch == 'c' || ch == '\r' || ch == '\n' || ch == KEY_ENTER)
    check (v);
  else if (ch == 'h' && v->hints < v->x.nhints)
    {
      v->hints++;
      v->top = TOP_HINT;        /* the new hint at the top */
    }
  else if (ch == 'h')
    snprintf (v->msg, sizeof v->msg, v->x.nhints ? "That was the last hint." : "This "
              "exercise has no hints.");
  else if (ch == 'r')
    {
      v->confirm = 1;
      snprintf (v->msg, sizeof v->msg, "Put the starting file back in %s (yours kept as "
                "%s.orig)? y/n", v->x.file, v->x.file);
    }
  else if (ch == 'v' && v->pv.ok)
    {
      v->paged = !v->paged;
      v->page_top = 0;
    }
  else if (ch == 'v')
    snprintf (v->msg, sizeof v->msg, "No page yet: the page is read when your program "
              "unmaps a mapping of /dev/zero (munmap).");
  if (v->paged)
    {
      size_t rows = pview_nrows (&v->pv);
      if (v->page_top + 1 > rows)
        v->page_top = rows ? rows - 1 : 0;
    }
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
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Esc", "back to the exercise list" },
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
