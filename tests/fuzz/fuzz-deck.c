/* fuzz-deck.c - libFuzzer target: the deck parser, and the quiz and cards
   made from whatever it accepts.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "deck.h"
#include "flashcards.h"
#include "quiz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
ignore (void *ctx, const char *file, int line, const char *msg)
{
  (void) ctx, (void) file, (void) line, (void) msg;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct deck D = { 0 };
  if (deck_parse ((const char *) data, size, "fuzz", &D, ignore, NULL) == 0)
    {
      struct quiz z;
      struct flash_deck f;
      if (quiz_make (&D, size, 12, &z) == 0)
        {
          for (size_t i = 0; i < z.n; i++)
            if (!z.q[i].prompt || !z.q[i].answer
                || (z.q[i].nchoices && (z.q[i].right < 0 || z.q[i].right >= z.q[i].nchoices)))
              __builtin_trap ();
          quiz_free (&z);
        }
      flash_build (&D, &f);
      flash_free (&f);
    }
  deck_free (&D);
  return 0;
}
