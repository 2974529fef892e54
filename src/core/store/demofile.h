/* demofile.h - a recorded session's file (--record, --play): after a
   header line "shmtutor-demo 1", one key a line as "MILLISECONDS KEY" (the
   time since the key before, the key's curses code); lines that start with
   '#' and blank lines are skipped.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_DEMOFILE_H
#define SHMTUTOR_DEMOFILE_H

#include <stddef.h>

#include "lines.h"

#define DEMO_HEADER "shmtutor-demo 1"
#define DEMO_MAX_KEYS 100000
#define DEMO_MAX_BYTES (16 * 1024 * 1024)
#define DEMO_MAX_LINE DEMO_MAX_BYTES   /* a comment may be as long as it likes */

struct demo_key {
  int key;
  int gap_ms;                       /* since the key before */
};

struct demo_file {
  struct demo_key *keys;
  size_t n;
};

/* Parse LEN bytes of BUF (named FILE in messages) into D: keys from 0 to
   KEY_MAX.  Returns the number of errors reported through ERR (reading
   stops at the first: a demo is all or nothing); D is filled only when
   that is 0. */
int demo_parse(const char *buf, size_t len, const char *file, struct demo_file *d,
               int key_max, parse_error_fn err, void *ctx);

/* Read and parse PATH.  Returns -1 when it cannot be read (ERR told why),
   else as demo_parse. */
int demo_load(const char *path, struct demo_file *d, int key_max, parse_error_fn err,
              void *ctx);

/* Free what D holds and empty it. */
void demo_file_free(struct demo_file *d);

#endif
