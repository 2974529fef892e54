/* help.h - the help overlay: every key of a screen, from its key table.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_HELP_H
#define SHMTUTOR_HELP_H

/* One line of help: the keys, as written for people, and what they do. */
struct help_line {
  const char *keys;
  const char *what;
};

/* A line of a key table that names no key: in its place the legend of the
   hex view's byte classes (help_legend), on the lines it needs. */
#define HELP_BYTE_CLASSES { "hex view bytes", NULL }

/* Draw a framed overlay titled TITLE listing N lines over the screen. */
void help_draw(const char *title, const struct help_line *lines, int n);

/* The legend of the hex view's byte classes from (Y, X), W columns wide:
   each class's glyph (as the ASCII column shows it) and bytes in hex, in
   the class's colours, then its name; as many to a line as fit.  Returns
   the lines it took. */
int help_legend(int y, int x, int w);

/* The lines help_legend takes in W columns. */
int help_legend_lines(int w);

#endif
