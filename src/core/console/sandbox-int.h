/* sandbox-int.h - what the parts of the call console's engine share:
   sandbox.c (state, values, running a statement), sandbox-calls.c (each
   call; sandbox-fork.c the fork demo), sandbox-view.c (the view and the
   guarded stores) and sandbox-save.c (the C program of what worked).  Nothing outside
   them includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_SANDBOX_INT_H
#define SHMTUTOR_SANDBOX_INT_H

#include "sandbox.h"

#define CHILD_TEXT "hello from the child"

/* A value an argument evaluates to. */
struct val {
  enum { V_NUM, V_STR, V_PTR } kind;
  long long num;
  const char *str;          /* V_STR */
  int map;                  /* V_PTR: index into maps, or -1 for buf */
  size_t off;
};


typedef int (*call_fn) (struct sandbox *, const struct cp_stmt *, struct val *,
                        struct call_record *);

/* A call the console knows: name, arguments (fewest, most), what it
   returns, how it runs, one line of help. */
struct sb_call {
  const char *name;
  int min, max;
  enum sb_kind returns;
  call_fn fn;
  const char *help;
};

extern const struct sb_call sb_calls[];
extern const int sb_ncalls;

/* The calls (sandbox-calls.c). */
int sb_do_open (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_mmap (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_mprotect (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_munmap (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_msync (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_mincore (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_close (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_read (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_write (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_strcpy (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_memset (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_sprintf (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);
int sb_do_fork (struct sandbox *, const struct cp_stmt *, struct val *, struct call_record *);

/* sandbox.c */
struct sb_var *sb_var_find (struct sandbox *sb, const char *name);
int sb_holds_fd (const struct sandbox *sb, long long fd);
/* (sandbox-save.c) Keep a line of C for save. */
void sb_keep (struct sandbox *sb, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
int sb_value (struct sandbox *sb, const struct cp_expr *e, struct val *out, struct call_record *r);
/* (sandbox-view.c) Where V points, or NULL when it is not an address. */
unsigned char *sb_addr (const struct sandbox *sb, const struct val *v);
/* May N bytes at V be touched?  0, or refused. */
int sb_check (const struct sandbox *sb, const struct val *v, size_t n, struct call_record *r);
/* (sandbox-view.c) Store N bytes of SRC (or the byte B, N times) at AT, a
   fault caught and told about in R. */
int sb_store (const struct sandbox *sb, const struct val *at, const void *src, size_t n, int b,
              struct call_record *r);
const struct sb_call *sb_find_call (const char *name);

/* sandbox-view.c */
/* Copy the pages of the shown mapping that K (its figures, taken after the
   statement; NULL: take them now) says are present into the view; SAME: it
   was shown before the statement too, so what changed can be marked. */
void sb_view (struct sandbox *sb, int same, const struct kview *k);

/* sandbox-names.c */
/* Is NAME a constant (PROT_READ, NULL, ...)?  Its value into *V. */
int sb_constant (const char *name, long long *v);
/* Is NAME one a variable may not take (C's, or the console's own)? */
int sb_reserved (const char *name);

/* sandbox-save.c */
void sb_arg_text (const struct cp_stmt *st, char *buf, size_t len);
void sb_keep_call (struct sandbox *sb, const struct cp_stmt *st, const struct sb_call *c,
                   int declare);

#endif
