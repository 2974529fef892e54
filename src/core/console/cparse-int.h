/* cparse-int.h - what the two halves of the console's parser share:
   cparse.c (statements, comments, lines that go on) and cparse-expr.c
   (expressions, types, and writing them back as C).  Nothing else
   includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_CPARSE_INT_H
#define SHMTUTOR_CPARSE_INT_H

#include <setjmp.h>
#include <stddef.h>

#include "cparse.h"

struct cp {
  const char *s;            /* the line, comments blanked out */
  size_t at;
  struct cp_stmt *st;
  jmp_buf fail;
  int col;
  char *err;
  size_t errlen;
};

void cp_fail (struct cp *p, size_t at, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4), noreturn));
void cp_blanks (struct cp *p);
int cp_peek (struct cp *p);
void cp_expect (struct cp *p, char c);
/* Does the line go on with S at p->at (blanks skipped)? */
int cp_at (struct cp *p, const char *s);
/* A name at p->at into OUT; 0 when there is none (nothing consumed). */
int cp_name (struct cp *p, char *out);
/* Is a type's first word at p->at? */
int cp_type_start (struct cp *p);
/* A type: specifiers, then any '*'. */
void cp_type (struct cp *p, struct cp_type *t);
/* An expression into E (its root, column and text). */
void cp_expr (struct cp *p, struct cp_expr *e);
/* The text of E from the line, FROM to TO (0-based, TO excluded). */
void cp_expr_text (struct cp *p, struct cp_expr *e, size_t from, size_t to);

/* (cparse-split.c) LINE with its comments made blanks, into OUT (as long
   as LINE), every column where it was typed.  -1 when a comment is not
   closed. */
int cp_blank_comments (const char *line, char *out);
/* (cparse-expr.c) A binary operator as C writes it. */
const char *cp_op_text (int op);

#endif
