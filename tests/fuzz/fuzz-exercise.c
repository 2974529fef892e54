/* fuzz-exercise.c - libFuzzer target: the exercise parser.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exercise.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
ignore (void *ctx, const char *file, int line, const char *msg)
{
  (void) ctx, (void) file, (void) line, (void) msg;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct exercise x;
  if (exercise_parse ((const char *) data, size, "fuzz.exercise", &x, ignore, NULL) == 0)
    {
      /* An exercise that parses holds what the check and the screen rely
         on. */
      if (!x.title || !x.ntask || !x.nstart || !x.nchecks || !x.file || !x.name)
        __builtin_trap ();
      for (size_t i = 0; i < x.nchecks; i++)
        {
          if (x.checks[i].kind >= EX_NKINDS || !x.checks[i].text)
            __builtin_trap ();
          if (x.checks[i].kind == EX_CALLS && !x.checks[i].m.call)
            __builtin_trap ();
          if (x.checks[i].run == 1 && !x.inject.line)
            __builtin_trap ();
        }
      if (x.inject.line && (!x.inject.m.call || x.inject.err <= 0))
        __builtin_trap ();
      char *t = exercise_start_text (&x);
      free (t);
    }
  exercise_free (&x);
  return 0;
}
