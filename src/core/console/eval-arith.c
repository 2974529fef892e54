/* eval-arith.c - the console's integers as C has them on this machine
   (x86-64, gcc): int, unsigned int, long and unsigned long, a literal's
   type from its digits and suffix, the integer promotions and the usual
   arithmetic conversions, unsigned arithmetic that wraps, and signed
   overflow, a shift too far and a division by zero refused as the
   undefined behaviour they are.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "eval-int.h"

enum cp_base
ev_promote (enum cp_base b)
{
  switch (b)
    {
    case CT_UINT: return CT_UINT;
    case CT_LONG: case CT_LLONG: case CT_SSIZE: case CT_OFF: return CT_LONG;
    case CT_ULONG: case CT_ULLONG: case CT_SIZE: return CT_ULONG;
    default: return CT_INT;     /* char, short, int, pid_t, and what has no type */
    }
}

int
ev_unsigned (enum cp_base b)
{
  b = ev_promote (b);
  return b == CT_UINT || b == CT_ULONG;
}

const char *
ev_type_name (enum cp_base b)
{
  switch (ev_promote (b))
    {
    case CT_UINT: return "an unsigned int";
    case CT_LONG: return "a long";
    case CT_ULONG: return "an unsigned long";
    default: return "an int";
    }
}

long long
ev_convert (long long v, enum cp_base b)
{
  switch (b)
    {
    case CT_CHAR: case CT_SCHAR: return (signed char) v;
    case CT_UCHAR: return (unsigned char) v;
    case CT_SHORT: return (short) v;
    case CT_USHORT: return (unsigned short) v;
    case CT_INT: case CT_PID: case CT_NONE: return (int) v;
    case CT_UINT: return (unsigned int) v;
    default: return v;          /* 64 bits: the same bits */
    }
}

enum cp_base
ev_literal_type (const struct cp_node *n)
{
  if (n->chr || !n->lit[0])
    return CT_INT;
  int u = strchr (n->lit, 'u') || strchr (n->lit, 'U');
  int l = strchr (n->lit, 'l') || strchr (n->lit, 'L');
  int based = n->lit[0] == '0' && n->lit[1];     /* hex or octal */
  long long v = n->num;
  if (u && l)
    return CT_ULONG;
  if (u)
    return v <= UINT_MAX ? CT_UINT : CT_ULONG;
  if (l)
    return CT_LONG;
  if (v <= INT_MAX)
    return CT_INT;
  if (based && v <= UINT_MAX)
    return CT_UINT;
  return CT_LONG;
}

/* The type both operands are converted to. */
static enum cp_base
usual (enum cp_base a, enum cp_base b)
{
  a = ev_promote (a), b = ev_promote (b);
  if (a == CT_ULONG || b == CT_ULONG)
    return CT_ULONG;
  if (a == CT_LONG || b == CT_LONG)
    return CT_LONG;
  if (a == CT_UINT || b == CT_UINT)
    return CT_UINT;
  return CT_INT;
}

void
ev_num_text (const struct val *v, char *buf, size_t len)
{
  if (ev_unsigned (v->ty))
    snprintf (buf, len, "%llu", (unsigned long long) v->num
              & (ev_promote (v->ty) == CT_UINT ? 0xffffffffULL : ~0ULL));
  else
    snprintf (buf, len, "%lld", v->num);
}

int
ev_compare_num (int op, const struct val *a, const struct val *b, long long *out)
{
  enum cp_base t = usual (a->ty, b->ty);
  long long x = ev_convert (a->num, t), y = ev_convert (b->num, t);
  if (ev_unsigned (t))
    {
      unsigned long long ux = (unsigned long long) x, uy = (unsigned long long) y;
      *out = op == CP_EQ ? ux == uy : op == CP_NE ? ux != uy : op == '<' ? ux < uy
        : op == '>' ? ux > uy : op == CP_LE ? ux <= uy : ux >= uy;
    }
  else
    *out = op == CP_EQ ? x == y : op == CP_NE ? x != y : op == '<' ? x < y : op == '>' ? x > y
      : op == CP_LE ? x <= y : x >= y;
  return 0;
}

int
ev_arith (struct evaluator *ev, int op, const struct val *a, const struct val *b,
          struct val *out, int col, struct call_record *r)
{
  enum cp_base t = op == CP_SHL || op == CP_SHR ? ev_promote (a->ty) : usual (a->ty, b->ty);
  long long x = ev_convert (a->num, t), y = ev_convert (b->num, ev_promote (b->ty));
  int bits = t == CT_INT || t == CT_UINT ? 32 : 64;
  memset (out, 0, sizeof *out);
  out->kind = V_NUM;
  out->ty = t;
  out->col = col;
  if (op != CP_SHL && op != CP_SHR)
    y = ev_convert (b->num, t);
  if ((op == '/' || op == '%') && y == 0)
    return ev_refuse (ev, r, col, "a division by zero: undefined in C");
  if (op == CP_SHL || op == CP_SHR)
    {
      if ((!ev_unsigned (b->ty) && y < 0) || (unsigned long long) y >= (unsigned long long) bits)
        return ev_refuse (ev, r, col, "a shift by %lld of %s, %d bits wide: undefined in C "
                          "(0 to %d)", y, ev_type_name (t), bits, bits - 1);
    }
  if (ev_unsigned (t))
    {
      unsigned long long ux = (unsigned long long) x, uy = (unsigned long long) y, res = 0;
      unsigned long long mask = bits == 32 ? 0xffffffffULL : ~0ULL;
      switch (op)
        {
        case '+': res = ux + uy; break;
        case '-': res = ux - uy; break;
        case '*': res = ux * uy; break;
        case '/': res = (ux & mask) / (uy & mask); break;
        case '%': res = (ux & mask) % (uy & mask); break;
        case '|': res = ux | uy; break;
        case '&': res = ux & uy; break;
        case '^': res = ux ^ uy; break;
        case CP_SHL: res = ux << y; break;
        case CP_SHR: res = (ux & mask) >> y; break;
        default: return ev_refuse (ev, r, col, "an operator the console does not know");
        }
      /* Unsigned arithmetic wraps, as C says. */
      out->num = ev_convert ((long long) (res & mask), t);
      return 0;
    }
  long long res = 0;
  int over = 0;
  switch (op)
    {
    case '+': over = __builtin_add_overflow (x, y, &res); break;
    case '-': over = __builtin_sub_overflow (x, y, &res); break;
    case '*': over = __builtin_mul_overflow (x, y, &res); break;
    case '/': case '%':
      if (x == (bits == 32 ? INT_MIN : LLONG_MIN) && y == -1)
        over = 1;
      else
        res = op == '/' ? x / y : x % y;
      break;
    case '|': res = x | y; break;
    case '&': res = x & y; break;
    case '^': res = x ^ y; break;
    case CP_SHL:
      if (x < 0 || x > (bits == 32 ? (long long) (INT_MAX >> y) : LLONG_MAX >> y))
        return ev_refuse (ev, r, col, "%lld << %lld does not fit in %s: undefined in C", x, y,
                          ev_type_name (t));
      res = x << y;
      break;
    case CP_SHR: res = x >> y; break;     /* gcc: an arithmetic shift */
    default: return ev_refuse (ev, r, col, "an operator the console does not know");
    }
  if (over || (bits == 32 && (res < INT_MIN || res > INT_MAX)))
    return ev_refuse (ev, r, col, "that overflows %s (%d bits): undefined in C%s",
                      ev_type_name (t), bits, bits == 32 ? "; a long (4096L) holds more" : "");
  out->num = res;
  return 0;
}

int
ev_negate (struct evaluator *ev, int op, struct val *v, int col, struct call_record *r)
{
  enum cp_base t = ev_promote (v->ty);
  long long x = ev_convert (v->num, t);
  v->ty = op == '!' ? CT_INT : t;
  if (op == '!')
    {
      v->num = x == 0;
      return 0;
    }
  if (ev_unsigned (t))
    {
      unsigned long long ux = (unsigned long long) x;
      v->num = ev_convert ((long long) (op == '-' ? 0 - ux : ~ux), t);
      return 0;
    }
  if (op == '-' && x == (t == CT_INT ? INT_MIN : LLONG_MIN))
    return ev_refuse (ev, r, col, "that overflows %s: undefined in C", ev_type_name (t));
  v->num = op == '-' ? -x : ~x;
  return 0;
}
