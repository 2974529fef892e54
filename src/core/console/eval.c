/* eval.c - the call console's engine: its state, the values of
   arguments, the checks of every address, and running a statement.
   Every address is checked against the console's own mappings before it
   is used; the deliberate faults (a PROT_READ page written, a page of a
   former mapping touched) are caught by guard_run.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "kview.h"
#include "names.h"
#include "pages.h"
#include "eval-int.h"
#include "text.h"

/* ---- state ------------------------------------------------------------ */

void
ev_init (struct evaluator *ev, int save)
{
  long pg = sysconf (_SC_PAGESIZE);
  memset (ev, 0, sizeof *ev);
  ev->page = pg > 0 ? (size_t) pg : 4096;
  ev->current = -1;
  ev->pending = -1;
  ev->allow_save = save;
  ev->allow_fork = 1;
  pview_init (&ev->view, ev->page, "nothing mapped yet");
  kview_none (&ev->kv);
  guard_init ();
}

void
ev_free (struct evaluator *ev)
{
  for (int i = 0; i < ev->nmaps; i++)
    if (ev->maps[i].live || ev->maps[i].reserved)
      munmap (ev->maps[i].addr, ev->maps[i].span);
  for (int i = 0; i < ev->nfds; i++)
    close (ev->fds[i]);
  for (int i = 0; i < ev->nlines; i++)
    free (ev->lines[i]);
  pview_clear (&ev->view, "");
  ev_init (ev, ev->allow_save);
}

struct ev_var *
ev_var_find (struct evaluator *ev, const char *name)
{
  for (int i = 0; i < ev->nvars; i++)
    if (strcmp (ev->vars[i].name, name) == 0)
      return &ev->vars[i];
  return NULL;
}

int
ev_holds_fd (const struct evaluator *ev, long long fd)
{
  for (int i = 0; i < ev->nfds; i++)
    if (ev->fds[i] == fd)
      return i;
  return -1;
}

int
ev_refuse (struct evaluator *ev, struct call_record *r, int col, const char *fmt, ...)
{
  va_list ap;
  r->refused = 1;
  snprintf (r->result, sizeof r->result, "(not run)");
  va_start (ap, fmt);
  vsnprintf (r->explain, sizeof r->explain, fmt, ap);
  va_end (ap);
  if (!ev->col)
    ev->col = col;
  return -1;
}

/* May N bytes at V be touched?  A live mapping or buf, within its end; a
   former mapping only when nothing else has been mapped there since (the
   touch then faults, as the demo wants).  Returns 0 or refuses. */
int
ev_check (struct evaluator *ev, const struct val *v, size_t n, struct call_record *r)
{
  char where[96];
  if (v->kind != V_PTR || v->map == EV_RAW)
    return ev_refuse (ev, r, v->col, "that is not an address in one of the console's "
                      "mappings%s", v->kind == V_PTR && ev_is_null (v) ? ": it is NULL"
                      : v->kind == V_PTR && v->num == -1 ? ": it is MAP_FAILED" : "");
  if (v->map < 0)
    return v->off <= EV_BUF && n <= EV_BUF - v->off ? 0
      : ev_refuse (ev, r, v->col, "%zu byte%s from offset %zu run%s past the end of buf (%d "
                   "bytes)", n, n == 1 ? "" : "s", v->off, n == 1 ? "s" : "", EV_BUF);
  const struct ev_map *m = &ev->maps[v->map];
  if (v->off > m->span || n > m->span - v->off)
    return ev_refuse (ev, r, v->col, "%zu byte%s from offset %zu run%s past the end of %s", n,
                      n == 1 ? "" : "s", v->off, n == 1 ? "s" : "",
                      ev_where (ev, v, where, sizeof where));
  /* A former mapping: its whole range is the console's PROT_NONE
     reservation, so the touch faults and reaches nothing else.  Without
     one (the kernel would not give it), the console does not touch it. */
  if (!m->live && !m->reserved)
    return ev_refuse (ev, r, v->col, "that mapping is gone, and its addresses may be another's "
                      "now");
  ev->touched = v->map;
  return 0;
}

/* ---- statements ------------------------------------------------------- */

const struct ev_call *
ev_find_call (const char *name)
{
  for (int i = 0; i < ev_ncalls; i++)
    if (strcmp (ev_calls[i].name, name) == 0)
      return &ev_calls[i];
  return NULL;
}

static int
run_set (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  struct val v;
  struct cp_type type;
  char c[EV_TEXT], lhs[80];
  ev_expr_c (st, &st->value, c, sizeof c);
  snprintf (r->call, sizeof r->call, "%s%s%s = %.220s%s", st->decl.text,
            st->decl.base && (!st->decl.ptr || st->decl.ptr_const) ? " " : "", st->assign, c,
            strlen (c) > 220 ? "..." : "");
  if (ev_value (ev, st, &st->value, &v, r))
    return -1;
  if (v.kind == V_STR)
    return ev_refuse (ev, r, st->value.col, "the console keeps the addresses of its mappings "
                      "and of buf: strcpy(p, \"text\") puts a string into one");
  enum ev_kind kind = v.kind == V_PTR ? EV_PTR : EV_INT;
  if (ev_check_assign (ev, st->assign, &st->decl, kind, v.elem, &type, r))
    return -1;
  if (kind == EV_PTR && v.map != EV_RAW)
    {
      /* As gcc -Wall takes an address: no const dropped, and a char * is
         no unsigned char * without a cast (-Wpointer-sign). */
      int want_u = type.base == CT_UCHAR, have_u = v.elem == CT_UCHAR;
      if (v.elem_const && !type.konst)
        return ev_refuse (ev, r, st->value.col, "that address points at const bytes, and %s "
                          "is %s: C keeps the const (const char *%s)", st->assign, type.text,
                          st->assign);
      if (type.base != CT_VOID && v.elem != CT_VOID && want_u != have_u)
        return ev_refuse (ev, r, st->value.col, "that is %s, and %s %s: C wants a cast, as in "
                          "(%s)%s", have_u ? "an unsigned char *" : "a char *", st->assign,
                          want_u ? "an unsigned char *" : "a char *", type.text, c);
    }
  if (kind == EV_INT && ev_narrow_constant (st, st->value.root, &v, &type))
    {
      char num[32];
      ev_num_text (&v, num, sizeof num);
      return ev_refuse (ev, r, st->value.col, "%s does not fit in %s %s: gcc -Wall refuses "
                        "the constant (overflow in conversion, it would be %lld)", num,
                        type.base == CT_UCHAR || type.base == CT_USHORT ? "an" : "a",
                        type.text, ev_convert (v.num, type.base));
    }
  int fresh = ev_set_var (ev, st->assign, kind, &type, &v);
  if (kind != EV_PTR)
    {
      /* What the name holds now: the value converted to its type. */
      v.num = ev_var_find (ev, st->assign)->v;
      v.ty = type.base;
    }
  ev_value_words (ev, st, &v, r->result, sizeof r->result);
  ev_declared (st->assign, &type, fresh, lhs, sizeof lhs);
  ev_keep (ev, "%s = %s;", lhs, c);
  return 0;
}

static int
run_store (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  struct val at, idx = { .kind = V_NUM }, v;
  char *t = ev->text[0], *x = ev->text[1], *val = ev->text[2];
  ev_expr_c (st, &st->target, t, EV_TEXT);
  ev_expr_c (st, &st->index, x, EV_TEXT);
  ev_expr_c (st, &st->value, val, EV_TEXT);
  if (st->star)
    snprintf (r->call, sizeof r->call, "*%.150s = %.150s", t, val);
  else
    snprintf (r->call, sizeof r->call, "%.100s[%.100s] = %.100s", t, x, val);
  if (ev_value (ev, st, &st->target, &at, r)
      || (!st->star && ev_value (ev, st, &st->index, &idx, r))
      || ev_value (ev, st, &st->value, &v, r))
    return -1;
  if (at.kind != V_PTR)
    return ev_refuse (ev, r, st->target.col, "%s is not an address: a store goes through one, "
                      "from mmap or buf", t);
  if (at.elem == CT_VOID && at.map != EV_RAW)
    return ev_refuse (ev, r, st->target.col, "%s is a void *: C stores nothing through one; "
                      "a cast does, as in *(char *)p = 'A'", t);
  if (idx.kind != V_NUM || v.kind != V_NUM)
    return ev_refuse (ev, r, v.kind != V_NUM ? st->value.col : st->index.col, "a store takes a "
                      "number (a character is a number): p[0] = 'A'");
  at.col = st->target.col;
  if (!st->star && ev_move (ev, &at, idx.num, st->index.col, r))
    return -1;
  if (ev_check (ev, &at, 1, r))
    return -1;
  if (v.num < -128 || v.num > 255)
    return ev_refuse (ev, r, st->value.col, "a byte holds -128 to 255, not %lld", v.num);
  unsigned char b = (unsigned char) v.num;
  if (ev_store (ev, &at, &b, 1, -1, r))
    return -1;
  snprintf (r->result, sizeof r->result, "= %lld", (long long) b);
  if (st->star)
    ev_keep (ev, "*%s = %s;", t, val);
  else
    ev_keep (ev, "%s[%s] = %s;", t, x, val);
  return 0;
}

static int
run_call (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  struct val a[CP_MAX_ARGS];
  char args[EV_TEXT];
  const struct ev_call *c = ev_find_call (st->fn);
  ev_arg_text (st, args, sizeof args);
  /* Cut, when very long, so that the result still fits beside it. */
  snprintf (r->call, sizeof r->call, "%.40s%s%.31s%s%.31s(%.200s)", st->decl.text,
            st->decl.base && (!st->decl.ptr || st->decl.ptr_const) ? " " : "", st->assign,
            st->assign[0] ? " = " : "",
            st->fn, args);
  if (!c)
    return ev_refuse (ev, r, st->fn_col, "'%s' is not a call the console makes: help lists "
                      "those it does", st->fn);
  if (st->nargs < c->min || st->nargs > c->max)
    {
      /* munmap(p) and kin: the call as it would be, with p's length. */
      struct val p;
      struct call_record scratch;
      char where[96];
      memset (&scratch, 0, sizeof scratch);
      if (st->nargs >= 1 && (c->fn == ev_do_munmap || c->fn == ev_do_mprotect
                             || c->fn == ev_do_msync || c->fn == ev_do_mincore)
          && ev_value (ev, st, &st->args[0], &p, &scratch) == 0 && p.kind == V_PTR
          && p.map >= 0 && ev->maps[p.map].live && p.off == 0)
        {
          ev->col = 0;
          return ev_refuse (ev, r, st->fn_col, "%s takes %d arguments: %s(%s, %zu%s), %s",
                            c->name, c->min, c->name, st->args[0].text, ev->maps[p.map].len,
                            c->min > 2 ? ", ..." : "", ev_where (ev, &p, where, sizeof where));
        }
      ev->col = 0;
      return ev_refuse (ev, r, st->fn_col, "%s takes %d%s argument%s: %s", c->name, c->min,
                        c->max > c->min ? " or more" : "", c->min == 1 ? "" : "s", c->help);
    }
  for (int i = 0; i < st->nargs; i++)
    {
      /* fflush's stream is a name, not a value the console keeps. */
      const struct cp_node *n = cp_node (st, st->args[i].root);
      if (c->fn == ev_do_fflush && n && n->kind == CP_NAME_T && !n->paren
          && (strcmp (n->name, "stdout") == 0 || strcmp (n->name, "stderr") == 0))
        {
          memset (&a[i], 0, sizeof a[i]);
          a[i].kind = V_NUM;
          a[i].num = n->name[3] == 'o' ? 1 : 2;
          continue;
        }
      if (ev_value (ev, st, &st->args[i], &a[i], r))
        return -1;
    }
  struct cp_type type;
  enum ev_kind kind = st->cast.base ? (st->cast.ptr ? EV_PTR : EV_INT) : c->returns;
  if (st->assign[0] && c->returns == EV_NONE)
    return ev_refuse (ev, r, st->fn_col, c->fn == ev_do_strcpy || c->fn == ev_do_memset
                      ? "the console does not keep what %s returns (its first argument)"
                      : "%s returns no value (void): there is nothing to keep", c->name);
  if (st->assign[0] && ev_check_assign (ev, st->assign, &st->decl, kind,
                                     st->cast.base ? st->cast.base : CT_CHAR, &type, r))
    return -1;
  for (int i = 0; i < st->nargs && ev->touched < 0; i++)
    if (a[i].kind == V_PTR && a[i].map >= 0)
      ev->touched = a[i].map;
  int rc = c->fn (ev, st, a, r);
  if (r->refused)
    return -1;
  if (r->fault)
    {
      ev_keep_fault (ev, r);
      return -1;
    }
  if (rc != 0 && r->err)
    ev->err = r->err;
  char lhs[80] = "";
  if (st->assign[0])
    {
      /* As in C: a failed call leaves -1, or MAP_FAILED, in the name. */
      struct val v = { .kind = V_NUM, .num = r->ret };
      if (kind == EV_PTR)
        {
          /* mmap's address is one of the console's mappings; a number
             cast to an address ((char *) printf(...)) is none of them. */
          v.kind = V_PTR;
          v.map = rc == 0 && c->returns == EV_PTR ? ev->current : EV_RAW;
          v.num = rc == 0 && c->returns == EV_PTR ? 0 : c->returns == EV_PTR ? -1 : r->ret;
          v.elem = st->cast.base ? st->cast.base : CT_CHAR;
        }
      ev_declared (st->assign, &type, ev_set_var (ev, st->assign, kind, &type, &v), lhs, sizeof lhs);
    }
  if (rc == 0 && c->fn == ev_do_pure && !st->assign[0]
      && !(st->cast.base == CT_VOID && !st->cast.ptr))
    {
      /* sysconf(_SC_PAGESIZE) alone: a value shown, as an expression is. */
      char line[EV_TEXT + 40];
      int uns = strcmp (c->name, "strlen") == 0;     /* a size_t */
      int n = snprintf (line, sizeof line, uns ? "%s(%s): %llu\n" : "%s(%s): %lld\n", c->name,
                        args, r->ret);
      ev_print (ev, line, (size_t) n < sizeof line ? (size_t) n : sizeof line - 1);
      snprintf (line, sizeof line, "%s(%s)", c->name, args);
      ev_keep_value (ev, line, uns);
      return 0;
    }
  ev_keep_call (ev, st, c, lhs, rc != 0, r);
  return rc;
}

int
ev_run (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  int before = ev->current, rc = -1;

  memset (r, 0, sizeof *r);
  kview_none (&r->kv);
  r->minflt = -1;
  ev->col = 0;
  ev->nprinted = 0;
  ev->printed[0] = '\0';
  ev->touched = -1;
  ev->by_design = 0;
  long f0 = inspect_minflt ();
  switch (st->kind)
    {
    case CP_STORE: rc = run_store (ev, st, r); break;
    case CP_SET: rc = run_set (ev, st, r); break;
    case CP_VALUE: rc = ev_run_value (ev, st, r); break;
    case CP_CALL: rc = run_call (ev, st, r); break;
    default: return ev_refuse (ev, r, 0, "not a statement the console runs");
    }
  long f1 = inspect_minflt ();
  r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
  if (r->fault && st->kind != CP_CALL)
    ev_keep_fault (ev, r);
  /* The view follows the mapping the statement touched, so that its
     figures are the ones the statement changed. */
  int target = ev->touched;
  if (target >= 0 && target < ev->nmaps && ev->maps[target].live)
    ev->current = target;
  /* The figures first, then the view: it reads only what they say is
     present, so it changes none of them. */
  if (ev->current >= 0 && ev->maps[ev->current].live)
    {
      const struct ev_map *m = &ev->maps[ev->current];
      kview_take (&r->kv, m->addr, m->span, ev->page);
    }
  ev->kv = r->kv;
  ev_view (ev, before == ev->current, &ev->kv);
  return rc;
}
