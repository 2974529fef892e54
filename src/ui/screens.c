/* screens.c - what the screens share: waiting for keys, saving progress.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>

#include "demo.h"
#include "draw.h"
#include "screens.h"
#include "tty.h"

int
screen_key (struct app *a)
{
  for (;;)
    {
      if (tty_suspend_if_asked () && !tty_pending_signal ())
        return KEY_RESIZE;      /* back from Ctrl-Z: redraw it all */
      int sig = tty_pending_signal ();
      if (sig)
        {
          a->sig = sig;
          return -1;
        }
      int ch = demo_getch (100);
      if (ch != ERR)
        return ch;
    }
}

int
screen_next_key (struct app *a)
{
  for (;;)
    {
      int ch = screen_key (a);
      if (ch < 0 || ch == KEY_RESIZE || draw_big_enough ())
        return ch;
      /* Too small: the notice is up, and only q or Ctrl-D does anything. */
      if (ch == 'q' || ch == 'Q' || ch == 4)
        return SCREEN_LEAVE;
    }
}

void
screen_save (struct app *a, char *msg, unsigned long len)
{
  if (store_save (a->store) != 0 && msg && len)
    snprintf (msg, len, "%s", a->store->warning);
}

const char *
screen_warning (struct app *a)
{
  if (a->warned || !a->store->warning[0])
    return "";
  a->warned = 1;
  return a->store->warning;
}
