/* trace-int.h - what trace.c (the processes) and trace-call.c (each
   system call) share.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TRACE_INT_H
#define SHMTUTOR_TRACE_INT_H

#include <sys/types.h>

#include "trace.h"

/* One process of the program's. */
struct tproc {
  pid_t pid;
  int index;                /* 0 the first, then in the order they were made */
  int alive;
  int reaped;               /* waited for to the end: gone */
  int fresh;                /* its first stop (SIGSTOP) is still to come */
  int in_call;              /* between a call's entry and its exit */
  long pending;             /* the index in the run's calls of the call it is in, or -1 */
  int skipping;             /* the call it is in was skipped for the inject */
};

struct tracer {
  struct trace_run *r;
  const struct ex_match *inject;
  int inject_err;
  int injected;             /* done: the inject is used once */
  int execed;               /* the program's exec has happened: injects are armed */
  long page;
  pid_t pgid;
  struct tproc procs[TRACE_MAX_PROCS];
  int nprocs;
  int first_done;           /* the first process has ended */
  int stop;                 /* stop now (a limit) */
};

/* A system-call stop of P: its entry or its exit, read and kept. */
void trace_syscall_stop (struct tracer *t, struct tproc *p);

#endif
