/* demo.c - recorded sessions, and the one place keys are read.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo.h"

#define HEADER "shmtutor-demo 1"
#define MAX_KEYS 100000
#define MAX_GAP_MS 5000       /* a long pause while recording plays as 5 s */
#define BURST_MS 50           /* keys this close (an escape sequence) stay together */

struct demo_key {
  int key;
  int gap_ms;               /* since the key before */
};

static FILE *rec;
static long long rec_last;
static struct demo_key *keys;
static size_t nkeys, next;
static int delay = -1;
static long long due_at;      /* when keys[next] is due, in ms */
static int pushed = ERR;      /* a key read, then given back (demo_unget) */

static long long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
demo_record (const char *file, char *msg, size_t len)
{
  rec = fopen (file, "we");
  if (!rec)
    {
      snprintf (msg, len, "%s: cannot write: %s", file, strerror (errno));
      return -1;
    }
  fprintf (rec, "# shmtutor demo: a key a line, the milliseconds since the key before, then\n"
           "# the key's curses code; play it with shmtutor --play FILE\n" HEADER "\n");
  fflush (rec);
  rec_last = now_ms ();
  return 0;
}

static int
gap_of (const struct demo_key *k)
{
  if (k->gap_ms < BURST_MS)
    return k->gap_ms;
  if (delay >= 0)
    return delay;
  return k->gap_ms < MAX_GAP_MS ? k->gap_ms : MAX_GAP_MS;
}

int
demo_play (const char *file, int delay_ms, char *msg, size_t len)
{
  FILE *f = fopen (file, "re");
  char line[128];
  int lineno = 0, header = 0;
  if (!f)
    {
      snprintf (msg, len, "%s: cannot open: %s", file, strerror (errno));
      return -1;
    }
  demo_end ();
  while (fgets (line, sizeof line, f))
    {
      lineno++;
      if (!strchr (line, '\n') && !feof (f))
        {
          /* Longer than the buffer: only a comment may be. */
          int ch, comment = line[0] == '#';
          while ((ch = getc (f)) != EOF && ch != '\n')
            ;
          if (comment)
            continue;
          goto bad;
        }
      if (line[0] == '#' || line[0] == '\n')
        continue;
      line[strcspn (line, "\n")] = '\0';
      if (!header)
        {
          if (strcmp (line, HEADER) != 0)
            goto bad;
          header = 1;
          continue;
        }
      int gap, key, end = 0;
      if (sscanf (line, "%d %d%n", &gap, &key, &end) != 2 || line[end] || gap < 0
          || key < 0 || key > KEY_MAX || nkeys >= MAX_KEYS)
        goto bad;
      if (nkeys % 1024 == 0)
        {
          struct demo_key *k = realloc (keys, (nkeys + 1024) * sizeof *k);
          if (!k)
            goto bad;
          keys = k;
        }
      keys[nkeys++] = (struct demo_key) { key, gap };
    }
  fclose (f);
  if (!header)
    {
      snprintf (msg, len, "%s:1: not a shmtutor demo (no '" HEADER "' line)", file);
      demo_end ();
      return -2;
    }
  delay = delay_ms;
  next = 0;
  due_at = nkeys ? now_ms () + gap_of (&keys[0]) : 0;
  return 0;
bad:
  snprintf (msg, len, "%s:%d: %s", file, lineno,
            header ? "expected 'MILLISECONDS KEY'" : "not a shmtutor demo");
  fclose (f);
  demo_end ();
  return -2;
}

int
demo_playing (void)
{
  return next < nkeys;
}

void
demo_unget (int ch)
{
  pushed = ch;
}

int
demo_getch (int timeout_ms)
{
  int ch = ERR;
  if (pushed != ERR)
    {
      /* Read, recorded, and given back: not recorded twice. */
      ch = pushed;
      pushed = ERR;
      return ch;
    }
  if (next < nkeys)
    {
      long long wait = due_at - now_ms ();
      if (wait <= 0)
        {
          ch = keys[next++].key;
          if (next < nkeys)
            due_at = now_ms () + gap_of (&keys[next]);
        }
      else
        {
          /* The keyboard still works while a demo plays. */
          wtimeout (stdscr, wait < timeout_ms ? (int) wait : timeout_ms);
          ch = getch ();
        }
    }
  else
    {
      wtimeout (stdscr, timeout_ms);
      ch = getch ();
    }
  wtimeout (stdscr, 100);
  if (ch != ERR && rec && ch != KEY_RESIZE)
    {
      long long t = now_ms ();
      fprintf (rec, "%lld %d\n", t - rec_last, ch);
      fflush (rec);
      rec_last = t;
    }
  return ch;
}

void
demo_end (void)
{
  if (rec)
    fclose (rec);
  rec = NULL;
  free (keys);
  keys = NULL;
  nkeys = next = 0;
}
