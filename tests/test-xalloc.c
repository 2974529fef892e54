/* test-xalloc.c - the one checked allocator: what it gives, and how it
   ends the program when it cannot (the hook first, then the message and
   status 1).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "xalloc.h"

static int hook_fd = -1;

static void
hook (void)
{
  if (write (hook_fd, "hook\n", 5) < 0)
    _exit (3);
}

int
main (void)
{
  char *s = xstrdup ("text");
  tap_ok (strcmp (s, "text") == 0, "xstrdup copies");
  free (s);
  s = xstrndup ("text", 2);
  tap_ok (strcmp (s, "te") == 0, "xstrndup copies N bytes");
  free (s);
  s = xasprintf ("%d-%s", 7, "x");
  tap_ok (strcmp (s, "7-x") == 0, "xasprintf formats");
  free (s);
  int *v = xcalloc (4, sizeof *v);
  tap_ok (v[0] == 0 && v[3] == 0, "xcalloc zeroes");
  v = xreallocarray (v, 8, sizeof *v);
  v[7] = 1;
  tap_ok (v[0] == 0 && v[7] == 1, "xreallocarray keeps and grows");
  free (v);
  free (xmalloc (0));
  tap_ok (1, "xmalloc (0) gives memory to free");

  /* N * SIZE overflowing is memory that cannot be had: the hook runs,
     then the message, then status 1. */
  int out[2], err[2];
  if (pipe (out) != 0 || pipe (err) != 0)
    {
      tap_ok (0, "pipes for the child");
      return tap_done ();
    }
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (out[0]);
      close (err[0]);
      dup2 (err[1], STDERR_FILENO);
      hook_fd = out[1];
      xalloc_on_failure (hook);
      (void) xreallocarray (NULL, SIZE_MAX, 2);
      _exit (0);                /* not reached */
    }
  close (out[1]);
  close (err[1]);
  char a[64] = "", b[64] = "";
  ssize_t na = read (out[0], a, sizeof a - 1), nb = read (err[0], b, sizeof b - 1);
  a[na > 0 ? na : 0] = b[nb > 0 ? nb : 0] = '\0';
  int status = 0;
  waitpid (pid, &status, 0);
  tap_ok (strcmp (a, "hook\n") == 0, "out of memory: the hook runs (it restores the terminal)");
  tap_str (b, "shmtutor: out of memory\n", "out of memory: then the message on stderr");
  tap_ok (WIFEXITED (status) && WEXITSTATUS (status) == 1, "out of memory: then status 1");
  return tap_done ();
}
