/* cparse-expr.c - the console's expressions: C's operators, casts,
   sizeof, indexing and calls, with C's precedence; and an expression
   written back as C.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cparse-int.h"
#include "text.h"
#include "xalloc.h"

/* ---- expressions ------------------------------------------------------ */

static int
node (struct cp *p, enum cp_node_kind kind, size_t at)
{
  struct cp_stmt *st = p->st;
  if (st->nn >= CP_MAX_NODES)
    cp_fail (p, at, "more than %d operands and operators in one statement", CP_MAX_NODES);
  struct cp_node *n = &st->n[st->nn];
  memset (n, 0, sizeof *n);
  n->kind = kind;
  n->a = n->b = -1;
  n->col = (int) at + 1;
  return st->nn++;
}

static void
done (struct cp *p, int i)
{
  p->st->n[i].end = (int) p->at + 1;
}

/* A quoted string or character at p->at (the quote); escapes undone. */
static char *
quoted (struct cp *p, char q, size_t *len)
{
  size_t start = p->at++;
  while (p->s[p->at] && p->s[p->at] != q && p->s[p->at] != '\n')
    p->at += p->s[p->at] == '\\' && p->s[p->at + 1] ? 2 : 1;
  if (p->s[p->at] != q)
    cp_fail (p, start, "%s not closed", q == '"' ? "string" : "character");
  size_t raw = p->at - start - 1;
  char *inside = xstrndup (p->s + start + 1, raw);
  char *out = xmalloc (raw + 1);
  size_t n = raw ? text_c_unescape (inside, out, raw + 1) : 0;
  free (inside);
  if (n == (size_t) -1)
    {
      free (out);
      cp_fail (p, start, "bad escape in the %s", q == '"' ? "string" : "character");
    }
  out[n] = '\0';
  p->at++;
  *len = n;
  return out;
}

static int binary (struct cp *p, int level);

static int
expr_node (struct cp *p)
{
  return binary (p, 0);
}

static int
number (struct cp *p)
{
  size_t start = p->at;
  char *end;
  int i = node (p, CP_NUM, start);
  errno = 0;
  unsigned long long v = strtoull (p->s + start, &end, 0);
  const char *suf = end;
  while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
    end++;
  if (errno || isalnum ((unsigned char) *end) || *end == '_' || end - suf > 3)
    cp_fail (p, start, "bad number");
  if (v > (unsigned long long) LLONG_MAX)
    cp_fail (p, start, "a number larger than a long long holds");
  if ((size_t) (end - (p->s + start)) >= sizeof p->st->n[i].lit)
    cp_fail (p, start, "a number with too many digits");
  p->st->n[i].num = (long long) v;
  memcpy (p->st->n[i].lit, p->s + start, (size_t) (end - (p->s + start)));
  p->at = (size_t) (end - p->s);
  return i;
}

static int
primary (struct cp *p)
{
  int c = cp_peek (p);
  size_t start = p->at;
  if (c == '"')
    {
      /* "a" "b" is one string, as in C. */
      int i = node (p, CP_STR, start);
      struct cp_node *n = &p->st->n[i];
      n->str = quoted (p, '"', &n->len);
      while (cp_peek (p) == '"')
        {
          size_t more;
          char *s = quoted (p, '"', &more);
          n->str = xreallocarray (n->str, n->len + more + 1, 1);
          memcpy (n->str + n->len, s, more + 1);
          n->len += more;
          free (s);
        }
      return i;
    }
  if (c == '\'')
    {
      size_t n;
      int i = node (p, CP_NUM, start);
      /* '\0' (or '\x0'): the NUL character, which a string cannot hold. */
      size_t z = start + 2;
      if (p->s[start + 1] == '\\' && (p->s[z] == '0' || (p->s[z] == 'x' && p->s[z + 1] == '0')))
        {
          z += p->s[z] == 'x';
          while (p->s[z] == '0')
            z++;
          if (p->s[z] == '\'')
            {
              p->st->n[i].chr = 1;
              p->at = z + 1;
              return i;
            }
        }
      char *s = quoted (p, '\'', &n);
      p->st->n[i].num = (signed char) s[0];     /* a char, as on x86 */
      p->st->n[i].chr = 1;
      free (s);
      if (n != 1)
        cp_fail (p, start, "a character literal holds one character");
      return i;
    }
  if (isdigit (c))
    return number (p);
  if (c == '(')
    {
      p->at++;
      int i = expr_node (p);
      cp_expect (p, ')');
      p->st->n[i].paren = 1;
      p->st->n[i].col = (int) start + 1;
      return i;
    }
  char w[CP_NAME];
  if (!cp_name (p, w))
    {
      if (!c)
        cp_fail (p, start, "the statement ends too soon: a value is missing");
      cp_fail (p, start, "expected a number, a string or a name here, not '%c'", c);
    }
  int i;
  if (cp_peek (p) == '(')
    {
      i = node (p, CP_FN, start);
      snprintf (p->st->n[i].name, CP_NAME, "%s", w);
      p->at++;
      if (cp_peek (p) != ')')
        for (;;)
          {
            if (p->st->n[i].nargs >= CP_MAX_ARGS)
              cp_fail (p, p->at, "more than %d arguments", CP_MAX_ARGS);
            int a = expr_node (p);
            p->st->n[i].args[p->st->n[i].nargs++] = a;
            if (cp_peek (p) != ',')
              break;
            p->at++;
          }
      cp_expect (p, ')');
    }
  else
    {
      i = node (p, CP_NAME_T, start);
      snprintf (p->st->n[i].name, CP_NAME, "%s", w);
    }
  return i;
}

static int
postfix (struct cp *p)
{
  int i = primary (p);
  done (p, i);
  while (cp_peek (p) == '[' || cp_at (p, "++") || cp_at (p, "--") || cp_peek (p) == '.'
         || cp_at (p, "->"))
    {
      if (p->s[p->at] != '[')
        cp_fail (p, p->at, p->s[p->at] == '.' || p->s[p->at + 1] == '>'
                 ? "the console has no structures: no '.' or '->'"
                 : "the console has no ++ or --: write p = p + 1");
      int col = p->st->n[i].col;
      int k = node (p, CP_INDEX, p->at);
      p->st->n[k].col = col;
      p->st->n[k].a = i;
      p->at++;
      p->st->n[k].b = expr_node (p);
      cp_expect (p, ']');
      done (p, k);
      i = k;
    }
  return i;
}

static int
unary (struct cp *p)
{
  int c = cp_peek (p);
  size_t start = p->at;
  if (cp_at (p, "++") || cp_at (p, "--"))
    cp_fail (p, start, "the console has no ++ or --: write p = p + 1");
  if (c == '-' || c == '!' || c == '~' || c == '*' || c == '&' || c == '+')
    {
      p->at++;
      int a = unary (p);
      if (c == '+')
        return a;
      int i = node (p, CP_UNARY, start);
      p->st->n[i].op = c;
      p->st->n[i].a = a;
      done (p, i);
      return i;
    }
  char w[CP_NAME];
  if (cp_name (p, w) && strcmp (w, "sizeof") == 0)
    {
      int i = node (p, CP_SIZEOF, start);
      size_t at = p->at;
      if (cp_peek (p) == '(' && (p->at++, cp_type_start (p)))
        {
          cp_type (p, &p->st->n[i].type);
          cp_expect (p, ')');
        }
      else
        {
          p->at = at;
          int a = unary (p);
          p->st->n[i].a = a;
        }
      done (p, i);
      return i;
    }
  p->at = start;
  if (c == '(')
    {
      p->at++;
      if (cp_type_start (p))
        {
          int i = node (p, CP_CAST, start);
          cp_type (p, &p->st->n[i].type);
          cp_expect (p, ')');
          int a = unary (p);
          p->st->n[i].a = a;
          done (p, i);
          return i;
        }
      p->at = start;
    }
  return postfix (p);
}

/* The binary operators, loosest first: || && | ^ & == != < > <= >= << >>
   + - * / %. */
static const struct { const char *text; int op, level; } ops[] = {
  { "||", CP_OROR, 0 }, { "&&", CP_ANDAND, 1 }, { "==", CP_EQ, 5 }, { "!=", CP_NE, 5 },
  { "<=", CP_LE, 6 }, { ">=", CP_GE, 6 }, { "<<", CP_SHL, 7 }, { ">>", CP_SHR, 7 },
  { "|", '|', 2 }, { "^", '^', 3 }, { "&", '&', 4 }, { "<", '<', 6 }, { ">", '>', 6 },
  { "+", '+', 8 }, { "-", '-', 8 }, { "*", '*', 9 }, { "/", '/', 9 }, { "%", '%', 9 },
};
#define NLEVELS 10

/* The operator at p->at, or -1; a compound assignment (+=) or '=' is none. */
static int
op_at (struct cp *p)
{
  cp_blanks (p);
  for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
    {
      size_t n = strlen (ops[k].text);
      if (strncmp (p->s + p->at, ops[k].text, n) == 0)
        return p->s[p->at + n] == '=' && ops[k].level != 5 && ops[k].level != 6 ? -1 : (int) k;
    }
  return -1;
}

static int
binary (struct cp *p, int level)
{
  if (level >= NLEVELS)
    return unary (p);
  int i = binary (p, level + 1);
  for (;;)
    {
      int k = op_at (p);
      if (k < 0 || ops[k].level != level)
        return i;
      p->at += strlen (ops[k].text);
      int col = p->st->n[i].col;
      int j = node (p, CP_BINARY, p->at);
      p->st->n[j].op = ops[k].op;
      p->st->n[j].a = i;
      p->st->n[j].b = binary (p, level + 1);
      p->st->n[j].col = col;
      done (p, j);
      i = j;
    }
}

void
cp_expr_text (struct cp *p, struct cp_expr *e, size_t from, size_t to)
{
  while (to > from && strchr (" \t\r\n", p->s[to - 1]))
    to--;
  while (from < to && strchr (" \t\r\n", p->s[from]))
    from++;
  /* Blanks, newlines and comments (blanks by now) inside are one blank;
     what is quoted stays as it is. */
  size_t k = 0;
  char q = 0;
  for (size_t i = from; i < to && k + 1 < sizeof e->text; i++)
    {
      char ch = p->s[i];
      int blank = !q && (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n');
      if (blank && k && e->text[k - 1] == ' ')
        continue;
      e->text[k++] = blank ? ' ' : ch;
      if (q && ch == '\\' && i + 1 < to)
        e->text[k++] = p->s[++i];
      else if (q && ch == q)
        q = 0;
      else if (!q && (ch == '"' || ch == '\''))
        q = ch;
    }
  e->text[k] = '\0';
}

void
cp_expr (struct cp *p, struct cp_expr *e)
{
  size_t from = (cp_blanks (p), p->at);
  e->col = (int) from + 1;
  e->root = expr_node (p);
  cp_expr_text (p, e, from, p->at);
}

const char *
cp_op_text (int op)
{
  static char one[2];
  for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
    if (ops[k].op == op)
      return ops[k].text;
  one[0] = (char) op;
  return one;
}
