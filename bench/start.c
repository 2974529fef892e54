/* start.c - the start-up half of bench/bench: each program started round
   after round on a fresh terminal, timed to its settled first screen and
   from its quit keys to its end, its peak RSS, its instructions and CPU
   time to the first screen; shmtutor compared with each as the median of
   the ratios of runs paired in the same round.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

/* One start of P in round R: the first screen, then the quit keys, until
   reaped.  A run that fails leaves NAN in its round. */
static void
run_once (struct peer *p, int r)
{
  static struct snap blank, first;
  static int have_blank;
  struct term t;

  if (!have_blank)
    snap_blank (&blank), have_blank = 1;
  p->start_ms[r] = p->cpu_ms[r] = p->ins[r] = p->quit_ms[r] = NAN;
  p->rss_kb[r] = p->bytes[r] = p->cells[r] = NAN;
  term_start (&t, p->argv, p->env, counters_have_ins () || counters_have_clk ());
  int ok = settle (&t, p->expect, t.t0, 10000);
  double start = (double) (t.last - t.t0) / 1e6, bytes = (double) t.bytes;
  double ins = t.ins_last, cpu = t.cpu_last;
  term_snap (&t, &first);
  int64_t tq = now_ns ();
  term_send (&t, p->quit);
  int ended = ok && term_wait_exit (&t, 10000);
  if (!ok || !ended)
    {
      fprintf (stderr, "bench: %s: %s; the screen was:\n", p->name,
               !ok ? "no settled first screen" : "did not end after its quit keys");
      term_dump (&t, stderr);
      p->failed++;
      term_free (&t);
      return;
    }
  p->start_ms[r] = start;
  p->cpu_ms[r] = cpu;
  p->ins[r] = ins;
  p->quit_ms[r] = (double) (t.t_reaped - tq) / 1e6;
  p->rss_kb[r] = (double) t.ru.ru_maxrss;
  p->bytes[r] = bytes;
  p->cells[r] = snap_diff (&blank, &first);
  term_free (&t);
}

/* Each program once; in turn first and last, so that neither of a pair
   always has the warmer caches. */
void
start_round (struct peer *peers, int round)
{
  for (int k = 0; k < P_N; k++)
    {
      int i = round % 2 ? P_N - 1 - k : k;
      if (peers[i].present)
        run_once (&peers[i], round);
    }
}

struct ratio {
  double med, q1, q3;
  int n;
};

/* A[r] / B[r] for each round both have a figure for. */
static struct ratio
paired (const double *a, const double *b, int rounds)
{
  double v[MAX_RUNS];
  struct ratio q = { NAN, NAN, NAN, 0 };
  for (int r = 0; r < rounds; r++)
    if (!isnan (a[r]) && !isnan (b[r]) && b[r] > 0)
      v[q.n++] = a[r] / b[r];
  if (q.n)
    {
      q.med = median (v, q.n);
      q.q1 = quantile (v, q.n, 0.25);
      q.q3 = quantile (v, q.n, 0.75);
    }
  return q;
}

static const char *
ratio_text (struct ratio q, char *buf, size_t len)
{
  if (!q.n)
    snprintf (buf, len, "-");
  else
    snprintf (buf, len, "%.2f (%.2f-%.2f)", q.med, q.q1, q.q3);
  return buf;
}

/* The counters' ratios, for beside a verdict on the time. */
static const char *
beside_text (const struct peer *shm, const struct peer *p, int rounds, char *buf, size_t len)
{
  struct ratio c = paired (shm->cpu_ms, p->cpu_ms, rounds), i = paired (shm->ins, p->ins, rounds);
  char cpu[32] = "not available", ins[32] = "not available";
  if (c.n)
    snprintf (cpu, sizeof cpu, "%.2fx", c.med);
  if (i.n)
    snprintf (ins, sizeof ins, "%.2fx", i.med);
  snprintf (buf, len, "; CPU time %s, instructions %s", cpu, ins);
  return buf;
}

static int
count (const double *v, int n)
{
  int k = 0;
  for (int i = 0; i < n; i++)
    k += !isnan (v[i]);
  return k;
}

static void
notes (struct peer *peers, char **skips, int nskips)
{
  for (int i = 0; i < P_N; i++)
    {
      struct peer *p = &peers[i];
      if (!p->present)
        continue;
      printf ("- %s: `%s`%s; settled when it shows ", p->name, p->how, p->note);
      if (p->expect_how)
        fputs (p->expect_how, stdout);
      else
        {
          putchar ('"');
          for (const char *e = p->expect; *e; e++)
            fputs (*e == '\n' ? "\" and \"" : (char[]) { *e, 0 }, stdout);
          putchar ('"');
        }
      printf ("; quit with %s", p->quit_how);
      if (p->failed)
        printf (" (%d runs failed and are not counted: see the log)", p->failed);
      printf ("\n");
    }
  for (int i = 0; i < nskips; i++)
    printf ("- skipped: %s\n", skips[i]);
}

void
start_tables (struct peer *peers, char **skips, int nskips, int rounds)
{
  struct peer *floor = &peers[P_FLOOR], *shm = &peers[P_SHM];
  char a[64], b[64], c[64], d[64], e[64];

  printf ("### Start, quit and memory (80x24, %d rounds: each program once a round)\n\n",
          rounds);
  printf ("| program | first screen ms | CPU ms to it | instructions to it | q to shell ms "
          "| peak RSS KiB | first-screen bytes | bytes per changed cell |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (int i = 0; i < P_N; i++)
    {
      struct peer *p = &peers[i];
      if (!p->present || !count (p->start_ms, rounds))
        continue;
      double ins = median (p->ins, rounds), cpu = median (p->cpu_ms, rounds);
      double per[MAX_RUNS];
      for (int r = 0; r < rounds; r++)
        per[r] = p->bytes[r] / p->cells[r];
      if (isnan (cpu))
        snprintf (a, sizeof a, "not available");
      else
        snprintf (a, sizeof a, "%.1f", cpu);
      if (isnan (ins))
        snprintf (b, sizeof b, "not available");
      else
        snprintf (b, sizeof b, "%.2f M", ins / 1e6);
      printf ("| %s | %.1f (%.1f-%.1f) | %s | %s | %.1f | %.0f | %.0f | %.2f |\n", p->name,
              median (p->start_ms, rounds), minimum (p->start_ms, rounds),
              maximum (p->start_ms, rounds), a, b, median (p->quit_ms, rounds),
              median (p->rss_kb, rounds), median (p->bytes, rounds), median (per, rounds));
    }
  printf ("\nMedians over the rounds. The first screen is timed from just before the fork "
          "to the last byte of a screen that shows its expected text and then stays quiet "
          "for %d ms (the quiet wait not counted; min-max in brackets). \"CPU ms\" is the "
          "kernel's task clock of the program (with any child of it that has ended) from "
          "its exec to that screen's last byte, read as the byte comes: time on a CPU, user "
          "and kernel, not the wait for one. \"Instructions\" are the user-space "
          "instructions over the same span, from the hardware counter. Both are counted "
          "with perf_event_open(2), opened on the child between its fork and its exec (it "
          "waits for them, inside the timed span). \"q to shell\" runs from writing the "
          "quit keys to the child being reaped; peak RSS is wait4()'s ru_maxrss; \"bytes "
          "per changed cell\" is the first screen's bytes over the cells it changed on a "
          "blank terminal.\n\n", quiet_ms);
  if (!counters_have_ins ())
    printf ("- instructions: not available: %s\n", counters_ins_why ());
  if (!counters_have_clk ())
    printf ("- CPU time: not available: %s\n", counters_clk_why ());
  notes (peers, skips, nskips);

  printf ("\n### shmtutor against each: medians of paired ratios\n\n");
  printf ("| shmtutor walkthrough / | pairs | first screen time | CPU time to it "
          "| instructions to it | q to shell | peak RSS |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (int i = 0; i < P_N; i++)
    {
      struct peer *p = &peers[i];
      if (i == P_SHM || !p->present)
        continue;
      struct ratio st = paired (shm->start_ms, p->start_ms, rounds);
      if (!st.n)
        continue;
      printf ("| %s | %d | %s | %s | %s | %s | %s |\n", p->name, st.n,
              ratio_text (st, a, sizeof a),
              ratio_text (paired (shm->cpu_ms, p->cpu_ms, rounds), b, sizeof b),
              counters_have_ins () ? ratio_text (paired (shm->ins, p->ins, rounds), c,
                                                 sizeof c) : "not available",
              ratio_text (paired (shm->quit_ms, p->quit_ms, rounds), d, sizeof d),
              ratio_text (paired (shm->rss_kb, p->rss_kb, rounds), e, sizeof e));
    }
  printf ("\nA pair is shmtutor's run and the other's in the same round, one right after "
          "the other (in even rounds the floor first, in odd ones shmtutor first); each "
          "figure is the median of shmtutor's figure over the other's across the pairs, the "
          "quartiles in brackets. Whatever else the machine does then falls on both runs of "
          "a pair alike, so the ratio holds still when the times themselves move.\n");
  fflush (stdout);

  /* The verdicts, one line each, for run.sh. */
  struct ratio fs = paired (shm->start_ms, floor->start_ms, rounds);
  char beside[160];
  beside_text (shm, floor, rounds, beside, sizeof beside);
  fprintf (stderr, "target: first screen %.2fx the floor's, the median of %d paired ratios "
           "(%.1f ms against %.1f ms%s) (<= 1.3x): %s\n", fs.med, fs.n,
           median (shm->start_ms, rounds), median (floor->start_ms, rounds), beside,
           fs.n && fs.med <= 1.3 ? "met" : "MISSED");
  for (int i = P_VIM; i < P_N; i++)
    {
      struct ratio q = paired (shm->start_ms, peers[i].start_ms, rounds);
      if (!peers[i].present || !q.n)
        continue;
      beside_text (shm, &peers[i], rounds, beside, sizeof beside);
      fprintf (stderr, "target: first screen faster than %s: %.2fx its time, the median of "
               "%d paired ratios (%.1f ms against %.1f ms%s) (< 1x): %s\n", peers[i].name,
               q.med, q.n, median (shm->start_ms, rounds), median (peers[i].start_ms, rounds),
               beside, q.med < 1 ? "met" : "MISSED");
    }
  struct ratio rss = paired (shm->rss_kb, floor->rss_kb, rounds);
  fprintf (stderr, "target: peak RSS %.0f KiB = %.2fx the floor's, the median of %d paired "
           "ratios (<= 1.5x): %s\n", median (shm->rss_kb, rounds), rss.med, rss.n,
           rss.n && rss.med <= 1.5 ? "met" : "MISSED");
}
