/* eval-fork.c - the console's fork(): a child stores into the shown
   mapping and exits; the parent reads nothing, so the figures stay what
   the learner's own calls left.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guard.h"
#include "eval-int.h"

int
ev_do_fork (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st, (void) a;
  if (!ev->allow_fork)
    return call_refuse (r, "fork() is off here%s", NULL);
  if (ev->current < 0 || !ev->maps[ev->current].live)
    return call_refuse (r, "map something first: the child writes into the mapping shown%s", NULL);
  const struct ev_map *m = &ev->maps[ev->current];
  if (m->span < sizeof CHILD_TEXT)
    return call_refuse (r, "the mapping is too small%s", NULL);
  fflush (NULL);
  pid_t pid = fork ();
  if (pid == 0)
    {
      /* The child: one store into the page, then away without cleanup.  A
         PROT_READ page kills it: with the default action, not the crash
         handler inherited from the screen, which would reset the terminal
         the parent is still using. */
      signal (SIGSEGV, SIG_DFL);
      signal (SIGBUS, SIG_DFL);
      memcpy (m->addr, CHILD_TEXT, sizeof CHILD_TEXT);
      _exit (0);
    }
  call_result (r, "fork", pid, pid < 0 ? errno : 0, 0);
  if (pid < 0)
    return -1;
  ev->child = pid;
  /* From here on this process's stores into its own private pages fault
     once each: fork made them copy-on-write.  This statement's count says
     so; and a store into each page of the console's own state now, while
     it is counted here, keeps those faults out of the statements to come. */
  r->minflt_own = 1;
  volatile unsigned char *own = (volatile unsigned char *) ev;
  for (size_t i = 0; i < sizeof *ev; i += ev->page)
    own[i] = own[i];
  own[sizeof *ev - 1] = own[sizeof *ev - 1];
  guard_rewarm ();
  int status = 0;
  pid_t got;
  while ((got = waitpid (pid, &status, 0)) < 0 && errno == EINTR)
    ;
  if (got != pid)
    {
      snprintf (r->output, sizeof r->output, "the child (pid %d) could not be waited for: %s",
                (int) pid, strerror (errno));
      return 0;
    }
  if (WIFSIGNALED (status))
    {
      int sig = WTERMSIG (status);
      snprintf (r->output, sizeof r->output, "the child (pid %d) was killed by signal %d (%s)%s",
                (int) pid, sig, strsignal (sig), sig == SIGSEGV
                ? ": its store into the page was not allowed (see the protection above)" : "");
      return 0;
    }
  /* The parent does not read the page to see: fork() reads nothing, and
     a read here would map the page (or the zero page) and change the
     figures the learner's own calls left.  The view shows the page where
     this process maps it already. */
  snprintf (r->output, sizeof r->output, "the child %d stored \"" CHILD_TEXT "\" at %p; %s",
            (int) pid, (void *) m->addr, m->flags & MAP_SHARED
            ? "MAP_SHARED: the page this mapping maps too (shown below once mapped here)"
            : "MAP_PRIVATE: into a copy of its own, not this process's page");
  ev->used |= EV_USED_FORK;
  return 0;
}

