/* lesson.c - lesson files: a program to show and steps the engine runs.
   This half reads the file, its lines and the program; lesson-step.c
   reads a step's keys.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson-int.h"
#include "lines.h"
#include "names.h"
#include "text.h"

void
lp_fail (struct parser *p, int line, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  p->nerr++;
  if (p->err)
    p->err (p->ctx, p->file, line, msg);
}

char *
lp_dup (struct parser *p, int line, const char *s)
{
  char *d = strdup (s);
  if (!d)
    lp_fail (p, line, "out of memory");
  return d;
}

static void
program_line (struct parser *p, int line, const char *v)
{
  struct lesson *L = p->L;
  if (L->nsteps)
    {
      lp_fail (p, line, "program lines must come before the first step");
      return;
    }
  if (L->nprogram >= LESSON_MAX_PROGRAM)
    {
      lp_fail (p, line, "program longer than %d lines", LESSON_MAX_PROGRAM);
      return;
    }
  char **pr = realloc (L->program, (L->nprogram + 1) * sizeof *pr);
  if (!pr)
    {
      lp_fail (p, line, "out of memory");
      return;
    }
  L->program = pr;
  pr[L->nprogram] = lp_dup (p, line, v);
  if (pr[L->nprogram])
    L->nprogram++;
}

static void
one_line (struct parser *p, int line, char *s)
{
  size_t n = strlen (s);
  while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = '\0';
  if (s[0] == '|')
    {
      program_line (p, line, s[1] == ' ' ? s + 2 : s + 1);
      return;
    }
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0' || *s == '#')
    return;
  char *colon = strchr (s, ':');
  if (!colon)
    {
      lp_fail (p, line, "expected 'key: value'");
      return;
    }
  *colon = '\0';
  char *v = colon + 1;
  while (*v == ' ' || *v == '\t')
    v++;
  if (strcmp (s, "title") == 0 || strcmp (s, "source") == 0)
    {
      char **dst = s[0] == 't' ? &p->L->title : &p->L->source;
      if (p->st || p->L->nsteps)
        lp_fail (p, line, "'%s' belongs before the first step", s);
      else if (*dst)
        lp_fail (p, line, "'%s' given twice", s);
      else if (*v == '\0')
        lp_fail (p, line, "empty %s", s);
      else
        *dst = lp_dup (p, line, v);
      return;
    }
  if (strcmp (s, "step") == 0)
    {
      lp_begin_step (p, line, v);
      return;
    }
  int k = lp_key (s);
  if (k >= 0)
    {
      if (!p->st)
        lp_fail (p, line, "'%s' outside a step", s);
      else
        lp_step_key (p, line, (enum key) k, v);
      return;
    }
  lp_fail (p, line, "unknown key '%.40s'", s);
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
  lp_fail (ctx, lineno, "%s", why);
}

int
lesson_parse (const char *buf, size_t len, const char *file, struct lesson *L,
              parse_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { line_ok, line_bad };
  struct parser p = { .file = file, .err = err, .ctx = ctx, .L = L };
  long pg = sysconf (_SC_PAGESIZE);

  memset (L, 0, sizeof *L);
  p.page = pg > 0 ? (size_t) pg : 4096;
  if (len > LESSON_MAX_BYTES)
    {
      lp_fail (&p, 0, "file larger than %d bytes", LESSON_MAX_BYTES);
      return p.nerr;
    }
  int lineno = lines_each (buf, len, LESSON_MAX_LINE, &fn, &p, &p.nerr);
  lp_end_step (&p);
  if (!L->title)
    lp_fail (&p, 1, "no 'title'");
  if (L->nsteps == 0 && p.nerr == 0)
    lp_fail (&p, lineno ? lineno : 1, "no steps");
  if (p.nerr)
    lesson_free (L);
  return p.nerr;
}

int
lesson_load (const char *path, struct lesson *L, parse_error_fn err, void *ctx)
{
  char msg[256];
  size_t len;
  char *buf = lines_read (path, LESSON_MAX_BYTES, &len, msg, sizeof msg);

  memset (L, 0, sizeof *L);
  if (!buf)
    {
      if (err)
        err (ctx, path, 0, msg);
      return 1;
    }
  int rc = lesson_parse (buf, len, path, L, err, ctx);
  free (buf);
  return rc;
}

void
lesson_free (struct lesson *L)
{
  for (size_t i = 0; i < L->nsteps; i++)
    {
      struct lesson_step *s = &L->steps[i];
      free (s->name);
      free (s->path);
      free (s->text);
      free (s->format);
      free (s->explain);
      free (s->note);
      free (s->ask);
      for (int c = 0; c < s->nchoices; c++)
        free (s->choices[c]);
    }
  free (L->steps);
  for (size_t i = 0; i < L->nprogram; i++)
    free (L->program[i]);
  free (L->program);
  free (L->title);
  free (L->source);
  memset (L, 0, sizeof *L);
}
