/* bench.c - the terminal half of `make bench`: start programs in an 80x24
   pseudo-terminal, time their first screen and their way back to the
   shell, take their peak RSS, and count the bytes they write for a key.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Every program runs on a fresh pseudo-terminal of 80x24, TERM
   xterm-256color, LC_ALL C.UTF-8, INPUTRC /dev/null and a fresh empty
   HOME (and XDG_STATE_HOME), its output read back through libvterm, which
   also answers the terminal's queries (a vim asking for the terminal's
   version gets an answer, as from a real terminal).

   A screen is settled when the text expected on it is there and nothing
   more has come for QUIET milliseconds; its time is that of its last byte,
   the quiet wait not counted.

   Usage:
     bench [--start-runs N] [--runs N] [--quiet MS] --floor FLOOR --shmtutor SHMTUTOR
           [--vim VIM TUTORCOPY TUTORFILE] [--gtypist GTYPIST TYPFILE] [--skip TEXT]...
       Print the startup, memory and byte tables (Markdown) on standard
       output and one "target: ..." line per target on standard error:
       --start-runs starts of each program (31) for the first, --runs
       walks through the lesson (11) for the second.  With BENCH_SAMPLES
       set in the environment, every start's time goes to standard error
       too.
     bench --dump [--raw] [--quiet MS] [--key KEYS]... -- PROGRAM [ARG]...
       Start PROGRAM, print its settled screen, then type each KEYS (C
       escapes: \r \n \e and octal, as \033 or \014) and print the screen
       and the bytes after each; --raw prints the bytes themselves too. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

#define ROWS 24
#define COLS 80

static int quiet_ms = 100;

/* ---- time ---------------------------------------------------------------- */

static int64_t
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- one program on one pseudo-terminal -------------------------------- */

struct term {
  pid_t pid;
  int fd;                   /* the master side */
  int pidfd;                /* readable when the child ends; -1 if none */
  VTerm *vt;
  VTermScreen *vs;
  char home[64];
  int64_t t0;               /* just before the fork */
  int64_t last;             /* when the last byte came */
  int64_t t_reaped;
  size_t bytes;             /* all the bytes read */
  FILE *raw;                /* --dump --raw: every byte, escaped */
  int closed, reaped, status;
  struct rusage ru;
};

static void
die (const char *what)
{
  fprintf (stderr, "bench: %s: %s\n", what, strerror (errno));
  exit (1);
}

static void
write_master (struct term *t, const char *p, size_t n)
{
  while (n > 0 && !t->closed)
    {
      ssize_t w = write (t->fd, p, n);
      if (w > 0)
        p += w, n -= (size_t) w;
      else if (w < 0 && errno == EINTR)
        continue;
      else if (w < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { .fd = t->fd, .events = POLLOUT };
          poll (&pfd, 1, 10);
        }
      else
        return;
    }
}

/* The terminal's answers to the program's queries. */
static void
on_vterm_output (const char *s, size_t len, void *user)
{
  write_master (user, s, len);
}

static int
rm_one (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void) sb, (void) flag, (void) ftw;
  remove (path);
  return 0;
}

static void
term_start (struct term *t, char *const argv[], const char *const env[])
{
  struct winsize ws = { .ws_row = ROWS, .ws_col = COLS };
  const char *tmp = getenv ("TMPDIR");

  memset (t, 0, sizeof *t);
  snprintf (t->home, sizeof t->home, "%s/shmbench-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
  if (!mkdtemp (t->home))
    die ("mkdtemp");
  t->vt = vterm_new (ROWS, COLS);
  vterm_set_utf8 (t->vt, 1);
  vterm_output_set_callback (t->vt, on_vterm_output, t);
  t->vs = vterm_obtain_screen (t->vt);
  vterm_screen_enable_altscreen (t->vs, 1);
  vterm_screen_reset (t->vs, 1);
  fflush (NULL);

  t->t0 = now_ns ();
  t->pid = forkpty (&t->fd, NULL, NULL, &ws);
  if (t->pid < 0)
    die ("forkpty");
  if (t->pid == 0)
    {
      static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH,
                                  SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU };
      sigset_t none;
      for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal (sigs[i], SIG_DFL);
      sigemptyset (&none);
      sigprocmask (SIG_SETMASK, &none, NULL);
      setenv ("TERM", "xterm-256color", 1);
      setenv ("LC_ALL", "C.UTF-8", 1);
      setenv ("INPUTRC", "/dev/null", 1);
      setenv ("HOME", t->home, 1);
      setenv ("XDG_STATE_HOME", t->home, 1);
      unsetenv ("LINES");
      unsetenv ("COLUMNS");
      unsetenv ("NO_COLOR");
      unsetenv ("VIMINIT");
      unsetenv ("EXINIT");
      for (size_t i = 0; env && env[i]; i++)
        putenv ((char *) env[i]);
      execv (argv[0], argv);
      fprintf (stderr, "bench: cannot run %s: %s\r\n", argv[0], strerror (errno));
      _exit (127);
    }
  t->pidfd = (int) syscall (SYS_pidfd_open, t->pid, 0);
  fcntl (t->fd, F_SETFD, FD_CLOEXEC);
  fcntl (t->fd, F_SETFL, fcntl (t->fd, F_GETFL) | O_NONBLOCK);
  t->last = t->t0;
}

static void
try_reap (struct term *t)
{
  if (t->reaped)
    return;
  pid_t p = wait4 (t->pid, &t->status, WNOHANG, &t->ru);
  if (p == t->pid)
    {
      t->reaped = 1;
      t->t_reaped = now_ns ();
    }
}

/* Wait up to TIMEOUT_MS (-1: no limit) for output or the child's end;
   read all that is there.  Returns the bytes read. */
static size_t
pump (struct term *t, int timeout_ms)
{
  struct pollfd pfd[2] = { { .fd = t->closed ? -1 : t->fd, .events = POLLIN },
                           { .fd = t->reaped ? -1 : t->pidfd, .events = POLLIN } };
  size_t got = 0;
  char buf[8192];

  if (t->closed && t->reaped)
    return 0;
  int r = poll (pfd, 2, timeout_ms);
  if (r < 0 && errno != EINTR)
    die ("poll");
  if (t->pidfd < 0 || (pfd[1].revents & POLLIN))
    try_reap (t);
  while (!t->closed)
    {
      ssize_t n = read (t->fd, buf, sizeof buf);
      if (n > 0)
        {
          t->last = now_ns ();
          got += (size_t) n;
          vterm_input_write (t->vt, buf, (size_t) n);
          if (t->raw)
            for (ssize_t i = 0; i < n; i++)
              {
                unsigned char c = (unsigned char) buf[i];
                if (c == 033)
                  fputs ("\\e", t->raw);
                else if (c < ' ' || c == 0x7f)
                  fprintf (t->raw, "\\x%02x", c);
                else
                  fputc (c, t->raw);
              }
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        break;
      t->closed = 1;        /* EIO: nobody has the slave open */
    }
  t->bytes += got;
  if (got)
    vterm_screen_flush_damage (t->vs);
  return got;
}

static int
term_find_one (struct term *t, const char *needle)
{
  char row[COLS * 4 + 1];
  for (int r = 0; r < ROWS; r++)
    {
      VTermRect rect = { .start_row = r, .end_row = r + 1, .start_col = 0, .end_col = COLS };
      size_t n = vterm_screen_get_text (t->vs, row, sizeof row - 1, rect);
      row[n] = '\0';
      if (strstr (row, needle))
        return 1;
    }
  return 0;
}

/* Whether every line of EXPECT (needles separated by newlines) is on
   the screen. */
static int
term_find (struct term *t, const char *expect)
{
  char needle[256];
  while (*expect)
    {
      size_t n = strcspn (expect, "\n");
      snprintf (needle, sizeof needle, "%.*s", (int) n, expect);
      if (!term_find_one (t, needle))
        return 0;
      expect += n + (expect[n] == '\n');
    }
  return 1;
}

/* The screen's cells, to count those a key changed. */
struct snap {
  VTermScreenCell cell[ROWS * COLS];
};

static void
term_snap (struct term *t, struct snap *s)
{
  memset (s, 0, sizeof *s);
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++)
      {
        VTermPos pos = { .row = r, .col = c };
        vterm_screen_get_cell (t->vs, pos, &s->cell[r * COLS + c]);
      }
}

static int
snap_diff (const struct snap *a, const struct snap *b)
{
  int n = 0;
  for (int i = 0; i < ROWS * COLS; i++)
    n += memcmp (&a->cell[i], &b->cell[i], sizeof a->cell[i]) != 0;
  return n;
}

static void
term_dump (struct term *t, FILE *out)
{
  char row[COLS * 4 + 1];
  for (int r = 0; r < ROWS; r++)
    {
      VTermRect rect = { .start_row = r, .end_row = r + 1, .start_col = 0, .end_col = COLS };
      size_t n = vterm_screen_get_text (t->vs, row, sizeof row - 1, rect);
      while (n && (row[n - 1] == ' ' || row[n - 1] == '\0'))
        n--;
      row[n] = '\0';
      /* Blank cells come back as NUL; show them as spaces. */
      for (size_t i = 0; i < n; i++)
        if (!row[i])
          row[i] = ' ';
      fprintf (out, "%2d|%s\n", r, row);
    }
}

/* Read until NEEDLE (may be NULL) is on the screen and nothing has come
   for quiet_ms since the later of FROM and the last byte.  Returns 1, or
   0 when TIMEOUT_MS passes first or the program ends without it. */
static int
settle (struct term *t, const char *needle, int64_t from, int timeout_ms)
{
  int64_t deadline = now_ns () + (int64_t) timeout_ms * 1000000;
  for (;;)
    {
      int64_t base = t->last > from ? t->last : from;
      int64_t quiet_end = base + (int64_t) quiet_ms * 1000000, now = now_ns ();
      if (now >= quiet_end)
        {
          if (!needle || term_find (t, needle))
            return 1;
          quiet_end = now + 10 * 1000000;     /* keep waiting for the text */
        }
      if (now >= deadline || (t->closed && t->reaped))
        return 0;
      int64_t until = quiet_end < deadline ? quiet_end : deadline;
      pump (t, (int) ((until - now + 999999) / 1000000));
    }
}

/* Read until the child is reaped and its side closed.  Returns 1, or 0
   after TIMEOUT_MS (the child is then killed). */
static int
term_wait_exit (struct term *t, int timeout_ms)
{
  int64_t deadline = now_ns () + (int64_t) timeout_ms * 1000000;
  while (!(t->reaped && t->closed))
    {
      int64_t now = now_ns ();
      if (now >= deadline)
        {
          kill (t->pid, SIGKILL);
          while (!t->reaped)
            {
              if (wait4 (t->pid, &t->status, 0, &t->ru) == t->pid)
                t->reaped = 1, t->t_reaped = now_ns ();
              else if (errno != EINTR)
                break;
            }
          return 0;
        }
      /* Without a pidfd, look for the end every millisecond. */
      pump (t, t->pidfd >= 0 ? (int) ((deadline - now) / 1000000) + 1 : 1);
      try_reap (t);
    }
  return 1;
}

static void
term_send (struct term *t, const char *keys)
{
  write_master (t, keys, strlen (keys));
}

static void
term_free (struct term *t)
{
  if (!t->reaped)
    {
      kill (t->pid, SIGKILL);
      while (wait4 (t->pid, &t->status, 0, &t->ru) < 0 && errno == EINTR)
        ;
    }
  if (t->pidfd >= 0)
    close (t->pidfd);
  close (t->fd);
  vterm_free (t->vt);
  nftw (t->home, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* ---- statistics ---------------------------------------------------------- */

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (const double *v, int n)
{
  double s[256];
  if (n <= 0)
    return 0;
  memcpy (s, v, (size_t) n * sizeof *v);
  qsort (s, (size_t) n, sizeof *s, cmp_double);
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double
minimum (const double *v, int n)
{
  double m = n ? v[0] : 0;
  for (int i = 1; i < n; i++)
    if (v[i] < m)
      m = v[i];
  return m;
}

static double
maximum (const double *v, int n)
{
  double m = n ? v[0] : 0;
  for (int i = 1; i < n; i++)
    if (v[i] > m)
      m = v[i];
  return m;
}

/* ---- the programs -------------------------------------------------------- */

#define MAX_RUNS 101

struct peer {
  const char *name;         /* as in the table */
  const char *how;          /* the command, for the notes */
  char note[4200];          /* and more about it; may be empty */
  char *argv[8];
  const char *env[4];
  const char *expect;       /* on the settled first screen */
  const char *expect_how;   /* and in words, when the needles say it badly */
  const char *quit;         /* the keys that end it */
  const char *quit_how;     /* and in words */
  int present;
  int nruns, failed;
  double start_ms[MAX_RUNS], quit_ms[MAX_RUNS], rss_kb[MAX_RUNS], bytes[MAX_RUNS];
};

/* One start: the first screen, then the quit keys, until reaped. */
static void
run_once (struct peer *p)
{
  struct term t;
  term_start (&t, p->argv, p->env);
  int ok = settle (&t, p->expect, t.t0, 10000);
  double start = (double) (t.last - t.t0) / 1e6, bytes = (double) t.bytes;
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
  int i = p->nruns++;
  p->start_ms[i] = start;
  p->quit_ms[i] = (double) (t.t_reaped - tq) / 1e6;
  p->rss_kb[i] = (double) t.ru.ru_maxrss;
  p->bytes[i] = bytes;
  term_free (&t);
}

/* ---- bytes per key ------------------------------------------------------- */

/* The bytes written for KEYS, until EXPECT (may be NULL) is on the screen
   and it has gone quiet; -1 when it never settles.  *CELLS (may be NULL)
   gets the number of cells the key changed. */
static double
key_bytes (struct term *t, const char *keys, const char *expect, int *cells)
{
  static struct snap before, after;
  size_t start = t->bytes;
  if (cells)
    term_snap (t, &before);
  int64_t from = now_ns ();
  term_send (t, keys);
  if (!settle (t, expect, from, 5000))
    {
      fprintf (stderr, "bench: no settled screen with '%s' after a key; the screen was:\n",
               expect ? expect : "");
      term_dump (t, stderr);
      return -1;
    }
  if (cells)
    {
      term_snap (t, &after);
      *cells = snap_diff (&before, &after);
    }
  return (double) (t->bytes - start);
}

/* What is counted: a row of the bytes table each. */
enum { B_FIRST, B_STEP2, B_PROMPT, B_STEP3, B_STEP4, B_STEP5, B_STEP6,
       B_ROW, B_PGDN, B_MENU, B_GLOSSARY, B_BACK, B_N };

static const char *const bname[B_N] = {
  "walkthrough: first screen (step 1, open)",
  "Enter: step 2 (mmap)",
  "Enter: the write prompt",
  "Enter at the prompt: step 3 (write)",
  "Enter: step 4 (read)",
  "Enter: step 5 (munmap)",
  "Enter: step 6 (close)",
  "j at step 3: hex view a row down",
  "PgDn at step 3: hex view a page down",
  "plain `shmtutor`: the menu's first screen",
  "g: menu to glossary",
  "q: glossary back to the menu",
};

static double bvals[B_N][MAX_RUNS], bcells[B_N][MAX_RUNS], brepaint[B_N][MAX_RUNS];
static int bn[B_N], bnr[B_N];

/* Ctrl-L makes shmtutor repaint the whole screen: the bytes of a full
   screen of what is shown now. */
static void
note_repaint (struct term *t, int which, const char *expect)
{
  double r = key_bytes (t, "\014", expect, NULL);
  if (r >= 0)
    brepaint[which][bnr[which]++] = r;
}

static void
note_key (struct term *t, int which, const char *keys, const char *expect)
{
  int cells = 0;
  double v = key_bytes (t, keys, expect, &cells);
  if (v >= 0)
    {
      bcells[which][bn[which]] = cells;
      bvals[which][bn[which]++] = v;
    }
}

/* Steps 1 to 6 with Enter alone, each screen repainted whole once
   measured; then, on a second start, the hex view at step 3 (the first
   with a page in it: before the first store no page is read, and the view
   is one row that says so). */
static void
walk_bytes (struct peer *s)
{
  static const char *const step_text[] = { "step 1/6", "step 2/6", "write>", "step 3/6",
                                           "step 4/6", "step 5/6", "step 6/6" };
  struct term t;
  term_start (&t, s->argv, s->env);
  if (!settle (&t, "step 1/6\nEnter next", t.t0, 10000))
    {
      fprintf (stderr, "bench: walkthrough: no first screen\n");
      term_dump (&t, stderr);
      term_free (&t);
      return;
    }
  bcells[B_FIRST][bn[B_FIRST]] = ROWS * COLS;
  bvals[B_FIRST][bn[B_FIRST]++] = (double) t.bytes;
  note_repaint (&t, B_FIRST, step_text[0]);
  for (int k = B_STEP2; k <= B_STEP6; k++)
    {
      note_key (&t, k, "\r", step_text[k]);
      if (k != B_PROMPT)
        note_repaint (&t, k, step_text[k]);
    }
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);

  term_start (&t, s->argv, s->env);
  if (settle (&t, "step 1/6\nEnter next", t.t0, 10000)
      && key_bytes (&t, "\r", "step 2/6", NULL) >= 0
      && key_bytes (&t, "\r", "write>", NULL) >= 0
      && key_bytes (&t, "\r", "step 3/6", NULL) >= 0)
    {
      /* The hex box at 80x24 holds two rows. */
      note_key (&t, B_ROW, "j", "rows 2-3 of");
      note_repaint (&t, B_ROW, "rows 2-3 of");
      note_key (&t, B_PGDN, "\033[6~", "rows 4-5 of");
      note_repaint (&t, B_PGDN, "rows 4-5 of");
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
  term_start (&t, argv, env);
  if (!settle (&t, menu, t.t0, 10000))
    {
      fprintf (stderr, "bench: menu: no first screen\n");
      term_dump (&t, stderr);
      term_free (&t);
      return;
    }
  bcells[B_MENU][bn[B_MENU]] = ROWS * COLS;
  bvals[B_MENU][bn[B_MENU]++] = (double) t.bytes;
  note_key (&t, B_GLOSSARY, "g", gloss);
  note_key (&t, B_BACK, "q", menu);
  term_send (&t, "q");
  term_wait_exit (&t, 5000);
  term_free (&t);
}

/* ---- the tables ---------------------------------------------------------- */

static int
present_with_runs (const struct peer *p)
{
  return p->present && p->nruns > 0;
}

static void
tables (struct peer *peers, int npeers, char **skips, int nskips, int start_runs, int runs)
{
  struct peer *floor = &peers[0], *shm = &peers[1];
  double f_start = median (floor->start_ms, floor->nruns);
  double f_quit = median (floor->quit_ms, floor->nruns);
  double f_rss = median (floor->rss_kb, floor->nruns);

  printf ("### Start, quit and memory (80x24, median of %d runs each)\n\n", start_runs);
  printf ("| program | first screen ms | x floor | q to shell ms | x floor "
          "| peak RSS KiB | x floor | first-screen bytes |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (int i = 0; i < npeers; i++)
    {
      struct peer *p = &peers[i];
      if (!present_with_runs (p))
        continue;
      double st = median (p->start_ms, p->nruns), q = median (p->quit_ms, p->nruns);
      double rss = median (p->rss_kb, p->nruns), b = median (p->bytes, p->nruns);
      printf ("| %s | %.1f (%.1f-%.1f) | %.2f | %.1f | %.2f | %.0f | %.2f | %.0f |\n", p->name,
              st, minimum (p->start_ms, p->nruns), maximum (p->start_ms, p->nruns),
              st / f_start, q, q / f_quit, rss, rss / f_rss, b);
    }
  printf ("\nThe first screen is timed from just before the fork to the last byte of "
          "a screen that shows its expected text and then stays quiet for %d ms "
          "(the quiet wait not counted; min-max in brackets); \"q to shell\" from "
          "writing the quit keys to the child being reaped; peak RSS is wait4()'s "
          "ru_maxrss.\n\n", quiet_ms);
  for (int i = 0; i < npeers; i++)
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

  double full = median (bvals[B_FIRST], bn[B_FIRST]);
  printf ("\n### Bytes written to the terminal (median of %d runs)\n\n", runs);
  printf ("| what | bytes | of the first screen | cells changed "
          "| full repaint bytes | of the full repaint |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (int k = 0; k < B_N; k++)
    {
      if (!bn[k])
        continue;
      double m = median (bvals[k], bn[k]);
      char cells[32] = "all", rep[32] = "-", ofrep[32] = "-";
      if (k != B_FIRST && k != B_MENU)
        snprintf (cells, sizeof cells, "%.0f", median (bcells[k], bn[k]));
      if (bnr[k])
        {
          double r = median (brepaint[k], bnr[k]);
          snprintf (rep, sizeof rep, "%.0f", r);
          snprintf (ofrep, sizeof ofrep, "%.0f%%", 100 * m / r);
        }
      printf ("| %s | %.0f | %.0f%% | %s | %s | %s |\n", bname[k], m,
              full > 0 ? 100 * m / full : 0, cells, rep, ofrep);
    }
  printf ("| the floor's first screen | %.0f | %.0f%% | all | - | - |\n",
          median (floor->bytes, floor->nruns),
          full > 0 ? 100 * median (floor->bytes, floor->nruns) / full : 0);
  printf ("\nEach figure is every byte read from the terminal for one key, until the "
          "screen shows what the key leads to and then stays quiet for %d ms. \"Cells "
          "changed\" counts the cells of the 80x24 screen that differ before and after "
          "the key (character, attributes or colour): what any terminal program must "
          "send at the least. \"Full repaint\" is what shmtutor sends for Ctrl-L on the "
          "screen the key led to: the whole screen drawn from scratch. The write step "
          "takes two Enters, counted apart: the first brings up the readline prompt "
          "`write>`, the second (Enter alone takes the lesson's text) makes the call.\n",
          quiet_ms);
  fflush (stdout);

  /* The verdicts, one line each, for run.sh. */
  double sh = median (shm->start_ms, shm->nruns);
  fprintf (stderr, "target: first screen %.1f ms = %.2fx the floor (<= 1.3x): %s\n", sh,
           sh / f_start, sh / f_start <= 1.3 ? "met" : "MISSED");
  for (int i = 2; i < npeers; i++)
    if (present_with_runs (&peers[i]))
      {
        double o = median (peers[i].start_ms, peers[i].nruns);
        fprintf (stderr, "target: first screen faster than %s (%.1f ms vs %.1f ms): %s\n",
                 peers[i].name, sh, o, sh < o ? "met" : "MISSED");
      }
  /* Every step advance counts (the prompt is not one: it only opens the
     input line); beside each, the cells it changed, which no terminal
     program could send in fewer bytes. */
  if (full > 0 && bn[B_STEP2])
    {
      char list[512], cells[512];
      size_t lu = 0, cu = 0;
      int over = 0, steps = 0;
      for (int k = B_STEP2; k <= B_STEP6; k++)
        {
          if (k == B_PROMPT || !bn[k])
            continue;
          double m = median (bvals[k], bn[k]), c = median (bcells[k], bn[k]);
          steps++;
          over += m > 0.25 * full;
          lu += (size_t) snprintf (list + lu, sizeof list - lu, "%s%.0f%%", lu ? ", " : "",
                                   100 * m / full);
          cu += (size_t) snprintf (cells + cu, sizeof cells - cu, "%s%.0f%%", cu ? ", " : "",
                                   100 * c / full);
        }
      fprintf (stderr, "target: a step advance sends <= 25%% of a full screen's bytes (steps 2 "
               "to 6 send %s of the first screen's %.0f bytes; the cells they change alone "
               "are %s of it; %d of %d steps over): %s\n", list, full, cells, over, steps,
               over ? "MISSED" : "met");
    }
  double srss = median (shm->rss_kb, shm->nruns);
  fprintf (stderr, "target: peak RSS %.0f KiB = %.2fx the floor (<= 1.5x): %s\n", srss,
           srss / f_rss, srss / f_rss <= 1.5 ? "met" : "MISSED");
}

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
  term_start (&t, argv, NULL);
  if (raw)
    t.raw = stdout;
  settle (&t, NULL, t.t0, 10000);
  printf ("first screen: %.1f ms, %zu bytes\n", (double) (t.last - t.t0) / 1e6, t.bytes);
  term_dump (&t, stdout);
  for (int i = 0; i < nkeys; i++)
    {
      char *k = unescape (keys[i]);
      if (raw)
        printf ("\n---- raw for key '%s':\n", keys[i]);
      double b = key_bytes (&t, k, NULL, NULL);
      if (raw)
        printf ("\n");
      printf ("key '%s': %.0f bytes\n", keys[i], b);
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
  int runs = 11, start_runs = 31, nkeys = 0, nskips = 0, do_dump = 0, raw = 0;
  char *keys[64], *skips[8];
  static char data_env[4096];
  struct peer peers[4] = {
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
  for (int r = 0; r < start_runs; r++)
    for (int i = 0; i < 4; i++)
      if (peers[i].present)
        run_once (&peers[i]);
  for (int r = 0; r < runs; r++)
    {
      walk_bytes (&peers[1]);
      switch_bytes (peers[1].argv[0], peers[1].env);
    }
  if (getenv ("BENCH_SAMPLES"))
    for (int i = 0; i < 4; i++)
      {
        fprintf (stderr, "samples %s:", peers[i].name);
        for (int r = 0; r < peers[i].nruns; r++)
          fprintf (stderr, " %.2f", peers[i].start_ms[r]);
        fprintf (stderr, "\n");
      }
  tables (peers, 4, skips, nskips, start_runs, runs);
  for (int i = 0; i < 4; i++)
    if (peers[i].present && peers[i].nruns == 0)
      return 1;
  return 0;
}
