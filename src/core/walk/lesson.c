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
#include "xalloc.h"

static void
program_line (struct parser *p, int line, const char *v)
{
  struct lesson *L = p->L;
  if (L->nsteps)
    {
      parse_fail (&p->rep, line, "program lines must come before the first step");
      return;
    }
  if (L->nprogram >= LESSON_MAX_PROGRAM)
    {
      parse_fail (&p->rep, line, "program longer than %d lines", LESSON_MAX_PROGRAM);
      return;
    }
  char **pr = xreallocarray (L->program, L->nprogram + 1, sizeof *pr);
  L->program = pr;
  pr[L->nprogram] = xstrdup (v);
  if (pr[L->nprogram])
    L->nprogram++;
}

static void
one_line (struct parser *p, int line, char *s)
{
  parse_trim_end (s);
  if (s[0] == '|')
    {
      program_line (p, line, s[1] == ' ' ? s + 2 : s + 1);
      return;
    }
  char *v;
  if (parse_key_value (&p->rep, line, s, &s, &v) <= 0)
    return;
  if (strcmp (s, "title") == 0 || strcmp (s, "source") == 0)
    {
      char **dst = s[0] == 't' ? &p->L->title : &p->L->source;
      if (p->st || p->L->nsteps)
        parse_fail (&p->rep, line, "'%s' belongs before the first step", s);
      else
        parse_set_once (&p->rep, line, dst, s, v);
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
        parse_fail (&p->rep, line, "'%s' outside a step", s);
      else
        lp_step_key (p, line, (enum key) k, v);
      return;
    }
  parse_fail (&p->rep, line, "unknown key '%.40s'", s);
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
  parse_fail (&((struct parser *) ctx)->rep, lineno, "%s", why);
}

int
lesson_parse (const char *buf, size_t len, const char *file, struct lesson *L,
              parse_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { line_ok, line_bad, 0, 0 };
  struct parser p = { .rep = { file, err, ctx, 0 }, .L = L };
  long pg = sysconf (_SC_PAGESIZE);

  memset (L, 0, sizeof *L);
  p.page = pg > 0 ? (size_t) pg : 4096;
  if (len > LESSON_MAX_BYTES)
    {
      parse_fail (&p.rep, 0, "file larger than %d bytes", LESSON_MAX_BYTES);
      return p.rep.nerr;
    }
  int lineno = lines_each (buf, len, LESSON_MAX_LINE, &fn, &p, &p.rep.nerr);
  lp_end_step (&p);
  if (!L->title)
    parse_fail (&p.rep, 1, "no 'title'");
  if (L->nsteps == 0 && p.rep.nerr == 0)
    parse_fail (&p.rep, lineno ? lineno : 1, "no steps");
  if (p.rep.nerr)
    lesson_free (L);
  return p.rep.nerr;
}

/* lesson_parse, as parse_file calls it. */
static int
parse_into (const char *buf, size_t len, const char *file, void *L, parse_error_fn err,
            void *ctx)
{
  return lesson_parse (buf, len, file, L, err, ctx);
}

int
lesson_load (const char *path, struct lesson *L, parse_error_fn err, void *ctx)
{
  memset (L, 0, sizeof *L);
  return parse_file (path, LESSON_MAX_BYTES, L, err, ctx, parse_into);
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
