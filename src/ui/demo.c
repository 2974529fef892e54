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
#include <unistd.h>

#include "demo.h"
#include "demofile.h"
#include "outfile.h"
#include "status.h"

#define MAX_GAP_MS 5000       /* a long pause while recording plays as 5 s */
#define BURST_MS 50           /* keys this close (an escape sequence) stay together */

static struct outfile rec;    /* --record's file, while rec.f is not NULL */
static char rec_name[4096];   /* its name */
static int rec_errno;         /* the first write that failed, or 0 */
static long long rec_last;
static struct demo_file played;   /* the keys of --play */
static size_t next;
static int delay = -1;
static long long due_at;      /* when played.keys[next] is due, in ms */
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
  /* A new file only: never one that is there (nor a link's target), so
     that --record can clobber nothing. */
  if (outfile_new (&rec, file, 0644) != 0)
    {
      snprintf (msg, len, "%s: cannot create: %s%s", file, strerror (errno),
                errno == EEXIST ? " (--record writes a new file, never over one)" : "");
      return EXIT_TROUBLE;
    }
  snprintf (rec_name, sizeof rec_name, "%s", file);
  rec_errno = 0;
  if (outfile_printf (&rec, "# shmtutor demo: a key a line, the milliseconds since the key "
                      "before, then\n# the key's curses code; play it with shmtutor --play "
                      "FILE\n" DEMO_HEADER "\n") < 0 || fflush (rec.f) != 0)
    {
      snprintf (msg, len, "%s: cannot write: %s", file, strerror (errno));
      outfile_abandon (&rec);
      return EXIT_TROUBLE;
    }
  rec_last = now_ms ();
  return 0;
}

void
demo_record_abandon (void)
{
  /* The terminal would not start: the file made a moment ago holds only
     its header, and goes. */
  if (rec.f)
    outfile_abandon (&rec);
}

int
demo_finish (char *msg, size_t len)
{
  int rc = 0;
  if (rec.f && outfile_commit (&rec) != 0 && !rec_errno)
    rec_errno = errno ? errno : EIO;
  if (rec_errno)
    {
      snprintf (msg, len, "%s: the recording could not be written: %s; what was made of it "
                "is removed", rec_name, strerror (rec_errno));
      rc = EXIT_TROUBLE;
    }
  rec_errno = 0;
  demo_end ();
  return rc;
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

/* The first error of the demo file, as FILE:LINE: message. */
static void
first_error (void *ctx, const char *file, int line, const char *msg)
{
  struct { char *buf; size_t len; int seen; } *e = ctx;
  if (e->seen++)
    return;
  if (line > 0)
    snprintf (e->buf, e->len, "%s:%d: %s", file, line, msg);
  else
    snprintf (e->buf, e->len, "%s: %s", file, msg);
}

int
demo_play (const char *file, int delay_ms, char *msg, size_t len)
{
  struct { char *buf; size_t len; int seen; } e = { msg, len, 0 };
  demo_end ();
  int rc = demo_load (file, &played, KEY_MAX, first_error, &e);
  if (rc != 0)
    return rc < 0 ? EXIT_NOINPUT : EXIT_DATAERR;
  delay = delay_ms;
  next = 0;
  due_at = played.n ? now_ms () + gap_of (&played.keys[0]) : 0;
  return 0;
}

int
demo_playing (void)
{
  return next < played.n;
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
  if (next < played.n)
    {
      long long wait = due_at - now_ms ();
      if (wait <= 0)
        {
          ch = played.keys[next++].key;
          if (next < played.n)
            due_at = now_ms () + gap_of (&played.keys[next]);
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
  if (ch != ERR && rec.f && ch != KEY_RESIZE)
    {
      long long t = now_ms ();
      /* A key at a time on the disk, so that a signal's end keeps the
         keys before it. */
      if (outfile_printf (&rec, "%lld %d\n", t - rec_last, ch) < 0 || fflush (rec.f) != 0)
        {
          /* Every write is checked: the first that fails ends the
             recording (its file removed, as nothing of ours is left half
             written), and the exit says so. */
          rec_errno = errno ? errno : EIO;
          outfile_abandon (&rec);
        }
      rec_last = t;
    }
  return ch;
}

void
demo_end (void)
{
  /* A recording still open is finished as it is. */
  if (rec.f && outfile_commit (&rec) != 0 && !rec_errno)
    rec_errno = errno ? errno : EIO;
  demo_file_free (&played);
  next = 0;
}
