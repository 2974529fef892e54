/* exercise-list.h - the exercises found: in the data folder, the user's
   folder and the installed one, in their order.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_LIST_H
#define SHMTUTOR_EXERCISE_LIST_H

#include <stddef.h>

#define EXERCISE_LIST_MAX 256

struct exercise_entry {
  char name[64];            /* the file's name without .exercise */
  char path[4096];
  int number;               /* its number: line, or 0 */
  char title[128];          /* from the file, or why it cannot be used */
  char file[72];            /* the learner's file's name ("seed.c"); "" when not ok */
  int ok;                   /* the file parses */
};

struct exercise_list {
  struct exercise_entry *e;
  size_t n;
};

/* Add the exercises of DIR/exercises, skipping names already listed (an
   earlier folder wins a name) and names that are not shown as they are
   (a control character, not UTF-8). */
void exercise_list_add_dir (struct exercise_list *c, const char *dir);

/* Put C in the order a learner meets them: by number (none last), then
   by name. */
void exercise_list_sort (struct exercise_list *c);

/* The exercise called NAME, or NULL. */
const struct exercise_entry *exercise_list_find (const struct exercise_list *c,
                                                 const char *name);

/* The exercise WORD names: by its name, else by its place in the order
   ("3", as the list numbers them).  NULL when none. */
const struct exercise_entry *exercise_list_lookup (const struct exercise_list *c,
                                                   const char *word);

void exercise_list_free (struct exercise_list *c);

#endif
