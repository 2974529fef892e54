/* twin-stranger.c - a stranger: shmtutor started afresh with exec, not
   forked, which opens /dev/zero and maps it as the lesson did, and says
   what it saw.  Nothing joins it to the tutor's mapping: the same path
   gives it a mapping of its own.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "inspect.h"
#include "text.h"
#include "twin-int.h"

extern char **environ;

int
twin_stranger_main (void)
{
  /* It lives a few milliseconds; still, never longer than the tutor.  And
     it keeps nothing of the tutor's but its standard files: not the
     lesson's descriptor, which exec would have let it inherit. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  close_range (3, ~0U, 0);
  long pg = sysconf (_SC_PAGESIZE);
  size_t page = pg > 0 ? (size_t) pg : 4096;
  int fd = open ("/dev/zero", O_RDWR);
  if (fd < 0)
    {
      printf ("error open %d\n", errno);
      return 1;
    }
  unsigned char *p = mmap (NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED)
    {
      printf ("error mmap %d\n", errno);
      close (fd);
      return 1;
    }
  /* Its own page: reading it is its own business. */
  size_t nonzero = 0;
  for (size_t i = 0; i < page; i++)
    nonzero += p[i] != 0;
  char line[256] = "";
  inspect_maps_line (NULL, p, line, sizeof line);
  printf ("pid %d\nmaps %s\nbytes %zu\nnonzero %zu\nhead", (int) getpid (), line, page, nonzero);
  for (int i = 0; i < 16; i++)
    printf (" %02x", p[i]);
  printf ("\n");
  munmap (p, page);
  close (fd);
  return fflush (stdout) == 0 ? 0 : 1;
}

/* Read what the stranger says, up to LEN - 1 bytes and its end, waiting
   up to MS milliseconds in all. */
static size_t
read_report (int fd, char *buf, size_t len, int ms)
{
  size_t used = 0;
  struct timespec t0, t1;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  while (used + 1 < len)
    {
      clock_gettime (CLOCK_MONOTONIC, &t1);
      long spent = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
      if (spent >= ms)
        break;
      struct pollfd pf = { .fd = fd, .events = POLLIN };
      int rc = poll (&pf, 1, (int) (ms - spent));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc <= 0)
        break;
      ssize_t k = read (fd, buf + used, len - 1 - used);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        break;
      used += (size_t) k;
    }
  buf[used] = '\0';
  return used;
}


/* The report's lines into T->stranger; 0 when it holds them all. */
static int
parse_report_lines (char *buf, struct twin_stranger *s)
{
  int have = 0;
  for (char *line = strtok (buf, "\n"); line; line = strtok (NULL, "\n"))
    {
      if (sscanf (line, "pid %d", &s->pid) == 1)
        have |= 1;
      else if (strncmp (line, "maps ", 5) == 0)
        {
          snprintf (s->maps, sizeof s->maps, "%s", line + 5);
          have |= 2;
        }
      else if (sscanf (line, "bytes %lu", &s->bytes) == 1)
        have |= 4;
      else if (sscanf (line, "nonzero %lu", &s->nonzero) == 1)
        have |= 8;
      else if (strncmp (line, "head", 4) == 0)
        {
          const char *q = line + 4;
          for (int i = 0; i < 16; i++)
            {
              unsigned v;
              int n;
              if (sscanf (q, " %2x%n", &v, &n) != 1)
                break;
              s->head[i] = (unsigned char) v;
              q += n;
            }
          have |= 16;
        }
      else if (strncmp (line, "error ", 6) == 0)
        snprintf (s->why, sizeof s->why, "the stranger's %s", line + 6);
    }
  return have == 31 ? 0 : -1;
}

int
twin_run_stranger (struct twin *t, struct call_record *r)
{
  struct twin_stranger *s = &t->stranger;
  char exe[512];
  memset (s, 0, sizeof *s);
  /* Its own program, by name: under valgrind /proc/self/exe would be
     valgrind's.  A program rebuilt since it started is "(deleted)": then
     /proc/self/exe, which still holds it. */
  ssize_t n = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0 || (size_t) n >= sizeof exe - 1)
    {
      snprintf (r->call, sizeof r->call, "posix_spawn(&pid, \"/proc/self/exe\", ...)");
      return call_refuse (r, "%s", "shmtutor cannot find its own program (/proc/self/exe)");
    }
  exe[n] = '\0';
  const char *deleted = " (deleted)";
  if ((size_t) n > strlen (deleted) && strcmp (exe + n - strlen (deleted), deleted) == 0)
    snprintf (exe, sizeof exe, "/proc/self/exe");
  char shown[200];
  snprintf (r->call, sizeof r->call, "posix_spawn(&pid, \"%s\", ..., {\"shmtutor\", \"%s\"})",
            text_c_escape (exe, shown, sizeof shown), TWIN_STRANGER_OPTION);
  int fds[2];
  if (pipe2 (fds, O_CLOEXEC) < 0)
    {
      call_result (r, "pipe", -1, errno, 0);
      return -1;
    }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init (&fa);
  posix_spawn_file_actions_addopen (&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2 (&fa, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen (&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char *argv[] = { (char *) "shmtutor", (char *) TWIN_STRANGER_OPTION, NULL };
  pid_t pid;
  int rc = posix_spawn (&pid, exe, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&fa);
  close (fds[1]);
  if (rc != 0)
    {
      close (fds[0]);
      call_result (r, "posix_spawn", -1, rc, 0);
      return -1;
    }
  char buf[2048];
  read_report (fds[0], buf, sizeof buf, 5000);
  close (fds[0]);
  int status = 0;
  twin_reap_pid (pid, 2000, &status);
  call_result (r, "posix_spawn", 0, 0, 0);
  if (parse_report_lines (buf, s) != 0)
    {
      char st[96];
      if (!s->why[0])
        snprintf (s->why, sizeof s->why, "the stranger (pid %d) %s without a report", (int) pid,
                  twin_status_text (status, st, sizeof st));
      snprintf (r->explain, sizeof r->explain, "%s", s->why);
      r->refused = 1;
      return -1;
    }
  s->ran = 1;
  snprintf (r->output, sizeof r->output,
            "the stranger %d mapped /dev/zero MAP_SHARED: %lu of %lu bytes not zero", s->pid,
            s->nonzero, s->bytes);
  return 0;
}
