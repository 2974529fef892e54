/* help.c - the help overlay: every key of a screen, from its key table.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byteclass.h"
#include "draw.h"
#include "help.h"
#include "tty.h"

/* The byte each class is shown by in the legend. */
static const unsigned char sample[BYTE_CLASSES] = {
  [BYTE_NUL] = 0x00, [BYTE_PRINT] = 'A', [BYTE_SPACE] = '\t', [BYTE_OTHER] = 0x01,
  [BYTE_HIGH] = 0x80,
};

#define LEGEND_GAP 2            /* columns between two classes */

/* Lay the legend out in W columns from (Y, X), drawing it when DRAW.
   Returns the lines it takes. */
static int
legend_layout (int y, int x, int w, int draw)
{
  int line = 0, col = 0;
  for (int c = 0; c < BYTE_CLASSES; c++)
    {
      char own[2], mark[40], name[40];
      snprintf (mark, sizeof mark, "%s %s", byte_cell (sample[c], tty_utf8 (), own),
                byte_class_bytes ((enum byte_class) c));
      snprintf (name, sizeof name, " %s", byte_class_name ((enum byte_class) c));
      int width = draw_width (mark, strlen (mark)) + (int) strlen (name);
      if (col > 0 && col + LEGEND_GAP + width > w)
        {
          line++;
          col = 0;
        }
      else if (col > 0)
        col += LEGEND_GAP;
      if (draw)
        {
          int n = draw_text (y + line, x + col, w - col, mark,
                             draw_class_attr ((enum byte_class) c));
          draw_text (y + line, x + col + n, w - col - n, name, 0);
        }
      col += width;
    }
  return line + 1;
}

int
help_legend (int y, int x, int w)
{
  return legend_layout (y, x, w, 1);
}

int
help_legend_lines (int w)
{
  return legend_layout (0, 0, w, 0);
}

/* The lines help line L takes, its text W columns wide: a long one wraps. */
static int
line_height (const struct help_line *l, int w)
{
  return l->what ? draw_lines (l->what, w) : help_legend_lines (w);
}

void
help_draw (const char *title, const struct help_line *lines, int n)
{
  /* As wide as the terminal lets it be, up to 100 columns: the keys in 20,
     what they do wrapped in the rest. */
  int w = COLS - 2 < 100 ? COLS - 2 : 100, tw = w - 25;
  int rows = 0;
  for (int i = 0; i < n; i++)
    rows += line_height (&lines[i], tw);
  int h = rows + 4;
  if (h > LINES)
    h = LINES;
  int y = (LINES - h) / 2, x = (COLS - w) / 2;

  for (int r = 0; r < h; r++)
    draw_fill (y + r, x, w, 0);
  draw_box (y, x, h, w, title);
  int i = 0;
  for (int r = 0; i < n; i++)
    {
      int lh = line_height (&lines[i], tw);
      if (r + lh > h - 4)
        break;
      draw_text (y + 1 + r, x + 2, 20, lines[i].keys, A_BOLD);
      if (lines[i].what)
        draw_para (y + 1 + r, x + 23, tw, lh, lines[i].what, 0);
      else
        help_legend (y + 1 + r, x + 23, tw);
      r += lh;
    }
  if (i < n)
    {
      /* Not all of it fits: say so where the last line would go. */
      char more[96];
      snprintf (more, sizeof more, "%s %d more: a taller terminal shows them all.",
                draw_cut_mark (), n - i);
      draw_text (y + h - 3, x + 2, w - 4, more, A_DIM);
    }
  draw_text (y + h - 2, x + 2, w - 4, "Press any key to close this help.", 0);
}
