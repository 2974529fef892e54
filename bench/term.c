/* term.c - one program on one 80x24 pseudo-terminal, its output read back
   through libvterm, which also answers the terminal's queries (a vim
   asking for the terminal's version gets an answer, as from a real
   terminal).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Every program runs with TERM xterm-256color, LC_ALL C.UTF-8, INPUTRC
   /dev/null and a fresh empty HOME (and XDG_STATE_HOME).  A screen is
   settled when the text expected on it is there and nothing more has come
   for quiet_ms milliseconds; its time is that of its last byte, the quiet
   wait not counted. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

int quiet_ms = 100;

int64_t
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void
die (const char *what)
{
  fprintf (stderr, "bench: %s: %s\n", what, strerror (errno));
  exit (1);
}

void
term_write (struct term *t, const char *p, size_t n)
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

/* The terminal's answers to the program's queries (and a paste's
   brackets). */
static void
on_vterm_output (const char *s, size_t len, void *user)
{
  struct term *t = user;
  t->answered += len;
  term_write (t, s, len);
}

static int
rm_one (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void) sb, (void) flag, (void) ftw;
  remove (path);
  return 0;
}

void
term_start (struct term *t, char *const argv[], const char *const env[], int count)
{
  struct winsize ws = { .ws_row = ROWS, .ws_col = COLS };
  const char *tmp = getenv ("TMPDIR");
  int gate[2] = { -1, -1 };

  memset (t, 0, sizeof *t);
  t->ctr.ins = t->ctr.clk = -1;
  t->ins_last = t->cpu_last = NAN;
  snprintf (t->home, sizeof t->home, "%s/shmbench-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
  if (!mkdtemp (t->home))
    die ("mkdtemp");
  t->vt = vterm_new (ROWS, COLS);
  vterm_set_utf8 (t->vt, 1);
  vterm_output_set_callback (t->vt, on_vterm_output, t);
  t->vs = vterm_obtain_screen (t->vt);
  vterm_screen_enable_altscreen (t->vs, 1);
  vterm_screen_reset (t->vs, 1);
  /* The child waits at the gate until its counters are on it. */
  if (count && pipe2 (gate, O_CLOEXEC) != 0)
    die ("pipe2");
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
      char c;
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
      if (gate[0] >= 0)
        {
          close (gate[1]);
          while (read (gate[0], &c, 1) < 0 && errno == EINTR)
            ;
        }
      execv (argv[0], argv);
      fprintf (stderr, "bench: cannot run %s: %s\r\n", argv[0], strerror (errno));
      _exit (127);
    }
  if (gate[0] >= 0)
    {
      close (gate[0]);
      counters_attach (&t->ctr, t->pid);
      if (write (gate[1], "", 1) < 0)
        die ("write to the gate");
      close (gate[1]);
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

static void
raw_bytes (FILE *f, const char *buf, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) buf[i];
      if (c == 033)
        fputs ("\\e", f);
      else if (c < ' ' || c == 0x7f)
        fprintf (f, "\\x%02x", c);
      else
        fputc (c, f);
    }
}

/* Wait up to TIMEOUT_MS (-1: no limit) for output or the child's end;
   read all that is there.  Returns the bytes read. */
size_t
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
          spend_feed (&t->spend, buf, (size_t) n);
          if (t->raw)
            raw_bytes (t->raw, buf, (size_t) n);
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        break;
      t->closed = 1;            /* EIO: nobody has the slave open */
    }
  t->bytes += got;
  if (got)
    {
      vterm_screen_flush_damage (t->vs);
      counters_read (&t->ctr, &t->ins_last, &t->cpu_last);
    }
  return got;
}

/* Whether NEEDLE is on a row; that row's text into ROW (may be NULL). */
int
term_find_row (struct term *t, const char *needle, char *out, size_t len)
{
  char row[COLS * 4 + 1];
  for (int r = 0; r < ROWS; r++)
    {
      VTermRect rect = { .start_row = r, .end_row = r + 1, .start_col = 0, .end_col = COLS };
      size_t n = vterm_screen_get_text (t->vs, row, sizeof row - 1, rect);
      row[n] = '\0';
      if (strstr (row, needle))
        {
          if (out)
            snprintf (out, len, "%s", row);
          return 1;
        }
    }
  return 0;
}

int
term_rows_shown (struct term *t, int *first, int *last)
{
  char row[COLS * 4 + 1];
  const char *p;
  if (!term_find_row (t, ", rows ", row, sizeof row) || !(p = strstr (row, ", rows ")))
    return 0;
  return sscanf (p, ", rows %d-%d of", first, last) == 2;
}

/* Whether every line of EXPECT (needles separated by newlines) is on
   the screen. */
int
term_find (struct term *t, const char *expect)
{
  char needle[256];
  while (*expect)
    {
      size_t n = strcspn (expect, "\n");
      snprintf (needle, sizeof needle, "%.*s", (int) n, expect);
      if (!term_find_row (t, needle, NULL, 0))
        return 0;
      expect += n + (expect[n] == '\n');
    }
  return 1;
}

void
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
int
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
          quiet_end = now + 10 * 1000000;       /* keep waiting for the text */
        }
      if (now >= deadline || (t->closed && t->reaped))
        return 0;
      int64_t until = quiet_end < deadline ? quiet_end : deadline;
      pump (t, (int) ((until - now + 999999) / 1000000));
    }
}

/* Read until the child is reaped and its side closed.  Returns 1, or 0
   after TIMEOUT_MS (the child is then killed). */
int
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

void
term_send (struct term *t, const char *keys)
{
  term_write (t, keys, strlen (keys));
}

/* A paste fills the terminal's input queue: write what fits, and read
   what the program writes meanwhile, so that neither side waits on the
   other. */
int
term_paste (struct term *t, const char *p, size_t n)
{
  size_t before = t->answered;
  vterm_keyboard_start_paste (t->vt);
  int bracketed = t->answered > before;
  while (n > 0 && !t->closed)
    {
      ssize_t w = write (t->fd, p, n);
      if (w > 0)
        p += w, n -= (size_t) w;
      else if (w < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { .fd = t->fd, .events = POLLIN | POLLOUT };
          if (poll (&pfd, 1, 10) > 0 && (pfd.revents & POLLIN))
            pump (t, 0);
        }
      else if (!(w < 0 && errno == EINTR))
        break;
    }
  vterm_keyboard_end_paste (t->vt);
  return bracketed;
}

void
term_free (struct term *t)
{
  if (!t->reaped)
    {
      kill (t->pid, SIGKILL);
      while (wait4 (t->pid, &t->status, 0, &t->ru) < 0 && errno == EINTR)
        ;
    }
  counters_close (&t->ctr);
  if (t->pidfd >= 0)
    close (t->pidfd);
  close (t->fd);
  vterm_free (t->vt);
  nftw (t->home, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}
