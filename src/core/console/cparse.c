/* cparse.c - the call console's statements: declarations, assignments,
   stores, calls and values; the lines of C it does not run (#include,
   if, braces, return) told apart, with the blocks they begin.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cparse-int.h"

/* ---- statements ------------------------------------------------------- */

/* Lines of C the console does not run, by their first word. */
static const struct { const char *word; enum cp_block block; const char *why; } asides[] = {
  { "if", CB_IF, "if is control flow" },
  { "else", CB_ELSE, "else is control flow" },
  { "while", CB_LOOP, "a loop is control flow" },
  { "for", CB_LOOP, "a loop is control flow" },
  { "do", CB_LOOP, "a loop is control flow" },
  { "switch", CB_SWITCH, "switch is control flow" },
  { "case", CB_NONE, "case belongs to a switch, which is control flow the console does not "
    "follow" },
  { "default", CB_NONE, "default belongs to a switch, which is control flow the console does "
    "not follow" },
  { "return", CB_NONE, "return ends a function: the console runs statements at its own "
    "prompt, in none (quit or Ctrl-D leaves it)" },
  { "break", CB_NONE, "break leaves a loop, which the console does not follow" },
  { "continue", CB_NONE, "continue goes on with a loop, which the console does not follow" },
  { "goto", CB_NONE, "goto is control flow the console does not follow" },
  { "typedef", CB_NONE, "a typedef is for the compiler: the console knows the types it takes" },
  { "static", CB_FUNC, "static makes a function or a variable private to its file" },
  { "extern", CB_NONE, "extern declares for the compiler: the console runs statements" },
};

/* An if's or a while's condition, when it parses: its value can be
   shown, and decide whether the block runs. */
static void
condition (struct cp *p)
{
  struct cp_stmt *st = p->st;
  if (cp_peek (p) != '(')
    return;
  jmp_buf outer;
  int nn = st->nn;
  memcpy (&outer, &p->fail, sizeof outer);
  if (setjmp (p->fail) == 0)
    {
      p->at++;
      cp_expr (p, &st->cond);
      cp_expect (p, ')');
    }
  else
    {
      /* Not a condition the console can read: no value to show.  What it
         parsed of it is given back. */
      for (int i = nn; i < st->nn; i++)
        {
          free (st->n[i].str);
          st->n[i].str = NULL;
        }
      st->cond.root = -1;
      st->nn = nn;
    }
  memcpy (&p->fail, &outer, sizeof outer);
}

/* The last character of the line that is not a blank, or 0. */
static int
last_char (const struct cp *p)
{
  size_t n = strlen (p->s);
  while (n && strchr (" \t\r\n", p->s[n - 1]))
    n--;
  return n ? (unsigned char) p->s[n - 1] : 0;
}

/* The block an aside begins, and whether its body is the next statement. */
static void
block_ends (struct cp *p)
{
  struct cp_stmt *st = p->st;
  int last = last_char (p);
  st->opens = last == '{';
  if (!st->opens && (st->block == CB_IF || st->block == CB_ELSEIF || st->block == CB_LOOP
                     || st->block == CB_ELSE))
    st->braceless = last == ')' || (st->block == CB_ELSE && last == 'e')
      || (st->block == CB_LOOP && last == 'o');
}

static int
aside_word (struct cp *p, const char *w)
{
  struct cp_stmt *st = p->st;
  for (size_t k = 0; k < sizeof asides / sizeof asides[0]; k++)
    if (strcmp (w, asides[k].word) == 0)
      {
        st->kind = CP_ASIDE;
        st->block = asides[k].block;
        snprintf (st->aside, sizeof st->aside, "%s", asides[k].why);
        if (st->block == CB_ELSE)
          {
            size_t at = p->at;
            char next[CP_NAME];
            if (cp_name (p, next) && strcmp (next, "if") == 0)
              st->block = CB_ELSEIF;
            else
              p->at = at;
          }
        if (st->block == CB_IF || st->block == CB_ELSEIF || strcmp (w, "while") == 0)
          condition (p);
        /* static int demo(...): a function; static int x = 1: not one. */
        if (st->block == CB_FUNC && !strchr (p->s, '('))
          st->block = CB_NONE;
        block_ends (p);
        return 1;
      }
  return 0;
}

/* The right side of '=' and the kind of statement it makes. */
static void
classify (struct cp *p, enum cp_kind plain)
{
  struct cp_stmt *st = p->st;
  const struct cp_node *n = &st->n[st->value.root];
  if (n->kind == CP_CAST && !n->paren && st->n[n->a].kind == CP_FN && !st->n[n->a].paren
      && plain != CP_STORE)
    {
      st->cast = n->type;
      n = &st->n[n->a];
    }
  if (n->kind == CP_FN && !n->paren && plain != CP_STORE)
    {
      st->kind = CP_CALL;
      snprintf (st->fn, sizeof st->fn, "%s", n->name);
      st->fn_col = n->col;
      st->nargs = n->nargs;
      for (int k = 0; k < n->nargs; k++)
        {
          const struct cp_node *a = &st->n[n->args[k]];
          st->args[k].root = n->args[k];
          st->args[k].col = a->col;
          cp_expr_text (p, &st->args[k], (size_t) a->col - 1, (size_t) a->end - 1);
        }
      return;
    }
  st->kind = plain;
}

static void
rhs (struct cp *p, enum cp_kind plain)
{
  cp_expr (p, &p->st->value);
  classify (p, plain);
}

/* A compound assignment or ++/--, which the console leaves out. */
static void
no_compound (struct cp *p)
{
  static const char *const comp[] = { "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=",
                                      "<<=", ">>=" };
  for (size_t k = 0; k < sizeof comp / sizeof comp[0]; k++)
    if (cp_at (p, comp[k]))
      cp_fail (p, p->at, "the console's assignments are name = value: write x = x %.*s y",
               (int) strlen (comp[k]) - 1, comp[k]);
}

static void
parse (struct cp *p)
{
  struct cp_stmt *st = p->st;
  char first[CP_NAME];

  int c = cp_peek (p);
  size_t start = p->at;
  if (c == ';' && (p->at++, cp_peek (p) == '\0'))
    c = '\0';                  /* a ';' alone: an empty statement */
  else if (c == ';')
    cp_fail (p, p->at, "unexpected '%c' after an empty statement", cp_peek (p));
  if (c == '\0')
    {
      st->kind = CP_EMPTY;
      return;
    }
  if (c == '#' || c == '{')
    {
      st->kind = CP_ASIDE;
      st->block = c == '{' ? CB_BARE : CB_NONE;
      st->opens = c == '{';
      snprintf (st->aside, sizeof st->aside, "%s", c == '#'
                ? "#include and #define are for the compiler: the console has the headers' "
                  "names already (Tab completes them)"
                : "a brace opens a block");
      return;
    }
  if (c == '}')
    {
      /* The end of a block, and maybe an else after it. */
      st->kind = CP_ASIDE;
      st->closes = 1;
      p->at++;
      snprintf (st->aside, sizeof st->aside, "a brace closes a block");
      size_t at = p->at;
      char w[CP_NAME];
      if (cp_name (p, w) && strcmp (w, "else") == 0)
        aside_word (p, w);
      else
        p->at = at;
      return;
    }
  if (cp_name (p, first))
    {
      int next = cp_peek (p);
      if (next == '\0' || (next == ';' && !p->s[p->at + 1]))
        if (strcmp (first, "help") == 0 || strcmp (first, "quit") == 0
            || strcmp (first, "exit") == 0)
          {
            st->kind = first[0] == 'h' ? CP_HELP : CP_QUIT;
            return;
          }
      if (strcmp (first, "save") == 0 && next != '(' && next != '=')
        {
          size_t fs = p->at, n = strlen (p->s + fs);
          while (n && strchr (" \t;\r\n", p->s[fs + n - 1]))
            n--;
          if (n == 0)
            cp_fail (p, fs, "save needs a file name: save ex1.c");
          if (n >= sizeof st->file)
            cp_fail (p, fs, "file name too long");
          memcpy (st->file, p->s + fs, n);
          st->file[n] = '\0';
          st->kind = CP_SAVE;
          return;
        }
      if (aside_word (p, first))
        return;
    }
  p->at = start;
  if (cp_type_start (p))
    {
      cp_type (p, &st->decl);
      size_t at = (cp_blanks (p), p->at);
      if (st->decl.base == CT_VOID && !st->decl.ptr)
        {
          char fn[CP_NAME];
          size_t back = p->at;
          /* void f(void): a function's head; void x = ...: no value. */
          if (!(cp_name (p, fn) && cp_peek (p) == '('))
            cp_fail (p, start, "void holds no value: void * is an address");
          p->at = back;
        }
      if (!cp_name (p, st->assign))
        cp_fail (p, at, "expected the name being declared");
      c = cp_peek (p);
      if (c == '(')
        {
          st->kind = CP_ASIDE;
          st->block = strcmp (st->assign, "main") == 0 ? CB_MAIN : CB_FUNC;
          snprintf (st->aside, sizeof st->aside, "%s() is a function's definition",
                    st->assign);
          block_ends (p);
          return;
        }
      if (c == '[')
        {
          st->kind = CP_ASIDE;
          snprintf (st->aside, sizeof st->aside, "an array: the console has one of its own, "
                    "buf (256 bytes), as in read(fd, buf, 16)");
          return;
        }
      if (c == ',')
        cp_fail (p, p->at, "one name a declaration: the console declares them one at a time");
      if (c == ';' || c == '\0')
        {
          st->kind = CP_ASIDE;
          snprintf (st->aside, sizeof st->aside, "the console makes a name when it is given a "
                    "value, as in %s%s%s = 0;", st->decl.text,
                    st->decl.ptr && !st->decl.ptr_const ? "" : " ", st->assign);
          return;
        }
      cp_expect (p, '=');
      if (cp_peek (p) == '=')
        cp_fail (p, p->at, "a declaration takes '=', not '=='");
      rhs (p, CP_SET);
      if (cp_peek (p) == ',')
        cp_fail (p, p->at, "one name a declaration: the console declares them one at a time");
    }
  else
    {
      cp_expr (p, &st->value);
      no_compound (p);
      if (cp_peek (p) == '=' && p->s[p->at + 1] != '=')
        {
          const struct cp_node *lhs = &st->n[st->value.root];
          size_t eq = p->at++;
          if (lhs->kind == CP_NAME_T && !lhs->paren)
            {
              snprintf (st->assign, sizeof st->assign, "%s", lhs->name);
              rhs (p, CP_SET);
            }
          else if ((lhs->kind == CP_UNARY && lhs->op == '*') || lhs->kind == CP_INDEX)
            {
              st->star = lhs->kind == CP_UNARY;
              const struct cp_node *t = &st->n[lhs->a];
              st->target.root = lhs->a;
              st->target.col = t->col;
              cp_expr_text (p, &st->target, (size_t) t->col - 1, (size_t) t->end - 1);
              if (!st->star)
                {
                  const struct cp_node *x = &st->n[lhs->b];
                  st->index.root = lhs->b;
                  st->index.col = x->col;
                  cp_expr_text (p, &st->index, (size_t) x->col - 1, (size_t) x->end - 1);
                }
              cp_expr (p, &st->value);
              st->kind = CP_STORE;
            }
          else
            cp_fail (p, eq, "only a name, *p or p[i] can be given a value");
        }
      else
        {
          /* A call alone, or a value to show. */
          classify (p, CP_VALUE);
        }
    }
  no_compound (p);
  if (cp_peek (p) == ';')
    p->at++;
  c = cp_peek (p);
  if (c == ';')
    cp_fail (p, p->at, "one ';' ends a statement");
  if (c != '\0')
    cp_fail (p, p->at, "unexpected '%c' after the statement", c);
}

int
cp_parse (const char *line, struct cp_stmt *st, int *col, char *err, size_t errlen)
{
  char text[CP_MAX_LINE + 1];
  struct cp p = { .s = text, .st = st, .err = err, .errlen = errlen };
  memset (st, 0, sizeof *st);
  st->value.root = st->target.root = st->index.root = st->cond.root = -1;
  *col = 0;
  err[0] = '\0';
  if (strlen (line) > CP_MAX_LINE)
    {
      snprintf (err, errlen, "a statement longer than %d characters", CP_MAX_LINE);
      *col = CP_MAX_LINE + 1;
      return -1;
    }
  if (cp_blank_comments (line, text) != 0)
    {
      snprintf (err, errlen, "a comment not closed: */ ends it");
      *col = (int) (strstr (line, "/*") - line) + 1;
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

void
cp_free (struct cp_stmt *st)
{
  for (int i = 0; i < st->nn; i++)
    {
      free (st->n[i].str);
      st->n[i].str = NULL;
    }
  st->nn = 0;
}
