/* console.c - the call console: the learner types calls at a GNU readline
   prompt, each runs for real (core/eval.c), and the hex view, the state
   and the maps line follow.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "console.h"
#include "cparse.h"
#include "draw.h"
#include "hexdump.h"
#include "input.h"
#include "eval.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

static void clamp_top (struct console *c, long long top);

static void
draw (void *ctx)
{
  struct console *c = ctx;
  const struct console_layout *l = &c->lay;
  char line[CONSOLE_STATE][512], what[600];
  int bad;

  console_layout (c);
  clamp_top (c, (long long) c->hex_top);    /* a taller terminal than when it was scrolled */
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  draw_text (0, 0, COLS - 40, " shmtutor \xc2\xb7 Call console", tty_strong (PAIR_TITLE));
  snprintf (what, sizeof what, "help  Ctrl-D or quit leaves ");
  draw_text (0, COLS - (int) strlen (what), (int) strlen (what), what, tty_attr (PAIR_TITLE));
  console_draw_past (c);
  console_draw_out (c);
  /* The verdict (shows it, is gone) wraps: it is what the statement did. */
  console_what (c, what, sizeof what, &bad);
  draw_para (l->what_y, 3, COLS - 4, l->what_h, what, bad ? tty_attr (PAIR_ERROR) : 0);
  console_state (c, line);
  for (int i = 0, y = l->state_y; i < CONSOLE_STATE; i++)
    y += draw_para (y, 1, COLS - 2, l->hex_y - y, line[i], 0);
  console_draw_page (c);
  const char *m = input_matches ();
  if (c->caret[0])
    {
      draw_text (l->note_y, 1, COLS - 2, c->note, 0);
      draw_text (l->note_y + 1, 1, COLS - 2, c->caret, tty_attr (PAIR_ERROR));
    }
  else if (m[0])
    draw_text (l->note_y, 1, COLS - 2, m, 0);
  else if (c->note[0])
    draw_para (l->note_y, 1, COLS - 2, l->note_h, c->note, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, "Enter run  Ctrl-C clear  Up/Down history  Tab complete  "
             "F1 keys  help: calls", tty_attr (PAIR_DIM));
  if (c->help)
    console_draw_help ();
  input_draw (LINES - 2, 1, COLS - 2);
}

static const char *
name_at (int i, void *ctx)
{
  return ev_name (&((struct console *) ctx)->ev, i);
}

/* PgUp / PgDn at the prompt: the hex view a screen up or down. */
static void
page (int dir, void *ctx)
{
  struct console *c = ctx;
  console_layout (c);
  clamp_top (c, (long long) c->hex_top + dir * c->lay.hex_h);
}

/* The page view from row TOP, kept within the rows there are for the
   layout worked out last. */
static void
clamp_top (struct console *c, long long top)
{
  long long max = (long long) pview_nrows (&c->ev.view) - c->lay.hex_h;
  c->hex_top = (size_t) (top > max ? (max > 0 ? max : 0) : top < 0 ? 0 : top);
}

static void
next_map (void *ctx)
{
  struct console *c = ctx;
  if (ev_next_map (&c->ev) < 0)
    snprintf (c->note, sizeof c->note, "No mapping to show: map one with mmap.");
  /* The last statement's faults belong beside the mapping it touched. */
  c->last.minflt = -1;
  c->hex_top = 0;
  console_read_maps (c);
}

/* Run one statement.  Returns 1 when the console should close, -1 when
   the statement did not parse or was refused (it is given back to be
   edited), 0 else. */
static int
run_line (struct console *c, const char *line)
{
  struct cp_stmt st;
  int col;
  char err[200], row[600];

  c->note[0] = c->caret[0] = '\0';
  char said[400], done[700];
  if (cp_parse (line, &st, &col, err, sizeof err) != 0)
    {
      cp_free (&st);
      if (ev_unparsed (&c->ev, err, said, sizeof said) == EV_LINE_SKIP)
        {
          snprintf (c->note, sizeof c->note, "%s", said);
          console_one_row (line, row, sizeof row);
          snprintf (done, sizeof done, "  %.600s  (skipped)", row);
          console_remember (c, done);
          return 0;
        }
      console_mark_column (c, line, col, err);
      return -1;
    }
  int rc = 0;
  enum ev_line what = EV_LINE_RUN;
  if (st.kind == CP_ASIDE || st.kind == CP_CALL || st.kind == CP_STORE || st.kind == CP_SET
      || st.kind == CP_VALUE)
    what = ev_line (&c->ev, &st, said, sizeof said);
  if (what != EV_LINE_RUN)
    {
      /* Not run: a line of C the console does not run, or one in a block
         it skips; the list says which, the note why. */
      snprintf (c->note, sizeof c->note, "%s", said);
      console_one_row (line, row, sizeof row);
      snprintf (done, sizeof done, "  %.600s  (%s)", row,
                what == EV_LINE_SKIP ? "skipped" : "not run");
      console_remember (c, done);
      cp_free (&st);
      return 0;
    }
  switch (st.kind)
    {
    case CP_EMPTY:
      if (line[strspn (line, " \t\r\n")])
        snprintf (c->note, sizeof c->note, "A comment: nothing to run.");
      break;
    case CP_QUIT: rc = 1; break;
    case CP_HELP: c->help = 1; break;
    case CP_SAVE:
      ev_save (&c->ev, st.file, c->note, sizeof c->note);
      break;
    case CP_ASIDE:
      break;
    case CP_CALL:
    case CP_STORE:
    case CP_SET:
    case CP_VALUE:
      {
        ev_run (&c->ev, &st, &c->last);
        c->have_last = 1;
        console_printed (c, c->ev.printed, c->ev.nprinted);
        console_read_maps (c);
        snprintf (done, sizeof done, "> %s  %s", c->last.call, c->last.result);
        console_remember (c, done);
        /* A refusal by design (_exit, wait with no child) is not the
           statement's fault: a paste goes on after it. */
        if (c->last.refused && !c->ev.by_design)
          {
            if (c->ev.col > 0)
              console_mark_column (c, line, c->ev.col, "");
            rc = -1;
          }
        /* The first changed row into sight. */
        size_t r = pview_first_changed_row (&c->ev.view);
        console_layout (c);
        if (r != (size_t) -1 && (r < c->hex_top || r >= c->hex_top + (size_t) c->lay.hex_h))
          c->hex_top = r;
        clamp_top (c, (long long) c->hex_top);    /* within the rows there are now */
        break;
      }
    }
  cp_free (&st);
  return rc;
}

static const char prompt[] = "console> ", more_prompt[] = "    ...> ",
  skip_prompt[] = "skipping>";

/* The prompt for the next statement: skipping while in a block not run. */
static const char *
next_prompt (const struct console *c)
{
  return ev_skipping (&c->ev) || c->ev.skip_next ? skip_prompt : prompt;
}

/* Run the statements of TEXT (a line, or many pasted, after what was
   begun), in order.  A statement not ended yet waits for the next line;
   one that is refused stops the rest, and it and the rest are given back
   to be edited.  Returns 1 when the console should close. */
static int
run_text (struct console *c, const char *text)
{
  size_t at = 0, start, len;
  const char *edit = NULL;
  for (;;)
    {
      enum cp_piece k = cp_next (text, &at, &start, &len);
      if (k == CP_PIECE_NONE)
        break;
      if (k == CP_PIECE_OPEN)
        {
          snprintf (c->pending, sizeof c->pending, "%s", text + start);
          c->note[0] = c->caret[0] = '\0';
          input_start (INPUT_CONSOLE, more_prompt, CONSOLE_PASTE);
          return 0;
        }
      if (len > CP_MAX_LINE)
        {
          snprintf (c->note, sizeof c->note, "A statement of %zu bytes: the console takes %d "
                    "at most.", len, CP_MAX_LINE);
          c->caret[0] = '\0';
          edit = text + start;
          break;
        }
      char stmt[CP_MAX_LINE + 1];
      memcpy (stmt, text + start, len);
      stmt[len] = '\0';
      int rc = run_line (c, stmt);
      if (rc > 0)
        return 1;
      if (rc < 0)
        {
          edit = text + start;
          break;
        }
    }
  c->pending[0] = '\0';
  input_start (INPUT_CONSOLE, next_prompt (c), CONSOLE_PASTE);
  if (edit)
    {
      /* Given back without its last newline, to be put right. */
      char back[CONSOLE_PASTE + 1];
      snprintf (back, sizeof back, "%s", edit);
      size_t n = strlen (back);
      while (n && (back[n - 1] == '\n' || back[n - 1] == ' '))
        back[--n] = '\0';
      input_set_text (back);
    }
  return 0;
}

static void *
open_console (struct app *a)
{
  struct console *c = xcalloc (1, sizeof *c);
  c->app = a;
  ev_init (&c->ev, a->save_files);
  snprintf (c->note, sizeof c->note, "%s", screen_warning (a));
  if (!c->note[0])
    snprintf (c->note, sizeof c->note, "Type a call, such as fd = open(\"/dev/zero\", O_RDWR), "
              "and press Enter; help lists the calls.");
  input_completion (name_at, next_map, c);
  input_paging (page, c);
  input_start (INPUT_CONSOLE, prompt, CONSOLE_PASTE);
  return c;
}

static void
close_console (void *ctx)
{
  struct console *c = ctx;
  input_stop ();
  input_completion (NULL, NULL, NULL);
  input_paging (NULL, NULL);
  ev_free (&c->ev);
  free (c);
}

static int
key (void *ctx, int ch)
{
  struct console *c = ctx;
  if (c->help)
    {
      c->help = 0;              /* any key closes the list of calls */
      screen_drop_sequence (ch);
      return SCREEN_STAY;
    }
  enum input_state st = input_key (ch);
  if (input_take_clear () && c->pending[0])
    {
      /* Ctrl-C gives up the statement begun, too. */
      c->pending[0] = '\0';
      input_start (INPUT_CONSOLE, next_prompt (c), CONSOLE_PASTE);
      snprintf (c->note, sizeof c->note, "The statement begun was given up.");
      input_history_mark ();
      c->pending_lines = 0;
      c->caret[0] = '\0';
      return SCREEN_STAY;
    }
  if (st == INPUT_DONE)
    {
      size_t cut = input_cut ();
      const char *l = input_line () ? input_line () : "";
      char *text = xasprintf ("%s%s\n", c->pending, l);
      int lines = c->pending[0] ? c->pending_lines + 1 : 0;
      input_stop ();
      c->pending[0] = '\0';
      int quit = run_text (c, text);
      if (c->pending[0])
        c->pending_lines = lines ? lines : 1;
      else
        {
          /* A statement of several lines typed: one entry of the history. */
          if (lines > 1)
            {
              char *joined = xstrdup (text);
              for (char *q = joined; *q; q++)
                if (*q == '\n')
                  *q = ' ';
              size_t n = strlen (joined);
              while (n && joined[n - 1] == ' ')
                joined[--n] = '\0';
              input_history_join (joined);
              free (joined);
            }
          input_history_mark ();
          c->pending_lines = 0;
        }
      free (text);
      if (quit)
        return SCREEN_MENU;
      if (cut)
        snprintf (c->note, sizeof c->note, "The paste was cut to %d bytes: %zu more were "
                  "dropped.", CONSOLE_PASTE, cut);
    }
  else if (st == INPUT_EOF && c->pending[0])
    {
      c->pending[0] = '\0';
      input_start (INPUT_CONSOLE, next_prompt (c), CONSOLE_PASTE);
      snprintf (c->note, sizeof c->note, "The statement begun was given up.");
      input_history_mark ();
      c->pending_lines = 0;
    }
  else if (st == INPUT_EOF)
    return SCREEN_MENU;
  else if (st == INPUT_CANCEL)
    {
      c->pending[0] = '\0';
      input_history_mark ();
      c->pending_lines = 0;
      input_start (INPUT_CONSOLE, next_prompt (c), CONSOLE_PASTE);      /* Ctrl-G: a new line */
    }
  return SCREEN_STAY;
}

/* Its prompt is always open, so ? is a character there: F1 shows these,
   the statement help lists the calls. */
static const struct help_line keys[] = {
  { "Enter", "run the statement" },
  { "Ctrl-C", "empty the line (Ctrl-G: give it up, a new line)" },
  { "Up Down, Ctrl-R", "earlier statements, kept between runs; search them" },
  { "Tab", "complete a call or a name; on an empty line: show the next mapping" },
  { "PgUp PgDn", "scroll the page view" },
  { "Ctrl-L", "redraw the screen" },
  { "F1", "these keys" },
  { "help (typed)", "the statements the console understands" },
  { "Ctrl-D, quit", "back to the menu (Ctrl-D on an empty line)" },
  HELP_BYTE_CLASSES,
};

static const struct screen console = {
  "call console", SCREEN_MENU, keys, (int) (sizeof keys / sizeof keys[0]),
  open_console, close_console, NULL, draw, key, NULL,
};

enum screen_id
console_run (struct app *a)
{
  return screen_run (a, &console);
}
