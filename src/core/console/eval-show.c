/* eval-show.c - what the console shows that is not a call: the value
   of an expression typed alone, in words and in the output.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "eval-int.h"

/* The value of a statement alone, in words: "= 72 'H' (0x48)". */
void
ev_value_words (const struct evaluator *ev, const struct cp_stmt *st, const struct val *v,
             char *buf, size_t len)
{
  const struct cp_node *n = cp_node (st, st->value.root);
  char where[96];
  if (v->kind == V_PTR)
    {
      const unsigned char *p = ev_addr (ev, v);
      if (!p)
        snprintf (buf, len, "= %s", ev_is_null (v) ? "NULL" : v->num == -1 ? "MAP_FAILED"
                  : "an address of none of the console's mappings");
      else
        snprintf (buf, len, "= %p (%s, offset %zu)", (const void *) p,
                  ev_where (ev, v, where, sizeof where), v->off);
    }
  else if (v->kind == V_STR)
    snprintf (buf, len, "= a string of %zu bytes", v->len);
  else if (n && (n->kind == CP_INDEX || (n->kind == CP_UNARY && n->op == '*')))
    {
      unsigned char b = (unsigned char) v->num;
      char c[8];
      if (b >= 0x20 && b < 0x7f)
        snprintf (c, sizeof c, b == '\'' || b == '\\' ? "'\\%c'" : "'%c'", b);
      else
        snprintf (c, sizeof c, b == 0 ? "'\\0'" : b == '\n' ? "'\\n'" : "'\\x%02x'", b);
      snprintf (buf, len, "= %lld %s (0x%02x)", v->num, c, b);
    }
  else if (n && ((n->kind == CP_BINARY && ((n->op >= CP_LE && n->op <= CP_NE) || n->op == '<'
                                            || n->op == '>' || n->op == CP_ANDAND
                                            || n->op == CP_OROR))
                 || (n->kind == CP_UNARY && n->op == '!')))
    snprintf (buf, len, "= %lld (%s)", v->num, v->num ? "true" : "false");
  else
    {
      char num[32];
      unsigned long long bits = (unsigned long long) v->num
        & (ev_promote (v->ty) == CT_UINT || ev_promote (v->ty) == CT_INT ? 0xffffffffULL : ~0ULL);
      ev_num_text (v, num, sizeof num);
      if (v->num >= 0 && v->num <= 9)
        snprintf (buf, len, "= %s", num);
      else
        snprintf (buf, len, "= %s (0x%llx, %s)", num, bits, ev_type_name (v->ty));
    }
}

int
ev_run_value (struct evaluator *ev, const struct cp_stmt *st, struct call_record *r)
{
  struct val v;
  char c[EV_TEXT], line[EV_TEXT + 40];
  ev_expr_c (st, &st->value, c, sizeof c);
  snprintf (r->call, sizeof r->call, "%.300s", c);
  if (ev_value (ev, st, &st->value, &v, r))
    return -1;
  ev_value_words (ev, st, &v, r->result, sizeof r->result);
  r->ret = v.num;
  if (v.kind == V_NUM)
    {
      /* Shown, and the saved program prints it the same way. */
      char num[32];
      ev_num_text (&v, num, sizeof num);
      int n = snprintf (line, sizeof line, "%s: %s\n", c, num);
      ev_print (ev, line, (size_t) n < sizeof line ? (size_t) n : sizeof line - 1);
      ev_keep_value (ev, c, ev_unsigned (v.ty));
    }
  return 0;
}
