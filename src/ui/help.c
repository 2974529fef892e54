/* help.c - the help overlay: every key of a screen, from its key table.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>

#include "draw.h"
#include "help.h"

void
help_draw (const char *title, const struct help_line *lines, int n)
{
  int w = COLS < 76 ? COLS : 76;
  int h = n + 4;
  if (h > LINES)
    h = LINES;
  int y = (LINES - h) / 2, x = (COLS - w) / 2;

  for (int r = 0; r < h; r++)
    draw_fill (y + r, x, w, 0);
  draw_box (y, x, h, w, title);
  for (int i = 0; i < n && i < h - 4; i++)
    {
      draw_text (y + 1 + i, x + 2, 20, lines[i].keys, A_BOLD);
      draw_text (y + 1 + i, x + 23, w - 25, lines[i].what, 0);
    }
  draw_text (y + h - 2, x + 2, w - 4, "Press any key to close this help.", 0);
}
