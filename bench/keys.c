/* keys.c - the bytes shmtutor writes for each key: for every step of the
   walkthrough, the hex view's scrolling and a switch of screens, the
   cells the key changed, the bytes per changed cell, where the bytes went,
   and a full repaint of the same screen beside them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "keys.h"

static const char *const kname[K_N] = {
  "walkthrough: first screen (step 1, open), on a blank terminal",
  "Enter: step 2 (mmap)",
  "Enter: the write prompt",
  "Enter at the prompt: step 3 (write)",
  "Enter: step 4 (read)",
  "Enter: step 5 (munmap)",
  "Enter: step 6 (close)",
  "Enter at step 6: \"This is the last step\"",
  "Enter again at step 6: the same message",
  "j at step 3: hex view a row down",
  "PgDn at step 3: hex view a page down",
  "j at step 3, the page full of pasted text",
  "plain `shmtutor`: the menu's first screen, on a blank terminal",
  "g: menu to glossary",
  "q: glossary back to the menu",
};

static struct cost kc[K_N][MAX_RUNS];
static double krep[K_N][MAX_RUNS];
static int kn[K_N], knr[K_N];
double single_enters[MAX_RUNS];

int
key_cost (struct term *t, const char *keys, const char *expect, struct cost *c)
{
  static struct snap before, after;
  size_t start = t->bytes;
  struct spend sp = t->spend;

  memset (c, 0, sizeof *c);
  term_snap (t, &before);
  int64_t from = now_ns ();
  term_send (t, keys);
  if (!settle (t, expect, from, 5000))
    {
      fprintf (stderr, "bench: no settled screen with '%s' after a key; the screen was:\n",
               expect ? expect : "");
      term_dump (t, stderr);
      return 0;
    }
  term_snap (t, &after);
  c->cells = snap_diff (&before, &after);
  c->bytes = (double) (t->bytes - start);
  for (int k = 0; k < SP_N; k++)
    c->sp[k] = (double) (t->spend.n[k] - sp.n[k]);
  c->ok = 1;
  return 1;
}

void
key_note (int which, const struct cost *c)
{
  if (c->ok && kn[which] < MAX_RUNS)
    kc[which][kn[which]++] = *c;
}

/* A first screen: its bytes, against the cells it changed on a blank
   terminal. */
static void
note_first (struct term *t, int which)
{
  static struct snap blank, now;
  struct cost c = { .bytes = (double) t->bytes, .ok = 1 };
  snap_blank (&blank);
  term_snap (t, &now);
  c.cells = snap_diff (&blank, &now);
  for (int k = 0; k < SP_N; k++)
    c.sp[k] = (double) t->spend.n[k];
  key_note (which, &c);
}

/* Ctrl-L makes shmtutor repaint the whole screen: the bytes of a full
   screen of what is shown now. */
static void
note_repaint (struct term *t, int which, const char *expect)
{
  struct cost c;
  if (key_cost (t, "\014", expect, &c) && knr[which] < MAX_RUNS)
    krep[which][knr[which]++] = c.bytes;
}

static double
note_key (struct term *t, int which, const char *keys, const char *expect)
{
  struct cost c;
  if (!key_cost (t, keys, expect, &c))
    return NAN;
  if (which >= 0)
    key_note (which, &c);
  return c.bytes;
}

/* Steps 1 to 6 with Enter alone, each screen repainted whole once
   measured, and Enter four times more at the last step; then, on a second
   start, the hex view at step 3 (the first with a page in it: before the
   first store no page is read, and the view is one row that says so). */
static void
walk_bytes (const struct peer *s, int run)
{
  static const char *const step_text[] = { "step 1/6", "step 2/6", "write>", "step 3/6",
                                           "step 4/6", "step 5/6", "step 6/6" };
  static const char last[] = "step 6/6\nThis is the last step";
  struct term t;
  double sum = 0;

  single_enters[run] = NAN;
  term_start (&t, s->argv, s->env, 0);
  if (!settle (&t, "step 1/6\nEnter next", t.t0, 10000))
    {
      fprintf (stderr, "bench: walkthrough: no first screen\n");
      term_dump (&t, stderr);
      term_free (&t);
      return;
    }
  note_first (&t, K_FIRST);
  note_repaint (&t, K_FIRST, step_text[0]);
  for (int k = K_STEP2; k <= K_STEP6; k++)
    {
      sum += note_key (&t, k, "\r", step_text[k]);
      if (k != K_PROMPT)
        note_repaint (&t, k, step_text[k]);
    }
  sum += note_key (&t, K_LAST, "\r", last);
  sum += note_key (&t, K_LAST2, "\r", last);
  sum += note_key (&t, -1, "\r", last);
  sum += note_key (&t, -1, "\r", last);
  single_enters[run] = sum;     /* NAN if one of them failed */
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);

  term_start (&t, s->argv, s->env, 0);
  if (settle (&t, "step 1/6\nEnter next", t.t0, 10000)
      && !isnan (note_key (&t, -1, "\r", "step 2/6"))
      && !isnan (note_key (&t, -1, "\r", "write>"))
      && !isnan (note_key (&t, -1, "\r", "step 3/6")))
    {
      /* j moves the view a row, PgDn as many rows as it shows. */
      int a, b;
      char want[32];
      if (term_rows_shown (&t, &a, &b))
        {
          snprintf (want, sizeof want, "rows %d-%d of", a + 1, b + 1);
          note_key (&t, K_ROW, "j", want);
          note_repaint (&t, K_ROW, want);
          snprintf (want, sizeof want, "rows %d-%d of", b + 2, 2 * b - a + 2);
          note_key (&t, K_PGDN, "\033[6~", want);
          note_repaint (&t, K_PGDN, want);
        }
    }
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);
}

/* Plain shmtutor: the menu, g to the glossary, q back. */
static void
switch_bytes (const char *shmtutor, const char *const env[])
{
  static const char menu[] = "[g] Glossary\nEnter open", gloss[] = "/ search\nq back";
  struct term t;
  char *argv[] = { (char *) shmtutor, NULL };
  term_start (&t, argv, env, 0);
  if (!settle (&t, menu, t.t0, 10000))
    {
      fprintf (stderr, "bench: menu: no first screen\n");
      term_dump (&t, stderr);
      term_free (&t);
      return;
    }
  note_first (&t, K_MENU);
  note_key (&t, K_GLOSSARY, "g", gloss);
  note_key (&t, K_BACK, "q", menu);
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);
}

void
keys_run (const struct peer *shm, const char *shmtutor, const char *const env[], int run)
{
  walk_bytes (shm, run);
  switch_bytes (shmtutor, env);
}

/* ---- the table ---------------------------------------------------------- */

/* Bytes over cells; nothing sent for nothing changed is 0, bytes for no
   change infinite. */
double
per_cell (double bytes, double cells)
{
  return cells > 0 ? bytes / cells : bytes > 0 ? INFINITY : 0;
}

const char *
per_cell_text (double v, char *buf, size_t len)
{
  if (isinf (v))
    snprintf (buf, len, "inf (no cell changed)");
  else
    snprintf (buf, len, "%.2f", v);
  return buf;
}

void
cost_head (void)
{
  printf ("| what | bytes | cells changed | bytes per changed cell | <= 1.5 ");
  for (int k = 0; k < SP_N; k++)
    printf ("| %s ", spend_name[k]);
  printf ("| full repaint bytes |\n| --- | ---: | ---: | ---: | :---: ");
  for (int k = 0; k < SP_N; k++)
    printf ("| ---: ");
  printf ("| ---: |\n");
}

double
cost_row (const char *what, const struct cost *c, int n, const double *repaint, int nrepaint,
          int verdict)
{
  double b[MAX_RUNS], cells[MAX_RUNS], per[MAX_RUNS], sp[MAX_RUNS];
  char pc[40];
  for (int i = 0; i < n; i++)
    {
      b[i] = c[i].bytes;
      cells[i] = c[i].cells;
      per[i] = per_cell (c[i].bytes, c[i].cells);
    }
  double m = median (per, n), mb = median (b, n), mc = median (cells, n);
  if (mb == 0 && mc == 0)
    snprintf (pc, sizeof pc, "- (none changed, none sent)");
  else
    per_cell_text (m, pc, sizeof pc);
  printf ("| %s | %.0f | %.0f | %s | %s ", what, mb, mc, pc,
          !verdict ? "-" : m <= 1.5 ? "yes" : "**no**");
  for (int k = 0; k < SP_N; k++)
    {
      for (int i = 0; i < n; i++)
        sp[i] = c[i].sp[k];
      printf ("| %.0f ", median (sp, n));
    }
  if (nrepaint)
    printf ("| %.0f |\n", median (repaint, nrepaint));
  else
    printf ("| - |\n");
  return m;
}

void
keys_tables (int runs)
{
  char over[1024] = "", pc[40];
  size_t used = 0;
  int keys = 0, within = 0;

  printf ("### Bytes per key (median of %d runs)\n\n", runs);
  cost_head ();
  for (int k = 0; k < K_N; k++)
    {
      if (!kn[k])
        continue;
      int key = k != K_FIRST && k != K_MENU;
      double m = cost_row (kname[k], kc[k], kn[k], krep[k], knr[k], key);
      if (!key)
        continue;
      keys++;
      if (m <= 1.5)
        within++;
      else
        used += (size_t) snprintf (over + used, sizeof over - used, "%s%s %s",
                                   used ? "; " : "", kname[k], per_cell_text (m, pc, sizeof pc));
      if (used >= sizeof over)
        used = sizeof over - 1;
    }
  printf ("\nEach figure is every byte read from the terminal for one key, until the "
          "screen shows what the key leads to and then stays quiet for %d ms. \"Cells "
          "changed\" counts the cells of the 80x24 screen that differ, cell by cell in "
          "libvterm's screen, before and after the key (character, attributes or colour); "
          "bytes per changed cell is their ratio, run by run: 1 would be one byte a cell, "
          "as if every changed cell were a plain ASCII character drawn where the cursor "
          "already is. Text, moves (cursor positioning, CR, BS, LF), attributes (SGR and "
          "character sets), erase/edit (EL, ECH, DCH and the like) and other (modes, the "
          "cursor shown or hidden) split the bytes by the escape sequence they belong to; "
          "a UTF-8 character counts all its bytes as text. \"Full repaint\" is what "
          "shmtutor sends for Ctrl-L on the screen the key led to: the whole screen drawn "
          "from scratch. The write step takes two Enters, counted apart: the first brings "
          "up the readline prompt `write>`, the second (Enter alone takes the lesson's "
          "text) makes the call. A first screen is not a key: its ratio is against a "
          "blank terminal, with no verdict.\n", quiet_ms);
  fflush (stdout);
  fprintf (stderr, "target: bytes per changed cell <= 1.5 for every key measured: %d of %d "
           "keys within%s%s%s: %s\n", within, keys, used ? " (over: " : "", over,
           used ? ")" : "", keys && within == keys ? "met" : "MISSED");
}
