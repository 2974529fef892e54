/* tour.h - a walk through a lesson's steps on a live mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TOUR_H
#define SHMTUTOR_TOUR_H

#include <stddef.h>

#include "lesson.h"
#include "shm.h"

struct tour {
  const struct lesson *L;
  struct shm shm;
  struct call_record *rec;   /* rec[i]: what step i did, for i < done */
  size_t done;              /* steps made so far; the current is done - 1 */
  char **texts;             /* per step: the learner's text, NULL = the lesson's */
};

/* Start a tour of L with nothing made yet. */
void tour_init(struct tour *t, const struct lesson *L);

/* Unmap, close and free everything. */
void tour_free(struct tour *t);

/* Make steps until N are done (1 <= N <= the lesson's steps).  Going back
   starts again on a fresh mapping and replays the first N.  Returns 0, or
   -1 when N is out of range. */
int tour_goto(struct tour *t, size_t n);

/* The step that would be made next, or NULL at the end. */
const struct lesson_step *tour_upcoming(const struct tour *t);

/* Use TEXT (copied; NULL = the lesson's) for write step I from now on. */
int tour_set_text(struct tour *t, size_t i, const char *text);

/* The text write step I uses. */
const char *tour_text(const struct tour *t, size_t i);

#endif
