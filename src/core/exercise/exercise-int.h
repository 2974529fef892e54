/* exercise-int.h - what exercise.c (the file) and exercise-check.c (the
   check and inject lines) share.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_INT_H
#define SHMTUTOR_EXERCISE_INT_H

#include "exercise.h"
#include "lines.h"

struct xparser {
  struct parse_report rep;
  struct exercise *x;
};

/* A "check:" line's value V at LINE, added to P's exercise. */
void exercise_check_line (struct xparser *p, int line, const char *v);

/* An "inject:" line's value V at LINE. */
void exercise_inject_line (struct xparser *p, int line, const char *v);

/* Free what M holds. */
void exercise_match_free (struct ex_match *m);

#endif
