/* eval-vars.c - the console's variables: which names may be given
   which values, with which type, what a name holds after a value is
   converted to its type, and the constants a char or a short cannot hold.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "eval-int.h"

/* May NAME be given a value of KIND, declared DECL (base CT_NONE: not
   declared)?  Its type into *TYPE. */
int
ev_check_assign (struct evaluator *ev, const char *name, const struct cp_type *decl,
              enum ev_kind kind, enum cp_base elem, struct cp_type *type, struct call_record *r)
{
  long long dummy;
  if (ev_reserved (name))
    return ev_refuse (ev, r, 1, "'%s' is a name the console or C keeps for itself", name);
  if (ev_constant (name, &dummy) || !strcmp (name, "MAP_FAILED"))
    return ev_refuse (ev, r, 1, "'%s' is a constant", name);
  if (ev_find_call (name))
    return ev_refuse (ev, r, 1, "'%s' is the name of a call", name);
  /* Names in capitals are the headers' macros (MAP_FIXED, EOF), and names
     starting with '_' are C's own: the saved program could not use them. */
  int caps = name[0] >= 'A' && name[0] <= 'Z';
  for (const char *p = name; *p && caps; p++)
    caps = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
  if (caps || name[0] == '_')
    return ev_refuse (ev, r, 1, "'%s' looks like a name C keeps for macros: use lower case",
                      name);
  const struct ev_var *v = ev_var_find (ev, name);
  if (decl->base != CT_NONE)
    {
      if (decl->ptr && kind != EV_PTR)
        return ev_refuse (ev, r, 1, "%s is declared %s, an address, but gets a number", name,
                          decl->text);
      if (!decl->ptr && kind == EV_PTR)
        return ev_refuse (ev, r, 1, "%s gets an address: declare it with a '*', as char *%s",
                          name, name);
      if (decl->ptr && decl->base != CT_VOID && decl->base != CT_CHAR && decl->base != CT_UCHAR)
        return ev_refuse (ev, r, 1, "the console's addresses point at bytes: char *, unsigned "
                          "char * or void *");
      if (decl->base == CT_VOID && !decl->ptr)
        return ev_refuse (ev, r, 1, "void holds no value: void * is an address");
    }
  if (v && decl->base == CT_NONE && (v->type.ptr ? v->type.ptr_const : v->type.konst))
    return ev_refuse (ev, r, 1, "%s is %s: C allows no assignment to it", name, v->type.text);
  if (v && (v->kind == EV_PTR) != (kind == EV_PTR))
    return ev_refuse (ev, r, 1, "'%s' holds %s: choose a new name", name,
                      v->kind == EV_PTR ? "an address" : "a number");
  if (!v && ev->nvars >= EV_MAX_VARS)
    return ev_refuse (ev, r, 1, "the console keeps %d variables at most", EV_MAX_VARS);
  if (decl->base != CT_NONE)
    *type = *decl;
  else if (v)
    *type = v->type;
  else
    {
      memset (type, 0, sizeof *type);
      type->base = kind == EV_PTR ? (elem == CT_UCHAR ? CT_UCHAR : elem == CT_VOID ? CT_VOID
                                     : CT_CHAR) : CT_INT;
      type->ptr = kind == EV_PTR;
      snprintf (type->text, sizeof type->text, "%s", !type->ptr ? "int"
                : type->base == CT_UCHAR ? "unsigned char *" : type->base == CT_VOID ? "void *"
                : "char *");
    }
  return 0;
}

/* Is node I made of constants only (numbers, operators, casts, sizeof)? */
static int
constant (const struct cp_stmt *st, int i)
{
  const struct cp_node *n = cp_node (st, i);
  if (!n)
    return 1;
  if (n->kind == CP_NUM || n->kind == CP_SIZEOF)
    return 1;
  if (n->kind != CP_BINARY && n->kind != CP_UNARY && n->kind != CP_CAST)
    return 0;
  return (n->kind != CP_UNARY || n->op != '*') && constant (st, n->a) && constant (st, n->b);
}

/* A constant V given to a char or a short that cannot hold it: gcc's
   -Woverflow (on by default) stops the saved program there. */
int
ev_narrow_constant (const struct cp_stmt *st, int root, const struct val *v,
                 const struct cp_type *type)
{
  long long lo, hi;
  switch (type->ptr ? CT_NONE : type->base)
    {
    case CT_CHAR: case CT_SCHAR: case CT_UCHAR: lo = -128, hi = 255; break;
    case CT_SHORT: case CT_USHORT: lo = -32768, hi = 65535; break;
    default: return 0;
    }
  if (!constant (st, root))
    return 0;
  if (ev_unsigned (v->ty) && v->num < 0)
    return 1;
  return v->num < lo || v->num > hi;
}

/* NAME now holds V (of KIND, typed TYPE); 1 when it is new. */
int
ev_set_var (struct evaluator *ev, const char *name, enum ev_kind kind, const struct cp_type *type,
         const struct val *v)
{
  struct ev_var *var = ev_var_find (ev, name);
  int fresh = !var;
  if (!var)
    {
      var = &ev->vars[ev->nvars++];
      memset (var, 0, sizeof *var);
      snprintf (var->name, sizeof var->name, "%s", name);
    }
  var->kind = kind;
  var->type = *type;
  var->off = 0;
  var->raw = 0;
  if (kind == EV_PTR)
    {
      var->v = v->map;
      var->off = v->off;
      var->raw = v->map == EV_RAW ? v->num : 0;
    }
  else
    var->v = type->ptr ? v->num : ev_convert (v->num, type->base);
  return fresh;
}

/* "TYPE NAME" as C declares it, when FRESH, else "NAME". */
void
ev_declared (const char *name, const struct cp_type *type, int fresh, char *buf, size_t len)
{
  if (!fresh)
    snprintf (buf, len, "%s", name);
  else
    snprintf (buf, len, "%s%s%s", type->text, type->ptr && !type->ptr_const ? "" : " ", name);
}

