/* xalloc.c - the one checked allocator.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

static void (*failure_hook) (void);

void
xalloc_on_failure (void (*fn) (void))
{
  failure_hook = fn;
}

static void __attribute__ ((noreturn))
out_of_memory (void)
{
  static const char msg[] = "shmtutor: out of memory\n";
  if (failure_hook)
    failure_hook ();
  if (write (STDERR_FILENO, msg, sizeof msg - 1) < 0)
    {
      /* Nothing more can be said. */
    }
  exit (EXIT_FAILURE);
}

void *
xmalloc (size_t n)
{
  void *p = malloc (n ? n : 1);
  if (!p)
    out_of_memory ();
  return p;
}

void *
xcalloc (size_t n, size_t size)
{
  void *p = calloc (n ? n : 1, size ? size : 1);
  if (!p)
    out_of_memory ();
  return p;
}

void *
xreallocarray (void *p, size_t n, size_t size)
{
  if (size && n > SIZE_MAX / size)
    out_of_memory ();
  size_t bytes = n * size;
  void *q = realloc (p, bytes ? bytes : 1);
  if (!q)
    out_of_memory ();
  return q;
}

char *
xstrdup (const char *s)
{
  char *d = strdup (s);
  if (!d)
    out_of_memory ();
  return d;
}

char *
xstrndup (const char *s, size_t n)
{
  char *d = strndup (s, n);
  if (!d)
    out_of_memory ();
  return d;
}

char *
xvasprintf (const char *fmt, va_list ap)
{
  char *s;
  if (vasprintf (&s, fmt, ap) < 0)
    out_of_memory ();
  return s;
}

char *
xasprintf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *s = xvasprintf (fmt, ap);
  va_end (ap);
  return s;
}

void *
xgrow (void *arr, size_t *cap, size_t n, size_t size, size_t first)
{
  if (n < *cap)
    return arr;
  size_t c = *cap ? *cap : first;
  while (c <= n)
    {
      if (c > SIZE_MAX / 2)
        out_of_memory ();
      c *= 2;
    }
  arr = xreallocarray (arr, c, size);
  *cap = c;
  return arr;
}
