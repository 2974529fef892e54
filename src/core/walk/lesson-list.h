/* lesson-list.h - the lessons found on this system: in the data folder given,
   in $XDG_DATA_HOME/shmtutor (~/.local/share/shmtutor) and in the installed
   folder, by name.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_LESSON_LIST_H
#define SHMTUTOR_LESSON_LIST_H

#include <stddef.h>

#define LESSON_LIST_MAX 256

struct lesson_entry {
  char name[64];            /* the file's name without .lesson */
  char path[4096];
  char title[128];          /* from the file, or why it cannot be used */
  char *source;             /* the file's source, or NULL */
  int ok;                   /* the file parses */
};

struct lesson_list {
  struct lesson_entry *e;
  size_t n;
};

/* Add the lessons of DIR/lessons, in name order, skipping names already
   listed (the folders added first win).  A missing folder adds nothing. */
void lesson_list_add_dir(struct lesson_list *c, const char *dir);

/* The entry called NAME, or NULL. */
const struct lesson_entry *lesson_list_find(const struct lesson_list *c, const char *name);

void lesson_list_free(struct lesson_list *c);

#endif
