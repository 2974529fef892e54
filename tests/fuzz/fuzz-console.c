/* fuzz-console.c - libFuzzer target: the call console's parser and
   evaluator, a line at a time, for real (fork off, save never called).
   The input is lines of statements; each that parses is run.  Whatever
   they say, the console may touch only memory it owns: ASan and UBSan
   stop at anything else, and the bytes of a buffer of this target's own
   beside the console's state must stay as they were.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cparse.h"
#include "eval.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The most lines, and the longest line, one input runs. */
#define MAX_LINES 64
#define MAX_LINE 1024

/* The console's state between two guard zones of this target's own: a
   store the console lets through past its buf or its variables shows here. */
static struct {
  unsigned char before[256];
  struct evaluator ev;
  unsigned char after[256];
} box;

static void
zones_check (void)
{
  for (size_t i = 0; i < sizeof box.before; i++)
    if (box.before[i] != 0xa5 || box.after[i] != 0x5a)
      __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char line[MAX_LINE + 1];
  memset (box.before, 0xa5, sizeof box.before);
  memset (box.after, 0x5a, sizeof box.after);
  ev_init (&box.ev, 0);
  box.ev.allow_fork = 0;
  size_t at = 0;
  for (int n = 0; n < MAX_LINES && at < size; n++)
    {
      size_t end = at;
      while (end < size && data[end] != '\n')
        end++;
      size_t len = end - at < MAX_LINE ? end - at : MAX_LINE;
      memcpy (line, data + at, len);
      line[len] = '\0';
      at = end + 1;
      if (strlen (line) != len)
        continue;               /* a NUL inside: no line a terminal gives */
      struct cp_stmt st;
      struct call_record r;
      int col;
      char err[200];
      if (cp_parse (line, &st, &col, err, sizeof err) == 0)
        ev_run (&box.ev, &st, &r);
      cp_free (&st);
      zones_check ();
    }
  ev_free (&box.ev);
  zones_check ();
  return 0;
}
