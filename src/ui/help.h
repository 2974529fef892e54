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

/* Draw a framed overlay titled TITLE listing N lines over the screen. */
void help_draw(const char *title, const struct help_line *lines, int n);

#endif
