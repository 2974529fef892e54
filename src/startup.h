/* startup.h - between the options and the screens: finding and reading the
   lessons, the decks and the progress, then running the screens.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_STARTUP_H
#define SHMTUTOR_STARTUP_H

#include <stdint.h>

#include "screens.h"
#include "status.h"     /* the exit statuses */

#define DEFAULT_LESSON "shared-memory"

/* What the command line asked for. */
struct opts {
  const char *data_dir;         /* --data-dir, or NULL */
  const char *lesson;           /* a name or a path */
  enum screen_id screen;
  int program, save, notes, no_skip, plain, predict;
  long start_step, delay_ms;
  const char *record_file, *play_file;
  uint64_t seed;
  const char *work_dir;         /* --work-dir, or NULL */
  const char *exercise;         /* "exercise NAME" on the full screen: NAME */
};

/* --check FILE...: lessons and decks (by their .deck ending).  Returns the
   exit status. */
int startup_check(char **files, int n);

/* --reset: ask, then forget the progress.  Returns the exit status. */
int startup_reset(void);

/* The exercises in the line mode: listed (NAME NULL), or exercise NAME
   checked.  Returns the exit status. */
int startup_exercises(const struct opts *o, const char *name);

/* Everything else: read what O names and run its screens.  Returns the
   exit status (or dies of the signal that ended the screens). */
int startup_run(const struct opts *o);

#endif
