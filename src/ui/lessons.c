/* lessons.c - the lesson list: every lesson found, with its title and
   where it lives; Enter opens it in the walkthrough.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

struct lesson_screen {
  struct app *app;
  size_t sel, top;
  char msg[400];
};

static void
draw (void *ctx)
{
  struct lesson_screen *p = ctx;
  const struct app *a = p->app;
  const struct lesson_list *c = a->lessons;
  char line[300];
  /* The list, then three rows for the chosen lesson's source, its path
     and the keys. */
  int rows = LINES > 10 ? LINES - 10 : 1;
  size_t sel = p->sel, top;
  const char *msg = p->msg;
  /* The chosen lesson in sight. */
  size_t fit = (size_t) rows;
  if (p->sel < p->top)
    p->top = p->sel;
  if (p->sel >= p->top + fit)
    p->top = p->sel - fit + 1;
  top = p->top;
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  draw_text (0, 0, COLS - 20, " shmtutor \xc2\xb7 Lessons", tty_strong (PAIR_TITLE));
  draw_text (0, COLS - 8, 8, "q back ", tty_attr (PAIR_TITLE));
  draw_text (2, 4, COLS - 8, "Choose a lesson with the arrows or j/k and Enter.", 0);
  for (int i = 0; i < rows && top + (size_t) i < c->n; i++)
    {
      const struct lesson_entry *e = &c->e[top + (size_t) i];
      int on = top + (size_t) i == sel;
      int attr = on ? tty_strong (PAIR_CURRENT) : e->ok ? 0 : (int) A_DIM;
      snprintf (line, sizeof line, "%s %-20s %s", on ? ">" : " ", e->name, e->title);
      if (on)
        draw_fill (4 + i, 3, COLS - 6, attr);
      draw_text (4 + i, 4, COLS - 8, line, attr);
    }
  if (c->e[sel].source)
    {
      char *from = xasprintf ("From: %s", c->e[sel].source);
      draw_para (LINES - 5, 4, COLS - 8, 3, from, tty_attr (PAIR_DIM));
      free (from);
    }
  draw_text (LINES - 2, 4, COLS - 8, msg && *msg ? msg : c->e[sel].path,
             msg && *msg ? A_BOLD : 0);
  draw_text (LINES - 1, 1, COLS - 2, "Enter open  Up/Down choose  q back", tty_attr (PAIR_DIM));
  /* The hardware cursor on the chosen lesson, for screen readers. */
  move (4 + (int) (sel - top), 4);
}

static void *
open_lessons (struct app *a)
{
  struct lesson_screen *p = xcalloc (1, sizeof *p);
  p->app = a;
  for (size_t i = 0; i < a->lessons->n; i++)
    if (strcmp (a->lessons->e[i].name, a->lesson_name) == 0)
      p->sel = i;
  curs_set (0);
  return p;
}

static void
close_lessons (void *ctx)
{
  free (ctx);
}

static int
key (void *ctx, int ch)
{
  struct lesson_screen *p = ctx;
  struct app *a = p->app;
  const struct lesson_list *c = a->lessons;
  p->msg[0] = '\0';
  if ((ch == KEY_UP || ch == 'k') && p->sel > 0)
    p->sel--;
  else if ((ch == KEY_DOWN || ch == 'j') && p->sel + 1 < c->n)
    p->sel++;
  else if (ch == 'q' || ch == 'Q')
    return SCREEN_MENU;
  else if (ch == 27 && screen_esc (a, p->msg, sizeof p->msg))
    return SCREEN_MENU;
  else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
    {
      const struct lesson_entry *e = &c->e[p->sel];
      struct lesson L;
      if (!e->ok || lesson_load (e->path, &L, NULL, NULL) != 0)
        {
          snprintf (p->msg, sizeof p->msg, "%.60s has errors: shmtutor --check %.200s shows "
                    "them.", e->name, e->path);
          return SCREEN_STAY;
        }
      /* The chosen lesson takes the place of the one open before. */
      lesson_free (a->lesson);
      *a->lesson = L;
      a->L = a->lesson;
      a->lesson_name = e->name;
      a->from_lessons = 1;       /* q in the walkthrough comes back here */
      return SCREEN_WALK;
    }
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "Up Down k j", "choose a lesson" },
  { "Enter", "open it in the walkthrough" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Q Esc Ctrl-C", "back to the menu" },
};

static const struct screen lessons_screen = {
  "lesson list", SCREEN_MENU, keys, (int) (sizeof keys / sizeof keys[0]),
  open_lessons, close_lessons, NULL, draw, key, NULL,
};

enum screen_id
lessons_run (struct app *a)
{
  if (!a->lessons || a->lessons->n == 0)
    return SCREEN_WALK;
  return screen_run (a, &lessons_screen);
}
