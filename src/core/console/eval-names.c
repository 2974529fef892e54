/* eval-names.c - the names the call console knows: its constants, the
   names it keeps, the lines of its help, and names for completion.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "eval-int.h"

/* ---- names ------------------------------------------------------------ */

#define C(x) { #x, x }
static const struct { const char *name; long long v; } constants[] = {
  { "NULL", 0 },
  C (O_RDONLY), C (O_WRONLY), C (O_RDWR), C (O_CLOEXEC),
  C (PROT_NONE), C (PROT_READ), C (PROT_WRITE),
  C (MAP_SHARED), C (MAP_PRIVATE), C (MAP_ANONYMOUS), C (MAP_POPULATE), C (MAP_NORESERVE),
#ifdef MAP_SHARED_VALIDATE
  C (MAP_SHARED_VALIDATE),
#endif
  C (MS_SYNC), C (MS_ASYNC), C (MS_INVALIDATE),
  C (_SC_PAGESIZE), C (_SC_PAGE_SIZE), C (WNOHANG),
};

/* Names a variable may not take: they would not compile in the saved
   program, or they mean something already. */
static const char *const reserved[] = {
  "buf", "vec", "main", "int", "char", "long", "void", "if", "else", "for",
  "while", "return", "do", "switch", "case", "sizeof", "static", "const", "auto",
  "break", "continue", "default", "double", "float", "goto", "short", "signed",
  "unsigned", "struct", "union", "enum", "typedef", "extern", "register", "volatile",
  "errno", "help", "quit", "exit", "save", "MAP_FAILED", "stdin", "stdout", "stderr",
  "inline", "restrict", "_Bool", "_Complex", "_Alignas", "_Alignof", "_Atomic", "_Generic",
  "_Noreturn", "_Static_assert", "_Thread_local", "asm", "typeof",
};

const char *
ev_help (int i)
{
  static const char *const lang[] = {
    "char *p = mmap(...);  int n = 5;  (char *)p: declarations, casts, ';'",
    "p[5] = 'x'  *p = 'A': store a byte;  p[0]  p == MAP_FAILED: a value",
    "if (x > 0) { ... } followed, loops skipped; numbers: int, long, unsigned",
    "save FILE  the program of what ran, printing what the console showed",
    "Tab completes (on an empty line: the next mapping); quit, Ctrl-D leave",
  };
  int nl = (int) (sizeof lang / sizeof lang[0]);
  if (i < 0)
    return NULL;
  if (i < nl)
    return lang[i];
  i -= nl;
  for (int k = 0; k < ev_ncalls; k++)
    if (!ev_calls[k].unlisted && i-- == 0)
      return ev_calls[k].help;
  return NULL;
}

const char *
ev_name (const struct evaluator *ev, int i)
{
  int nc = (int) (sizeof constants / sizeof constants[0]);
  if (i < 0)
    return NULL;
  if (i < ev_ncalls)
    return ev_calls[i].name;
  i -= ev_ncalls;
  if (i < nc)
    return constants[i].name;
  i -= nc;
  if (i == 0)
    return "buf";
  i--;
  return i < ev->nvars ? ev->vars[i].name : NULL;
}

int
ev_constant (const char *name, long long *v)
{
  for (size_t k = 0; k < sizeof constants / sizeof constants[0]; k++)
    if (strcmp (constants[k].name, name) == 0)
      {
        *v = constants[k].v;
        return 1;
      }
  return 0;
}

int
ev_reserved (const char *name)
{
  for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
    if (strcmp (reserved[i], name) == 0)
      return 1;
  return 0;
}
