/* walkthrough.h - a walk through a lesson's steps on a live mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_WALKTHROUGH_H
#define SHMTUTOR_WALKTHROUGH_H

#include <stddef.h>

#include "lesson.h"
#include "shm.h"
#include "kshare.h"
#include "twin.h"

struct walkthrough {
  const struct lesson *L;
  struct shm shm;
  struct twin twin;         /* the child and the stranger, once a step made them */
  struct kshare ks;         /* [vvar], the clock's cost and an io_uring's rings */
  struct call_record *rec;   /* rec[i]: what step i did, for i < done */
  size_t done;              /* steps made so far; the current is done - 1 */
  char **texts;             /* per step: the learner's text, NULL = the lesson's */
};

/* Start a walkthrough of L with nothing made yet. */
void walkthrough_init(struct walkthrough *t, const struct lesson *L);

/* Unmap, close and free everything. */
void walkthrough_free(struct walkthrough *t);

/* Make steps until N are done (1 <= N <= the lesson's steps).  Going back
   starts again on a fresh mapping and replays the first N.  Returns 0, or
   -1 when N is out of range. */
int walkthrough_goto(struct walkthrough *t, size_t n);

/* Is ACTION one of the kernel's shared pages' (kshare_run's)? */
int walkthrough_kernel_action(int action);

/* Is the current step one of them, so that its view is the kernel's
   bytes (T->ks.view) and not the mapping's? */
int walkthrough_on_kernel(const struct walkthrough *t);

/* The step that would be made next, or NULL at the end. */
const struct lesson_step *walkthrough_upcoming(const struct walkthrough *t);

/* Use TEXT (copied; NULL = the lesson's) for write step I from now on. */
int walkthrough_set_text(struct walkthrough *t, size_t i, const char *text);

/* The text write step I uses. */
const char *walkthrough_text(const struct walkthrough *t, size_t i);

#endif
