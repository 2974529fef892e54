/* fuzz-lesson.c - libFuzzer target: the lesson parser.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "lesson.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
ignore (void *ctx, const char *file, int line, const char *msg)
{
  (void) ctx, (void) file, (void) line, (void) msg;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct lesson L;
  if (lesson_parse ((const char *) data, size, "fuzz", &L, ignore, NULL) == 0)
    {
      /* A lesson that parses must hold what the screens rely on. */
      if (!L.title || L.nsteps == 0)
        __builtin_trap ();
      for (size_t i = 0; i < L.nsteps; i++)
        if (L.steps[i].line_end > (int) L.nprogram)
          __builtin_trap ();
    }
  lesson_free (&L);
  return 0;
}
