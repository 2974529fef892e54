/* grade-int.h - what grade.c (the checks) and build.c (the compiler)
   share.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_GRADE_INT_H
#define SHMTUTOR_GRADE_INT_H

#include "grade.h"

/* Build SOURCE into EXE with $CC (else cc) and -Wall -Wextra -g, into
   *B.  0 (B says how it went), or -1 when no process could be made. */
int grade_build (const char *source, const char *exe, struct grade_build *b);

#endif
