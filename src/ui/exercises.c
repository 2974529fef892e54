/* exercises.c - the exercise list: every exercise found, in order, with a
   mark for each one's state; Enter opens one (exercise-view.c).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "exercise-report.h"
#include "exercise-work.h"
#include "progress.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

struct list_screen {
  struct app *app;
  size_t top;
  char msg[400];
};

/* The mark of a state: ASCII, so that it reads the same in any locale. */
static const char *const marks[] = {
  [PROGRESS_NOT_STARTED] = "[ ]", [PROGRESS_FAILING] = "[-]", [PROGRESS_PASSED] = "[x]",
};

static void
draw (void *ctx)
{
  struct list_screen *p = ctx;
  const struct app *a = p->app;
  const struct exercise_list *c = a->exercises;
  char line[400], state[64];
  size_t sel = (size_t) a->exercise;
  /* The list, then three rows: the chosen one's file, a message, the keys. */
  int rows = LINES > 9 ? LINES - 9 : 1;
  if (sel < p->top)
    p->top = sel;
  if (sel >= p->top + (size_t) rows)
    p->top = sel - (size_t) rows + 1;
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  snprintf (line, sizeof line, " shmtutor \xc2\xb7 Exercises: %zu of %zu passed",
            report_passed (c, a->store), c->n);
  draw_text (0, 0, COLS - 10, line, tty_strong (PAIR_TITLE));
  draw_text (0, COLS - 8, 8, "q back ", tty_attr (PAIR_TITLE));
  draw_text (2, 4, COLS - 8, "You write the program, the kernel grades it. Enter opens one.", 0);
  for (int i = 0; i < rows && p->top + (size_t) i < c->n; i++)
    {
      size_t k = p->top + (size_t) i;
      const struct exercise_entry *e = &c->e[k];
      int on = k == sel;
      int s = progress_exercise_state (a->store, e->name, NULL);
      int attr = on ? tty_strong (PAIR_CURRENT) : e->ok ? 0 : (int) A_DIM;
      snprintf (line, sizeof line, "%s %s %2zu  %-17s %-17s %s", on ? ">" : " ", marks[s], k + 1,
                e->name, report_state_text (a->store, e->name, state, sizeof state), e->title);
      if (on)
        draw_fill (4 + i, 3, COLS - 6, attr);
      draw_text (4 + i, 4, COLS - 8, line, attr);
    }
  if (c->n)
    {
      char file[EXERCISE_PATH_MAX + 40];
      if (!a->work_dir)
        snprintf (file, sizeof file, "No work folder: set XDG_DATA_HOME or HOME, or give "
                  "--work-dir DIR.");
      else if (c->e[sel].ok)
        snprintf (file, sizeof file, "Your file: %s/%s", a->work_dir, c->e[sel].file);
      else
        snprintf (file, sizeof file, "%s", c->e[sel].path);
      draw_text (LINES - 4, 4, COLS - 8, file, tty_attr (PAIR_DIM));
    }
  draw_text (LINES - 2, 4, COLS - 8, p->msg, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, "Enter open  Up/Down choose  [x] passed  [-] failing  "
             "q back", tty_attr (PAIR_DIM));
  move (4 + (int) (sel - p->top), 4);
}

static void *
open_list (struct app *a)
{
  struct list_screen *p = xcalloc (1, sizeof *p);
  p->app = a;
  if (!a->exercises->n)
    snprintf (p->msg, sizeof p->msg, "No exercise was found: they are looked for in the "
              "exercises folder of the data folder, of ~/.local/share/shmtutor and of the "
              "installed one.");
  curs_set (0);
  return p;
}

static void
close_list (void *ctx)
{
  free (ctx);
}

static int
key (void *ctx, int ch)
{
  struct list_screen *p = ctx;
  struct app *a = p->app;
  const struct exercise_list *c = a->exercises;
  size_t sel = (size_t) a->exercise;
  p->msg[0] = '\0';
  if ((ch == KEY_UP || ch == 'k') && sel > 0)
    a->exercise--;
  else if ((ch == KEY_DOWN || ch == 'j') && sel + 1 < c->n)
    a->exercise++;
  else if ((ch == KEY_HOME || ch == 'g') && c->n)
    a->exercise = 0;
  else if ((ch == KEY_END || ch == 'G') && c->n)
    a->exercise = (int) c->n - 1;
  else if (ch == 'q' || ch == 'Q')
    return SCREEN_MENU;
  else if (ch == 27 && screen_esc (a, p->msg, sizeof p->msg))
    return SCREEN_MENU;
  else if ((ch == '\r' || ch == '\n' || ch == KEY_ENTER || ch == KEY_RIGHT) && c->n)
    {
      if (!c->e[sel].ok)
        {
          snprintf (p->msg, sizeof p->msg, "%.60s has errors: shmtutor --check %.200s shows "
                    "them.", c->e[sel].name, c->e[sel].path);
          return SCREEN_STAY;
        }
      return SCREEN_EXERCISE;
    }
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "Up Down k j", "choose an exercise" },
  { "Home End g G", "the first, the last" },
  { "Enter Right", "open it: the task, your file, its check" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Q Esc Ctrl-C", "back to the menu" },
};

static const struct screen list_screen = {
  "exercise list", SCREEN_MENU, keys, (int) (sizeof keys / sizeof keys[0]),
  open_list, close_list, NULL, draw, key, NULL,
};

enum screen_id
exercises_run (struct app *a)
{
  if (a->exercises->n && (size_t) a->exercise >= a->exercises->n)
    a->exercise = 0;
  return screen_run (a, &list_screen);
}
