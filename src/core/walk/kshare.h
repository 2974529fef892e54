/* kshare.h - the pages the kernel itself shares with this process: [vvar],
   read live; clock_gettime through the vDSO against the system call; and
   an io_uring's rings, set up and used with raw system calls.  Every step
   does the real thing.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_KSHARE_H
#define SHMTUTOR_KSHARE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "call.h"
#include "pageview.h"
#include "shm.h"

/* The bytes of [vvar] the view shows, from its start: its first page (or
   this much of it), where every kernel keeps the time: at offset 0 on
   this one, at 128 on older x86 ones. */
#define KSHARE_VVAR_BYTES 4096
/* The most pages of one [vvar...] mapping that are probed. */
#define KSHARE_MAX_PROBE 8
/* The clock-cost loops: calls of each kind, and under valgrind (where
   every call is a system call made slowly) the fewer it makes. */
#define KSHARE_CALLS 1000000L
#define KSHARE_CALLS_VALGRIND 20000L
/* The ring's entries asked of io_uring_setup, and the most bytes of the
   ring the view shows. */
#define KSHARE_RING_ENTRIES 4
#define KSHARE_RING_VIEW 512
/* The lines a step is told in, and their length. */
#define KSHARE_LINES 14
#define KSHARE_LINE_LEN 200

/* One page of a [vvar...] mapping, read once (one byte) under the guard. */
struct kshare_probe {
  size_t offset;            /* from the mapping's start */
  int sig;                  /* 0: it read; else SIGBUS or SIGSEGV */
  int code;                 /* the fault's si_code */
};

/* One of the kernel's data mappings, as /proc/self/maps names it. */
struct kshare_area {
  const char *name;         /* "[vvar]", "[vvar_vclock]" */
  int found;                /* its line is in /proc/self/maps */
  uintptr_t start, end;
  char line[160];           /* the maps line, blanks squeezed */
  int nprobe;               /* pages probed (at most KSHARE_MAX_PROBE) */
  struct kshare_probe probe[KSHARE_MAX_PROBE];
};

/* One clock-cost loop: N calls, timed with CLOCK_MONOTONIC around it. */
struct kshare_loop {
  long n;                   /* calls made */
  long failed;              /* of them returned -1 */
  long long ns;             /* the loop's time */
  long minflt, csw;         /* minor faults, context switches (voluntary
                               and not) during it; -1 unknown */
};

/* One completion taken from the CQ ring. */
struct kshare_cqe {
  unsigned long long user_data;
  int res;                  /* the operation's result, or -errno */
  unsigned flags;
  unsigned slot;            /* its place in the CQE array */
};

struct kshare {
  size_t page;
  int shown;                /* the action of the step last made, -1 none */

  /* vvar */
  struct kshare_area vvar, vclock;
  size_t vvar_len;          /* bytes of [vvar] in the view */
  struct timespec now;      /* clock_gettime(CLOCK_REALTIME) at the last read */
  int now_err;              /* its errno, 0 when it worked */
  struct timespec read_at;  /* CLOCK_MONOTONIC at the last read of [vvar] */
  long long since_ns;       /* from the read before it; -1 none */
  size_t changed;           /* bytes that differ from the read before */
  unsigned long reads;      /* reads of the bytes since the step was made */
  long copy_minflt;         /* minor faults of the last copy alone, -1 unknown */

  /* clock-cost */
  struct kshare_loop vdso, sys;
  unsigned long vdso_base;  /* getauxval(AT_SYSINFO_EHDR): 0, no vDSO */
  char vdso_line[160];      /* the [vdso] maps line, "" when none */

  /* io_uring: the ring and its three mappings */
  int ring_fd;              /* -1 when no ring is set up */
  unsigned char *sq_ring, *cq_ring, *sqes;  /* cq_ring == sq_ring: one mapping */
  size_t sq_len, cq_len, sqes_len;
  int single_mmap;          /* IORING_FEAT_SINGLE_MMAP */
  unsigned sq_entries, cq_entries, features;
  unsigned sq_head, sq_tail, sq_mask, sq_array;   /* offsets, from io_uring_params */
  unsigned cq_head, cq_tail, cq_mask, cq_cqes;
  int disabled;             /* /proc/sys/kernel/io_uring_disabled, -1 unreadable */
  int zero_fd;              /* /dev/zero, for the READ; -1 when closed */
  unsigned char buf[16];    /* where the READ puts its bytes */
  unsigned submits;         /* uring-submit steps made on this ring */
  unsigned cq_tail_before, cq_tail_after, sq_head_before, sq_head_after;
  int ncqe;
  struct kshare_cqe cqe[2];

  struct page_view view;    /* the bytes shown: of [vvar], or of the ring */
  size_t view_cq_at;        /* where the CQ ring's bytes start in the view:
                               0 when both rings are one mapping */
  char lines[KSHARE_LINES][KSHARE_LINE_LEN];
  size_t nlines;
};

/* Start with no ring and nothing read. */
void kshare_init(struct kshare *k);

/* Close and unmap whatever is left (the ring's fd and its mappings,
   /dev/zero); K is as after kshare_init, ready to be used again. */
void kshare_reset(struct kshare *k);

/* Make ACTION (SHM_VVAR, SHM_CLOCK_COST, SHM_URING_SETUP or
   SHM_URING_SUBMIT; A is not looked at, as none takes keys of its own)
   for real and fill R: the call, strace-style, its result, errno and its
   explanation, the minor faults of the step.  Then the view and the
   lines tell what it did.  Returns 0 when it worked, -1 when it failed,
   faulted or was refused (R says why). */
int kshare_run(struct kshare *k, enum shm_action action, const struct shm_args *a,
               struct call_record *r);

/* On the vvar step only: read the same bytes of [vvar] again (under the
   fault guard; nothing else is read), the bytes before kept so that the
   changed ones are marked, and call clock_gettime again; the lines say
   so.  Meant to be called a few times a second while that step is
   shown.  Returns 1 when the bytes or the clock's reading changed, 0
   when nothing changed or the step shown is another. */
int kshare_refresh(struct kshare *k);

/* The lines that tell the step last made, for the screen and the line
   mode: I from 0 up, NULL past the last. */
const char *kshare_line(const struct kshare *k, size_t i);

/* How many lines there are. */
size_t kshare_nlines(const struct kshare *k);

#endif
