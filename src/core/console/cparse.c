/* cparse.c - the call console's language, parsed.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cparse.h"
#include "text.h"
#include "xalloc.h"

struct cp {
  const char *s;            /* the line */
  size_t at;
  struct cp_stmt *st;
  jmp_buf fail;
  int col;
  char *err;
  size_t errlen;
};

static void cp_fail (struct cp *p, size_t at, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4), noreturn));

static void
cp_fail (struct cp *p, size_t at, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (p->err, p->errlen, fmt, ap);
  va_end (ap);
  p->col = (int) at + 1;
  longjmp (p->fail, 1);
}

static void
blanks (struct cp *p)
{
  while (p->s[p->at] == ' ' || p->s[p->at] == '\t')
    p->at++;
}

static int
peek (struct cp *p)
{
  blanks (p);
  return (unsigned char) p->s[p->at];
}

static void
expect (struct cp *p, char c)
{
  if (peek (p) != c)
    cp_fail (p, p->at, "expected '%c'", c);
  p->at++;
}

/* A name: letters, digits and '_', not starting with a digit. */
static int
name (struct cp *p, char *out)
{
  size_t start = (blanks (p), p->at), n = 0;
  if (!isalpha ((unsigned char) p->s[p->at]) && p->s[p->at] != '_')
    return 0;
  while (isalnum ((unsigned char) p->s[p->at]) || p->s[p->at] == '_')
    p->at++;
  n = p->at - start;
  if (n >= CP_NAME)
    cp_fail (p, start, "name longer than %d characters", CP_NAME - 1);
  memcpy (out, p->s + start, n);
  out[n] = '\0';
  return 1;
}

/* A quoted string or character from p->at (at the quote); the raw text
   between the quotes is unescaped. */
static char *
quoted (struct cp *p, char q, size_t *len)
{
  size_t start = p->at++;
  while (p->s[p->at] && p->s[p->at] != q)
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

static void
term (struct cp *p, struct cp_term *t)
{
  int c = peek (p);
  size_t start = p->at;
  t->col = (int) start + 1;
  if (c == '"')
    {
      size_t n;
      t->kind = CP_STR;
      t->str = quoted (p, '"', &n);
      return;
    }
  if (c == '\'')
    {
      size_t n;
      char *s = quoted (p, '\'', &n);
      int ok = n == 1;
      t->kind = CP_NUM;
      t->num = (unsigned char) s[0];
      free (s);
      if (!ok)
        cp_fail (p, start, "a character literal holds one character");
      return;
    }
  if (isdigit (c))
    {
      char *end;
      errno = 0;
      unsigned long long v = strtoull (p->s + p->at, &end, 0);
      if (errno || isalnum ((unsigned char) *end) || *end == '_')
        cp_fail (p, start, "bad number");
      else if (v > (unsigned long long) LLONG_MAX)
        cp_fail (p, start, "a number larger than a long long holds");
      t->kind = CP_NUM;
      t->num = (long long) v;
      p->at = (size_t) (end - p->s);
      return;
    }
  t->kind = CP_NAME_T;
  if (!name (p, t->name))
    cp_fail (p, start, c ? "expected a number, a string or a name" : "the line ends too soon");
}

static void
expr (struct cp *p, struct cp_expr *e)
{
  e->col = (int) (blanks (p), p->at) + 1;
  e->n = 0;
  char op = 0;
  if (peek (p) == '-')
    {
      /* A leading minus: 0 - x. */
      e->t[e->n].kind = CP_NUM;
      e->t[e->n].num = 0;
      e->t[e->n].col = e->col;
      e->n++;
      op = '-';
      p->at++;
    }
  for (;;)
    {
      if (e->n >= CP_MAX_TERMS)
        cp_fail (p, p->at, "more than %d operands", CP_MAX_TERMS);
      struct cp_term *t = &e->t[e->n++];
      memset (t, 0, sizeof *t);
      term (p, t);
      t->op = op;
      int c = peek (p);
      if (c != '+' && c != '-' && c != '|')
        {
          size_t from = (size_t) e->col - 1, to = p->at;
          while (to > from && (p->s[to - 1] == ' ' || p->s[to - 1] == '\t'))
            to--;
          if (to - from >= sizeof e->text)
            cp_fail (p, from, "an argument longer than %zu characters", sizeof e->text - 1);
          memcpy (e->text, p->s + from, to - from);
          e->text[to - from] = '\0';
          return;
        }
      op = (char) c;
      p->at++;
    }
}

static void
parse (struct cp *p)
{
  struct cp_stmt *st = p->st;
  char first[CP_NAME];

  if (peek (p) == '\0')
    {
      st->kind = CP_EMPTY;
      return;
    }
  size_t start = p->at;
  if (!name (p, first))
    cp_fail (p, start, "expected a call, such as fd = open(\"/dev/zero\", O_RDWR)");
  int c = peek (p);
  if (c == '\0' && (strcmp (first, "help") == 0 || strcmp (first, "quit") == 0
                    || strcmp (first, "exit") == 0))
    {
      st->kind = first[0] == 'h' ? CP_HELP : CP_QUIT;
      return;
    }
  if (strcmp (first, "save") == 0 && c != '(' && c != '=')
    {
      size_t fs = p->at, n = strlen (p->s + fs);
      while (n && p->s[fs + n - 1] == ' ')
        n--;
      if (n == 0)
        cp_fail (p, fs, "save needs a file name");
      if (n >= sizeof st->file)
        cp_fail (p, fs, "file name too long");
      memcpy (st->file, p->s + fs, n);
      st->file[n] = '\0';
      st->kind = CP_SAVE;
      return;
    }
  if (c == '[')
    {
      st->kind = CP_STORE;
      memcpy (st->target, first, sizeof st->target);
      p->at++;
      expr (p, &st->index);
      expect (p, ']');
      expect (p, '=');
      expr (p, &st->value);
    }
  else
    {
      st->kind = CP_CALL;
      if (c == '=')
        {
          memcpy (st->assign, first, sizeof st->assign);
          p->at++;
          size_t fs = (blanks (p), p->at);
          if (!name (p, st->fn))
            cp_fail (p, fs, "expected a call after '='");
        }
      else
        memcpy (st->fn, first, sizeof st->fn);
      expect (p, '(');
      if (peek (p) != ')')
        for (;;)
          {
            if (st->nargs >= CP_MAX_ARGS)
              cp_fail (p, p->at, "more than %d arguments", CP_MAX_ARGS);
            expr (p, &st->args[st->nargs++]);
            if (peek (p) != ',')
              break;
            p->at++;
          }
      expect (p, ')');
    }
  if (peek (p) == ';')
    p->at++;
  if (peek (p) != '\0')
    cp_fail (p, p->at, "unexpected '%c' after the statement", p->s[p->at]);
}

int
cp_parse (const char *line, struct cp_stmt *st, int *col, char *err, size_t errlen)
{
  struct cp p = { .s = line, .st = st, .err = err, .errlen = errlen };
  memset (st, 0, sizeof *st);
  *col = 0;
  if (strlen (line) > CP_MAX_LINE)
    {
      snprintf (err, errlen, "line longer than %d characters", CP_MAX_LINE);
      *col = CP_MAX_LINE + 1;
      return -1;
    }
  if (setjmp (p.fail))
    {
      *col = p.col;
      return -1;
    }
  parse (&p);
  return 0;
}

static void
free_expr (struct cp_expr *e)
{
  for (int i = 0; i < e->n; i++)
    {
      free (e->t[i].str);
      e->t[i].str = NULL;
    }
}

void
cp_free (struct cp_stmt *st)
{
  for (int i = 0; i < st->nargs; i++)
    free_expr (&st->args[i]);
  free_expr (&st->index);
  free_expr (&st->value);
}
