/* progress.h - what the progress store keeps for a walkthrough: where the
   learner reached in each lesson and how the predictions went.  The
   screens call these; none of them builds a store key.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_PROGRESS_H
#define SHMTUTOR_PROGRESS_H

#include "store.h"

/* The step the learner was at in LESSON (a name), or 0 when none is kept. */
int progress_walk_at(const struct store *st, const char *lesson);

/* The learner is at STEP of LESSON now.  Returns 0, or -1 when the name
   is too long for a key (nothing kept). */
int progress_walk_reached(struct store *st, const char *lesson, int step);

/* A prediction in LESSON was made: RIGHT or not.  Returns 0, or -1 as
   progress_walk_reached. */
int progress_predicted(struct store *st, const char *lesson, int right);

/* An exercise's state, as its last check left it. */
enum { PROGRESS_NOT_STARTED, PROGRESS_FAILING, PROGRESS_PASSED };

/* The state of EXERCISE (a name), and in *WHEN (when not NULL) the time
   of the check that left it so. */
int progress_exercise_state(const struct store *st, const char *exercise, long long *when);

/* EXERCISE was checked at WHEN: PASSED or not.  Returns 0, or -1 as
   progress_walk_reached. */
int progress_exercise_checked(struct store *st, const char *exercise, int passed,
                              long long when);

#endif
