/* test-theme.c - every colour pair of the screens reads on a projector:
   its contrast on the standard xterm palette is at least 4.5:1 (WCAG's
   relative luminance), as drawn, bold and reversed where it is, and bold
   where a caller may make it so.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <math.h>

#include "tap.h"
#include "theme.h"
#include "tty.h"

/* xterm's default palette: the eight colours, then their bright forms,
   which many terminals draw for bold text. */
static const unsigned xterm[16] = {
  0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
  0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

static double
channel (unsigned v)
{
  double c = v / 255.0;
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (unsigned rgb)
{
  return 0.2126 * channel (rgb >> 16 & 255) + 0.7152 * channel (rgb >> 8 & 255)
    + 0.0722 * channel (rgb & 255);
}

/* The contrast of the text and its background as a terminal draws them:
   bold brightens the foreground colour, then reverse swaps the two. */
static double
contrast (enum theme_color fg, enum theme_color bg, int bold, int reverse)
{
  unsigned f = xterm[fg + (bold ? 8 : 0)], b = xterm[bg];
  if (reverse)
    {
      unsigned t = f;
      f = b;
      b = t;
    }
  double lf = luminance (f), lb = luminance (b);
  return (fmax (lf, lb) + 0.05) / (fmin (lf, lb) + 0.05);
}

int
main (void)
{
  /* The formula itself: bright white on black is 21:1, a colour on itself
     1:1, and bold black on green (grey) fails. */
  tap_ok (fabs (contrast (T_WHITE, T_BLACK, 1, 0) - 21.0) < 0.01,
          "the formula: bright white on black is 21:1");
  tap_ok (fabs (contrast (T_WHITE, T_WHITE, 0, 0) - 1.0) < 1e-9, "the formula: a colour on "
          "itself is 1:1");
  tap_ok (contrast (T_BLACK, T_GREEN, 1, 0) < 4.5, "the formula: bold (grey) black on green "
          "fails, as the issue saw it");

  for (size_t i = 0; i < sizeof theme / sizeof theme[0]; i++)
    {
      const struct theme_pair *t = &theme[i];
      tap_int (t->pair, (int) i + 1, "pair %d is the theme's entry %zu", t->pair, i + 1);
      int bold = (t->flags & THEME_BOLD) != 0, rev = (t->flags & THEME_REVERSE) != 0;
      double c = contrast (t->fg, t->bg, bold, rev);
      tap_ok (c >= 4.5, "%s: %.1f:1 as drawn", t->what, c);
      if (t->flags & THEME_MAY_BOLD)
        {
          c = contrast (t->fg, t->bg, 1, rev);
          tap_ok (c >= 4.5, "%s: %.1f:1 in bold", t->what, c);
        }
      tap_ok (t->fg != T_BLACK || !(t->flags & (THEME_BOLD | THEME_MAY_BOLD)),
              "%s: black text is never bold", t->what);
    }
  tap_int (sizeof theme / sizeof theme[0], PAIR_END - 1, "the theme has an entry for each pair");

  /* The hex view's byte classes: on black like the rest, and each in a
     foreground of its own, so that the colours tell them apart as well
     as the glyphs do. */
  for (int p = PAIR_NUL; p <= PAIR_HIGH && p <= (int) (sizeof theme / sizeof theme[0]); p++)
    {
      const struct theme_pair *t = &theme[p - 1];
      int alone = 1;
      for (int q = PAIR_NUL; q < p; q++)
        if (theme[q - 1].fg == t->fg)
          alone = 0;
      tap_ok (t->bg == T_BLACK && !(t->flags & THEME_REVERSE), "%s: drawn on black", t->what);
      tap_ok (alone, "%s: no other byte class has its colour", t->what);
    }
  return tap_done ();
}
