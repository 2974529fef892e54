/* eval-int.h - what the parts of the call console's engine share:
   eval.c (state, values, running a statement), eval-calls.c (each
   call; eval-fork.c the fork demo), eval-view.c (the view and the
   guarded stores) and eval-save.c (the C program of what worked).  Nothing outside
   them includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EVAL_INT_H
#define SHMTUTOR_EVAL_INT_H

#include "eval.h"

#define CHILD_TEXT "hello from the child"

/* A value an argument evaluates to. */
struct val {
  enum { V_NUM, V_STR, V_PTR } kind;
  long long num;
  const char *str;          /* V_STR */
  int map;                  /* V_PTR: index into maps, or -1 for buf */
  size_t off;
};


typedef int (*call_fn) (struct evaluator *, const struct cp_stmt *, struct val *,
                        struct call_record *);

/* A call the console knows: name, arguments (fewest, most), what it
   returns, how it runs, one line of help. */
struct ev_call {
  const char *name;
  int min, max;
  enum ev_kind returns;
  call_fn fn;
  const char *help;
};

extern const struct ev_call ev_calls[];
extern const int ev_ncalls;

/* The calls (eval-calls.c). */
int ev_do_open (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_mmap (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_mprotect (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_munmap (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_msync (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_mincore (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_close (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_read (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_write (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_strcpy (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_memset (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_sprintf (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_fork (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);

/* eval.c */
struct ev_var *ev_var_find (struct evaluator *ev, const char *name);
int ev_holds_fd (const struct evaluator *ev, long long fd);
/* (eval-save.c) Keep a line of C for save. */
void ev_keep (struct evaluator *ev, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
int ev_value (struct evaluator *ev, const struct cp_expr *e, struct val *out, struct call_record *r);
/* (eval-view.c) Where V points, or NULL when it is not an address. */
unsigned char *ev_addr (const struct evaluator *ev, const struct val *v);
/* May N bytes at V be touched?  0, or refused. */
int ev_check (const struct evaluator *ev, const struct val *v, size_t n, struct call_record *r);
/* (eval-view.c) Store N bytes of SRC (or the byte B, N times) at AT, a
   fault caught and told about in R. */
int ev_store (const struct evaluator *ev, const struct val *at, const void *src, size_t n, int b,
              struct call_record *r);
const struct ev_call *ev_find_call (const char *name);

/* eval-view.c */
/* Copy the pages of the shown mapping that K (its figures, taken after the
   statement; NULL: take them now) says are present into the view; SAME: it
   was shown before the statement too, so what changed can be marked. */
void ev_view (struct evaluator *ev, int same, const struct kview *k);

/* eval-names.c */
/* Is NAME a constant (PROT_READ, NULL, ...)?  Its value into *V. */
int ev_constant (const char *name, long long *v);
/* Is NAME one a variable may not take (C's, or the console's own)? */
int ev_reserved (const char *name);

/* eval-save.c */
void ev_arg_text (const struct cp_stmt *st, char *buf, size_t len);
void ev_keep_call (struct evaluator *ev, const struct cp_stmt *st, const struct ev_call *c,
                   int declare);

#endif
