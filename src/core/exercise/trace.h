/* trace.h - a learner's program run under ptrace: its system calls, its
   output, how it ended; one call made to fail on request.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TRACE_H
#define SHMTUTOR_TRACE_H

#include <stddef.h>

#include "exercise.h"

#define TRACE_MAX_CALLS 2048          /* calls kept; the rest are counted */
#define TRACE_MAX_OUTPUT (64 * 1024)  /* bytes of each stream kept */
#define TRACE_MAX_PROCS 16            /* processes, the first one counted */
#define TRACE_WALL_MS 5000            /* the wall-clock limit */
#define TRACE_CPU_S 2                 /* the CPU limit of each process */
#define TRACE_PAGE_BYTES 4096         /* bytes read of a mapping at its munmap */

/* One system call of the program's. */
struct trace_call {
  int proc;                 /* 0: the first process; 1, 2, ...: its children, in order */
  int pid;
  char name[16];            /* "mmap"; "fork" for a clone that makes a process */
  long args[6];
  long ret;                 /* the result, or -errno */
  int done;                 /* the call returned (its result is known) */
  int injected;             /* the tracer made it fail */
  char path[256];           /* the file it names, or its descriptor's: "" when none */
  unsigned char *page;      /* munmap of a /dev/zero mapping: its first bytes, read
                               from the stopped process before the unmap */
  size_t npage;
};

/* How the run ended. */
enum trace_end {
  TRACE_EXITED,             /* the first process exited: status */
  TRACE_KILLED,             /* a signal ended it: sig */
  TRACE_WALL,               /* stopped at the wall-clock limit */
  TRACE_CPU,                /* stopped at the CPU limit */
  TRACE_PROCS,              /* stopped: more processes than TRACE_MAX_PROCS */
  TRACE_FAILED,             /* it could not be run: why */
  TRACE_STOPPED             /* stopped when the stop hook asked (trace_set_stop) */
};

struct trace_run {
  int pid;                  /* the first process's (its group's too) */
  enum trace_end end;
  int status, sig;
  unsigned long long delivered;  /* bit S: signal S reached one of its processes */
  int procs;                /* processes it made (the first not counted) */
  char *out, *err;          /* what it wrote, NUL-ended, at most TRACE_MAX_OUTPUT */
  size_t nout, nerr;
  int out_cut, err_cut;     /* more was written than is kept */
  struct trace_call *calls;
  size_t ncalls;
  size_t calls_cut;         /* calls made past TRACE_MAX_CALLS */
  int fds_left;             /* descriptors above 2 open when the first process ended; -1 unknown */
  int maps_left;            /* /dev/zero mappings it still had then; -1 unknown */
  long elapsed_ms;
  char why[300];
};

/* Run EXE (no arguments, standard input /dev/null, its output captured)
   under ptrace, following its children, with the limits above; each of
   its processes is killed and reaped before this returns, whatever
   happened.  When INJECT is not NULL, the first call after exec that
   matches it (trace_matches) is skipped by the kernel and returns -ERR.
   Returns 0 with *R filled (R->end says how it ended), or -1 when
   nothing could be run (R->why).  *R is to be freed with trace_free. */
int trace_program (const char *exe, const struct ex_match *inject, int err, struct trace_run *r);

void trace_free (struct trace_run *r);

/* Does call C match M (the call's name, its flags, protection, path,
   length, process)?  PAGE is the system's page size, for len=page. */
int trace_matches (const struct trace_call *c, const struct ex_match *m, long page);

/* The wall-clock limit, in ms (TRACE_WALL_MS unless set): for the
   tests, which need no 5 s wait to see it. */
void trace_set_wall_ms (long ms);

/* While a program runs, STOP (CTX) is asked about every 50 ms whether to
   stop it now (the learner typed q, a signal to end arrived): it is then
   killed, its processes reaped, and the run ends as TRACE_STOPPED.  NULL:
   never. */
void trace_set_stop (int (*stop) (void *ctx), void *ctx);

/* Can this machine skip a call for an inject?  (x86-64: yes.) */
int trace_can_inject (void);

#endif
