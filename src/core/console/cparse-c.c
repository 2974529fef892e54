/* cparse-c.c - a parsed statement's expressions written back as C:
   parentheses where they were typed, strings and characters written
   again from their bytes.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>

#include "cparse-int.h"
#include "text.h"

const struct cp_node *
cp_node (const struct cp_stmt *st, int i)
{
  return i >= 0 && i < st->nn ? &st->n[i] : NULL;
}

/* Bytes as the inside of a C literal: no control character, no trigraph. */
static int
c_bytes (const char *s, size_t n, char q, char *buf, size_t len, size_t *used)
{
  int bad = 0;
  for (size_t k = 0; k < n; k++)
    {
      unsigned char c = (unsigned char) s[k];
      if (c == '\\' || c == q || c == '?')
        bad |= text_append (buf, len, used, "\\%c", c);
      else if (c == '\n')
        bad |= text_append (buf, len, used, "\\n");
      else if (c == '\t')
        bad |= text_append (buf, len, used, "\\t");
      else if (c < 0x20 || c >= 0x7f)
        bad |= text_append (buf, len, used, "\\%03o", c);
      else
        bad |= text_append (buf, len, used, "%c", c);
    }
  return bad;
}

int
cp_node_c (const struct cp_stmt *st, int i, char *buf, size_t len, size_t *used)
{
  const struct cp_node *n = cp_node (st, i);
  int bad = 0;
  if (!n)
    return 0;
  if (n->paren)
    bad |= text_append (buf, len, used, "(");
  switch (n->kind)
    {
    case CP_NUM:
      if (n->chr)
        {
          char c = (char) n->num;
          bad |= text_append (buf, len, used, "'");
          bad |= c_bytes (&c, 1, '\'', buf, len, used);
          bad |= text_append (buf, len, used, "'");
        }
      else
        bad |= text_append (buf, len, used, "%s", n->lit[0] ? n->lit : "0");
      break;
    case CP_STR:
      bad |= text_append (buf, len, used, "\"");
      bad |= c_bytes (n->str ? n->str : "", n->len, '"', buf, len, used);
      bad |= text_append (buf, len, used, "\"");
      break;
    case CP_NAME_T:
      bad |= text_append (buf, len, used, "%s", n->name);
      break;
    case CP_UNARY:
      {
        /* - -x, not --x: a space between two operators that would join. */
        const struct cp_node *a = cp_node (st, n->a);
        int join = a && !a->paren && ((a->kind == CP_UNARY && (a->op == '-' || a->op == '&'
                                                                 || a->op == '+'))
                                      || (a->kind == CP_NUM && a->lit[0] == '-'));
        bad |= text_append (buf, len, used, "%c%s", n->op, join ? " " : "");
        bad |= cp_node_c (st, n->a, buf, len, used);
      }
      break;
    case CP_BINARY:
      bad |= cp_node_c (st, n->a, buf, len, used);
      bad |= text_append (buf, len, used, " %s ", cp_op_text (n->op));
      bad |= cp_node_c (st, n->b, buf, len, used);
      break;
    case CP_INDEX:
      bad |= cp_node_c (st, n->a, buf, len, used);
      bad |= text_append (buf, len, used, "[");
      bad |= cp_node_c (st, n->b, buf, len, used);
      bad |= text_append (buf, len, used, "]");
      break;
    case CP_CAST:
      bad |= text_append (buf, len, used, "(%s)", n->type.text);
      bad |= cp_node_c (st, n->a, buf, len, used);
      break;
    case CP_SIZEOF:
      if (n->a < 0)
        bad |= text_append (buf, len, used, "sizeof(%s)", n->type.text);
      else
        {
          bad |= text_append (buf, len, used, "sizeof ");
          bad |= cp_node_c (st, n->a, buf, len, used);
        }
      break;
    case CP_FN:
      bad |= text_append (buf, len, used, "%s(", n->name);
      for (int k = 0; k < n->nargs; k++)
        {
          if (k)
            bad |= text_append (buf, len, used, ", ");
          bad |= cp_node_c (st, n->args[k], buf, len, used);
        }
      bad |= text_append (buf, len, used, ")");
      break;
    }
  if (n->paren)
    bad |= text_append (buf, len, used, ")");
  return bad;
}
