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

/* ---- values ----------------------------------------------------------- */

int
ev_value (struct evaluator *ev, const struct cp_expr *e, struct val *out, struct call_record *r)
{
  struct val acc = { V_NUM, 0, NULL, -1, 0 };
  for (int i = 0; i < e->n; i++)
    {
      const struct cp_term *t = &e->t[i];
      struct val v = { V_NUM, 0, NULL, -1, 0 };
      if (t->kind == CP_NUM)
        v.num = t->num;
      else if (t->kind == CP_STR)
        {
          v.kind = V_STR;
          v.str = t->str;
        }
      else
        {
          int found = 0;
          found = ev_constant (t->name, &v.num);
          if (!found && strcmp (t->name, "buf") == 0)
            {
              v.kind = V_PTR;
              v.map = -1;
              found = 1;
              ev->used |= EV_USED_BUF;    /* the saved program declares it */
            }
          const struct ev_var *sv = found ? NULL : ev_var_find (ev, t->name);
          if (sv)
            {
              if (sv->kind == EV_PTR)
                {
                  v.kind = V_PTR;
                  v.map = (int) sv->v;
                  v.off = sv->off;
                }
              else
                v.num = sv->v;
              found = 1;
            }
          if (!found)
            {
              char why[128];
              snprintf (why, sizeof why, "unknown name '%.31s' (column %d): help lists what "
                        "the console knows", t->name, t->col);
              return call_refuse (r, "%s", why);
            }
        }
      if (i == 0)
        {
          acc = v;
          continue;
        }
      if (acc.kind == V_STR || v.kind == V_STR)
        return call_refuse (r, "strings cannot be added%s", NULL);
      if (v.kind == V_PTR)
        {
          if (acc.kind == V_PTR || t->op != '+')
            return call_refuse (r, "only a number can be added to an address%s", NULL);
          long long off;
          if (__builtin_add_overflow ((long long) v.off, acc.num, &off) || off < 0
              || off > (long long) EV_MAX_PAGES * 65536)
            return call_refuse (r, "that address arithmetic leaves the mapping%s", NULL);
          v.off = (size_t) off;
          acc = v;
          continue;
        }
      if (acc.kind == V_PTR)
        {
          long long off;
          int over = t->op == '-' ? __builtin_sub_overflow ((long long) acc.off, v.num, &off)
            : __builtin_add_overflow ((long long) acc.off, v.num, &off);
          if (t->op == '|' || over || off < 0 || off > (long long) (EV_MAX_PAGES * 65536))
            return call_refuse (r, "that address arithmetic leaves the mapping%s", NULL);
          acc.off = (size_t) off;
          continue;
        }
      /* Checked: a sum past what a long long holds is refused, never
         wrapped (nor undefined). */
      long long sum;
      int over = t->op == '+' ? __builtin_add_overflow (acc.num, v.num, &sum)
        : t->op == '-' ? __builtin_sub_overflow (acc.num, v.num, &sum) : (sum = acc.num | v.num, 0);
      if (over)
        return call_refuse (r, "that sum does not fit in a long long (64 bits)%s", NULL);
      acc.num = sum;
    }
  *out = acc;
  return 0;
}


/* May N bytes at V be touched?  A live mapping or buf, within its end; a
   former mapping only when nothing else has been mapped there since (the
   touch then faults, as the demo wants).  Returns 0 or refuses. */
int
ev_check (const struct evaluator *ev, const struct val *v, size_t n, struct call_record *r)
{
  if (v->kind != V_PTR)
    return call_refuse (r, "that is not an address in one of the console's mappings%s", NULL);
  if (v->map < 0)
    return v->off <= EV_BUF && n <= EV_BUF - v->off ? 0
      : call_refuse (r, "buf holds 256 bytes%s", NULL);
  const struct ev_map *m = &ev->maps[v->map];
  if (v->off > m->span || n > m->span - v->off)
    return call_refuse (r, "that runs past the end of the mapping%s", NULL);
  /* A former mapping: its whole range is the console's PROT_NONE
     reservation, so the touch faults and reaches nothing else.  Without
     one (the kernel would not give it), the console does not touch it. */
  if (!m->live && !m->reserved)
    return call_refuse (r, "that mapping is gone, and its addresses may be another's now%s",
                        NULL);
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

/* May NAME be given a value of KIND? */
static int
check_assign (struct evaluator *ev, const char *name, enum ev_kind kind, struct call_record *r)
{
  if (ev_reserved (name))
    return call_refuse (r, "'%s' is a name the console or C keeps for itself", name);
  long long dummy;
  if (ev_constant (name, &dummy))
    return call_refuse (r, "'%s' is a constant", name);
  if (ev_find_call (name))
    return call_refuse (r, "'%s' is the name of a call", name);
  /* Names in capitals are the headers' macros (MAP_FIXED, EOF), and names
     starting with '_' are C's own: the saved program could not use them. */
  int caps = name[0] >= 'A' && name[0] <= 'Z';
  for (const char *p = name; *p && caps; p++)
    caps = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
  if (caps || name[0] == '_')
    return call_refuse (r, "'%s' looks like a name C keeps for macros: use lower case", name);
  const struct ev_var *v = ev_var_find (ev, name);
  if (v && v->kind != kind)
    return call_refuse (r, "'%s' holds another kind of value: choose a new name", name);
  if (!v && ev->nvars >= EV_MAX_VARS)
    return call_refuse (r, "the console keeps 32 variables at most%s", NULL);
  return 0;
}

static int
run_store (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  struct val idx, v;
  const struct ev_var *p = ev_var_find (ev, st->target);
  snprintf (r->call, sizeof r->call, "%s[%s] = %s", st->target, st->index.text, st->value.text);
  if (!p || p->kind != EV_PTR)
    return call_refuse (r, "'%s' is not an address from mmap", st->target);
  if (ev_value (ev, &st->index, &idx, r) || ev_value (ev, &st->value, &v, r))
    return -1;
  if (idx.kind != V_NUM || v.kind != V_NUM || idx.num < 0)
    return call_refuse (r, "p[index] = value takes numbers (a character is a number)%s", NULL);
  struct val at = { V_PTR, 0, NULL, (int) p->v, p->off + (size_t) idx.num };
  if (ev_check (ev, &at, 1, r))
    return -1;
  if (v.num < -128 || v.num > 255)
    return call_refuse (r, "a byte holds -128 to 255%s", NULL);
  unsigned char b = (unsigned char) v.num;
  if (ev_store (ev, &at, &b, 1, -1, r))
    return -1;
  snprintf (r->result, sizeof r->result, "= %lld", (long long) b);
  ev_keep (ev, "%s[%s] = %s;", st->target, st->index.text, st->value.text);
  return 0;
}

int
ev_run (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  struct val a[CP_MAX_ARGS];
  char args[600];
  int before = ev->current, rc;

  memset (r, 0, sizeof *r);
  kview_none (&r->kv);
  r->minflt = -1;
  int target = -1;          /* the mapping the statement touches */
  if (st->kind == CP_STORE)
    {
      const struct ev_var *p = ev_var_find (ev, st->target);
      if (p && p->kind == EV_PTR && p->v >= 0)
        target = (int) p->v;
      long f0 = inspect_minflt ();
      rc = run_store (ev, st, r);
      long f1 = inspect_minflt ();
      r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
    }
  else
    {
      const struct ev_call *c = ev_find_call (st->fn);
      ev_arg_text (st, args, sizeof args);
      /* Cut, when very long, so that the result still fits beside it. */
      snprintf (r->call, sizeof r->call, "%.31s%s%.31s(%.240s)", st->assign,
                st->assign[0] ? " = " : "", st->fn, args);
      if (!c)
        return call_refuse (r, "unknown call '%s': help lists the calls the console knows", st->fn);
      if (st->nargs < c->min || st->nargs > c->max)
        {
          char want[32];
          if (c->min == c->max)
            snprintf (want, sizeof want, "%d", c->min);
          else
            snprintf (want, sizeof want, "%d or more", c->min);
          r->refused = 1;
          snprintf (r->result, sizeof r->result, "(not run)");
          snprintf (r->explain, sizeof r->explain, "%s takes %s argument%s: %s", c->name, want,
                    c->min == 1 ? "" : "s", c->help);
          return -1;
        }
      for (int i = 0; i < st->nargs; i++)
        if (ev_value (ev, &st->args[i], &a[i], r))
          return -1;
      if (st->assign[0] && (c->fn == ev_do_strcpy || c->fn == ev_do_memset || c->fn == ev_do_fork))
        return call_refuse (r, "the console does not keep what %s returns", c->name);
      if (st->assign[0] && check_assign (ev, st->assign, c->returns, r))
        return -1;
      for (int i = 0; i < st->nargs && target < 0; i++)
        if (a[i].kind == V_PTR && a[i].map >= 0)
          target = a[i].map;
      long f0 = inspect_minflt ();
      rc = c->fn (ev, st, a, r);
      long f1 = inspect_minflt ();
      r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
      if (rc == 0 && !r->fault)
        {
          int declare = 0;
          if (st->assign[0])
            {
              struct ev_var *v = ev_var_find (ev, st->assign);
              if (!v)
                {
                  v = &ev->vars[ev->nvars++];
                  memset (v, 0, sizeof *v);
                  snprintf (v->name, sizeof v->name, "%s", st->assign);
                  v->kind = c->returns;
                  declare = 1;
                }
              v->v = c->returns == EV_PTR ? ev->current : r->ret;
              v->off = 0;
            }
          ev_keep_call (ev, st, c, declare);
        }
    }
  /* The view follows the mapping the statement touched, so that its
     figures are the ones the statement changed. */
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

