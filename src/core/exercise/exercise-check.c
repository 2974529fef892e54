/* exercise-check.c - an exercise's check and inject lines.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise-int.h"
#include "names.h"
#include "xalloc.h"

/* The words each kind is written with, and whether a text follows. */
static const struct {
  const char *words;
  enum ex_check_kind kind;
  int takes;                /* 0 nothing, 1 a text, 2 a number, 3 a signal, 4 call words */
} kinds[] = {
  { "source has", EX_SOURCE_HAS, 1 },
  { "source lacks", EX_SOURCE_LACKS, 1 },
  { "prints no", EX_PRINTS_NO, 1 },
  { "prints", EX_PRINTS, 1 },
  { "errors", EX_ERRORS, 1 },
  { "exits", EX_EXITS, 2 },
  { "calls", EX_CALLS, 4 },
  { "catches", EX_CATCHES, 3 },
  { "forks", EX_FORKS, 0 },
};

/* The system calls a check may name, as the kernel names them. */
static const char *const calls[] = {
  "openat", "open", "mmap", "munmap", "mprotect", "msync", "close", "fork", "clone",
  "wait4", "write", "read",
};

/* The signals a program may be said to catch. */
static const struct { const char *name; int sig; } signals[] = {
  { "SIGSEGV", SIGSEGV }, { "SIGBUS", SIGBUS }, { "SIGFPE", SIGFPE }, { "SIGABRT", SIGABRT },
  { "SIGILL", SIGILL }, { "SIGTERM", SIGTERM }, { "SIGINT", SIGINT }, { "SIGALRM", SIGALRM },
  { "SIGUSR1", SIGUSR1 }, { "SIGUSR2", SIGUSR2 }, { "SIGPIPE", SIGPIPE },
  { "SIGCHLD", SIGCHLD },
};

const char *
exercise_kind_name (enum ex_check_kind k)
{
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (kinds[i].kind == k)
      return kinds[i].words;
  return "?";
}

void
exercise_match_free (struct ex_match *m)
{
  free (m->call);
  free (m->path);
  memset (m, 0, sizeof *m);
}

/* The errno value named NAME ("ENOMEM"), or 0. */
static int
errno_by_name (const char *name)
{
  for (int e = 1; e < 4096; e++)
    {
      const char *n = errno_name (e);
      if (n && strcmp (n, name) == 0)
        return e;
    }
  return 0;
}

/* Parse one WORD of a call's description into M; 0, or -1 (reported). */
static int
match_word (struct xparser *p, int line, struct ex_match *m, const char *w)
{
  char bad[64];
  long v;
  if (strncmp (w, "MAP_", 4) == 0 || strncmp (w, "O_", 2) == 0)
    {
      if (names_parse (w[0] == 'M' ? NAMES_MAP : NAMES_OPEN, w, &v, bad, sizeof bad) != 0)
        goto unknown;
      m->flags |= v;
    }
  else if (strncmp (w, "PROT_", 5) == 0)
    {
      if (names_parse (NAMES_PROT, w, &v, bad, sizeof bad) != 0)
        goto unknown;
      m->prot |= v;
    }
  else if (w[0] == '/')
    {
      if (m->path)
        {
          parse_fail (&p->rep, line, "two paths for one call: '%s' and '%s'", m->path, w);
          return -1;
        }
      m->path = xstrdup (w);
    }
  else if (strcmp (w, "len=page") == 0)
    m->len = -1;
  else if (strncmp (w, "len=", 4) == 0)
    {
      char *end;
      errno = 0;
      long n = strtol (w + 4, &end, 10);
      if (errno || end == w + 4 || *end || n <= 0 || n > (1L << 30))
        {
          parse_fail (&p->rep, line, "'%s': len= takes a length from 1 to 1073741824, or page", w);
          return -1;
        }
      m->len = n;
    }
  else if (strcmp (w, "parent") == 0 || strcmp (w, "child") == 0)
    m->by = w[0] == 'p' ? 1 : 2;
  else
    {
      parse_fail (&p->rep, line, "'%s': a call is described by flags (MAP_SHARED, PROT_READ, "
                  "O_RDWR), a path (/dev/zero), len=N or len=page, parent or child", w);
      return -1;
    }
  return 0;
unknown:
  parse_fail (&p->rep, line, "unknown flag '%s'", bad);
  return -1;
}

/* Parse "NAME WORD..." (S, changed) into M: the call, then its words; a
   last word kept back in *LAST when LAST is not NULL.  0, or -1. */
static int
match_parse (struct xparser *p, int line, char *s, struct ex_match *m, char **last)
{
  char *words[EXERCISE_MAX_WORDS + 2];
  int n = 0;
  for (char *t = strtok (s, " \t"); t; t = strtok (NULL, " \t"))
    {
      if (n == EXERCISE_MAX_WORDS + 1)
        {
          parse_fail (&p->rep, line, "more than %d words after the call", EXERCISE_MAX_WORDS);
          return -1;
        }
      words[n++] = t;
    }
  if (n == 0)
    {
      parse_fail (&p->rep, line, "no system call named");
      return -1;
    }
  size_t i;
  for (i = 0; i < sizeof calls / sizeof calls[0]; i++)
    if (strcmp (words[0], calls[i]) == 0)
      break;
  if (i == sizeof calls / sizeof calls[0])
    {
      parse_fail (&p->rep, line, "unknown system call '%.40s' (one of openat, open, mmap, "
                  "munmap, mprotect, msync, close, fork, clone, wait4, write, read)", words[0]);
      return -1;
    }
  m->call = xstrdup (words[0]);
  if (last)
    {
      if (n < 2)
        {
          parse_fail (&p->rep, line, "no errno after the call (as in 'inject: mmap /dev/zero "
                      "ENOMEM')");
          return -1;
        }
      *last = words[--n];
    }
  for (int k = 1; k < n; k++)
    if (match_word (p, line, m, words[k]) != 0)
      return -1;
  return 0;
}

/* The check in V at LINE, into C; 0, or -1 (reported). */
static int
check_parse (struct xparser *p, int line, const char *v, struct ex_check *c)
{
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    {
      size_t n = strlen (kinds[i].words);
      if (strncmp (v, kinds[i].words, n) != 0 || (v[n] != ' ' && v[n] != '\0'))
        continue;
      const char *rest = v + n;
      while (*rest == ' ')
        rest++;
      c->kind = kinds[i].kind;
      c->text = xstrdup (v);
      if (kinds[i].takes == 0 && *rest)
        {
          parse_fail (&p->rep, line, "'%s' takes nothing after it", kinds[i].words);
          return -1;
        }
      if (kinds[i].takes != 0 && !*rest)
        {
          parse_fail (&p->rep, line, "'%s' needs %s after it", kinds[i].words,
                      kinds[i].takes == 1 ? "a text" : kinds[i].takes == 2 ? "a status"
                      : kinds[i].takes == 3 ? "a signal" : "a system call");
          return -1;
        }
      if (kinds[i].takes == 1)
        {
          free (c->text);
          c->text = xstrdup (rest);
        }
      else if (kinds[i].takes == 2)
        {
          char *end;
          errno = 0;
          long st = strtol (rest, &end, 10);
          if (errno || end == rest || *end || st < 0 || st > 255)
            {
              parse_fail (&p->rep, line, "'exits %s': a status from 0 to 255", rest);
              return -1;
            }
          c->num = (int) st;
        }
      else if (kinds[i].takes == 3)
        {
          size_t k;
          for (k = 0; k < sizeof signals / sizeof signals[0]; k++)
            if (strcmp (rest, signals[k].name) == 0)
              break;
          if (k == sizeof signals / sizeof signals[0])
            {
              parse_fail (&p->rep, line, "unknown signal '%.40s'", rest);
              return -1;
            }
          c->num = signals[k].sig;
        }
      else if (kinds[i].takes == 4)
        {
          char *copy = xstrdup (rest);
          int rc = match_parse (p, line, copy, &c->m, NULL);
          free (copy);
          return rc;
        }
      return 0;
    }
  parse_fail (&p->rep, line, "unknown check '%.40s' (source has, source lacks, prints, "
              "prints no, errors, exits, calls, catches, forks)", v);
  return -1;
}

void
exercise_check_line (struct xparser *p, int line, const char *v)
{
  struct exercise *x = p->x;
  if (x->nchecks >= EXERCISE_MAX_CHECKS)
    {
      parse_fail (&p->rep, line, "more than %d checks", EXERCISE_MAX_CHECKS);
      return;
    }
  struct ex_check c = { .line = line, .run = x->inject.line ? 1 : 0 };
  if (check_parse (p, line, v, &c) != 0)
    {
      free (c.text);
      exercise_match_free (&c.m);
      return;
    }
  x->checks = xreallocarray (x->checks, x->nchecks + 1, sizeof *x->checks);
  x->checks[x->nchecks++] = c;
}

void
exercise_inject_line (struct xparser *p, int line, const char *v)
{
  struct ex_inject *in = &p->x->inject;
  if (in->line)
    {
      parse_fail (&p->rep, line, "'inject' given twice (an exercise has one injected run)");
      return;
    }
  if (*v == '\0')
    {
      parse_fail (&p->rep, line, "empty inject");
      return;
    }
  char *copy = xstrdup (v), *last = NULL;
  struct ex_match m = { 0 };
  int rc = match_parse (p, line, copy, &m, &last);
  int e = rc == 0 ? errno_by_name (last) : 0;
  if (rc == 0 && !e)
    parse_fail (&p->rep, line, "unknown errno '%.40s' (as in ENOMEM)", last);
  free (copy);
  if (rc != 0 || !e)
    {
      exercise_match_free (&m);
      return;
    }
  in->line = line;
  in->text = xstrdup (v);
  in->m = m;
  in->err = e;
}
