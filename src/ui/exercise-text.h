/* exercise-text.h - what the exercise screen scrolls through: the task,
   the hints shown so far and the latest check's report, wrapped to the
   screen's width.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_TEXT_H
#define SHMTUTOR_EXERCISE_TEXT_H

#include <stddef.h>

#include "exercise-report.h"
#include "exercise.h"
#include "pageview.h"

struct ex_text {
  struct ex_line {
    enum report_kind kind;
    int indent;
    char *text;
  } *lines;                     /* the latest check's report */
  size_t n;
  struct page_view *pv;         /* where a page read at a munmap goes */
  size_t pages;                 /* pages the report read */
};

/* A sink that keeps the report's lines in T (the ctx is T) and loads
   each page into T->pv, the bytes that differ from the page before
   marked. */
struct report_sink ex_text_sink (struct ex_text *t);

/* Take the last line off T into *OUT (the caller frees OUT->text): the
   verdict, shown on a line of its own.  0, or -1 when T is empty. */
int ex_text_pop (struct ex_text *t, struct ex_line *out);

/* Forget the report (the page stays in T->pv). */
void ex_text_clear (struct ex_text *t);

/* The attribute a line of KIND is drawn in. */
int ex_text_attr (enum report_kind kind);

/* Lay out X's task, its first HINTS hints and T's report, W columns wide:
   with DRAW, draw the rows from TOP on, at most NROWS of them, from row
   Y0.  Returns the rows it all takes; *CHECK_ROW gets the row where the
   report begins, *HINT_ROW the row where the last hint shown begins
   (either may be NULL). */
size_t ex_text_layout (const struct exercise *x, size_t hints, const struct ex_text *t,
                       int draw, size_t top, int y0, int nrows, int w, size_t *check_row,
                       size_t *hint_row);

#endif
