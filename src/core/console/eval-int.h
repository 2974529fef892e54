/* eval-int.h - what the parts of the call console's engine share (the
   eval*.c files: state and statements, expressions, C's integers,
   variables, values shown, blocks, printf and kin, the calls, fork, the
   view and the guarded loads and stores, the program saved, the names).
   Nothing outside them includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EVAL_INT_H
#define SHMTUTOR_EVAL_INT_H

#include "eval.h"

#define CHILD_TEXT "hello from the child"


/* A value an expression evaluates to. */
struct val {
  enum { V_NUM, V_STR, V_PTR } kind;
  long long num;            /* V_NUM; V_PTR at EV_RAW: the address itself */
  const char *str;          /* V_STR */
  size_t len;               /* V_STR: its bytes, the NUL not counted */
  int map;                  /* V_PTR: index into maps, -1 for buf, EV_RAW */
  size_t off;
  enum cp_base elem;        /* V_PTR: what it points at: CT_VOID, CT_CHAR, CT_UCHAR */
  int elem_const;           /* V_PTR: and it is const (const char *) */
  enum cp_base ty;          /* V_NUM: its C type (promoted: CT_INT, CT_UINT, CT_LONG,
                               CT_ULONG; CT_NONE is an int); an unsigned long's
                               bits are in num */
  int col;                  /* where the expression starts in the line */
};

/* A pointer to no mapping of the console's: NULL, MAP_FAILED, or a cast
   number.  Nothing is ever read or written through one. */
#define EV_RAW (-2)

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
  int unlisted;             /* its help is on another call's line */
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
/* eval-stdio.c */
int ev_do_printf (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_puts (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_perror (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_fflush (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_wait (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_exit (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
int ev_do_pure (struct evaluator *, const struct cp_stmt *, struct val *, struct call_record *);
/* The text of FMT with the values A[0..N-1], as printf makes it, into OUT
   (LEN bytes, *USED); a %s of an address reads the string there under
   the guard.  0, or refused or faulted in R. */
int ev_format (struct evaluator *ev, const struct val *fmt, const struct val *a, int n,
               char *out, size_t len, size_t *used, struct call_record *r);
/* A char * argument of CALL: refused when it is an unsigned char *. */
int ev_char_arg (struct evaluator *ev, const struct val *v, const char *call,
                 struct call_record *r);
/* Append N bytes of TEXT to what the statement printed. */
void ev_print (struct evaluator *ev, const char *text, size_t n);
/* A call that may stand inside an expression (sysconf, getpagesize,
   strlen): its value into OUT; 1 when NAME is one, -1 when refused. */
int ev_pure (struct evaluator *ev, const char *name, const struct val *a, int n,
             struct val *out, struct call_record *r);

/* eval.c */
struct ev_var *ev_var_find (struct evaluator *ev, const char *name);
int ev_holds_fd (const struct evaluator *ev, long long fd);
/* Refuse the statement: "(not run)" and why, and the column (0: none) to
   mark.  Returns -1. */
int ev_refuse (struct evaluator *ev, struct call_record *r, int col, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
/* (eval-save.c) Keep a line of C for save. */
void ev_keep (struct evaluator *ev, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
/* (eval-value.c) The value of ST's expression E. */
int ev_value (struct evaluator *ev, const struct cp_stmt *st, const struct cp_expr *e,
              struct val *out, struct call_record *r);
/* The value of ST's node I. */
int ev_node (struct evaluator *ev, const struct cp_stmt *st, int i, struct val *out,
             struct call_record *r);
/* (eval-arith.c) V converted to the integer type B, as gcc does on this
   machine (64-bit types keep the bits). */
long long ev_convert (long long v, enum cp_base b);
/* B after the integer promotions: CT_INT, CT_UINT, CT_LONG or CT_ULONG. */
enum cp_base ev_promote (enum cp_base b);
int ev_unsigned (enum cp_base b);
/* "an int", "an unsigned long", ... */
const char *ev_type_name (enum cp_base b);
/* A literal's type, from its digits and its suffix, as C gives it. */
enum cp_base ev_literal_type (const struct cp_node *n);
/* V (a number) as C prints it: signed or unsigned by its type. */
void ev_num_text (const struct val *v, char *buf, size_t len);
/* A == B and kin, in the type the usual arithmetic conversions give. */
int ev_compare_num (int op, const struct val *a, const struct val *b, long long *out);
/* A op B in C's types: wraps when unsigned, refused when C's behaviour is
   undefined (a signed overflow, a shift too far, a division by zero). */
int ev_arith (struct evaluator *ev, int op, const struct val *a, const struct val *b,
              struct val *out, int col, struct call_record *r);
/* -V, ~V or !V. */
int ev_negate (struct evaluator *ev, int op, struct val *v, int col, struct call_record *r);
/* P moved BY bytes, within its mapping (its end included), else refused. */
int ev_move (struct evaluator *ev, struct val *p, long long by, int col, struct call_record *r);
/* Is V NULL (0, or a null address)? */
int ev_is_null (const struct val *v);
/* Read N bytes at V into DST under the guard (after ev_check). */
int ev_load (const struct evaluator *ev, const struct val *v, void *dst, size_t n,
             struct call_record *r);
/* The string at V (a NUL before its mapping's end), read page by page
   under the guard so that no page past its NUL is touched, into OUT
   (LEN bytes); its length into *N. */
int ev_load_string (struct evaluator *ev, const struct val *v, char *out, size_t len, size_t *n,
                    struct call_record *r);
/* The name a pointer value is about ("p's mapping", "buf"), for refusals. */
const char *ev_where (const struct evaluator *ev, const struct val *v, char *buf, size_t len);
/* (eval-view.c) Where V points, or NULL when it is not an address. */
unsigned char *ev_addr (const struct evaluator *ev, const struct val *v);
/* May N bytes at V be touched?  0, or refused. */
int ev_check (struct evaluator *ev, const struct val *v, size_t n, struct call_record *r);
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
/* E as C. */
void ev_expr_c (const struct cp_stmt *st, const struct cp_expr *e, char *buf, size_t len);
void ev_keep_call (struct evaluator *ev, const struct cp_stmt *st, const struct ev_call *c,
                   const char *type, int failed, const struct call_record *r);
/* (eval-show.c) V, the value of ST's expression, in words: "= 72 'H' (0x48)". */
void ev_value_words (const struct evaluator *ev, const struct cp_stmt *st, const struct val *v,
                     char *buf, size_t len);
/* Run ST, a CP_VALUE: its value in words, and in the output. */
int ev_run_value (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r);
/* A value shown (C its text), printed the same way by the saved program. */
void ev_keep_value (struct evaluator *ev, const char *c, int is_unsigned);
/* A statement that faulted, kept as a comment saying what happened. */
void ev_keep_fault (struct evaluator *ev, const struct call_record *r);

/* eval-vars.c */
/* May NAME be given a value of KIND, declared DECL (base CT_NONE: not
   declared)?  Its type into *TYPE. */
int ev_check_assign (struct evaluator *ev, const char *name, const struct cp_type *decl,
                     enum ev_kind kind, enum cp_base elem, struct cp_type *type,
                     struct call_record *r);
/* NAME now holds V (of KIND, typed TYPE); 1 when it is new. */
int ev_set_var (struct evaluator *ev, const char *name, enum ev_kind kind,
                const struct cp_type *type, const struct val *v);
/* "TYPE NAME" as C declares it, when FRESH, else "NAME". */
void ev_declared (const char *name, const struct cp_type *type, int fresh, char *buf, size_t len);
/* Is V, the constant value of node ROOT, one a char or short TYPE cannot hold? */
int ev_narrow_constant (const struct cp_stmt *st, int root, const struct val *v,
                        const struct cp_type *type);

#endif
