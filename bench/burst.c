/* burst.c - keys faster than the screen: ten keys in one write against
   the screen they end on, and a paste of 10,000 characters at the write
   step's `write>` prompt, timed to a settled screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "keys.h"

#define PASTE_LEN 10000

enum { U_ENTER, U_ROWS, U_N };

static const char *const uname[U_N] = {
  "10 Enters from step 1: steps 2 to 6 (the write prompt and the write with the lesson's "
  "text on the way), then four times \"This is the last step\"",
  "10 j at step 3, the page full of pasted text: the hex view ten rows down",
};

static struct cost ucost[U_N][MAX_RUNS];
static double usingle[U_N][MAX_RUNS];   /* the same keys one at a time */
static int un[U_N];

static double paste_ms[MAX_RUNS], paste_bytes[MAX_RUNS], paste_cells[MAX_RUNS];
static double paste_cut[MAX_RUNS];      /* as the tutor says it; NAN if it does not */
static int npaste, bracketed = -1;

/* 10,000 characters of text, each sentence led by its offset: "[00000]
   Pack my box with five dozen liquor jugs. [00049] ...". */
static void
paste_text (char *buf)
{
  static const char *const sentence[] = {
    "Pack my box with five dozen liquor jugs.",
    "The quick brown fox jumps over the lazy dog.",
    "Sphinx of black quartz, judge my vow!",
    "How vexingly quick daft zebras jump.",
  };
  char part[96];
  size_t at = 0;
  for (int i = 0; at < PASTE_LEN; i++)
    {
      int n = snprintf (part, sizeof part, "[%05zu] %s ", at, sentence[i % 4]);
      size_t take = (size_t) n < PASTE_LEN - at ? (size_t) n : PASTE_LEN - at;
      memcpy (buf + at, part, take);
      at += take;
    }
  buf[PASTE_LEN] = '\0';
}

static int
first_screen (struct term *t)
{
  if (settle (t, "step 1/6\nEnter next", t->t0, 10000))
    return 1;
  fprintf (stderr, "bench: walkthrough: no first screen\n");
  term_dump (t, stderr);
  return 0;
}

static void
note_burst (int which, const struct cost *c, double single)
{
  if (c->ok && un[which] < MAX_RUNS)
    {
      usingle[which][un[which]] = single;
      ucost[which][un[which]++] = *c;
    }
}

/* At write>: the paste, from its first byte written to the settled
   screen; then Enter, which stores what fits and says what was cut. */
static int
paste (struct term *t)
{
  static char text[PASTE_LEN + 1];
  static struct snap before, after;
  char row[COLS * 4 + 1];
  size_t cut;

  paste_text (text);
  term_snap (t, &before);
  size_t start = t->bytes;
  int64_t from = now_ns ();
  int br = term_paste (t, text, PASTE_LEN);
  /* The screen is drawn once, when the paste has been read to its end:
     wait for its first byte, then for the quiet. */
  while (t->bytes == start && now_ns () - from < 5000000000LL && !t->closed)
    pump (t, 100);
  if (t->bytes == start || !settle (t, "write>", from, 5000))
    {
      fprintf (stderr, "bench: no settled screen after the paste; the screen was:\n");
      term_dump (t, stderr);
      return 0;
    }
  term_snap (t, &after);
  int i = npaste++;
  bracketed = br;
  paste_ms[i] = (double) (t->last - from) / 1e6;
  paste_bytes[i] = (double) (t->bytes - start);
  paste_cells[i] = snap_diff (&before, &after);
  struct cost c;
  if (!key_cost (t, "\r", "step 3/6", &c))
    return 0;
  paste_cut[i] = NAN;
  if (term_find_row (t, "The text was cut: ", row, sizeof row)
      && sscanf (strstr (row, "The text was cut: ") + 18, "%zu", &cut) == 1)
    paste_cut[i] = (double) cut;
  return 1;
}

void
burst_run (const struct peer *shm, int run)
{
  struct term t;
  struct cost c, one;
  char expect[32];

  /* Ten Enters in one write, from step 1. */
  term_start (&t, shm->argv, shm->env, 0);
  if (first_screen (&t) && key_cost (&t, "\r\r\r\r\r\r\r\r\r\r",
                                     "step 6/6\nThis is the last step", &c))
    note_burst (U_ENTER, &c, single_enters[run]);
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);

  /* The paste at step 3, then ten j in one write over the page it filled,
     then ten more one at a time. */
  term_start (&t, shm->argv, shm->env, 0);
  int a = 0, b = 0;
  if (first_screen (&t) && key_cost (&t, "\r", "step 2/6", &c)
      && key_cost (&t, "\r", "write>", &c) && paste (&t) && term_rows_shown (&t, &a, &b)
      && (snprintf (expect, sizeof expect, "rows %d-%d of", a + 10, b + 10),
          key_cost (&t, "jjjjjjjjjj", expect, &c)))
    {
      double single = 0;
      for (int k = 0; k < 10; k++)
        {
          snprintf (expect, sizeof expect, "rows %d-%d of", a + 11 + k, b + 11 + k);
          if (!key_cost (&t, "j", expect, &one))
            {
              single = NAN;
              break;
            }
          if (k == 0)
            key_note (K_PASTED_ROW, &one);
          single += one.bytes;
        }
      note_burst (U_ROWS, &c, single);
    }
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);
}

void
burst_tables (int runs)
{
  char pc[40];

  printf ("### Ten keys in one write, against the screen they end on (median of %d runs)\n\n",
          runs);
  printf ("| burst | bytes | cells the final screen changed | bytes per changed cell "
          "| <= 1.5 | the same keys one at a time: bytes |\n"
          "| --- | ---: | ---: | ---: | :---: | ---: |\n");
  double m[U_N];
  for (int u = 0; u < U_N; u++)
    {
      double b[MAX_RUNS], cells[MAX_RUNS], per[MAX_RUNS];
      m[u] = NAN;
      if (!un[u])
        continue;
      for (int i = 0; i < un[u]; i++)
        {
          b[i] = ucost[u][i].bytes;
          cells[i] = ucost[u][i].cells;
          per[i] = per_cell (b[i], cells[i]);
        }
      m[u] = median (per, un[u]);
      double single = median (usingle[u], un[u]);
      printf ("| %s | %.0f | %.0f | %s | %s | ", uname[u], median (b, un[u]),
              median (cells, un[u]), per_cell_text (m[u], pc, sizeof pc),
              m[u] <= 1.5 ? "yes" : "**no**");
      if (isnan (single))
        printf ("- |\n");
      else
        printf ("%.0f |\n", single);
    }
  printf ("\nThe ten keys go to the terminal in one write, as from a key held down or "
          "typed ahead; the bytes are all those that come back until the final screen is "
          "there and quiet. The cells are those the final screen differs in from the one "
          "before the burst: what a program that drew only the final screen would have to "
          "send at the least. So a ratio near that of a single key means the burst cost one "
          "screen's update, not ten. The last column sends the same ten keys one at a time, "
          "each to its quiet screen.\n\n");

  printf ("### A paste of 10,000 characters at `write>` (median of %d runs)\n\n", runs);
  printf ("| ms to a settled screen | < 50 ms | bytes written back | cells changed "
          "| bracketed paste | bytes the tutor says it cut |\n"
          "| ---: | :---: | ---: | ---: | :---: | ---: |\n");
  double pm = median (paste_ms, npaste), cut = median (paste_cut, npaste);
  if (npaste)
    {
      printf ("| %.1f (%.1f-%.1f) | %s | %.0f | %.0f | %s | ", pm, minimum (paste_ms, npaste),
              maximum (paste_ms, npaste), pm < 50 ? "yes" : "**no**",
              median (paste_bytes, npaste), median (paste_cells, npaste),
              bracketed ? "yes" : "no: the tutor did not ask for it");
      if (isnan (cut))
        printf ("none said |\n");
      else
        printf ("%.0f (%.0f kept) |\n", cut, PASTE_LEN - cut);
    }
  printf ("\nAt step 3's prompt (two Enters from step 1) the driver pastes 10,000 "
          "characters of text (pangrams, each led by its offset: \"[00000] Pack my box "
          "...\") as a terminal does: in `\\e[200~` ... `\\e[201~` when the program has "
          "turned on bracketed paste (mode 2004), as shmtutor does at its prompts, and as "
          "fast as the terminal's input queue takes it. The time runs from the paste's "
          "first byte written to the last byte of the screen that follows, which then "
          "stays quiet for %d ms (not counted). The prompt holds what the page can (a page "
          "less the NUL); Enter then stores that and says how many bytes were cut, the "
          "figure in the last column.\n", quiet_ms);
  fflush (stdout);

  for (int u = 0; u < U_N; u++)
    if (!isnan (m[u]))
      fprintf (stderr, "target: a 10-key burst sends <= 1.5 bytes per cell its final screen "
               "changed (%s: %s): %s\n", u == U_ENTER ? "10 Enters from step 1"
               : "10 j over the pasted page", per_cell_text (m[u], pc, sizeof pc),
               m[u] <= 1.5 ? "met" : "MISSED");
  if (npaste)
    fprintf (stderr, "target: a paste of 10,000 characters at write> settles in %.1f ms "
             "(< 50 ms): %s\n", pm, pm < 50 ? "met" : "MISSED");
}
