/* lesson.h - lesson files: a program to show and steps the engine runs.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_LESSON_H
#define SHMTUTOR_LESSON_H

#include <stddef.h>

#include "lines.h"    /* parse_error_fn */
#include "shm.h"

/* Limits that keep a hostile file from costing much. */
#define LESSON_MAX_BYTES (256 * 1024)
#define LESSON_MAX_LINE 1024
#define LESSON_MAX_STEPS 64
#define LESSON_MAX_PROGRAM 200
#define LESSON_MAX_TEXT 4096
#define LESSON_MAX_CHOICES 4

struct lesson_step {
  char *name;               /* unique within the lesson */
  enum shm_action action;
  struct shm_args args;     /* its strings point into the step's own copies */
  char *path, *text, *format;
  int prompt;               /* write: ask the learner for the text */
  int line, line_end;       /* program lines to mark, 1-based; 0 for none */
  char *explain;            /* paragraphs separated by '\n' */
  char *note;               /* for the instructor; may be NULL */
  char *ask;                /* predict, then run: the question, or NULL */
  char *choices[LESSON_MAX_CHOICES];
  int nchoices;
  int right;                /* 1-based */
  int file_line;            /* where the step starts in the lesson file */
};

struct lesson {
  char *title;
  char *source;             /* where the lesson comes from; may be NULL */
  char **program;           /* the corrected program, one string a line */
  size_t nprogram;
  struct lesson_step *steps;
  size_t nsteps;
};

/* Parse LEN bytes of BUF (named FILE in messages) into L.  Returns the
   number of errors reported through ERR; L is filled only when that is 0
   (otherwise it is left empty, safe to lesson_free). */
int lesson_parse(const char *buf, size_t len, const char *file, struct lesson *L,
                 parse_error_fn err, void *ctx);

/* Read and parse the file PATH.  Returns as lesson_parse; a file that
   cannot be read counts as one error. */
int lesson_load(const char *path, struct lesson *L, parse_error_fn err, void *ctx);

/* Free what L holds and empty it. */
void lesson_free(struct lesson *L);

#endif
