/* lesson-int.h - what the two halves of the lesson parser share: lesson.c
   (files, lines, the program) and lesson-step.c (a step's keys).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_LESSON_INT_H
#define SHMTUTOR_LESSON_INT_H

#include "lesson.h"

/* The keys a step may hold; a bit each, to catch duplicates. */
enum key {
  K_ACTION, K_PATH, K_FLAGS, K_PROT, K_LENGTH, K_OFFSET, K_TEXT, K_PROMPT,
  K_FORMAT, K_LINE, K_EXPLAIN, K_NOTE, K_ASK, K_CHOICE, K_RIGHT, K_NKEYS
};

struct parser {
  struct parse_report rep;  /* the file, where its errors go, their count */
  struct lesson *L;
  struct lesson_step *st;   /* the step being read, or NULL */
  unsigned seen;            /* keys seen in it */
  int key_line[K_NKEYS];    /* where each was */
  int action_bad;           /* an unknown action was reported already */
  char *flags;              /* raw flags, read when the action is known */
  size_t page;
};

/* "step: NAME" at LINE: the step before is complete, a new one begins. */
void lp_begin_step (struct parser *p, int line, const char *name);

/* The step being read is complete: check it. */
void lp_end_step (struct parser *p);

/* The key called NAME, or -1. */
int lp_key (const char *name);

/* Key K with value V at LINE, in the step being read. */
void lp_step_key (struct parser *p, int line, enum key k, const char *v);

#endif
