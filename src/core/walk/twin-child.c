/* twin-child.c - the child's side: the channel both sides use, and the
   child's life after fork: it serves the parent's requests (a store, a
   load, a look at its own page) and answers each with its own figures.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "twin-int.h"
#include "xalloc.h"

/* ---- the channel -------------------------------------------------------- */

int
twin_send_all (int fd, const void *buf, size_t n)
{
  const char *p = buf;
  while (n)
    {
      ssize_t k = send (fd, p, n, MSG_NOSIGNAL);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        return -1;
      p += k;
      n -= (size_t) k;
    }
  return 0;
}

/* Read N bytes; MS: how long to wait for each part, -1 for ever.  Returns
   0, or -1 (errno ETIMEDOUT, EPIPE at the end of the stream). */
int
twin_recv_all (int fd, void *buf, size_t n, int ms)
{
  char *p = buf;
  while (n)
    {
      struct pollfd pf = { .fd = fd, .events = POLLIN };
      int rc = poll (&pf, 1, ms);
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc < 0)
        return -1;
      if (rc == 0)
        {
          errno = ETIMEDOUT;
          return -1;
        }
      ssize_t k = recv (fd, p, n, 0);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        {
          if (k == 0)
            errno = EPIPE;
          return -1;
        }
      p += k;
      n -= (size_t) k;
    }
  return 0;
}

int
twin_reap_pid (pid_t pid, int ms, int *status)
{
  for (int waited = 0;; waited += 10)
    {
      pid_t got = waitpid (pid, status, WNOHANG);
      if (got == pid)
        return 0;
      /* ECHILD: reaped already (SIGCHLD ignored): gone, and not to be
         signalled, for its number may be another's now. */
      if (got < 0 && errno != EINTR)
        return -1;
      if (waited >= ms)
        {
          kill (pid, SIGKILL);
          while ((got = waitpid (pid, status, 0)) < 0 && errno == EINTR)
            ;
          return got == pid ? 0 : -1;
        }
      struct timespec ten = { 0, 10 * 1000 * 1000 };
      nanosleep (&ten, NULL);
    }
}

/* ---- the child's side ---------------------------------------------------- */

static void
child_answer (int sock, struct shm *s, int rc, const struct call_record *rec, int with_view)
{
  static struct reply rp;     /* static: large, and the same pages each time */
  memset (&rp, 0, sizeof rp);
  rp.rc = rc;
  rp.pid = (int) getpid ();
  if (rec)
    rp.rec = *rec;
  if (s->map)
    {
      kview_take (&rp.kv, s->map, s->map_len, s->page);
      if (rec && !rec->refused)
        rp.kv = rec->kv;      /* the figures taken right after the call */
      inspect_maps_line (NULL, s->map, rp.maps, sizeof rp.maps);
    }
  const struct page_view *v = &s->view;
  memcpy (rp.state, v->state, sizeof rp.state);
  memcpy (rp.prev_state, v->prev_state, sizeof rp.prev_state);
  rp.len = with_view && v->cur ? v->len : 0;
  rp.ok = v->ok;
  rp.prev_ok = v->prev_ok;
  snprintf (rp.why, sizeof rp.why, "%s", v->why);
  if (twin_send_all (sock, &rp, sizeof rp) || (rp.len && twin_send_all (sock, v->cur, rp.len))
      || (rp.len && twin_send_all (sock, v->prev, rp.len)))
    _exit (1);
}

/* Put the signals the tutor catches back as a plain process has them:
   the child must never draw on the terminal or take the tutor's keys.
   The terminal is raw, so Ctrl-C and Ctrl-Z come to the tutor as keys;
   a SIGINT, SIGTSTP or SIGHUP sent to the whole group from outside is the
   tutor's to act on, so the child ignores them (it dies with the tutor). */
static void
child_signals (void)
{
  static const int plain[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTERM, SIGPIPE, SIGCHLD };
  static const int ignored[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGHUP };
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
    signal (plain[i], SIG_DFL);
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
    signal (ignored[i], SIG_IGN);
  sigset_t none;
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
}

static void
child_gone (void)
{
  _exit (1);
}

/* The child's life: it never returns. */
void
twin_child_main (int sock, struct shm *s, pid_t parent)
{
  /* Killed when the tutor dies, however it dies; and if it died already,
     between fork and here, gone at once. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != parent)
    _exit (1);
  child_signals ();
  /* Out of memory, it goes without a word: the tutor's hook would reset
     the terminal the tutor is still using. */
  xalloc_on_failure (child_gone);
  int null = open ("/dev/null", O_RDWR);
  if (null < 0 || dup2 (null, STDIN_FILENO) < 0 || dup2 (null, STDOUT_FILENO) < 0
      || dup2 (null, STDERR_FILENO) < 0)
    _exit (1);                /* never with the terminal */
  if (null > STDERR_FILENO)
    close (null);
  /* Its own stack and the fault handler's pages, written before its first
     call is measured: fork left them copy-on-write. */
  guard_rewarm ();
  shm_rehearse (s->page);
  static struct request rq;
  for (;;)
    {
      if (twin_recv_all (sock, &rq, sizeof rq, -1))
        _exit (0);            /* the parent is gone */
      rq.text[sizeof rq.text - 1] = '\0';
      struct call_record rec;
      struct shm_args a = { .offset = rq.offset };
      int rc = 0;
      switch (rq.op)
        {
        case OP_LOOK:
          if (s->map)
            {
              struct kview kv;
              kview_take (&kv, s->map, s->map_len, s->page);
              pview_update (&s->view, s->map, s->map_len, &kv, rq.same);
            }
          child_answer (sock, s, 0, NULL, 1);
          break;
        case OP_WRITE:
          a.text = rq.text;
          rc = shm_run (s, SHM_WRITE, &a, &rec);
          child_answer (sock, s, rc, &rec, 1);
          break;
        case OP_READ:
          a.format = rq.text;
          rc = shm_run (s, SHM_READ, &a, &rec);
          child_answer (sock, s, rc, &rec, 1);
          break;
        case OP_EXIT:
        default:
          /* Its last answer carries no page: a large one could fill the
             socket while the parent waits for the exit instead. */
          child_answer (sock, s, 0, NULL, 0);
          _exit (0);
        }
    }
}

