/* menu.c - the main menu: one line per screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "exercise-report.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

/* The menu's items: the screens of the table that have a key, in its
   order; found once. */
static const struct screen_entry *items[16];
static int nitems;

static void
find_items (void)
{
  if (nitems)
    return;
  for (int i = 0; i < screen_count && nitems < 16; i++)
    if (screen_table[i].key)
      items[nitems++] = &screen_table[i];
}
#define NITEMS nitems

struct menu {
  struct app *app;
  const char *msg;
};

static int sel;                 /* the item chosen, kept between visits */

static void
draw (void *ctx)
{
  const struct menu *m = ctx;
  const struct app *a = m->app;
  const char *msg = m->msg;
  char line[160];
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  snprintf (line, sizeof line, " shmtutor \xc2\xb7 %s", a->L->title);
  draw_text (0, 0, COLS - 12, line, tty_strong (PAIR_TITLE));
  draw_text (0, COLS - 8, 8, "q quit ", tty_attr (PAIR_TITLE));
  int y0 = 3;
  draw_text (y0 - 1, 4, COLS - 8, "Choose with the arrows or j/k and Enter, or press the key "
             "in brackets.", 0);
  for (int i = 0; i < NITEMS; i++)
    {
      int y = y0 + 1 + 2 * i, attr = i == sel ? tty_strong (PAIR_CURRENT) : 0;
      char done[64] = "";
      if (items[i]->id == SCREEN_EXERCISES && a->exercises && a->exercises->n)
        snprintf (done, sizeof done, " (%zu of %zu done)", report_passed (a->exercises, a->store),
                  a->exercises->n);
      snprintf (line, sizeof line, "%s [%c] %-12s %s%s", i == sel ? ">" : " ", items[i]->key,
                items[i]->label, items[i]->what, done);
      if (i == sel)
        draw_fill (y, 3, COLS - 6, attr);
      draw_text (y, 4, COLS - 8, line, attr);
    }
  if (msg && *msg)
    draw_para (LINES - 4, 4, COLS - 8, 3, msg, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, "Enter open  Up/Down choose  q quit",
             tty_attr (PAIR_DIM));
  /* The hardware cursor sits on the chosen item, for screen readers. */
  move (y0 + 1 + 2 * sel, 4);
}

/* With more than one lesson, the walkthrough starts with the lesson list. */
static enum screen_id
chosen (const struct app *a, enum screen_id s)
{
  return s == SCREEN_WALK && a->lessons && a->lessons->n > 1 ? SCREEN_LESSONS : s;
}

static void *
open_menu (struct app *a)
{
  struct menu *m = xcalloc (1, sizeof *m);
  find_items ();
  m->app = a;
  m->msg = a->store->warning;
  a->warned = 1;
  curs_set (0);
  return m;
}

static void
close_menu (void *ctx)
{
  free (ctx);
}

static int
key (void *ctx, int ch)
{
  struct menu *m = ctx;
  if (ch == KEY_UP || ch == 'k')
    sel = (sel + NITEMS - 1) % NITEMS;
  else if (ch == KEY_DOWN || ch == 'j')
    sel = (sel + 1) % NITEMS;
  else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER || ch == KEY_RIGHT)
    return chosen (m->app, items[sel]->id);
  else if (ch == 'Q')
    return SCREEN_QUIT;
  else if (ch == 27)
    m->msg = "Esc goes back, and the menu is the first screen: q quits.";
  else if (ch == 's')
    return SCREEN_CONSOLE;      /* the console's key before it was c (habits, old --play files) */
  else
    for (int i = 0; i < NITEMS; i++)
      if (ch == items[i]->key)
        {
          sel = i;
          return chosen (m->app, items[i]->id);
        }
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "Up Down k j", "choose" },
  { "Enter Right", "open what is chosen" },
  { "w z f g c x", "open that screen at once" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Q Ctrl-C", "quit" },
};

static const struct screen menu = {
  "menu", SCREEN_QUIT, keys, (int) (sizeof keys / sizeof keys[0]),
  open_menu, close_menu, NULL, draw, key, NULL,
};

enum screen_id
menu_run (struct app *a)
{
  return screen_run (a, &menu);
}
