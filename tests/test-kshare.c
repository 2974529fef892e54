/* test-kshare.c - the kernel-shared engine against the kernel itself:
   [vvar] as /proc/self/maps and this test's own reads find it, the
   clock's cost, and an io_uring's rings read through a mapping of the
   test's own.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_LINUX_IO_URING_H
# include <linux/io_uring.h>
#endif

#include "guard.h"
#include "inspect.h"
#include "kshare.h"
#include "pageview.h"
#include "tap.h"

#ifdef HAVE_VALGRIND_VALGRIND_H
# include <valgrind/valgrind.h>
#else
# define RUNNING_ON_VALGRIND 0
#endif

/* The line of /proc/self/maps whose last field is NAME, blanks squeezed
   to one, into OUT (LEN bytes); its start in *START.  Returns 1 or 0. */
/* The first of K's lines that holds NEEDLE, or NULL. */
static const char *
any_line (const struct kshare *k, const char *needle)
{
  for (size_t i = 0; i < kshare_nlines (k); i++)
    if (strstr (kshare_line (k, i), needle))
      return kshare_line (k, i);
  return NULL;
}

static int
maps_named (const char *name, char *out, size_t len, uintptr_t *start)
{
  FILE *f = fopen ("/proc/self/maps", "r");
  char line[512];
  int found = 0;
  if (!f)
    return 0;
  while (!found && fgets (line, sizeof line, f))
    {
      line[strcspn (line, "\n")] = '\0';
      const char *last = strrchr (line, ' ');
      if (!last || strcmp (last + 1, name) != 0)
        continue;
      size_t j = 0;
      for (const char *p = line; *p && j + 1 < len; p++)
        if (*p != ' ' || (j && out[j - 1] != ' '))
          out[j++] = *p;
      out[j] = '\0';
      unsigned long s;
      found = sscanf (line, "%lx-", &s) == 1;
      *start = (uintptr_t) s;
    }
  fclose (f);
  return found;
}

struct copy {
  unsigned char *dst;
  const unsigned char *src;
  size_t n;
};

static void
copy_bytes (void *arg)
{
  struct copy *c = arg;
  for (size_t i = 0; i < c->n; i++)
    c->dst[i] = ((volatile const unsigned char *) c->src)[i];
}

/* N bytes at ADDR, read by the test itself under the guard.  Returns the
   signal, 0 when they read. */
static int
read_own (uintptr_t addr, unsigned char *dst, size_t n, struct guard_fault *f)
{
  struct copy c = { dst, (const unsigned char *) addr, n };
  return guard_run (copy_bytes, &c, f);
}

static void
sleep_ms (long ms)
{
  struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
  while (nanosleep (&t, &t) != 0 && errno == EINTR)
    ;
}

static void
test_pview_load (void)
{
  struct page_view v;
  unsigned char a[40], b[40];
  struct hex_row row;

  for (size_t i = 0; i < sizeof a; i++)
    a[i] = b[i] = (unsigned char) i;
  b[33] = 0xff;
  pview_init (&v, 4096, "empty");
  pview_load (&v, a, sizeof a, 1);
  tap_ok (v.ok && !v.prev_ok && v.len == 40 && v.pages == 1, "pview_load: 40 bytes, one page shown");
  tap_int (pview_nrows (&v), 3, "pview_load: 40 bytes make 3 rows");
  tap_ok (pview_row (&v, 2, &row) == 0 && row.nbytes == 8 && row.offset == 32,
          "pview_load: the last row holds the last 8 bytes");
  tap_ok (pview_row (&v, 3, &row) == -1, "pview_load: no row past the bytes");
  tap_int (pview_first_changed_row (&v), -1, "pview_load: nothing changed on the first load");
  pview_load (&v, b, sizeof b, 1);
  tap_ok (v.prev_ok && pview_changed (&v, 33) && !pview_changed (&v, 32),
          "pview_load, keep_prev: the one byte changed is marked");
  tap_int (pview_first_changed_row (&v), 2, "pview_load: the changed byte's row");
  pview_load (&v, a, sizeof a, 0);
  tap_ok (!v.prev_ok && !pview_changed (&v, 33), "pview_load without keep_prev marks nothing");
  pview_load (&v, a, 20, 1);
  tap_ok (!v.prev_ok && v.len == 20, "pview_load of another length compares nothing");

  /* More than a page, not whole pages: the last page's rows end with its bytes. */
  unsigned char *big = calloc (1, 4096 + 40);
  if (big)
    {
      pview_load (&v, big, 4096 + 40, 0);
      big[4096 + 39] = 1;
      pview_load (&v, big, 4096 + 40, 1);
      tap_ok (v.pages == 2 && pview_nrows (&v) == 256 + 3,
              "pview_load: a page and 40 bytes make 259 rows (%zu)", pview_nrows (&v));
      tap_ok (pview_row (&v, 258, &row) == 0 && row.offset == 4096 + 32 && row.nbytes == 8
              && row.changed[7] && pview_row (&v, 259, &row) == -1,
              "pview_load: the last row is the last 8 bytes, the changed one marked");
      tap_int (pview_first_changed_row (&v), 258, "pview_load: the changed byte's row, page 2");
      free (big);
    }
  pview_clear (&v, "");
}

static void
test_vvar (void)
{
  struct kshare k;
  struct call_record r;
  char line[160];
  uintptr_t start;

  kshare_init (&k);
  int have = maps_named ("[vvar]", line, sizeof line, &start);
  int rc = kshare_run (&k, SHM_VVAR, NULL, &r);
  if (!have)
    {
      tap_ok (rc == -1 && r.refused, "no [vvar] in maps: the vvar step is refused");
      tap_skip ("no [vvar] mapping in this process: nothing to read");
      kshare_reset (&k);
      return;
    }
  tap_int (rc, 0, "vvar: the step worked (%s %s)", r.call, r.result);
  tap_str (k.vvar.line, line, "vvar: the maps line is /proc/self/maps's [vvar] line");
  tap_ok (any_line (&k, line) != NULL, "vvar: a line shows it: %s",
          any_line (&k, line) ? any_line (&k, line) : "(none)");
  tap_ok (k.vvar.start == start && k.view.ok && k.view.len == k.vvar_len
          && k.vvar_len > 0 && k.vvar_len <= KSHARE_VVAR_BYTES,
          "vvar: the view holds %zu bytes of [vvar]", k.view.len);

  /* Each page's fault, or none, as the test's own read finds it. */
  int same = k.vvar.nprobe > 0;
  for (int i = 0; i < k.vvar.nprobe; i++)
    {
      unsigned char c;
      struct guard_fault f = { 0, 0, NULL };
      int sig = read_own (start + k.vvar.probe[i].offset, &c, 1, &f);
      tap_diag ("[vvar]+%#zx: %s", k.vvar.probe[i].offset,
                !sig ? "read" : sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
      same &= sig == k.vvar.probe[i].sig && (!sig || f.code == k.vvar.probe[i].code);
    }
  tap_ok (same, "vvar: the %d pages' faults are the ones the test's own reads take",
          k.vvar.nprobe);

  struct timespec now;
  clock_gettime (CLOCK_REALTIME, &now);
  long long d = (long long) now.tv_sec - (long long) k.now.tv_sec;
  tap_ok (k.now_err == 0 && d >= 0 && d <= 2, "vvar: clock_gettime's result is now");

  /* Over half a second: what the engine marks changed, and what the
     test sees change in its own reads. */
  unsigned char before[KSHARE_VVAR_BYTES], after[KSHARE_VVAR_BYTES];
  struct guard_fault f;
  int own = read_own (start, before, k.vvar_len, &f) == 0;
  size_t marked = 0;
  int any = 0;
  for (int i = 0; i < 5; i++)
    {
      sleep_ms (100);
      any |= kshare_refresh (&k);
      size_t n = 0;
      for (size_t j = 0; j < k.view.len; j++)
        n += pview_changed (&k.view, j) ? 1 : 0;
      tap_diag ("refresh %d: %zu bytes changed (engine says %zu)", i + 1, n, k.changed);
      marked += k.changed;
      if (n != k.changed)
        marked = (size_t) -1;
    }
  own = own && read_own (start, after, k.vvar_len, &f) == 0;
  size_t diff = 0;
  for (size_t j = 0; own && j < k.vvar_len; j++)
    diff += before[j] != after[j];
  tap_ok (own, "vvar: the test reads [vvar]'s first bytes itself");
  tap_ok (any, "vvar: kshare_refresh tells of a change");
  tap_diag ("the test's own reads 0.5 s apart: %zu of %zu bytes differ", diff, k.vvar_len);
  if (!diff)
    tap_skip ("[vvar]'s first bytes did not change in 0.5 s here (a time namespace?)");
  else
    tap_ok (marked != (size_t) -1 && marked > 0,
            "vvar: the engine marked changed bytes over 0.5 s (%zu), as the test saw", marked);
  tap_ok (kshare_line (&k, 0) && strncmp (kshare_line (&k, 0), "read 6:", 7) == 0,
          "vvar: the first line counts the reads: %s", kshare_line (&k, 0));

  /* Another step shown: the refresh reads nothing. */
  struct call_record r2;
  kshare_run (&k, SHM_URING_SUBMIT, NULL, &r2);
  tap_int (kshare_refresh (&k), 0, "refresh on another step does nothing");
  kshare_reset (&k);
}

static void
test_clock_cost (void)
{
  struct kshare k;
  struct call_record r;
  long want = RUNNING_ON_VALGRIND || getenv ("SHMTUTOR_UNDER_VALGRIND")
    ? KSHARE_CALLS_VALGRIND : KSHARE_CALLS;

  kshare_init (&k);
  int rc = kshare_run (&k, SHM_CLOCK_COST, NULL, &r);
  tap_int (rc, 0, "clock-cost: the step worked (%s)", r.result);
  tap_ok (k.vdso.n == want && k.sys.n == want && !k.vdso.failed && !k.sys.failed,
          "clock-cost: %ld calls of each kind made, none failed", want);
  tap_ok (k.vdso.ns > 0 && k.sys.ns > 0, "clock-cost: both loops took time");
  double a = (double) k.vdso.ns / (double) k.vdso.n, b = (double) k.sys.ns / (double) k.sys.n;
  tap_diag ("clock_gettime: %.1f ns a call; syscall: %.1f ns a call; %.1f times; %s", a, b,
            b / a, b > a ? "the system call is the slower" : "the system call was NOT slower");
  unsigned long base = getauxval (AT_SYSINFO_EHDR);
  tap_int (k.vdso_base, base, "clock-cost: AT_SYSINFO_EHDR as the test's getauxval finds it");
  char line[160];
  uintptr_t s;
  if (maps_named ("[vdso]", line, sizeof line, &s))
    tap_str (k.vdso_line, line, "clock-cost: the [vdso] line of /proc/self/maps");
  else
    tap_ok (k.vdso_line[0] == '\0', "clock-cost: no [vdso] in maps, and none told");
  tap_ok (!k.view.ok, "clock-cost shows no bytes");
  for (size_t i = 0; i < kshare_nlines (&k); i++)
    tap_diag ("%s", kshare_line (&k, i));
  kshare_reset (&k);
}

#ifdef HAVE_LINUX_IO_URING_H
/* The CQ ring's 32-bit word at OFF. */
static unsigned
cq_word (const unsigned char *cq, unsigned off)
{
  return __atomic_load_n ((const unsigned *) (const void *) (cq + off), __ATOMIC_ACQUIRE);
}

static void
test_uring (void)
{
  struct kshare k;
  struct call_record r;
  struct io_uring_params p;

  kshare_init (&k);
  tap_ok (kshare_run (&k, SHM_URING_SUBMIT, NULL, &r) == -1 && r.refused,
          "uring-submit with no ring is refused: %s", r.explain);

  /* The test's own ring first: what the engine should get. */
  memset (&p, 0, sizeof p);
  long fd = syscall (__NR_io_uring_setup, KSHARE_RING_ENTRIES, &p);
  int err = fd < 0 ? errno : 0;
  if (fd >= 0)
    close ((int) fd);
  int rc = kshare_run (&k, SHM_URING_SETUP, NULL, &r);
  for (size_t i = 0; i < kshare_nlines (&k); i++)
    tap_diag ("%s", kshare_line (&k, i));
  if (fd < 0)
    {
      tap_ok (rc == -1 && r.err == err, "uring-setup failed with the test's own errno %d (%s)",
              err, r.result);
      tap_skip ("io_uring_setup fails here: no ring to submit to");
      kshare_reset (&k);
      return;
    }
  tap_int (rc, 0, "uring-setup worked (%s %s)", r.call, r.result);
  char link[64], target[64] = "";
  snprintf (link, sizeof link, "/proc/self/fd/%d", k.ring_fd);
  ssize_t n = readlink (link, target, sizeof target - 1);
  target[n < 0 ? 0 : n] = '\0';
  tap_str (target, "anon_inode:[io_uring]", "uring-setup: its fd is an io_uring");
  tap_ok (k.sq_head == p.sq_off.head && k.sq_tail == p.sq_off.tail && k.cq_head == p.cq_off.head
          && k.cq_tail == p.cq_off.tail && k.cq_cqes == p.cq_off.cqes,
          "uring-setup: the offsets are io_uring_params' own");

  /* The CQ ring through a mapping of the test's own. */
  size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof (struct io_uring_cqe);
  unsigned char *cq = mmap (NULL, cq_len, PROT_READ, MAP_SHARED, k.ring_fd, IORING_OFF_CQ_RING);
  if (!tap_ok (cq != MAP_FAILED, "the test maps the CQ ring itself"))
    {
      kshare_reset (&k);
      return;
    }
  const struct io_uring_cqe *cqes = (const void *) (cq + p.cq_off.cqes);
  unsigned mask = cq_word (cq, p.cq_off.ring_mask);
  for (int round = 0; round < 2; round++)
    {
      unsigned old = cq_word (cq, p.cq_off.tail);
      rc = kshare_run (&k, SHM_URING_SUBMIT, NULL, &r);
      unsigned now = cq_word (cq, p.cq_off.tail);
      tap_ok (rc == 0 && r.ret == 2, "uring-submit %d: io_uring_enter %s", round + 1, r.result);
      tap_ok (now == old + 2 && k.cq_tail_before == old && k.cq_tail_after == now,
              "uring-submit %d: the CQ tail in the test's mapping went %u -> %u", round + 1,
              old, now);
      const struct io_uring_cqe *c0 = &cqes[old & mask], *c1 = &cqes[(old + 1) & mask];
      const struct io_uring_cqe *nop = c0->user_data == 1 ? c0 : c1;
      const struct io_uring_cqe *rd = c0->user_data == 2 ? c0 : c1;
      tap_ok (nop->user_data == 1 && nop->res == 0, "uring-submit %d: the NOP's CQE has res 0",
              round + 1);
      tap_ok (rd->user_data == 2 && rd->res == (int) sizeof k.buf,
              "uring-submit %d: the READ's CQE has res %d, the bytes read", round + 1, rd->res);
      tap_ok (k.ncqe == 2 && k.cqe[0].user_data == c0->user_data && k.cqe[0].res == c0->res
              && k.cqe[1].user_data == c1->user_data && k.cqe[1].res == c1->res,
              "uring-submit %d: the CQEs told are the ring's", round + 1);
      int zero = 1;
      for (size_t i = 0; i < sizeof k.buf; i++)
        zero &= k.buf[i] == 0;
      tap_ok (zero, "uring-submit %d: the READ zeroed the buffer", round + 1);
      tap_ok (cq_word (cq, p.cq_off.head) == now, "uring-submit %d: the CQEs were taken",
              round + 1);
      int marked = 0;
      for (unsigned i = 0; i < 4; i++)
        marked |= pview_changed (&k.view, p.cq_off.tail + i);
      tap_ok (marked, "uring-submit %d: the view marks the CQ tail changed", round + 1);
    }
  for (size_t i = 0; i < kshare_nlines (&k); i++)
    tap_diag ("%s", kshare_line (&k, i));
  munmap (cq, cq_len);

  int ring = k.ring_fd;
  void *sq = k.sq_ring;
  kshare_reset (&k);
  char line[160];
  tap_ok (fcntl (ring, F_GETFD) == -1 && errno == EBADF, "reset closes the ring's fd");
  tap_ok (inspect_maps_line (NULL, sq, line, sizeof line) != 1
          || !strstr (line, "io_uring"), "reset unmaps the rings");
  tap_ok (k.ring_fd == -1 && !k.view.ok, "reset: no ring, no view");
  tap_ok (kshare_run (&k, SHM_URING_SUBMIT, NULL, &r) == -1 && r.refused,
          "after reset, uring-submit is refused again");
  kshare_reset (&k);
}
#endif

int
main (void)
{
  test_pview_load ();
  test_vvar ();
  test_clock_cost ();
#ifdef HAVE_LINUX_IO_URING_H
  test_uring ();
#else
  struct kshare k;
  struct call_record r;
  kshare_init (&k);
  tap_ok (kshare_run (&k, SHM_URING_SETUP, NULL, &r) == -1 && r.refused,
          "built without <linux/io_uring.h>: uring-setup is refused (%s)", r.explain);
  tap_skip ("built without <linux/io_uring.h>: no ring to test");
  kshare_reset (&k);
#endif
  return tap_done ();
}
