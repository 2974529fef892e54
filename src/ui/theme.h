/* theme.h - the colours of the screens, as data: for each colour pair its
   foreground, background and the attributes it always has.  No curses
   here, so that a test can check every pair's contrast without a
   terminal (tests/test-theme.c, on the xterm palette).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_THEME_H
#define SHMTUTOR_THEME_H

/* The eight ANSI colours, numbered as curses' COLOR_ constants are. */
enum theme_color { T_BLACK, T_RED, T_GREEN, T_YELLOW, T_BLUE, T_MAGENTA, T_CYAN, T_WHITE };

#define THEME_BOLD 1            /* the pair is always drawn bold */
#define THEME_REVERSE 2         /* ... and reversed: foreground and background swap */
#define THEME_MAY_BOLD 4        /* a caller may add bold (the bright foreground reads too) */

struct theme_pair {
  int pair;                     /* enum tty_pair */
  enum theme_color fg, bg;
  int flags;
  const char *what;             /* what the pair marks */
};

/* The pairs, in the order of enum tty_pair from 1.  Black text is never
   bold: many terminals draw bold black as grey, which washes out on
   green or yellow.  Changed bytes are yellow on black, reversed and bold:
   black on bright yellow, and reverse and bold say "changed" without
   colour too.  The hex view's byte classes (core/byteclass.h) come last,
   each on black: their glyphs tell them apart without colour.  Only four
   of the eight colours reach 4.5:1 on black as they are; the fifth class,
   other ASCII (control bytes), is bold magenta: bright magenta, as most
   terminals draw it. */
static const struct theme_pair theme[] = {
  { 1, T_WHITE, T_BLUE, THEME_MAY_BOLD, "the title bar" },
  { 2, T_YELLOW, T_BLACK, THEME_REVERSE | THEME_BOLD, "changed bytes" },
  { 3, T_BLACK, T_GREEN, 0, "the current line and the selected item" },
  { 4, T_RED, T_BLACK, THEME_BOLD, "errors" },
  { 5, T_CYAN, T_BLACK, THEME_MAY_BOLD, "the key bar and quiet text" },
  { 6, T_WHITE, T_BLACK, 0, "NUL bytes in the hex view" },
  { 7, T_CYAN, T_BLACK, 0, "printable ASCII bytes" },
  { 8, T_GREEN, T_BLACK, 0, "ASCII whitespace bytes" },
  { 9, T_MAGENTA, T_BLACK, THEME_BOLD, "other ASCII bytes (control characters)" },
  { 10, T_YELLOW, T_BLACK, 0, "non-ASCII bytes" },
};

#endif
