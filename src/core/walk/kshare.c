/* kshare.c - the pages the kernel shares with this process: [vvar] read
   live, and what reading it instead of entering the kernel saves (the
   clock's cost); the io_uring steps are in kshare-uring.c.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "kshare-int.h"
#include "text.h"

/* Under valgrind: memcheck never saw the kernel map [vvar], so it takes
   every plain read of it for an invalid read ("not stack'd, malloc'd or
   (recently) free'd"; seen with valgrind 3.19, where [vvar] and
   [vvar_vclock] are still mapped though the [vdso] is gone).  There is no
   other way in to read: pread of /proc/self/mem there gives EIO and
   process_vm_readv EFAULT, as the kernel's pages of [vvar] are reached
   through the page table only.  guard_run turns memcheck's reports off
   while it runs, which would silence them, not answer them; so memcheck
   is told the truth instead: the mapping is there and its bytes are
   defined.  Its pages that fault still fault.  (The macros do nothing
   when the program runs on its own.) */
#ifdef HAVE_VALGRIND_MEMCHECK_H
# include <valgrind/memcheck.h>
#else
# define VALGRIND_MAKE_MEM_DEFINED(a, n) ((void) 0)
#endif
#ifdef HAVE_VALGRIND_VALGRIND_H
# include <valgrind/valgrind.h>
#else
# define RUNNING_ON_VALGRIND 0
#endif

static long long
ns_between (const struct timespec *a, const struct timespec *b)
{
  return (long long) (b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

void
kshare_init (struct kshare *k)
{
  long pg = sysconf (_SC_PAGESIZE);
  memset (k, 0, sizeof *k);
  k->page = pg > 0 ? (size_t) pg : 4096;
  k->shown = -1;
  k->vvar.name = "[vvar]";
  k->vclock.name = "[vvar_vclock]";
  k->since_ns = -1;
  k->ring_fd = -1;
  k->zero_fd = -1;
  k->disabled = -1;
  pview_init (&k->view, k->page, "nothing read yet");
  guard_init ();
}

void
kshare_reset (struct kshare *k)
{
  kshare_uring_close (k);
  pview_clear (&k->view, "");
  kshare_init (k);
}

/* ---- [vvar] ----------------------------------------------------------- */

/* Find AREA in /proc/self/maps and read one byte of each of its pages
   (the first KSHARE_MAX_PROBE), each under the guard: on some kernels
   parts of [vvar] fault when read. */
static void
find_and_probe (const struct kshare *k, struct kshare_area *area)
{
  area->nprobe = 0;
  area->found = kshare_maps_find (area->name, &area->start, &area->end, area->line,
                                  sizeof area->line) == 1;
  if (!area->found)
    return;
  VALGRIND_MAKE_MEM_DEFINED ((void *) area->start, area->end - area->start);
  for (uintptr_t at = area->start; at < area->end && area->nprobe < KSHARE_MAX_PROBE;
       at += k->page)
    {
      struct kshare_probe *p = &area->probe[area->nprobe++];
      struct guard_fault f;
      p->offset = at - area->start;
      unsigned char byte;
      p->sig = guard_copy (&byte, (const void *) at, 1, &f);
      p->code = p->sig ? f.code : 0;
    }
}

/* "+0x0 read  +0x1000 SIGBUS (BUS_ADRERR) ..." for AREA's pages. */
static void
say_probes (struct kshare *k, const struct kshare_area *area)
{
  char buf[KSHARE_LINE_LEN], code[32];
  size_t used = 0;
  int faults = 0;
  text_append (buf, sizeof buf, &used, "pages of %s, a byte read from each:", area->name);
  for (int i = 0; i < area->nprobe; i++)
    {
      const struct kshare_probe *p = &area->probe[i];
      struct guard_fault f = { p->sig, p->code, NULL };
      if (p->sig)
        faults++;
      text_append (buf, sizeof buf, &used, "  +0x%zx %s", p->offset,
                   !p->sig ? "read" : p->sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
      if (p->sig)
        text_append (buf, sizeof buf, &used, " (%s)",
                     guard_code_name (&f, code, sizeof code));
    }
  kshare_say (k, "%s", buf);
  if (faults)
    kshare_say (k, "  %d of %d pages fault when read: the kernel gives no page there "
                "(caught)", faults, area->nprobe);
}

/* Read the bytes of [vvar] again into the view, and the clock; KEEP:
   the view holds the read before, so what changed is marked.  Returns
   0, or the signal that stopped the read (F filled). */
static int
read_vvar (struct kshare *k, int keep, struct guard_fault *f)
{
  unsigned char buf[KSHARE_VVAR_BYTES];
  struct timespec at;

  /* The step's faults are the copy's alone: the probes before it and the
     view after it are the tutor's looking. */
  long f0 = inspect_minflt ();
  int sig = guard_copy (buf, (const void *) k->vvar.start, k->vvar_len, f);
  long f1 = inspect_minflt ();
  k->copy_minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
  clock_gettime (CLOCK_MONOTONIC, &at);
  k->now_err = clock_gettime (CLOCK_REALTIME, &k->now) ? errno : 0;
  if (sig)
    {
      pview_clear (&k->view, "reading [vvar] faulted");
      return sig;
    }
  k->since_ns = keep && k->reads ? ns_between (&k->read_at, &at) : -1;
  k->read_at = at;
  k->reads++;
  pview_load (&k->view, buf, k->vvar_len, keep);
  k->changed = 0;
  for (size_t i = 0; i < k->vvar_len; i++)
    k->changed += pview_changed (&k->view, i) ? 1 : 0;
  return 0;
}

static void
say_vvar (struct kshare *k)
{
  /* The live lines first: a short terminal keeps the first ones. */
  k->nlines = 0;
  if (k->since_ns < 0)
    kshare_say (k, "read %lu: the first; read again, changed bytes are marked", k->reads);
  else if (!k->changed)
    kshare_say (k, "read %lu: none of the %zu bytes changed in %lld ms since the read before",
                k->reads, k->vvar_len, k->since_ns / 1000000);
  else
    kshare_say (k, "read %lu: %zu of %zu bytes changed in %lld ms since the read before: "
                "the kernel wrote them", k->reads, k->changed, k->vvar_len,
                k->since_ns / 1000000);
  if (k->now_err)
    kshare_say (k, "clock_gettime(CLOCK_REALTIME, &ts) = -1 %s", strerror (k->now_err));
  else
    kshare_say (k, "clock_gettime(CLOCK_REALTIME, &ts) = 0: %lld.%09ld s since 1970",
                (long long) k->now.tv_sec, k->now.tv_nsec);
  kshare_say (k, "maps: %s", k->vvar.line);
  if (k->vclock.found)
    kshare_say (k, "maps: %s", k->vclock.line);
  say_probes (k, &k->vvar);
  if (k->vclock.found)
    say_probes (k, &k->vclock);
  kshare_say (k, "view: the first %zu bytes of [vvar] at %#lx, a read-only mapping "
              "this process never writes", k->vvar_len, (unsigned long) k->vvar.start);
}

static int
run_vvar (struct kshare *k, struct call_record *r)
{
  struct guard_fault f;

  find_and_probe (k, &k->vvar);
  find_and_probe (k, &k->vclock);
  if (!k->vvar.found)
    {
      snprintf (r->call, sizeof r->call, "memcpy(buf, [vvar], %d)", KSHARE_VVAR_BYTES);
      pview_clear (&k->view, "no [vvar] in /proc/self/maps");
      kshare_say (k, "maps: no [vvar] line in /proc/self/maps: the kernel gave this "
                  "process no vDSO data pages");
      return call_refuse (r, "%s", "this process has no [vvar] mapping to read");
    }
  size_t want = k->page < KSHARE_VVAR_BYTES ? k->page : KSHARE_VVAR_BYTES;
  k->vvar_len = k->vvar.end - k->vvar.start < want ? k->vvar.end - k->vvar.start : want;
  snprintf (r->call, sizeof r->call, "memcpy(buf, %#lx [vvar], %zu)",
            (unsigned long) k->vvar.start, k->vvar_len);
  k->reads = 0;
  if (read_vvar (k, 0, &f))
    {
      call_fault (r, &f, "reading", (void *) k->vvar.start, NULL);
      say_vvar (k);
      return -1;
    }
  r->ret = (long long) k->vvar_len;
  snprintf (r->result, sizeof r->result, "= buf (%zu bytes copied)", k->vvar_len);
  say_vvar (k);
  return 0;
}

int
kshare_refresh (struct kshare *k)
{
  struct guard_fault f;
  struct timespec before = k->now;

  if (k->shown != SHM_VVAR || !k->vvar.found || !k->vvar_len)
    return 0;
  read_vvar (k, k->view.ok, &f);
  say_vvar (k);
  return k->changed || k->now.tv_sec != before.tv_sec || k->now.tv_nsec != before.tv_nsec
    || !k->view.ok;
}

/* ---- the clock's cost ------------------------------------------------- */

/* N calls of clock_gettime(CLOCK_MONOTONIC): through the C library (and
   its vDSO, where it has one), or SYS: the system call itself. */
static void
time_loop (struct kshare_loop *L, long n, int sys)
{
  struct timespec t0, t1, ts;
  struct rusage u0, u1;
  volatile long sink = 0;
  int ru = getrusage (RUSAGE_SELF, &u0) == 0;

  memset (L, 0, sizeof *L);
  clock_gettime (CLOCK_MONOTONIC, &t0);
  if (sys)
    for (long i = 0; i < n; i++)
      {
        L->failed += syscall (SYS_clock_gettime, CLOCK_MONOTONIC, &ts) != 0;
        sink += ts.tv_nsec;
      }
  else
    for (long i = 0; i < n; i++)
      {
        L->failed += clock_gettime (CLOCK_MONOTONIC, &ts) != 0;
        sink += ts.tv_nsec;
      }
  clock_gettime (CLOCK_MONOTONIC, &t1);
  ru = ru && getrusage (RUSAGE_SELF, &u1) == 0;
  (void) sink;
  L->n = n;
  L->ns = ns_between (&t0, &t1);
  L->minflt = ru ? u1.ru_minflt - u0.ru_minflt : -1;
  L->csw = ru ? (u1.ru_nvcsw + u1.ru_nivcsw) - (u0.ru_nvcsw + u0.ru_nivcsw) : -1;
}

static double
per_call (const struct kshare_loop *L)
{
  return L->n ? (double) L->ns / (double) L->n : 0;
}

static void
say_loop (struct kshare *k, const char *what, const struct kshare_loop *L)
{
  kshare_say (k, "%s: %ld calls in %.1f ms, %.1f ns a call (minor faults %+ld, "
              "context switches %+ld)", what, L->n, (double) L->ns / 1e6, per_call (L),
              L->minflt, L->csw);
}

static int
run_clock_cost (struct kshare *k, struct call_record *r)
{
  int slow = RUNNING_ON_VALGRIND || getenv ("SHMTUTOR_UNDER_VALGRIND");
  long n = slow ? KSHARE_CALLS_VALGRIND : KSHARE_CALLS;
  uintptr_t s, e;
  char src[64];

  pview_clear (&k->view, "this step reads no page: its figures are in the lines");
  snprintf (r->call, sizeof r->call, "clock_gettime(CLOCK_MONOTONIC, &ts) x %ld, then "
            "syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) x %ld", n, n);
  k->vdso_base = getauxval (AT_SYSINFO_EHDR);
  if (kshare_maps_find ("[vdso]", &s, &e, k->vdso_line, sizeof k->vdso_line) != 1)
    k->vdso_line[0] = '\0';

  errno = 0;
  time_loop (&k->vdso, n, 0);
  time_loop (&k->sys, n, 1);
  int err = k->vdso.failed || k->sys.failed ? (errno ? errno : EINVAL) : 0;

  if (k->vdso_base)
    kshare_say (k, "vDSO: getauxval(AT_SYSINFO_EHDR) = %#lx; maps: %s", k->vdso_base,
                k->vdso_line[0] ? k->vdso_line : "no [vdso] line");
  else
    kshare_say (k, "no vDSO in this process (AT_SYSINFO_EHDR is 0%s): the C library's "
                "clock_gettime makes the system call too",
                k->vdso_line[0] ? "" : ", no [vdso] in maps");
  if (slow)
    kshare_say (k, "%ld calls of each, not %ld: this runs under valgrind, where every "
                "call is slow", n, KSHARE_CALLS);
  say_loop (k, "clock_gettime() of the C library", &k->vdso);
  say_loop (k, "syscall(SYS_clock_gettime)", &k->sys);
  if (k->vdso.failed || k->sys.failed)
    kshare_say (k, "failed calls: %ld and %ld", k->vdso.failed, k->sys.failed);
  double a = per_call (&k->vdso), b = per_call (&k->sys);
  if (a > 0 && b > 0)
    kshare_say (k, "the system call took %.1f times as long as the library's call", b / a);
  if (kshare_read_line ("/sys/devices/system/clocksource/clocksource0/current_clocksource",
                        src, sizeof src) == 0)
    kshare_say (k, "clocksource: %s (the vDSO reads the time in user space only from "
                "a clock it can read there)", src);

  call_result (r, "clock_gettime", err ? -1 : 0, err, 0);
  if (!err)
    snprintf (r->result, sizeof r->result, "= 0 (%.1f ns against %.1f ns a call)", a, b);
  return err ? -1 : 0;
}

/* ---- a step ----------------------------------------------------------- */

int
kshare_run (struct kshare *k, enum shm_action action, const struct shm_args *a,
            struct call_record *r)
{
  int rc;

  (void) a;
  memset (r, 0, sizeof *r);
  r->action = action;
  kview_none (&r->kv);
  k->nlines = 0;
  k->shown = action;
  long f0 = inspect_minflt ();
  switch (action)
    {
    case SHM_VVAR: rc = run_vvar (k, r); break;
    case SHM_CLOCK_COST: rc = run_clock_cost (k, r); break;
    case SHM_URING_SETUP: rc = kshare_uring_setup (k, r); break;
    case SHM_URING_SUBMIT: rc = kshare_uring_submit (k, r); break;
    default:
      k->shown = -1;
      snprintf (r->call, sizeof r->call, "?");
      return call_refuse (r, "%s", "not a step of the kernel's shared pages");
    }
  long f1 = inspect_minflt ();
  r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
  if (action == SHM_VVAR && !r->refused)
    r->minflt = k->copy_minflt;
  return rc;
}
