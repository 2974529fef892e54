/* grade.h - an exercise checked: the learner's file built with the
   system's compiler, run under the tracer (twice with an inject), and each
   check graded against what the kernel saw.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_GRADE_H
#define SHMTUTOR_GRADE_H

#include <stddef.h>

#include "exercise.h"
#include "trace.h"

#define GRADE_MAX_DIAG (16 * 1024)  /* bytes of the compiler's words kept */
#define GRADE_MAX_SOURCE (256 * 1024)

/* The build. */
struct grade_build {
  int ran;                  /* the compiler ran */
  int no_compiler;          /* none was found: say which package gives one */
  int status;               /* its exit status */
  int errors, warnings;     /* its "error:" and "warning:" lines */
  char cc[128];             /* the compiler, as named ($CC, else cc) */
  char *diag;               /* what it said, NUL-ended */
};

/* One check's result. */
struct grade_result {
  int pass;
  char said[600];           /* what was seen, in words: why it passes, or what instead */
};

struct grade {
  struct grade_build build;
  int nruns;                /* 0: the build failed; 1; 2 with an inject */
  struct trace_run runs[2];
  struct grade_result results[EXERCISE_MAX_CHECKS];
  size_t npass;
  int passed;               /* built, and every check passed */
  char why[300];            /* when nothing could be checked: the file unreadable... */
};

/* Check exercise X against the learner's file SOURCE_PATH: build it in a
   temporary folder (removed after), run it, grade each check.  Returns 0
   with *G filled (G->passed says whether the exercise is done), or -1 when
   it could not be checked at all (G->why), or was stopped (trace_set_stop).  *G is to be freed with
   grade_free. */
int grade_exercise (const struct exercise *x, const char *source_path, struct grade *g);

void grade_free (struct grade *g);

/* Call C of run R written as strace writes it ("mmap(NULL, 4096,
   PROT_READ|PROT_WRITE, MAP_SHARED, 3</dev/zero>, 0) = 0x7f..."), into
   BUF (size LEN).  Returns BUF. */
char *grade_call_text (const struct trace_call *c, char *buf, size_t len);

/* How run R ended, in words ("exited with status 0", "killed by SIGSEGV
   (Segmentation fault)"), into BUF.  Returns BUF. */
char *grade_end_text (const struct trace_run *r, char *buf, size_t len);

#endif
