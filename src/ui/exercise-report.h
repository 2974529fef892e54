/* exercise-report.h - a check's report as lines: the build, each run's
   calls, pages and output, each check and the verdict.  The line mode
   prints them; the exercise screen shows and scrolls them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_REPORT_H
#define SHMTUTOR_EXERCISE_REPORT_H

#include <stddef.h>

#include "exercise-list.h"
#include "exercise.h"
#include "grade.h"
#include "store.h"

/* What a line is, for the way it is shown. */
enum report_kind {
  REPORT_TEXT,      /* words (the screen wraps them) */
  REPORT_HEAD,      /* a section's first line */
  REPORT_PASS,      /* a check passed, or the exercise */
  REPORT_FAIL,      /* a check failed, not yet, no compiler */
  REPORT_CODE,      /* a call, a line of output or of the compiler: as it is */
  REPORT_HEX,       /* a row of a page's bytes */
};

struct report_sink {
  /* One line, TEXT indented by INDENT blanks ("" is an empty line). */
  void (*line) (void *ctx, enum report_kind kind, int indent, const char *text);
  /* The bytes of a /dev/zero page read at a munmap, from process PROC
     (0 the first, then its children), before its rows are told: may be
     NULL. */
  void (*page) (void *ctx, int proc, const unsigned char *bytes, size_t n);
  void *ctx;
};

/* The build: its line, then what the compiler said. */
void report_build (const struct grade *g, const struct report_sink *s);
/* Each run: how it ended, its calls of /dev/zero and of processes, the
   pages read at their munmap (their rows that are not all zero), its
   output and standard error, and the note on what it left open. */
void report_runs (const struct exercise *x, const struct grade *g, const struct report_sink *s);
/* Each check, pass or FAIL, worded as the file words it, and what was seen. */
void report_checks (const struct exercise *x, const struct grade *g, const struct report_sink *s);
/* One line: "Passed: every check, N of N." or "Not yet: ...".  RC is
   grade_exercise's. */
void report_verdict (const struct exercise *x, const struct grade *g, int rc,
                     const struct report_sink *s);

/* The state of exercise NAME in ST in words, into BUF: "not started",
   "failing 2026-12-01", "passed 2026-12-01".  Returns BUF. */
const char *report_state_text (const struct store *st, const char *name, char *buf, size_t len);

/* How many of the exercises C have passed. */
size_t report_passed (const struct exercise_list *c, const struct store *st);

#endif
