/* store.h - progress on disk: card schedules and where each walkthrough
   was left, in a text file written atomically under a lock.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_STORE_H
#define SHMTUTOR_STORE_H

#include <stddef.h>

#include "schedule.h"

#define STORE_MAX_BYTES (32 * 1024 * 1024)
#define STORE_MAX_KEY 128

struct store_item {
  char key[STORE_MAX_KEY];  /* "card term:mmap", "walk shared-memory", "predict ..." */
  struct sched_card card;   /* cards; predictions use its seen and right */
  int step;                 /* walks */
  int dirty;                /* changed since the last save */
};

struct store {
  char dir[1024];           /* the state folder */
  char path[1100];          /* DIR/progress */
  int save;                 /* 0: --no-save, or the folder cannot be written */
  struct store_item *items;
  size_t n, cap;
  size_t *index;            /* open-addressing hash of items, by key */
  size_t index_cap;
  char warning[2048];       /* for the screen; empty when all is well */
};

/* The state folder: $XDG_STATE_HOME/shmtutor, else ~/.local/state/shmtutor.
   Returns BUF, or NULL when neither variable is set. */
const char *store_default_dir(char *buf, size_t len);

/* Open the progress in DIR (created when missing) and read it.  SAVE 0
   keeps everything in memory.  A corrupt file is set aside (renamed with a
   ".corrupt-TIME" suffix) and a folder that cannot be written turns saving
   off: both leave a warning.  Returns 0. */
int store_open(struct store *st, const char *dir, int save);

/* Parse LEN bytes of progress into ST, replacing what it held.  Returns 0,
   or -1 with the reason in ST->warning when the text is not a progress
   file. */
int store_parse(struct store *st, const char *buf, size_t len);

/* The card or walk called KEY ("card ..." / "walk ..."), made when
   missing (NULL only when KEY is STORE_MAX_KEY bytes or longer). */
struct store_item *store_get(struct store *st, const char *key);

/* Look KEY up without making it. */
const struct store_item *store_find(const struct store *st, const char *key);

/* Write the items changed since the last save: under an exclusive lock,
   the file is read again, the changes applied, and the result written to
   a temporary file, synced and renamed over the old one, so another
   shmtutor's changes are kept and a crash leaves the old file or the new.
   Returns 0, or -1 with ST->warning set. */
int store_save(struct store *st);

/* Forget all progress: the file is removed.  Returns 0 or -1. */
int store_reset(struct store *st);

/* Free what ST holds. */
void store_close(struct store *st);

#endif
