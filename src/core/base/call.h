/* call.h - the record of one call: its text, result, errno or fault, and
   the kernel's figures taken right after it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_CALL_H
#define SHMTUTOR_CALL_H

#include "guard.h"
#include "kview.h"

/* What one call did, for the screen and the tests: the walkthrough's
   engine (walk/shm.c) and the console's (console/eval.c) fill it. */
struct call_record {
  int action;           /* the caller's own code for it (walk: enum shm_action) */
  char call[320];       /* strace-style: open("/dev/zero", O_RDWR) */
  char result[96];      /* "= 3", "= 0x7f...", "= -1 EACCES (Permission denied)" */
  char output[320];     /* what printf printed (read), without the newline */
  char explain[256];    /* errno's or the fault's one-line explanation */
  long long ret;        /* return value (the address, for mmap) */
  int err;              /* errno, 0 on success */
  int fault;            /* signal caught while touching the map, 0 if none */
  int refused;          /* the engine refused the step (no map, say) */
  long minflt;          /* minor page faults during the call, -1 unknown */
  int minflt_own;       /* they include faults on the tutor's own memory
                           (fork write-protects all of its private pages) */
  int shmem_taken;      /* shmem_kb holds meminfo's Shmem before and after */
  int shmem_exact;      /* the per-CPU batches were folded in first */
  long shmem_kb[2];
  struct kview kv;      /* the kernel's figures for the mapping, taken right
                           after the call and before anything looked at it */
};

/* R's result from RET and ERR (errno, 0 for none) of CALL (its name, for
   errno's explanation): "= 3", "= 0x7f...", "= -1 EACCES (Permission
   denied)"; PTR: RET is an address. */
void call_result(struct call_record *r, const char *call, long long ret, int err, int ptr);

/* R was not run: "(not run)", and why, from FMT (one %s, for A; NULL A is
   ""). Returns -1. */
int call_refuse(struct call_record *r, const char *fmt, const char *a)
  __attribute__ ((format (printf, 2, 0)));

/* R faulted: F's signal as its result, and the sentence of guard_describe
   (VERB, AT and WHY as there) as its explanation. */
void call_fault(struct call_record *r, const struct guard_fault *f, const char *verb,
                const void *at, const char *why);

#endif
