/* cparse.h - the call console's language: one statement of the lesson's
   C, such as `char *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);`,
   `p[5] = 'x'`, `printf("%s\n", (char *)p)` or `p == MAP_FAILED`, parsed
   into a statement; nothing runs here.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_CPARSE_H
#define SHMTUTOR_CPARSE_H

#include <stddef.h>

#define CP_MAX_LINE 512
#define CP_MAX_ARGS 8
#define CP_MAX_NODES 96           /* operands and operators a statement */
#define CP_NAME 32

/* The types the console knows, as C spells them. */
enum cp_base {
  CT_NONE, CT_VOID, CT_CHAR, CT_SCHAR, CT_UCHAR, CT_SHORT, CT_USHORT, CT_INT, CT_UINT,
  CT_LONG, CT_ULONG, CT_LLONG, CT_ULLONG, CT_SIZE, CT_SSIZE, CT_OFF, CT_PID
};

struct cp_type {
  enum cp_base base;        /* CT_NONE: no type was written */
  int ptr;                  /* how many '*' */
  int konst;                /* const: the value, or what the pointer points at */
  int ptr_const;            /* char *const p: the pointer itself */
  char text[48];            /* as C writes it: "const char *", "unsigned long" */
};

enum cp_node_kind {
  CP_NUM,       /* 8192, 0x41, 'x' */
  CP_STR,       /* "text" */
  CP_NAME_T,    /* a variable or a constant: fd, PROT_READ, NULL */
  CP_UNARY,     /* op a: - ! ~ * & */
  CP_BINARY,    /* a op b */
  CP_INDEX,     /* a[b] */
  CP_CAST,      /* (type) a */
  CP_SIZEOF,    /* sizeof (type), or sizeof a */
  CP_FN         /* name(args), inside an expression */
};

/* Binary operators beyond the one-character ones (+ - * / % | & ^ < >). */
enum { CP_LE = 256, CP_GE, CP_EQ, CP_NE, CP_SHL, CP_SHR, CP_ANDAND, CP_OROR };

struct cp_node {
  enum cp_node_kind kind;
  int op;
  int a, b;                 /* operands: indexes into the statement's nodes */
  long long num;
  int chr;                  /* CP_NUM written as a character literal */
  int paren;                /* written inside parentheses */
  char *str;                /* CP_STR: the bytes, escapes undone */
  size_t len;               /* CP_STR: how many */
  char lit[28];             /* CP_NUM: as typed */
  char name[CP_NAME];       /* CP_NAME_T, CP_FN */
  int args[CP_MAX_ARGS];    /* CP_FN */
  int nargs;
  struct cp_type type;      /* CP_CAST; CP_SIZEOF of a type (a is -1) */
  int col, end;             /* 1-based column of its first character, and
                               the column after its last */
};

struct cp_expr {
  int root;                 /* -1: none */
  int col;
  char text[CP_MAX_LINE + 1];   /* as typed, blanks at the ends trimmed */
};

/* What a line the console does not run begins (CP_ASIDE). */
enum cp_block {
  CB_NONE,      /* nothing: #include, return, a declaration without a value */
  CB_IF, CB_ELSE, CB_ELSEIF,
  CB_LOOP,      /* while, for, do */
  CB_SWITCH,
  CB_FUNC,      /* a function's definition, other than main's */
  CB_MAIN,      /* main's */
  CB_BARE       /* a '{' alone */
};

enum cp_kind {
  CP_EMPTY,     /* a blank line, or a comment */
  CP_HELP,      /* help */
  CP_QUIT,      /* quit */
  CP_SAVE,      /* save FILE */
  CP_ASIDE,     /* a line of C the console does not run: #include, if, },
                   return ...; ASIDE says why (and COND, when >= 0, is an
                   if's or a while's condition whose value can be shown) */
  CP_CALL,      /* [type] [name =] fn(args) */
  CP_STORE,     /* target[index] = value, or *target = value */
  CP_SET,       /* [type] name = value, value without a call of its own */
  CP_VALUE      /* an expression alone: its value is shown */
};

struct cp_stmt {
  enum cp_kind kind;
  struct cp_type decl;      /* the declared type, when one was written */
  char assign[CP_NAME];     /* CP_CALL, CP_SET: the variable assigned, or "" */
  char fn[CP_NAME];         /* CP_CALL: the function */
  struct cp_expr args[CP_MAX_ARGS];
  int nargs;
  int fn_col;               /* CP_CALL: where the function's name starts */
  struct cp_expr target, index, value;
  int star;                 /* CP_STORE written *target = value */
  struct cp_type cast;      /* CP_CALL: a cast of its result, (char *) mmap(...) */
  char file[256];           /* CP_SAVE */
  char aside[240];          /* CP_ASIDE */
  struct cp_expr cond;      /* CP_ASIDE: root -1 when none */
  enum cp_block block;      /* CP_ASIDE: what it begins */
  int opens, closes;        /* CP_ASIDE: it ends with '{', begins with '}' */
  int braceless;            /* CP_ASIDE: an if, else or loop whose body is
                               the next statement */
  struct cp_node n[CP_MAX_NODES];
  int nn;
};

/* Parse LINE into ST.  Returns 0, or -1 with *COL set to the 1-based column
   where parsing stopped and a message in ERR (size ERRLEN).  cp_free must
   be called on ST either way. */
int cp_parse(const char *line, struct cp_stmt *st, int *col, char *err, size_t errlen);

/* Free the strings ST holds. */
void cp_free(struct cp_stmt *st);

/* The next statement of TEXT (a line typed, or many pasted) from *AT:
   up to a ';' outside parentheses, strings and comments, or to a line's
   end where the statement is whole (no '(' or '[' open, no ',' or
   operator last; a '#' line ends with its line).  *START and *LEN say
   where it is and *AT moves past it.  Returns CP_PIECE_NONE when only
   blanks and comments are left, CP_PIECE_OPEN when what is left is a
   statement that the next line must go on with (*AT does not move). */
enum cp_piece { CP_PIECE_NONE, CP_PIECE_WHOLE, CP_PIECE_OPEN };
enum cp_piece cp_next(const char *text, size_t *at, size_t *start, size_t *len);

/* Node I of ST, or NULL for -1. */
const struct cp_node *cp_node(const struct cp_stmt *st, int i);

/* ST's node I as C, into BUF (LEN bytes, at *USED): parentheses where they
   were typed, strings written again from their bytes (quotes, '\' and '?'
   escaped, control bytes and non-ASCII in octal).  Returns nonzero when
   BUF was too small. */
int cp_node_c(const struct cp_stmt *st, int i, char *buf, size_t len, size_t *used);

#endif
