/* cparse.h - the call console's language: one line of C-like text, such as
   `p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0)` or `p[5] = 'x'`,
   parsed into a statement; nothing runs here.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_CPARSE_H
#define SHMTUTOR_CPARSE_H

#include <stddef.h>

#define CP_MAX_LINE 512
#define CP_MAX_ARGS 8
#define CP_MAX_TERMS 8
#define CP_NAME 32

enum cp_term_kind { CP_NUM, CP_STR, CP_NAME_T };

/* One operand: a number ('x' is a number too), a string, or a name (a
   variable or a constant such as PROT_READ or NULL).  OP is the operator
   before it: 0 for the first, else '+', '-' or '|'. */
struct cp_term {
  enum cp_term_kind kind;
  char op;
  long long num;
  char *str;                /* CP_STR: the bytes, escapes undone */
  char name[CP_NAME];
  int col;                  /* 1-based column in the line */
};

struct cp_expr {
  struct cp_term t[CP_MAX_TERMS];
  int n;
  int col;
  char text[128];           /* as typed, blanks at the ends trimmed */
};

enum cp_kind {
  CP_EMPTY,     /* a blank line */
  CP_HELP,      /* help */
  CP_QUIT,      /* quit */
  CP_SAVE,      /* save FILE */
  CP_CALL,      /* [name =] fn(args) */
  CP_STORE      /* name[index] = value */
};

struct cp_stmt {
  enum cp_kind kind;
  char assign[CP_NAME];     /* CP_CALL: the variable assigned, or "" */
  char fn[CP_NAME];         /* CP_CALL: the function */
  struct cp_expr args[CP_MAX_ARGS];
  int nargs;
  char target[CP_NAME];     /* CP_STORE: the pointer variable */
  struct cp_expr index, value;
  char file[256];           /* CP_SAVE */
};

/* Parse LINE into ST.  Returns 0, or -1 with *COL set to the 1-based column
   where parsing stopped and a message in ERR (size ERRLEN).  cp_free must
   be called on ST either way. */
int cp_parse(const char *line, struct cp_stmt *st, int *col, char *err, size_t errlen);

/* Free the strings ST holds. */
void cp_free(struct cp_stmt *st);

#endif
