/* store-int.h - what store.c (the folder, the lock, the atomic save) and
   store-text.c (the file's text and the index of items) share.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_STORE_INT_H
#define SHMTUTOR_STORE_INT_H

#include <stdio.h>

#include "store.h"

#define HEADER "shmtutor-progress 1"
#define STORE_MAX_LINE 511      /* bytes of one line, its newline not counted */

/* Forget every item of ST (the file is not touched). */
void store_clear (struct store *st);

/* Write ST's items as a progress file to F; the caller checks the writes
   (outfile_commit). */
void store_write (const struct store *st, FILE *f);

#endif
