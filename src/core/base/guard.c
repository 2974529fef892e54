/* guard.c - touch memory that may fault, and live to tell.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "guard.h"

/* Under valgrind a deliberate fault is no error of the program's: its
   reports are off while the guarded function runs.  (The macros do
   nothing when the program runs on its own.) */
#ifdef HAVE_VALGRIND_VALGRIND_H
# include <valgrind/valgrind.h>
#else
# define VALGRIND_DISABLE_ERROR_REPORTING do { } while (0)
# define VALGRIND_ENABLE_ERROR_REPORTING do { } while (0)
# define RUNNING_ON_VALGRIND 0
#endif

static sigjmp_buf guard_jb;

/* The caught signal's frame goes here, not below the stack: these pages
   are written at start-up (and again after a fork, guard_rewarm), so that
   catching a signal inside a measured call faults no page of its own. */
#define ALT_SIZE (64 * 1024)
static unsigned char alt_stack[ALT_SIZE] __attribute__ ((aligned (64)));
static volatile sig_atomic_t guard_armed;
static struct guard_fault guard_last;

static void
guard_handler (int sig, siginfo_t *si, void *uc)
{
  (void) uc;
  if (!guard_armed)
    {
      /* Not ours: fall back to the default action. */
      signal (sig, SIG_DFL);
      raise (sig);
      return;
    }
  guard_armed = 0;
  guard_last.sig = sig;
  guard_last.code = si ? si->si_code : 0;
  guard_last.addr = si ? si->si_addr : NULL;
  siglongjmp (guard_jb, 1);
}

static void
touch_byte (void *arg)
{
  *(volatile char *) arg;
}

/* Take one deliberate fault, once, outside any measured call: the first
   caught signal faults in the pages its delivery needs (the signal frame's
   stack, the handler's code, siglongjmp's), and those faults are the
   tutor's, not the step's.  A denied access itself counts no fault. */
static void
take_a_fault (void)
{
  /* (valgrind keeps the part of the stack a handler left as unusable, and
     counts its own faults anyway: there, nothing to write.) */
  volatile unsigned char *s = alt_stack;
  for (size_t i = 0; i < ALT_SIZE && !RUNNING_ON_VALGRIND; i += 1024)
    s[i] = 0;
  void *p = mmap (NULL, 1, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return;
  guard_run (touch_byte, p, NULL);
  munmap (p, 1);
}

/* Fault in the stack the engines' calls will go down to, once: where a
   deeper call than any before first reaches a new stack page (the stack's
   start moves with each run), that fault would be counted in the call's
   minor faults, though it is the tutor's own. */
static void __attribute__ ((noinline))
warm_stack (void)
{
  volatile char pad[64 * 1024];
  for (size_t i = 0; i < sizeof pad; i += 512)
    pad[i] = 0;
}

static void
warm_up (void)
{
  static int done;
  if (done)
    return;
  done = 1;
  stack_t ss = { .ss_sp = alt_stack, .ss_size = ALT_SIZE, .ss_flags = 0 };
  sigaltstack (&ss, NULL);
  take_a_fault ();
  warm_stack ();
}

void
guard_init (void)
{
  warm_up ();
}

void
guard_rewarm (void)
{
  take_a_fault ();
  warm_stack ();
}

int
guard_run (void (*fn)(void *), void *arg, struct guard_fault *f)
{
  struct sigaction sa, old_segv, old_bus;
  int rc = 0;

  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = guard_handler;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGSEGV, &sa, &old_segv);
  sigaction (SIGBUS, &sa, &old_bus);

  VALGRIND_DISABLE_ERROR_REPORTING;
  if (sigsetjmp (guard_jb, 1) == 0)
    {
      guard_armed = 1;
      fn (arg);
      guard_armed = 0;
    }
  else
    {
      rc = guard_last.sig;
      if (f)
        *f = guard_last;
    }

  VALGRIND_ENABLE_ERROR_REPORTING;
  sigaction (SIGSEGV, &old_segv, NULL);
  sigaction (SIGBUS, &old_bus, NULL);
  return rc;
}

/* si_code names of SIGSEGV and SIGBUS (sigaction(2)), and what each means. */
static const struct {
  int sig, code;
  const char *name, *means;
} codes[] = {
  { SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR", "nothing is mapped at that address" },
  { SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", "the page's protection forbids this access" },
  { SIGBUS, BUS_ADRALN, "BUS_ADRALN", "a misaligned address" },
  { SIGBUS, BUS_ADRERR, "BUS_ADRERR", "no such physical address: the mapping has no page there" },
  { SIGBUS, BUS_OBJERR, "BUS_OBJERR", "a hardware error in the object" },
};

const char *
guard_code_name (const struct guard_fault *f, char *buf, unsigned long len)
{
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (codes[i].sig == f->sig && codes[i].code == f->code)
      return codes[i].name;
  snprintf (buf, len, "si_code %d", f->code);
  return buf;
}

const char *
guard_result (const struct guard_fault *f, char *buf, unsigned long len)
{
  char code[32];
  snprintf (buf, len, "%s (%s), caught by shmtutor", f->sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
            guard_code_name (f, code, sizeof code));
  return buf;
}

const char *
guard_describe (const struct guard_fault *f, const char *verb, const void *at, const char *why,
                char *buf, unsigned long len)
{
  char code[32];
  const char *means = "";
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (codes[i].sig == f->sig && codes[i].code == f->code)
      means = codes[i].means;
  if (why)
    means = why;
  snprintf (buf, len, "%s %s %p, %s%s%s. A program of its own would be killed; shmtutor "
            "caught the signal and goes on", f->sig == SIGBUS ? "SIGBUS" : "SIGSEGV", verb, at,
            guard_code_name (f, code, sizeof code), means[0] ? ": " : "", means);
  return buf;
}

struct copy {
  void *dst;
  const void *src;
  size_t n;
};

static void
copy_run (void *arg)
{
  struct copy *c = arg;
  memcpy (c->dst, c->src, c->n);
}

int
guard_copy (void *dst, const void *src, unsigned long n, struct guard_fault *f)
{
  struct copy c = { dst, src, n };
  return guard_run (copy_run, &c, f);
}
