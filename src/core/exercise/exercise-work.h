/* exercise-work.h - the learner's files: made from the starting file the
   first time, never written over after, and set back to it on request
   with the learner's version kept.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_WORK_H
#define SHMTUTOR_EXERCISE_WORK_H

#include <stddef.h>

#include "exercise.h"

#define EXERCISE_PATH_MAX 4400

/* The work folder when --work-dir gives none: $XDG_DATA_HOME/shmtutor/work
   (or ~/.local/share/shmtutor/work), into BUF.  NULL when there is none. */
const char *exercise_work_default (char *buf, size_t len);

/* The learner's file of X in the folder WORK, into PATH (LEN bytes).  When
   it is not there yet, WORK is made (with the folders above it) and the
   file written from the starting file: *MADE is 1.  Returns 0, or -1 with
   what went wrong in ERR (ERRLEN bytes). */
int exercise_learner_file (const struct exercise *x, const char *work, char *path, size_t len,
                           int *made, char *err, size_t errlen);

/* Set the learner's file PATH of X back to the starting file.  What it
   held is kept first, under a name not taken: PATH.orig, else PATH.orig.2
   up to PATH.orig.99, put in KEPT (KEPTLEN bytes; "" when nothing needed
   keeping: the file was missing or was the starting file already).  The
   learner's version gets its new name (a hard link, else a copy) before
   the file is replaced (renamed over, never truncated), so it is never
   lost.
   Returns 0, or -1 with ERR. */
int exercise_reset (const struct exercise *x, const char *path, char *kept, size_t keptlen,
                    char *err, size_t errlen);

#endif
