/* eval-value.c - the console's expressions, evaluated: numbers as long
   long with every operation checked (never undefined behaviour),
   addresses as a mapping of the console's and an offset into it, and the
   loads of *p and p[i], which touch only the console's own pages and
   catch their faults.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "guard.h"
#include "eval-int.h"
#include "text.h"

#define MAX_OFF ((long long) EV_MAX_PAGES * 65536)

int
ev_is_null (const struct val *v)
{
  return v->num == 0 && (v->kind == V_NUM || (v->kind == V_PTR && v->map == EV_RAW));
}

/* A name's value: a constant, NULL or MAP_FAILED, buf, or a variable. */
static int
name_value (struct evaluator *ev, const struct cp_node *n, struct val *v, struct call_record *r)
{
  if (strcmp (n->name, "NULL") == 0 || strcmp (n->name, "MAP_FAILED") == 0)
    {
      v->kind = V_PTR;
      v->map = EV_RAW;
      v->num = n->name[0] == 'N' ? 0 : -1;
      v->elem = CT_VOID;
      return 0;
    }
  if (ev_constant (n->name, &v->num))
    {
      v->ty = CT_INT;
      return 0;
    }
  if (strcmp (n->name, "stdout") == 0 || strcmp (n->name, "stderr") == 0
      || strcmp (n->name, "stdin") == 0)
    return ev_refuse (ev, r, n->col, "%s is a FILE *, which the console has only for "
                      "fflush(stdout)", n->name);
  if (strcmp (n->name, "buf") == 0)
    {
      v->kind = V_PTR;
      v->map = -1;
      v->elem = CT_CHAR;
      ev->used |= EV_USED_BUF;    /* the saved program declares it */
      return 0;
    }
  const struct ev_var *sv = ev_var_find (ev, n->name);
  if (!sv)
    return ev_refuse (ev, r, n->col, "unknown name '%s': help lists what the console knows, "
                      "and a name is made by giving it a value (int %s = 1;)", n->name, n->name);
  if (sv->kind == EV_PTR)
    {
      v->kind = V_PTR;
      v->map = (int) sv->v;
      v->off = sv->off;
      v->num = sv->raw;
      v->elem = sv->type.base;
      v->elem_const = sv->type.konst;
    }
  else
    {
      v->num = sv->v;
      v->ty = sv->type.base;
    }
  return 0;
}

static size_t
type_size (const struct cp_type *t)
{
  if (t->ptr)
    return sizeof (void *);
  switch (t->base)
    {
    case CT_CHAR: case CT_SCHAR: case CT_UCHAR: case CT_VOID: return 1;
    case CT_SHORT: case CT_USHORT: return sizeof (short);
    case CT_INT: case CT_UINT: return sizeof (int);
    case CT_PID: return sizeof (pid_t);
    case CT_OFF: return sizeof (off_t);
    case CT_SIZE: case CT_SSIZE: return sizeof (size_t);
    default: return sizeof (long);
    }
}

/* sizeof of an expression, from its type alone: nothing is read. */
static int
size_of (struct evaluator *ev, const struct cp_stmt *st, const struct cp_node *n, struct val *v,
         struct call_record *r)
{
  const struct cp_node *a = cp_node (st, n->a);
  const struct ev_var *var = NULL;
  v->kind = V_NUM;
  v->ty = CT_ULONG;             /* a size_t */
  if (n->a < 0)
    {
      v->num = (long long) type_size (&n->type);
      return 0;
    }
  if (a->kind == CP_STR)
    {
      v->num = (long long) a->len + 1;
      return 0;
    }
  if (a->kind == CP_CAST)
    {
      v->num = (long long) type_size (&a->type);
      return 0;
    }
  if (a->kind == CP_NAME_T && strcmp (a->name, "buf") == 0)
    {
      v->num = EV_BUF;
      return 0;
    }
  if (a->kind == CP_NAME_T && (var = ev_var_find (ev, a->name)))
    {
      v->num = (long long) type_size (&var->type);
      return 0;
    }
  const struct cp_node *inner = (a->kind == CP_UNARY && a->op == '*') || a->kind == CP_INDEX
    ? cp_node (st, a->a) : NULL;
  if (inner && inner->kind == CP_NAME_T && (strcmp (inner->name, "buf") == 0
                                            || ((var = ev_var_find (ev, inner->name))
                                                && var->kind == EV_PTR)))
    {
      v->num = 1;
      return 0;
    }
  return ev_refuse (ev, r, n->col, "the console knows sizeof(type), sizeof name, sizeof *p "
                    "and sizeof \"text\"");
}

static int
cast (struct evaluator *ev, const struct cp_node *n, struct val *v, struct call_record *r)
{
  const struct cp_type *t = &n->type;
  if (t->ptr)
    {
      if (t->base != CT_VOID && t->base != CT_CHAR && t->base != CT_UCHAR && t->base != CT_SCHAR)
        return ev_refuse (ev, r, n->col, "the console's addresses point at bytes: (char *), "
                          "(unsigned char *) or (void *)");
      if (v->kind == V_STR)
        return ev_refuse (ev, r, n->col, "a string is no address of the console's: strcpy(p, "
                          "\"text\") copies one into a mapping");
      if (v->kind == V_NUM)
        {
          v->kind = V_PTR;
          v->map = EV_RAW;
        }
      v->elem = t->base == CT_SCHAR ? CT_CHAR : t->base;
      v->elem_const = t->konst;
      return 0;
    }
  if (t->base == CT_VOID)
    {
      memset (v, 0, sizeof *v);
      v->kind = V_NUM;
      return 0;
    }
  if (v->kind == V_STR)
    return ev_refuse (ev, r, n->col, "a string is not a number");
  if (v->kind == V_PTR)
    {
      const unsigned char *p = ev_addr (ev, v);
      v->num = p ? (long long) (uintptr_t) p : v->num;
      v->kind = V_NUM;
    }
  v->num = ev_convert (v->num, t->base);
  v->ty = t->base;
  return 0;
}

/* An address and a number added (SIGN 1) or subtracted (-1): the offset
   must stay in the mapping, its end included, as C's own rule. */
static int
moved (struct evaluator *ev, struct val *p, long long by, int sign, int col,
       struct call_record *r);

int
ev_move (struct evaluator *ev, struct val *p, long long by, int col, struct call_record *r)
{
  return moved (ev, p, by, 1, col, r);
}

static int
moved (struct evaluator *ev, struct val *p, long long by, int sign, int col,
       struct call_record *r)
{
  char where[96];
  long long off, end = p->map == -1 ? EV_BUF : p->map >= 0 ? (long long) ev->maps[p->map].span : 0;
  if (p->map == EV_RAW)
    return ev_refuse (ev, r, col, "that address is %s: no arithmetic on it",
                      ev_is_null (p) ? "NULL" : "none of the console's");
  int over = sign > 0 ? __builtin_add_overflow ((long long) p->off, by, &off)
    : __builtin_sub_overflow ((long long) p->off, by, &off);
  if (over || off < 0 || off > end || off > MAX_OFF)
    return ev_refuse (ev, r, col, "that address leaves the mapping it is in, %s",
                      ev_where (ev, p, where, sizeof where));
  p->off = (size_t) off;
  return 0;
}

static int
compare (struct evaluator *ev, int op, const struct val *a, const struct val *b, long long *out,
         int col, struct call_record *r)
{
  long long x, y;
  if (a->kind == V_STR || b->kind == V_STR)
    return ev_refuse (ev, r, col, "strings are not compared with == or <: strcmp is not in the "
                      "console");
  if ((a->kind == V_PTR) != (b->kind == V_PTR))
    {
      const struct val *num = a->kind == V_PTR ? b : a;
      if (num->num != 0 || (op != CP_EQ && op != CP_NE))
        return ev_refuse (ev, r, col, "an address is compared with an address, NULL or "
                          "MAP_FAILED");
    }
  if (a->kind == V_NUM && b->kind == V_NUM)
    return ev_compare_num (op, a, b, out);
  if (a->kind == V_PTR && b->kind == V_PTR && a->map >= 0 && a->map == b->map)
    x = (long long) a->off, y = (long long) b->off;
  else
    {
      const unsigned char *pa = ev_addr (ev, a), *pb = ev_addr (ev, b);
      x = a->kind != V_PTR ? a->num : pa ? (long long) (uintptr_t) pa : a->num;
      y = b->kind != V_PTR ? b->num : pb ? (long long) (uintptr_t) pb : b->num;
      if (a->kind == V_PTR && b->kind == V_PTR && op != CP_EQ && op != CP_NE)
        return ev_refuse (ev, r, col, "< and > compare addresses in one mapping only");
    }
  *out = op == CP_EQ ? x == y : op == CP_NE ? x != y : op == '<' ? x < y : op == '>' ? x > y
    : op == CP_LE ? x <= y : x >= y;
  return 0;
}

/* p[i] or *p: one byte, read where the console may, its fault caught. */
static int
deref (struct evaluator *ev, struct val *p, const struct cp_node *n, struct call_record *r)
{
  if (p->kind != V_PTR)
    return ev_refuse (ev, r, n->col, "only an address can be read through: that is %s",
                      p->kind == V_STR ? "a string" : "a number");
  if (p->map == EV_RAW)
    return ev_refuse (ev, r, n->col, "that address is %s: in a program of its own, reading it "
                      "is SIGSEGV", ev_is_null (p) ? "NULL" : p->num == -1 ? "MAP_FAILED"
                      : "none of the console's");
  if (p->elem == CT_VOID)
    return ev_refuse (ev, r, n->col, "that is a void *: C reads no value through one; a cast "
                      "does, as in *(char *)p");
  if (ev_check (ev, p, 1, r))
    return -1;
  unsigned char b;
  if (ev_load (ev, p, &b, 1, r))
    return -1;
  enum cp_base e = p->elem;
  memset (p, 0, sizeof *p);
  p->kind = V_NUM;
  p->ty = CT_INT;
  p->num = e == CT_UCHAR ? b : (signed char) b;
  return 0;
}

/* V as a condition: a string and an address other than NULL are true. */
static int
is_true (const struct val *v)
{
  return v->kind == V_PTR ? !ev_is_null (v) : v->kind == V_STR ? 1 : v->num != 0;
}

int
ev_node (struct evaluator *ev, const struct cp_stmt *st, int i, struct val *v,
         struct call_record *r)
{
  const struct cp_node *n = cp_node (st, i);
  struct val b;
  memset (v, 0, sizeof *v);
  v->kind = V_NUM;
  if (!n)
    return ev_refuse (ev, r, 0, "a value is missing");
  v->col = n->col;
  switch (n->kind)
    {
    case CP_NUM:
      v->num = n->num;
      v->ty = ev_literal_type (n);
      return 0;
    case CP_STR:
      v->kind = V_STR;
      v->str = n->str;
      v->len = n->len;
      return 0;
    case CP_NAME_T:
      return name_value (ev, n, v, r);
    case CP_SIZEOF:
      return size_of (ev, st, n, v, r);
    case CP_CAST:
      return ev_node (ev, st, n->a, v, r) || cast (ev, n, v, r);
    case CP_FN:
      {
        struct val a[CP_MAX_ARGS];
        for (int k = 0; k < n->nargs; k++)
          if (ev_node (ev, st, n->args[k], &a[k], r))
            return -1;
        int got = ev_pure (ev, n->name, a, n->nargs, v, r);
        if (got == 0)
          return ev_refuse (ev, r, n->col, "%s() runs on a line of its own, so that what the "
                            "kernel shows after it is its doing: one call a statement", n->name);
        v->col = n->col;
        return got < 0 ? -1 : 0;
      }
    case CP_UNARY:
      if (ev_node (ev, st, n->a, v, r))
        return -1;
      if (n->op == '*')
        return deref (ev, v, n, r);
      if (n->op == '&')
        return ev_refuse (ev, r, n->col, "the console's addresses are those of its mappings and "
                          "buf: & gives none");
      if (n->op == '!' && v->kind == V_PTR)
        {
          v->num = ev_is_null (v);
          v->kind = V_NUM;
          return 0;
        }
      if (v->kind != V_NUM)
        return ev_refuse (ev, r, n->col, "'%c' takes a number", n->op);
      return ev_negate (ev, n->op, v, n->col, r);
    case CP_INDEX:
      if (ev_node (ev, st, n->a, v, r) || ev_node (ev, st, n->b, &b, r))
        return -1;
      if (v->kind != V_PTR || b.kind != V_NUM)
        return ev_refuse (ev, r, n->col, "p[i] takes an address and a number");
      if (v->map == EV_RAW)
        return deref (ev, v, n, r);
      if (ev_unsigned (b.ty) && ev_promote (b.ty) == CT_ULONG && b.num < 0)
        return ev_refuse (ev, r, n->col, "that index leaves the mapping");
      return moved (ev, v, b.num, 1, n->col, r) || deref (ev, v, n, r);
    case CP_BINARY:
      if (ev_node (ev, st, n->a, v, r))
        return -1;
      if (n->op == CP_ANDAND || n->op == CP_OROR)
        {
          /* As C: the right side is not worked out when the left decides. */
          int truth = is_true (v);
          if (truth != (n->op == CP_OROR))
            {
              if (ev_node (ev, st, n->b, &b, r))
                return -1;
              truth = is_true (&b);
            }
          memset (v, 0, sizeof *v);
          v->kind = V_NUM;
          v->num = truth;
          v->col = n->col;
          return 0;
        }
      if (ev_node (ev, st, n->b, &b, r))
        return -1;
      {
        int op = n->op;
        long long out = 0;
        if (op == CP_EQ || op == CP_NE || op == '<' || op == '>' || op == CP_LE || op == CP_GE)
          {
            if (compare (ev, op, v, &b, &out, n->col, r))
              return -1;
          }
        else if (v->kind == V_STR || b.kind == V_STR)
          return ev_refuse (ev, r, n->col, "strings are not added or combined: sprintf(p, "
                            "\"%%s%%s\", a, b) joins them");
        else if (v->kind == V_PTR && b.kind == V_PTR)
          {
            if (op != '-' || v->map != b.map || v->map == EV_RAW)
              return ev_refuse (ev, r, n->col, "two addresses can only be subtracted, within "
                                "one mapping");
            out = (long long) v->off - (long long) b.off;
          }
        else if (v->kind == V_PTR || b.kind == V_PTR)
          {
            if (op != '+' && !(op == '-' && v->kind == V_PTR))
              return ev_refuse (ev, r, n->col, "an address takes + and - a number only");
            const struct val *by = v->kind == V_PTR ? &b : v;
            if (ev_promote (by->ty) == CT_ULONG && by->num < 0)
              return ev_refuse (ev, r, n->col, "that address leaves the mapping it is in");
            struct val p = v->kind == V_PTR ? *v : b;
            if (moved (ev, &p, v->kind == V_PTR ? b.num : v->num, op == '+' ? 1 : -1, n->col, r))
              return -1;
            *v = p;
            v->col = n->col;
            return 0;
          }
        else
          {
            struct val res;
            if (ev_arith (ev, op, v, &b, &res, n->col, r))
              return -1;
            *v = res;
            return 0;
          }
        memset (v, 0, sizeof *v);
        v->kind = V_NUM;
        v->num = out;
        v->ty = op == '-' ? CT_LONG : CT_INT;     /* a ptrdiff_t, or a comparison's int */
        v->col = n->col;
        return 0;
      }
    }
  return ev_refuse (ev, r, n->col, "that is not an expression the console knows");
}

int
ev_value (struct evaluator *ev, const struct cp_stmt *st, const struct cp_expr *e,
          struct val *out, struct call_record *r)
{
  return ev_node (ev, st, e->root, out, r);
}
