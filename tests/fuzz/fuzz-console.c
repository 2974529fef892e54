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

/* The most statements, and the most bytes, one input runs. */
#define MAX_LINES 64
#define MAX_INPUT 16384

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
  char line[CP_MAX_LINE + 1];
  if (size > MAX_INPUT || memchr (data, 0, size))
    return 0;                   /* a NUL inside: no text a terminal gives */
  char *text = malloc (size + 1);
  if (!text)
    return 0;
  memcpy (text, data, size);
  text[size] = '\0';
  memset (box.before, 0xa5, sizeof box.before);
  memset (box.after, 0x5a, sizeof box.after);
  ev_init (&box.ev, 0);
  box.ev.allow_fork = 0;
  /* The statements as the console splits them: at ';' and at the ends
     of lines, a statement not ended going on with the next line. */
  size_t at = 0, start, len;
  for (int n = 0; n < MAX_LINES; n++)
    {
      enum cp_piece k = cp_next (text, &at, &start, &len);
      if (k != CP_PIECE_WHOLE)
        break;
      if (len > CP_MAX_LINE)
        continue;
      memcpy (line, text + start, len);
      line[len] = '\0';
      struct cp_stmt st;
      struct call_record r;
      int col;
      char err[200], note[400];
      if (cp_parse (line, &st, &col, err, sizeof err) != 0)
        ev_unparsed (&box.ev, err, note, sizeof note);
      else
        {
          if (st.kind != CP_EMPTY && st.kind != CP_HELP && st.kind != CP_QUIT
              && st.kind != CP_SAVE
              && ev_line (&box.ev, &st, note, sizeof note) == EV_LINE_RUN)
            ev_run (&box.ev, &st, &r);
        }
      cp_free (&st);
      zones_check ();
    }
  free (text);
  ev_free (&box.ev);
  zones_check ();
  return 0;
}
