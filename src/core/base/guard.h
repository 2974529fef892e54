/* guard.h - touch memory that may fault, and live to tell.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_GUARD_H
#define SHMTUTOR_GUARD_H

/* A fault caught by guard_run. */
struct guard_fault {
  int sig;              /* SIGSEGV or SIGBUS */
  int code;             /* si_code: SEGV_ACCERR, SEGV_MAPERR, ... */
  void *addr;           /* si_addr */
};

/* Take one deliberate, caught fault, once per process, so that the pages
   catching a signal needs are in before any call is measured.  Call it
   before the first measured guard_run. */
void guard_init(void);

/* After fork: the child left this process's pages copy-on-write, those
   catching a signal needs and the stack among them; take the deliberate
   fault and write the stack again, while the fork's own call is counted
   (in the child: before its first call is measured). */
void guard_rewarm(void);

/* Run FN(ARG) with SIGSEGV and SIGBUS caught (sigsetjmp with the signal mask
   saved, siglongjmp from the handler); the previous handlers are put back.
   Returns 0, or the signal number with F filled in. */
int guard_run(void (*fn)(void *), void *arg, struct guard_fault *f);

/* Copy N bytes from SRC to DST under guard_run: 0, or the signal the
   read of SRC took (F filled; DST then holds part of it, or nothing). */
int guard_copy(void *dst, const void *src, unsigned long n, struct guard_fault *f);

/* The name of F's si_code, as the kernel gave it: "SEGV_ACCERR" (BUF, of
   LEN bytes, holds "si_code N" for a code without a name). */
const char *guard_code_name(const struct guard_fault *f, char *buf, unsigned long len);

/* A call's result when it faulted: "SIGSEGV (SEGV_ACCERR), caught by shmtutor". */
const char *guard_result(const struct guard_fault *f, char *buf, unsigned long len);

/* A sentence for F, in BUF (LEN bytes): the signal, VERB and AT (the
   address to name: "writing" where a store began, or "at" and F's own
   address), the si_code and WHY (NULL: what the si_code means), and that
   a program of its own would have been killed:
   "SIGSEGV writing 0x7f.., SEGV_ACCERR: the page ... is PROT_READ. A
   program of its own would be killed; shmtutor caught the signal and
   goes on". */
const char *guard_describe(const struct guard_fault *f, const char *verb, const void *at,
                           const char *why, char *buf, unsigned long len);

#endif
