/* plain-exercise.h - the exercises in the line mode.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_PLAIN_EXERCISE_H
#define SHMTUTOR_PLAIN_EXERCISE_H

#include "exercise-list.h"

/* With NAME NULL, list the exercises C (startup_exercise_list's), with
   each one's state; else check exercise NAME, its
   learner's file in WORK_DIR (NULL: $XDG_DATA_HOME/shmtutor/work), made
   there from the starting file the first time, and print the report.
   SAVE 0: the result is not kept.  Returns the exit status: 0 passed (or
   the list), 1 not yet, 65 no such exercise or a broken file, 66 the
   learner's file cannot be read, 73 it cannot be made. */
int plain_exercises_run (const struct exercise_list *c, const char *work_dir, const char *name,
                         int save);

#endif
