/* picker.c - the lesson picker: every lesson found, with its title and
   where it lives; Enter opens it in the walkthrough.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "screens.h"
#include "tty.h"

static void
draw (const struct app *a, size_t sel, size_t top, const char *msg)
{
  const struct catalog *c = a->catalog;
  char line[300];
  int rows = LINES - 6;
  if (!draw_big_enough ())
    return;
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  draw_text (0, 0, COLS - 20, " shmtutor \xc2\xb7 Lessons", tty_strong (PAIR_TITLE));
  draw_text (0, COLS - 8, 8, "q back ", tty_attr (PAIR_TITLE));
  draw_text (2, 4, COLS - 8, "Choose a lesson with the arrows or j/k and Enter.", 0);
  for (int i = 0; i < rows && top + (size_t) i < c->n; i++)
    {
      const struct catalog_entry *e = &c->e[top + (size_t) i];
      int on = top + (size_t) i == sel;
      int attr = on ? tty_strong (PAIR_CURRENT) : e->ok ? 0 : (int) A_DIM;
      snprintf (line, sizeof line, "%s %-20s %s", on ? ">" : " ", e->name, e->title);
      if (on)
        draw_fill (4 + i, 3, COLS - 6, attr);
      draw_text (4 + i, 4, COLS - 8, line, attr);
    }
  draw_text (LINES - 2, 4, COLS - 8, msg && *msg ? msg : c->e[sel].path,
             msg && *msg ? A_BOLD : 0);
  draw_text (LINES - 1, 1, COLS - 2, "Enter open  Up/Down choose  q back", tty_attr (PAIR_DIM));
  /* The hardware cursor on the chosen lesson, for screen readers. */
  move (4 + (int) (sel - top), 4);
  refresh ();
}

enum screen_id
picker_run (struct app *a)
{
  const struct catalog *c = a->catalog;
  size_t sel = 0, top = 0;
  char msg[400] = "";

  if (!c || c->n == 0)
    return SCREEN_WALK;
  for (size_t i = 0; i < c->n; i++)
    if (strcmp (c->e[i].name, a->lesson_name) == 0)
      sel = i;
  curs_set (0);
  for (;;)
    {
      size_t rows = LINES > 6 ? (size_t) LINES - 6 : 1;
      if (sel < top)
        top = sel;
      if (sel >= top + rows)
        top = sel - rows + 1;
      draw (a, sel, top, msg);
      int ch = screen_next_key (a);
      if (ch == -1)
        return SCREEN_QUIT;
      if (ch == SCREEN_LEAVE)
        return SCREEN_MENU;
      msg[0] = '\0';
      if (ch == KEY_RESIZE)
        continue;
      if ((ch == KEY_UP || ch == 'k') && sel > 0)
        sel--;
      else if ((ch == KEY_DOWN || ch == 'j') && sel + 1 < c->n)
        sel++;
      else if (ch == 'q' || ch == 'Q')
        return SCREEN_MENU;
      else if (ch == 27 && screen_esc (a, msg, sizeof msg))
        return SCREEN_MENU;
      else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
        {
          const struct catalog_entry *e = &c->e[sel];
          struct lesson L;
          if (!e->ok || lesson_load (e->path, &L, NULL, NULL) != 0)
            {
              snprintf (msg, sizeof msg, "%.60s has errors: shmtutor --check %.200s shows them.",
                        e->name, e->path);
              continue;
            }
          /* The chosen lesson takes the place of the one open before. */
          lesson_free (a->lesson);
          *a->lesson = L;
          a->L = a->lesson;
          a->lesson_name = e->name;
          return SCREEN_WALK;
        }
    }
}
