/* catalog.h - the lessons found on this system: in the data folder given,
   in $XDG_DATA_HOME/shmtutor (~/.local/share/shmtutor) and in the installed
   folder, by name.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_CATALOG_H
#define SHMTUTOR_CATALOG_H

#include <stddef.h>

#define CATALOG_MAX 256

struct catalog_entry {
  char name[64];            /* the file's name without .lesson */
  char path[4096];
  char title[128];          /* from the file, or why it cannot be used */
  int ok;                   /* the file parses */
};

struct catalog {
  struct catalog_entry *e;
  size_t n;
};

/* Add the lessons of DIR/lessons, in name order, skipping names already
   listed (the folders added first win).  A missing folder adds nothing. */
void catalog_add_dir(struct catalog *c, const char *dir);

/* The entry called NAME, or NULL. */
const struct catalog_entry *catalog_find(const struct catalog *c, const char *name);

void catalog_free(struct catalog *c);

#endif
