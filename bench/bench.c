/* bench.c - the terminal half of `make bench`: start programs in an 80x24
   pseudo-terminal, time their first screen and their way back to the
   shell, take their peak RSS, count their instructions and CPU time, and
   count the bytes they write for a key, a burst of keys and a paste.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   The parts: term.c (a program on a pseudo-terminal, read back through
   libvterm), spend.c (where its bytes go), counters.c (perf_event_open),
   start.c (the starts and their paired ratios), keys.c (bytes per key),
   burst.c (ten keys in one write, a paste); this file has the statistics,
   --dump and main.

   Usage:
     bench [--start-runs N] [--runs N] [--quiet MS] --floor FLOOR --shmtutor SHMTUTOR
           [--vim VIM TUTORCOPY TUTORFILE] [--gtypist GTYPIST TYPFILE] [--skip TEXT]...
       Print the tables (Markdown) on standard output and one "target: ..."
       line per target on standard error: --start-runs rounds of starts
       (31), each program once a round, for the first two; --runs walks
       through the lesson (11) for the others.  With BENCH_SAMPLES set in
       the environment, every start's time goes to standard error too.
     bench --dump [--raw] [--quiet MS] [--key KEYS]... -- PROGRAM [ARG]...
       Start PROGRAM, print its settled screen, then type each KEYS (C
       escapes: \r \n \e and octal, as \033 or \014) and print the screen,
       the bytes, the cells changed and where the bytes went after each;
       --raw prints the bytes themselves too. */
#define _GNU_SOURCE
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* ---- --dump ------------------------------------------------------------- */

static char *
unescape (const char *s)
{
  char *o = malloc (strlen (s) + 1), *p = o;
  for (; *s; s++)
    {
      if (*s != '\\' || !s[1])
        {
          *p++ = *s;
          continue;
        }
      s++;
      if (*s == 'r')
        *p++ = '\r';
      else if (*s == 'n')
        *p++ = '\n';
      else if (*s == 'e')
        *p++ = 033;
      else if (*s >= '0' && *s <= '7')
        {
          int v = 0;
          for (int k = 0; k < 3 && *s >= '0' && *s <= '7'; k++, s++)
            v = v * 8 + (*s - '0');
          s--;
          *p++ = (char) v;
        }
      else
        *p++ = *s;
    }
  *p = '\0';
  return o;
}

static int
dump (char **keys, int nkeys, int raw, char **argv)
{
  struct term t;
  static struct snap blank, now;
  term_start (&t, argv, NULL, 0);
  if (raw)
    t.raw = stdout;
  settle (&t, NULL, t.t0, 10000);
  snap_blank (&blank);
  term_snap (&t, &now);
  printf ("first screen: %.1f ms, %zu bytes, %d cells changed on a blank terminal\n",
          (double) (t.last - t.t0) / 1e6, t.bytes, snap_diff (&blank, &now));
  term_dump (&t, stdout);
  for (int i = 0; i < nkeys; i++)
    {
      char *k = unescape (keys[i]);
      struct cost c;
      if (raw)
        printf ("\n---- raw for key '%s':\n", keys[i]);
      int ok = key_cost (&t, k, NULL, &c);
      if (raw)
        printf ("\n");
      printf ("key '%s': %.0f bytes, %.0f cells changed, %.2f bytes per changed cell;",
              keys[i], c.bytes, c.cells, c.cells > 0 ? c.bytes / c.cells : 0.0);
      for (int s = 0; s < SP_N; s++)
        printf (" %s %.0f", spend_name[s], c.sp[s]);
      printf ("%s\n", ok ? "" : " (no settled screen)");
      term_dump (&t, stdout);
      free (k);
      if (t.closed)
        break;
    }
  int64_t tq = now_ns ();
  int ended = term_wait_exit (&t, 2000);
  printf ("%s; maxrss %ld KiB; %.1f ms\n", ended ? "ended" : "killed", t.ru.ru_maxrss,
          (double) (t.t_reaped - tq) / 1e6);
  term_free (&t);
  return 0;
}

/* ---- main ---------------------------------------------------------------- */

int
main (int argc, char **argv)
{
  int runs = 11, start_runs = 31, nkeys = 0, nskips = 0, do_dump = 0, raw = 0, bad = 0;
  char *keys[64], *skips[8];
  static char data_env[4096];
  struct peer peers[P_N] = {
    { .name = "floor", .expect = "press q to quit", .quit = "q", .quit_how = "`q`" },
    { .name = "shmtutor walkthrough", .expect = "step 1/6\nEnter next", .quit = "q",
      .quit_how = "`q`" },
    { .name = "vim tutor", .expect = "V I M   T u t o r\ntutor\" ",
      .expect_how = "the tutor's banner (\"V I M   T u t o r\") and the file message "
      "on the last line", .quit = ":q\r",
      .quit_how = "`:q` Enter" },
    { .name = "gtypist", .expect = "Series selection menu\nESCAPE to go back", .quit = "\033",
      .quit_how = "Esc (the series menu is its top level: Esc there ends it)" },
  };

  signal (SIGPIPE, SIG_IGN);
  const char *d = getenv ("SHMTUTOR_DATA_DIR");
  snprintf (data_env, sizeof data_env, "SHMTUTOR_DATA_DIR=%s", d ? d : ".");

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      int more = argc - i - 1;
      if (strcmp (a, "--runs") == 0 && more >= 1)
        runs = atoi (argv[++i]);
      else if (strcmp (a, "--start-runs") == 0 && more >= 1)
        start_runs = atoi (argv[++i]);
      else if (strcmp (a, "--quiet") == 0 && more >= 1)
        quiet_ms = atoi (argv[++i]);
      else if (strcmp (a, "--dump") == 0)
        do_dump = 1;
      else if (strcmp (a, "--raw") == 0)
        raw = 1;
      else if (strcmp (a, "--key") == 0 && more >= 1 && nkeys < 64)
        keys[nkeys++] = argv[++i];
      else if (strcmp (a, "--skip") == 0 && more >= 1 && nskips < 8)
        skips[nskips++] = argv[++i];
      else if (strcmp (a, "--") == 0 && do_dump && more >= 1)
        return dump (keys, nkeys, raw, argv + i + 1);
      else if (strcmp (a, "--floor") == 0 && more >= 1)
        {
          peers[0].argv[0] = argv[++i];
          peers[0].how = "bench/floor";
          peers[0].present = 1;
        }
      else if (strcmp (a, "--shmtutor") == 0 && more >= 1)
        {
          peers[1].argv[0] = argv[++i];
          peers[1].argv[1] = (char *) "walkthrough";
          peers[1].env[0] = data_env;
          peers[1].how = "shmtutor walkthrough";
          peers[1].present = 1;
        }
      else if (strcmp (a, "--vim") == 0 && more >= 3)
        {
          /* VIM COPY ORIGIN: vim runs on COPY, a copy of ORIGIN. */
          peers[2].argv[0] = argv[++i];
          peers[2].argv[1] = (char *) "-u";
          peers[2].argv[2] = (char *) "NONE";
          peers[2].argv[3] = (char *) "-N";
          peers[2].argv[4] = argv[++i];
          snprintf (peers[2].note, sizeof peers[2].note, " on a copy of `%s`", argv[++i]);
          peers[2].how = "vim -u NONE -N tutor";
          peers[2].present = 1;
        }
      else if (strcmp (a, "--gtypist") == 0 && more >= 2)
        {
          static char how[4200];
          peers[3].argv[0] = argv[++i];
          peers[3].argv[1] = (char *) "-q";
          peers[3].argv[2] = argv[++i];
          snprintf (how, sizeof how, "gtypist -q %s", argv[i]);
          peers[3].how = how;
          peers[3].present = 1;
        }
      else
        {
          fprintf (stderr, "bench: bad arguments (see the comment at the top of bench.c)\n");
          return 2;
        }
    }
  if (runs < 1 || runs > MAX_RUNS || start_runs < 1 || start_runs > MAX_RUNS
      || !peers[0].present || !peers[1].present)
    {
      fprintf (stderr, "bench: needs --floor and --shmtutor, and 1 to %d runs\n", MAX_RUNS);
      return 2;
    }

  /* Round after round, each program once a round, so that whatever else
     the machine does falls on all of them alike. */
  counters_probe ();
  for (int r = 0; r < start_runs; r++)
    start_round (peers, r);
  for (int r = 0; r < runs; r++)
    {
      keys_run (&peers[P_SHM], peers[P_SHM].argv[0], peers[P_SHM].env, r);
      burst_run (&peers[P_SHM], r);
    }
  if (getenv ("BENCH_SAMPLES"))
    for (int i = 0; i < P_N; i++)
      {
        if (!peers[i].present)
          continue;
        fprintf (stderr, "samples %s:", peers[i].name);
        for (int r = 0; r < start_runs; r++)
          fprintf (stderr, " %.2f", peers[i].start_ms[r]);
        fprintf (stderr, "\n");
      }
  start_tables (peers, skips, nskips, start_runs);
  printf ("\n");
  keys_tables (runs);
  printf ("\n");
  burst_tables (runs);
  for (int i = 0; i < P_N; i++)
    if (peers[i].present && peers[i].failed == start_runs)
      bad = 1;
  return bad;
}
