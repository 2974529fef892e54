/* exercise.c - exercise files: the file, its lines, the starting program.
   exercise-check.c reads the check and inject lines.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise-int.h"
#include "lines.h"
#include "text.h"
#include "xalloc.h"

/* Add a copy of V to the list *LIST of *N, at most MAX (else an error
   naming WHAT at LINE). */
static void
add_text (struct xparser *p, int line, char ***list, size_t *n, size_t max, const char *what,
          const char *v)
{
  if (*n >= max)
    {
      parse_fail (&p->rep, line, "more than %zu %s", max, what);
      return;
    }
  *list = xreallocarray (*list, *n + 1, sizeof **list);
  (*list)[(*n)++] = xstrdup (v);
}

/* Is NAME a learner's file name we may make: a plain name ending in .c,
   no folder, no leading dot or dash, letters, digits, '-', '_', '.'? */
static int
good_file_name (const char *name)
{
  size_t n = strlen (name);
  if (n < 3 || n > 64 || strcmp (name + n - 2, ".c") != 0 || name[0] == '.' || name[0] == '-')
    return 0;
  for (const char *s = name; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')
          || *s == '-' || *s == '_' || *s == '.'))
      return 0;
  return 1;
}

static void
one_line (struct xparser *p, int line, char *s)
{
  struct exercise *x = p->x;
  parse_trim_end (s);
  if (s[0] == '|')
    {
      if (x->nchecks || x->inject.line)
        parse_fail (&p->rep, line, "the starting file's lines come before the checks");
      else
        add_text (p, line, &x->start, &x->nstart, EXERCISE_MAX_START, "lines in the starting file",
                  s[1] == ' ' ? s + 2 : s + 1);
      return;
    }
  char *key, *v;
  if (parse_key_value (&p->rep, line, s, &key, &v) <= 0)
    return;
  if (strcmp (key, "title") == 0)
    parse_set_once (&p->rep, line, &x->title, "title", v);
  else if (strcmp (key, "number") == 0)
    {
      char *end;
      long n = strtol (v, &end, 10);
      if (x->number)
        parse_fail (&p->rep, line, "'number' given twice");
      else if (end == v || *end || n < 1 || n > 999)
        parse_fail (&p->rep, line, "'number %s': the exercise's place in the list, from 1 to 999",
                    v);
      else
        x->number = (int) n;
    }
  else if (strcmp (key, "file") == 0)
    {
      if (parse_set_once (&p->rep, line, &x->file, "file", v) == 0 && !good_file_name (v))
        {
          parse_fail (&p->rep, line, "file '%s': a name like seed.c, ending in .c, of letters, "
                      "digits, '-', '_' and '.', no folder", v);
          free (x->file);
          x->file = NULL;
        }
    }
  else if (strcmp (key, "task") == 0)
    {
      if (*v == '\0')
        parse_fail (&p->rep, line, "empty task");
      else
        add_text (p, line, &x->task, &x->ntask, 64, "task lines", v);
    }
  else if (strcmp (key, "hint") == 0)
    {
      if (*v == '\0')
        parse_fail (&p->rep, line, "empty hint");
      else
        add_text (p, line, &x->hints, &x->nhints, EXERCISE_MAX_HINTS, "hints", v);
    }
  else if (strcmp (key, "check") == 0)
    exercise_check_line (p, line, v);
  else if (strcmp (key, "inject") == 0)
    exercise_inject_line (p, line, v);
  else
    parse_fail (&p->rep, line, "unknown key '%.40s'", key);
}

/* lines_each's callbacks. */
static void
line_ok (void *ctx, int lineno, char *text)
{
  one_line (ctx, lineno, text);
}

static void
line_bad (void *ctx, int lineno, const char *why)
{
  parse_fail (&((struct xparser *) ctx)->rep, lineno, "%s", why);
}

/* The name of FILE without its folder and ".exercise". */
static char *
name_of (const char *file)
{
  const char *b = strrchr (file, '/');
  b = b ? b + 1 : file;
  size_t n = strlen (b);
  if (n > 9 && strcmp (b + n - 9, ".exercise") == 0)
    n -= 9;
  return xstrndup (b, n);
}

int
exercise_parse (const char *buf, size_t len, const char *file, struct exercise *x,
                parse_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { line_ok, line_bad, 0, 0 };
  struct xparser p = { .rep = { file, err, ctx, 0 }, .x = x };
  memset (x, 0, sizeof *x);
  if (len > EXERCISE_MAX_BYTES)
    {
      parse_fail (&p.rep, 0, "file larger than %d bytes", EXERCISE_MAX_BYTES);
      return p.rep.nerr;
    }
  int last = lines_each (buf, len, EXERCISE_MAX_LINE, &fn, &p, &p.rep.nerr);
  if (last < 1)
    last = 1;
  /* What a whole exercise needs, said at the file's last line. */
  if (!x->title)
    parse_fail (&p.rep, 0, "no 'title'");
  if (!x->ntask)
    parse_fail (&p.rep, 0, "no 'task'");
  if (!x->nstart)
    parse_fail (&p.rep, 0, "no starting file (its lines start with '|')");
  if (!x->nchecks)
    parse_fail (&p.rep, 0, "no 'check'");
  if (x->inject.line)
    {
      int after = 0;
      for (size_t i = 0; i < x->nchecks; i++)
        after += x->checks[i].run == 1;
      if (!after)
        parse_fail (&p.rep, x->inject.line, "no 'check' after the 'inject': its run checks "
                    "nothing");
    }
  x->name = name_of (file);
  if (!x->file && !p.rep.nerr)
    {
      x->file = xasprintf ("%s.c", x->name);
      if (!good_file_name (x->file))
        parse_fail (&p.rep, 0, "the file's name makes no learner's file name: give 'file:'");
    }
  return p.rep.nerr;
}

/* exercise_parse, as parse_file calls it. */
static int
parse_into (const char *buf, size_t len, const char *file, void *x, parse_error_fn err,
            void *ctx)
{
  return exercise_parse (buf, len, file, x, err, ctx);
}

int
exercise_load (const char *path, struct exercise *x, parse_error_fn err, void *ctx)
{
  memset (x, 0, sizeof *x);
  return parse_file (path, EXERCISE_MAX_BYTES, x, err, ctx, parse_into);
}

static void
free_list (char **list, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free (list[i]);
  free (list);
}

void
exercise_free (struct exercise *x)
{
  free (x->name);
  free (x->title);
  free (x->file);
  free_list (x->task, x->ntask);
  free_list (x->hints, x->nhints);
  free_list (x->start, x->nstart);
  for (size_t i = 0; i < x->nchecks; i++)
    {
      free (x->checks[i].text);
      exercise_match_free (&x->checks[i].m);
    }
  free (x->checks);
  free (x->inject.text);
  exercise_match_free (&x->inject.m);
  memset (x, 0, sizeof *x);
}

char *
exercise_start_text (const struct exercise *x)
{
  size_t n = 1;
  for (size_t i = 0; i < x->nstart; i++)
    n += strlen (x->start[i]) + 1;
  char *t = xmalloc (n), *at = t;
  for (size_t i = 0; i < x->nstart; i++)
    {
      size_t k = strlen (x->start[i]);
      memcpy (at, x->start[i], k);
      at[k] = '\n';
      at += k + 1;
    }
  *at = '\0';
  return t;
}
