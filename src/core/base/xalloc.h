/* xalloc.h - the one checked allocator: memory that cannot be had ends the
   program cleanly (the terminal restored first, through the hook the
   screens set), so no caller has an out-of-memory path of its own.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_XALLOC_H
#define SHMTUTOR_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* As malloc, calloc, realloc, strdup, strndup and vasprintf, but never
   NULL: when memory runs out (or N * SIZE overflows), the failure hook runs
   and the program ends with "shmtutor: out of memory" and status 1. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xvasprintf(const char *fmt, va_list ap) __attribute__ ((format (printf, 1, 0)));
char *xasprintf(const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Room in ARR (of *CAP items of SIZE bytes) for the item at index N: when
   it is full, the array doubles (starting at FIRST items).  Returns the
   array, moved perhaps, *CAP updated. */
void *xgrow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

/* What to do first when memory runs out: restore the terminal, say.  FN
   must return (the allocator then ends the program). */
void xalloc_on_failure(void (*fn)(void));

#endif
