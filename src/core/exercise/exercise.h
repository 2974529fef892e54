/* exercise.h - exercise files: a task, a starting C file, hints in order,
   and the checks the kernel's answers are graded by.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_H
#define SHMTUTOR_EXERCISE_H

#include <stddef.h>

#include "lines.h"

#define EXERCISE_MAX_BYTES (64 * 1024)  /* a file, at most */
#define EXERCISE_MAX_LINE 1024          /* a line, at most */
#define EXERCISE_MAX_START 400          /* lines of the starting file */
#define EXERCISE_MAX_HINTS 20
#define EXERCISE_MAX_CHECKS 40
#define EXERCISE_MAX_WORDS 8            /* the words of a calls or inject line */

/* What a check looks at. */
enum ex_check_kind {
  EX_SOURCE_HAS,      /* source has TEXT: the learner's file holds TEXT */
  EX_SOURCE_LACKS,    /* source lacks TEXT: ... does not */
  EX_PRINTS,          /* prints LINE: a line of standard output is LINE */
  EX_PRINTS_NO,       /* prints no TEXT: no line of standard output holds TEXT */
  EX_ERRORS,          /* errors TEXT: a line of standard error holds TEXT */
  EX_EXITS,           /* exits N: the program ends with status N */
  EX_CALLS,           /* calls NAME WORD...: a system call made so */
  EX_CATCHES,         /* catches SIGNAL: delivered, and survived */
  EX_FORKS,           /* forks: the program makes a child process */
  EX_NKINDS
};

/* The words of a "calls" or "inject" line, parsed: what the call's
   arguments must hold. */
struct ex_match {
  char *call;               /* the system call's name: "mmap", "openat" */
  long flags;               /* the flag bits named (MAP_*, PROT_*, O_*), all set */
  long prot;                /* PROT_* named (mmap, mprotect), all set */
  char *path;               /* a file the call names, or that its descriptor is */
  long len;                 /* len=N: the length argument; 0: any; -1: the page size */
  int by;                   /* 0 any process, 1 the first (the parent), 2 a child */
};

struct ex_check {
  enum ex_check_kind kind;
  int line;                 /* in the exercise file */
  int run;                  /* 0: the plain run; 1: the run with the inject */
  char *text;               /* the TEXT or LINE; the words as written, for
                               the report */
  int num;                  /* exits: the status; catches: the signal */
  struct ex_match m;        /* calls */
};

/* A second run in which one call fails. */
struct ex_inject {
  int line;                 /* 0: none */
  char *text;               /* as written */
  struct ex_match m;        /* the first call that matches... */
  int err;                  /* ...fails with this errno, the kernel not
                               making it */
};

struct exercise {
  char *name;               /* the file's name without .exercise */
  int number;               /* its place in the list: 1, 2, ...; 0 when not given */
  char *title;
  char *file;               /* the learner's file's name: "seed.c" */
  char **task;              /* the task, a line a paragraph */
  size_t ntask;
  char **hints;             /* in the order they are given */
  size_t nhints;
  char **start;             /* the starting file, a line each */
  size_t nstart;
  struct ex_check *checks;
  size_t nchecks;
  struct ex_inject inject;
};

/* Read the exercise PATH into *X (zeroed first), each error told through
   ERR (FILE:LINE: message).  Returns the number of errors: 0 when *X is
   whole.  *X is to be freed with exercise_free either way. */
int exercise_load (const char *path, struct exercise *x, parse_error_fn err, void *ctx);

/* The same for the LEN bytes at BUF, named FILE in the messages. */
int exercise_parse (const char *buf, size_t len, const char *file, struct exercise *x,
                    parse_error_fn err, void *ctx);

void exercise_free (struct exercise *x);

/* The starting file as one text (to be freed): its lines, each ending in
   a newline. */
char *exercise_start_text (const struct exercise *x);

/* The words a check's kind is written with ("prints", "source lacks"). */
const char *exercise_kind_name (enum ex_check_kind k);

#endif
