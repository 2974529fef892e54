/* trace.c - a learner's program run under ptrace, its processes followed,
   limited, and every one of them killed and reaped at the end.
   trace-call.c reads each system call's details.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "trace-int.h"
#include "xalloc.h"

static long wall_ms = TRACE_WALL_MS;
static int (*stop_hook) (void *ctx);
static void *stop_ctx;

void
trace_set_stop (int (*stop) (void *ctx), void *ctx)
{
  stop_hook = stop;
  stop_ctx = ctx;
}

void
trace_set_wall_ms (long ms)
{
  wall_ms = ms > 0 ? ms : TRACE_WALL_MS;
}

static long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The child's side: its limits, its files, then the program. */
static void
child_side (const char *exe, int out_fd, int err_fd)
{
  static const struct { int res; rlim_t soft, hard; } limits[] = {
    { RLIMIT_CPU, TRACE_CPU_S, TRACE_CPU_S + 1 },
    { RLIMIT_AS, 512UL << 20, 512UL << 20 },
    { RLIMIT_FSIZE, 1UL << 20, 1UL << 20 },
    { RLIMIT_CORE, 0, 0 },
    { RLIMIT_NOFILE, 256, 256 },
  };
  /* No RLIMIT_NPROC: it counts every process of the user's (a desktop's
     hundreds), and root ignores it; the tracer counts the program's own
     (TRACE_MAX_PROCS) instead. */
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  int nul = open ("/dev/null", O_RDONLY);
  if (nul < 0 || dup2 (nul, 0) < 0 || dup2 (out_fd, 1) < 0 || dup2 (err_fd, 2) < 0)
    _exit (126);
  closefrom (3);
  /* The signals the tutor catches or ignores are the program's own again. */
  for (int s = 1; s < NSIG; s++)
    if (s != SIGKILL && s != SIGSTOP)
      signal (s, SIG_DFL);
  sigset_t none;
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
  for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
    {
      struct rlimit rl = { limits[i].soft, limits[i].hard };
      setrlimit (limits[i].res, &rl);
    }
  if (ptrace (PTRACE_TRACEME, 0, NULL, NULL) != 0)
    _exit (126);
  raise (SIGSTOP);
  char *const argv[] = { (char *) exe, NULL };
  execv (exe, argv);
  _exit (127);
}

/* Keep what FD has to give (non-blocking) in *BUF (*N bytes kept). */
static int
drain (int fd, char **buf, size_t *n, int *cut)
{
  char tmp[4096];
  for (;;)
    {
      ssize_t k = read (fd, tmp, sizeof tmp);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        return k == 0 ? 1 : 0;  /* 1: the end */
      size_t room = TRACE_MAX_OUTPUT - *n;
      size_t take = (size_t) k < room ? (size_t) k : room;
      if (take < (size_t) k)
        *cut = 1;
      if (take)
        {
          memcpy (*buf + *n, tmp, take);
          *n += take;
          (*buf)[*n] = '\0';
        }
    }
}

/* The process PID among T's, or NULL. */
static struct tproc *
find_proc (struct tracer *t, pid_t pid)
{
  for (int i = 0; i < t->nprocs; i++)
    if (t->procs[i].pid == pid)
      return &t->procs[i];
  return NULL;
}

/* Kill every process of the program's, then reap each: nothing is left
   behind, not even a zombie.  The tracer is the processes' subreaper
   while it runs (trace_program), so that one whose parent died is ours
   to reap, not init's some time later. */
static void
kill_all (struct tracer *t)
{
  if (t->pgid > 0)
    kill (-t->pgid, SIGKILL);
  for (int i = 0; i < t->nprocs; i++)
    if (t->procs[i].alive)
      kill (t->procs[i].pid, SIGKILL);
  /* Each known one (a setsid left the group), then the group (one made in
     the last moment, before its parent's event told of it), until none
     is left: at most a second. */
  for (int k = 0; k < 200; k++)
    {
      int left = 0, st;
      for (int i = 0; i < t->nprocs; i++)
        {
          if (t->procs[i].reaped)
            continue;
          pid_t w = waitpid (t->procs[i].pid, &st, __WALL | WNOHANG);
          if (w < 0 && errno == ECHILD)
            t->procs[i].reaped = 1;
          else
            left = 1;
          t->procs[i].alive = 0;
        }
      pid_t w = t->pgid > 0 ? waitpid (-t->pgid, &st, __WALL | WNOHANG) : -1;
      if (w >= 0)
        left = 1;
      if (!left)
        break;
      if (w <= 0)
        usleep (5000);
    }
}

/* A new process, told of by an event of its parent's. */
static void
new_proc (struct tracer *t, pid_t pid)
{
  if (find_proc (t, pid))
    return;
  if (t->nprocs == TRACE_MAX_PROCS)
    {
      /* Too many: this one is killed at once, and so is the rest. */
      kill (pid, SIGKILL);
      t->r->end = TRACE_PROCS;
      t->stop = 1;
      return;
    }
  struct tproc *p = &t->procs[t->nprocs];
  memset (p, 0, sizeof *p);
  p->pid = pid;
  p->index = t->nprocs++;
  p->alive = 1;
  p->fresh = 1;
  p->pending = -1;
  t->r->procs++;
}

/* One stop or end of process P, status ST. */
static void
on_status (struct tracer *t, struct tproc *p, int st)
{
  struct trace_run *r = t->r;
  if (WIFEXITED (st) || WIFSIGNALED (st))
    {
      p->alive = 0;
      if (p->index == 0)
        {
          t->first_done = 1;
          if (r->end == TRACE_EXITED && !t->stop)
            {
              if (WIFEXITED (st))
                r->status = WEXITSTATUS (st);
              else
                {
                  r->sig = WTERMSIG (st);
                  /* SIGXCPU at the soft limit, or SIGKILL at the hard
                     one when the program ignored the first. */
                  int cpu = r->sig == SIGXCPU
                            || (r->sig == SIGKILL && (r->delivered & (1ULL << SIGXCPU)));
                  r->end = cpu ? TRACE_CPU : TRACE_KILLED;
                }
            }
        }
      return;
    }
  if (!WIFSTOPPED (st))
    return;
  int sig = WSTOPSIG (st), event = st >> 16, give = 0;
  if (sig == (SIGTRAP | 0x80))
    trace_syscall_stop (t, p);
  else if (sig == SIGTRAP && event)
    {
      unsigned long msg = 0;
      if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK
          || event == PTRACE_EVENT_CLONE)
        {
          if (ptrace (PTRACE_GETEVENTMSG, p->pid, NULL, &msg) == 0)
            new_proc (t, (pid_t) msg);
        }
      else if (event == PTRACE_EVENT_EXEC)
        t->execed = 1;
    }
  else if (sig == SIGSTOP && p->fresh)
    p->fresh = 0;           /* a new process's first stop */
  else
    {
      /* A signal for it: noted, and delivered. */
      if (sig > 0 && sig < 64)
        r->delivered |= 1ULL << sig;
      give = sig;
    }
  if (p->alive)
    ptrace (PTRACE_SYSCALL, p->pid, NULL, (void *) (long) give);
}

int
trace_program (const char *exe, const struct ex_match *inject, int err, struct trace_run *r)
{
  memset (r, 0, sizeof *r);
  r->fds_left = r->maps_left = -1;
  r->out = xmalloc (TRACE_MAX_OUTPUT + 1);
  r->err = xmalloc (TRACE_MAX_OUTPUT + 1);
  r->out[0] = r->err[0] = '\0';
  struct tracer t = { .r = r, .inject = inject, .inject_err = err, .page = sysconf (_SC_PAGESIZE) };
  int outp[2], errp[2];
  int was_subreaper = 0;
  prctl (PR_GET_CHILD_SUBREAPER, &was_subreaper);
  if (pipe2 (outp, O_CLOEXEC) != 0 || pipe2 (errp, O_CLOEXEC) != 0)
    {
      snprintf (r->why, sizeof r->why, "pipe: %s", strerror (errno));
      r->end = TRACE_FAILED;
      return -1;
    }
  /* The tutor's ends only: the program's writes block when a pipe is
     full, as they would on a terminal. */
  fcntl (outp[0], F_SETFL, O_NONBLOCK);
  fcntl (errp[0], F_SETFL, O_NONBLOCK);
  long start = now_ms ();
  prctl (PR_SET_CHILD_SUBREAPER, 1);
  pid_t pid = fork ();
  if (pid == 0)
    child_side (exe, outp[1], errp[1]);
  close (outp[1]);
  close (errp[1]);
  int st;
  if (pid < 0 || waitpid (pid, &st, __WALL) != pid || !WIFSTOPPED (st))
    {
      snprintf (r->why, sizeof r->why, "the program could not be started: %s",
                pid < 0 ? strerror (errno) : "it did not stop for the tracer");
      r->end = TRACE_FAILED;
      if (pid > 0)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &st, __WALL);
        }
      close (outp[0]);
      close (errp[0]);
      prctl (PR_SET_CHILD_SUBREAPER, was_subreaper);
      return -1;
    }
  t.pgid = pid;
  r->pid = pid;
  new_proc (&t, pid);
  t.procs[0].fresh = 0;
  r->procs = 0;
  ptrace (PTRACE_SETOPTIONS, pid, NULL,
          (void *) (long) (PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | PTRACE_O_TRACEFORK
                           | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC));
  ptrace (PTRACE_SYSCALL, pid, NULL, NULL);
  int out_open = 1, err_open = 1;
  long asked = start;
  /* Each stop of a traced process sends the tracer a SIGCHLD: read from a
     signalfd, it wakes the loop at once (a program's calls come one after
     another, and a fixed wait for each made a run of a trivial program
     take 400 ms).  SIGCHLD is blocked meanwhile, as signalfd needs; the
     mask is put back after. */
  sigset_t chld, old_mask;
  sigemptyset (&chld);
  sigaddset (&chld, SIGCHLD);
  sigprocmask (SIG_BLOCK, &chld, &old_mask);
  int sfd = signalfd (-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
  while (!t.stop)
    {
      struct pollfd fds[3] = { { outp[0], POLLIN, 0 }, { errp[0], POLLIN, 0 },
                               { sfd, POLLIN, 0 } };
      poll (fds, sfd >= 0 ? 3 : 2, 5);
      struct signalfd_siginfo si;
      while (sfd >= 0 && read (sfd, &si, sizeof si) == (ssize_t) sizeof si)
        ;
      if (out_open && drain (outp[0], &r->out, &r->nout, &r->out_cut))
        out_open = 0;
      if (err_open && drain (errp[0], &r->err, &r->nerr, &r->err_cut))
        err_open = 0;
      int any = 1;
      while (any && !t.stop)
        {
          any = 0;
          for (int i = 0; i < t.nprocs && !t.stop; i++)
            if (t.procs[i].alive)
              {
                pid_t w = waitpid (t.procs[i].pid, &st, WNOHANG | __WALL);
                if (w == t.procs[i].pid)
                  {
                    on_status (&t, &t.procs[i], st);
                    any = 1;
                  }
                else if (w < 0 && errno == ECHILD)
                  t.procs[i].alive = 0;
              }
        }
      int alive = 0;
      for (int i = 0; i < t.nprocs; i++)
        alive += t.procs[i].alive;
      /* The first process has ended: what its children still do is
         not the program's any more. */
      if (t.first_done || !alive)
        break;
      long now = now_ms ();
      if (now - start > wall_ms)
        {
          r->end = TRACE_WALL;
          break;
        }
      if (stop_hook && now - asked >= 50)
        {
          asked = now;
          if (stop_hook (stop_ctx))
            {
              r->end = TRACE_STOPPED;
              break;
            }
        }
    }
  if (sfd >= 0)
    close (sfd);
  kill_all (&t);
  sigprocmask (SIG_SETMASK, &old_mask, NULL);
  prctl (PR_SET_CHILD_SUBREAPER, was_subreaper);
  drain (outp[0], &r->out, &r->nout, &r->out_cut);
  drain (errp[0], &r->err, &r->nerr, &r->err_cut);
  close (outp[0]);
  close (errp[0]);
  r->elapsed_ms = now_ms () - start;
  return 0;
}

void
trace_free (struct trace_run *r)
{
  for (size_t i = 0; i < r->ncalls; i++)
    free (r->calls[i].page);
  free (r->calls);
  free (r->out);
  free (r->err);
  memset (r, 0, sizeof *r);
}
