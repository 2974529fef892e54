/* cparse-lex.c - the console's parser, its smallest parts: blanks,
   names, the expected character, failing at a column; and the types it
   knows, as C spells them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cparse-int.h"
#include "text.h"

void
cp_fail (struct cp *p, size_t at, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (p->err, p->errlen, fmt, ap);
  va_end (ap);
  p->col = (int) at + 1;
  longjmp (p->fail, 1);
}

void
cp_blanks (struct cp *p)
{
  while (p->s[p->at] == ' ' || p->s[p->at] == '\t' || p->s[p->at] == '\n'
         || p->s[p->at] == '\r')
    p->at++;
}

int
cp_peek (struct cp *p)
{
  cp_blanks (p);
  return (unsigned char) p->s[p->at];
}

void
cp_expect (struct cp *p, char c)
{
  int got = cp_peek (p);
  if (got != c)
    {
      if (got)
        cp_fail (p, p->at, "expected '%c' here, not '%c'", c, got);
      cp_fail (p, p->at, "expected '%c': the statement ends too soon", c);
    }
  p->at++;
}

int
cp_at (struct cp *p, const char *s)
{
  cp_blanks (p);
  return strncmp (p->s + p->at, s, strlen (s)) == 0;
}

int
cp_name (struct cp *p, char *out)
{
  size_t start = (cp_blanks (p), p->at), n;
  if (!isalpha ((unsigned char) p->s[start]) && p->s[start] != '_')
    return 0;
  while (isalnum ((unsigned char) p->s[p->at]) || p->s[p->at] == '_')
    p->at++;
  n = p->at - start;
  if (n >= CP_NAME)
    cp_fail (p, start, "a name longer than %d characters", CP_NAME - 1);
  memcpy (out, p->s + start, n);
  out[n] = '\0';
  return 1;
}

/* ---- types ------------------------------------------------------------ */

static const char *const type_words[] = {
  "void", "char", "short", "int", "long", "unsigned", "signed", "const", "volatile",
  "size_t", "ssize_t", "off_t", "pid_t", "struct", "union", "enum", "float", "double", "FILE",
};

static int
type_word (const char *w)
{
  for (size_t i = 0; i < sizeof type_words / sizeof type_words[0]; i++)
    if (strcmp (w, type_words[i]) == 0)
      return (int) i;
  return -1;
}

int
cp_type_start (struct cp *p)
{
  char w[CP_NAME];
  size_t at = p->at;
  int ok = cp_name (p, w) && type_word (w) >= 0;
  p->at = at;
  return ok;
}

void
cp_type (struct cp *p, struct cp_type *t)
{
  int vd = 0, ch = 0, sh = 0, in = 0, lg = 0, un = 0, sg = 0, named = 0, cv = 0, vol = 0;
  size_t start = (cp_blanks (p), p->at), used = 0;
  char w[CP_NAME];
  memset (t, 0, sizeof *t);
  for (;;)
    {
      size_t at = p->at;
      if (!cp_name (p, w))
        break;
      int k = type_word (w);
      if (k < 0)
        {
          p->at = at;
          break;
        }
      if (k >= 13 && k <= 15)
        cp_fail (p, at, "the console has no structures, unions or enums: its values are "
                 "numbers and addresses");
      if (k == 18)
        cp_fail (p, at, "the console has no FILE streams: printf and puts print into its "
                 "output pane");
      if (k >= 16)
        cp_fail (p, at, "the console's numbers are integers: no %s", w);
      vd += k == 0, ch += k == 1, sh += k == 2, in += k == 3, lg += k == 4;
      un += k == 5, sg += k == 6, cv += k == 7, vol += k == 8;
      if (cv > 1 || vol > 1)
        cp_fail (p, at, "'%s' twice", w);
      if (k == 7 || k == 8)
        continue;
      if (k >= 9)
        {
          if (named || vd || ch || sh || in || lg || un || sg)
            cp_fail (p, at, "'%s' cannot be combined with another type word", w);
          named = k;
        }
      else if (named)
        cp_fail (p, at, "'%s' cannot be combined with another type word", w);
    }
  if (named)
    t->base = named == 9 ? CT_SIZE : named == 10 ? CT_SSIZE : named == 11 ? CT_OFF : CT_PID;
  else if (vd)
    t->base = CT_VOID;
  else if (ch)
    t->base = un ? CT_UCHAR : sg ? CT_SCHAR : CT_CHAR;
  else if (sh)
    t->base = un ? CT_USHORT : CT_SHORT;
  else if (lg >= 2)
    t->base = un ? CT_ULLONG : CT_LLONG;
  else if (lg)
    t->base = un ? CT_ULONG : CT_LONG;
  else if (in || un || sg)
    t->base = un ? CT_UINT : CT_INT;
  else
    cp_fail (p, start, "expected a type: int, char *, size_t, ...");
  if (vd + ch + sh + in > 1 || (vd && (lg || un || sg)) || (un && sg) || lg > 2
      || ((ch || vd) && (sh || lg)) || (sh && lg))
    cp_fail (p, start, "those words do not make one C type");
  t->konst = cv;
  while (cp_peek (p) == '*')
    {
      p->at++;
      t->ptr++;
      size_t at = p->at;
      if (!cp_name (p, w))
        continue;
      if (strcmp (w, "const") == 0)
        t->ptr_const = 1;
      else if (strcmp (w, "volatile"))
        p->at = at;
    }
  if (t->ptr > 1)
    cp_fail (p, start, "the console's addresses point at bytes: one '*'");
  /* The type as C writes it, whatever the order of its words. */
  static const char *const names[] = {
    [CT_VOID] = "void", [CT_CHAR] = "char", [CT_SCHAR] = "signed char",
    [CT_UCHAR] = "unsigned char", [CT_SHORT] = "short", [CT_USHORT] = "unsigned short",
    [CT_INT] = "int", [CT_UINT] = "unsigned int", [CT_LONG] = "long",
    [CT_ULONG] = "unsigned long", [CT_LLONG] = "long long",
    [CT_ULLONG] = "unsigned long long", [CT_SIZE] = "size_t", [CT_SSIZE] = "ssize_t",
    [CT_OFF] = "off_t", [CT_PID] = "pid_t",
  };
  text_append (t->text, sizeof t->text, &used, "%s%s%s%s%s", cv ? "const " : "",
               vol ? "volatile " : "", names[t->base], t->ptr ? " *" : "",
               t->ptr_const ? "const " : "");
  /* "char *const " reads "char *const" before a name. */
  if (used && t->text[used - 1] == ' ')
    t->text[--used] = '\0';
}

