/* test-shm.c - the engine: every step a real call on /dev/zero.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "lesson.h"
#include "names.h"
#include "shm.h"
#include "tap.h"
#include "walkthrough.h"

/* The faults below that are made on purpose (a PROT_READ page written, a
   PROT_NONE page read) go through guard_run, which tells valgrind they are
   deliberate: under make check-valgrind they are no errors. */

/* The lesson's text and format, as the lesson file writes them. */
#define HELLO "Hello from user space"
#define FORMAT "Shared Memory: %s\\n"

/* A pointer to a one-off argument block. */
#define ARGS(...) (&(struct shm_args) { __VA_ARGS__ })

/* How many fds this process has open. */
static int
count_fds (void)
{
  DIR *d = opendir ("/proc/self/fd");
  struct dirent *e;
  int n = 0;
  if (!d)
    return -1;
  while ((e = readdir (d)))
    if (e->d_name[0] != '.')
      n++;
  closedir (d);
  return n;
}

/* What fd FD refers to, by /proc/self/fd. */
static const char *
fd_target (int fd)
{
  static char buf[256];
  char link[64];
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink (link, buf, sizeof buf - 1);
  buf[n < 0 ? 0 : n] = '\0';
  return buf;
}

static int
contains (const char *hay, const char *needle)
{
  return hay && strstr (hay, needle) != NULL;
}

static int
all_zero (const unsigned char *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (p[i])
      return 0;
  return 1;
}

/* The maps line of the mapping at ADDR, or "" when there is none. */
static const char *
maps_line (const void *addr)
{
  static char buf[512];
  if (inspect_maps_line (NULL, addr, buf, sizeof buf) != 1)
    buf[0] = '\0';
  return buf;
}

/* Open /dev/zero with FLAGS and map one page with PROT and MFLAGS. */
static int
open_map (struct shm *s, long oflags, long prot, long mflags, struct call_record *r)
{
  if (shm_run (s, SHM_OPEN, ARGS (.path = "/dev/zero", .oflags = oflags), r) != 0)
    return -1;
  return shm_run (s, SHM_MMAP, ARGS (.length = 4096, .prot = prot, .mflags = mflags), r);
}

/* The lesson's six steps, one record each. */
static void
test_lesson_steps (void)
{
  struct shm s;
  struct call_record r;
  char want[400];
  int fds0 = count_fds ();

  shm_init (&s);
  tap_ok (!s.view.ok && s.map == NULL && !s.fd_open, "init: nothing open or mapped");

  /* open */
  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = "/dev/zero", .oflags = O_RDWR), &r), 0,
           "open: succeeds");
  int fd = (int) r.ret;
  tap_int (r.action, SHM_OPEN, "open: the record names its action");
  tap_str (r.call, "open(\"/dev/zero\", O_RDWR)", "open: call text");
  snprintf (want, sizeof want, "= %d", fd);
  tap_str (r.result, want, "open: result is the fd");
  tap_ok (fd >= 0 && fd == s.fd && s.fd_open, "open: the engine holds fd %d", fd);
  tap_str (fd_target (fd), "/dev/zero", "open: fd %d really is /dev/zero", fd);
  tap_int (count_fds (), fds0 + 1, "open: one more fd is open");
  tap_ok (r.err == 0 && !r.refused && !r.fault && r.explain[0] == '\0',
          "open: no errno, refusal or fault");
  tap_ok (!s.view.ok, "open: no view before mmap");
  tap_int (r.kv.resident, -1, "open: no residency without a mapping");

  /* mmap */
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 4096, .prot = PROT_READ | PROT_WRITE,
                                        .mflags = MAP_SHARED), &r), 0, "mmap: succeeds");
  snprintf (want, sizeof want, "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, %d, 0)", fd);
  tap_str (r.call, want, "mmap: call text");
  tap_ok (strncmp (r.result, "= 0x", 4) == 0, "mmap: result starts '= 0x' (%s)", r.result);
  tap_ok (s.map != NULL && r.ret == (long long) (uintptr_t) s.map,
          "mmap: ret is the mapping's address");
  snprintf (want, sizeof want, "= %p", s.map);
  tap_str (r.result, want, "mmap: result is that address");
  size_t whole = (4096 + s.page - 1) / s.page * s.page;
  tap_ok (s.view.ok && s.view.len == whole, "mmap: the view holds the whole page (%zu bytes)",
          s.view.len);
  tap_ok (s.view.ok && all_zero (s.view.cur, s.view.len), "mmap: the view is all zeros");
  tap_ok (all_zero (s.map, whole), "mmap: the page itself is all zeros");
  int any = 0;
  for (size_t i = 0; i < s.view.len; i++)
    any |= pview_changed (&s.view, i);
  tap_ok (!any, "mmap: a fresh mapping marks no byte as changed");
  tap_int (r.kv.pages, 1, "mmap: the record counts 1 page");
  tap_int (r.kv.resident, 0, "mmap: mincore says 0 of 1 page resident right after mmap");
  tap_ok (r.minflt >= 0, "mmap: minor faults counted (%ld)", r.minflt);
  const char *ml = maps_line (s.map);
  tap_ok (contains (ml, " rw-s ") && contains (ml, "/dev/zero (deleted)"),
          "mmap: MAP_SHARED maps line: %s", ml);

  /* write */
  void *map = s.map;
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = HELLO), &r), 0, "write: succeeds");
  snprintf (want, sizeof want, "sprintf((char *)%p, \"" HELLO "\")", map);
  tap_str (r.call, want, "write: call text");
  tap_int (r.ret, 21, "write: returns 21, the NUL not counted");
  tap_str (r.result, "= 21", "write: result text");
  tap_ok (memcmp (s.view.cur, HELLO, sizeof HELLO) == 0, "write: the view holds \"" HELLO "\"");
  tap_ok (memcmp (map, HELLO, sizeof HELLO) == 0, "write: so does the page itself");
  int changed = 0;
  for (size_t i = 0; i <= 20; i++)
    changed += pview_changed (&s.view, i) != 0;
  tap_int (changed, 21, "write: bytes 0..20 are marked changed");
  tap_ok (!pview_changed (&s.view, 21), "write: byte 21 (a NUL over a zero) is not a change");
  any = 0;
  for (size_t i = 21; i < s.view.len; i++)
    any |= pview_changed (&s.view, i);
  tap_ok (!any, "write: nothing past byte 20 is marked");
  tap_ok (!pview_changed (&s.view, s.view.len + 5), "write: past the view is never changed");
  tap_int (r.kv.resident, 1, "write: the page is resident now");

  /* read */
  tap_int (shm_run (&s, SHM_READ, ARGS (.format = FORMAT), &r), 0, "read: succeeds");
  snprintf (want, sizeof want, "printf(\"Shared Memory: %%s\\n\", (char *)%p)", map);
  tap_str (r.call, want, "read: call text");
  tap_str (r.output, "Shared Memory: " HELLO, "read: printf's output");
  tap_int (r.ret, 37, "read: returns 37, the newline counted");
  tap_str (r.result, "= 37", "read: result text");
  any = 0;
  for (size_t i = 0; i < s.view.len; i++)
    any |= pview_changed (&s.view, i);
  tap_ok (!any, "read: reading changes no byte");

  /* munmap */
  tap_int (shm_run (&s, SHM_MUNMAP, ARGS (.length = 4096, .length_set = 1), &r), 0,
           "munmap: succeeds");
  snprintf (want, sizeof want, "munmap(%p, 4096)", map);
  tap_str (r.call, want, "munmap: call text");
  tap_str (r.result, "= 0", "munmap: result text");
  tap_int (s.view.ok, 0, "munmap: no view any more");
  tap_ok (s.map == NULL && s.view.why[0], "munmap: nothing mapped, and the view says why");
  tap_str (maps_line (map), "", "munmap: the maps line is gone");
  tap_int (r.kv.resident, -1, "munmap: no residency without a mapping");

  /* close */
  tap_int (shm_run (&s, SHM_CLOSE, ARGS (0), &r), 0, "close: succeeds");
  snprintf (want, sizeof want, "close(%d)", fd);
  tap_str (r.call, want, "close: call text");
  tap_str (r.result, "= 0", "close: result text");
  errno = 0;
  tap_ok (fcntl (fd, F_GETFD) == -1 && errno == EBADF, "close: fd %d is really closed", fd);
  tap_int (count_fds (), fds0, "close: back to the fds we started with");

  /* Map again without a reset: the view's old bytes belong to the old
     mapping and mark nothing. */
  open_map (&s, O_RDWR, PROT_READ | PROT_WRITE, MAP_SHARED, &r);
  any = 0;
  for (size_t i = 0; i < s.view.len; i++)
    any |= pview_changed (&s.view, i);
  tap_ok (s.view.ok && all_zero (s.view.cur, s.view.len) && !any,
          "a second mapping: all zeros, nothing marked as changed");
  shm_reset (&s);
}

/* Each errno case is a real call that fails. */
static void
test_errno (void)
{
  struct shm s;
  struct call_record r;
  char want[96];

  /* length 0 */
  shm_init (&s);
  shm_run (&s, SHM_OPEN, ARGS (.path = "/dev/zero", .oflags = O_RDWR), &r);
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 0, .prot = PROT_READ | PROT_WRITE,
                                        .mflags = MAP_SHARED), &r), -1, "length 0: fails");
  tap_int (r.err, EINVAL, "length 0: EINVAL");
  tap_int (r.ret, -1, "length 0: returns -1 (MAP_FAILED)");
  tap_str (r.result, "= -1 EINVAL (Invalid argument)", "length 0: result text");
  tap_ok (r.explain[0] != '\0' && contains (r.explain, "length"),
          "length 0: explained: %s", r.explain);
  tap_ok (!r.refused && s.map == NULL && !s.view.ok, "length 0: a real call, nothing mapped");

  /* offset not page-aligned */
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 4096, .prot = PROT_READ, .mflags = MAP_SHARED,
                                        .offset = 1), &r), -1, "offset 1: fails");
  tap_int (r.err, EINVAL, "offset 1: EINVAL");

  /* mmap after close */
  int fd = s.fd;
  shm_run (&s, SHM_CLOSE, ARGS (0), &r);
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 4096, .prot = PROT_READ | PROT_WRITE,
                                        .mflags = MAP_SHARED), &r), -1, "mmap after close: fails");
  snprintf (want, sizeof want, "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, %d, 0)", fd);
  tap_str (r.call, want, "mmap after close: the call uses the closed fd");
  tap_ok (!r.refused, "mmap after close: a real call");
  tap_int (r.err, EBADF, "mmap after close: EBADF");
  tap_str (r.result, "= -1 EBADF (Bad file descriptor)", "mmap after close: result text");
  tap_ok (r.explain[0] != '\0', "mmap after close: explained: %s", r.explain);

  /* The closed number handed out again: the engine must not map it. */
  int other = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  tap_int (other, fd, "the lowest free fd is the closed one again");
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 4096, .prot = PROT_READ,
                                        .mflags = MAP_PRIVATE), &r), -1,
           "mmap of a reused fd number: refused");
  tap_ok (r.refused && s.map == NULL, "mmap of a reused fd number: nothing mapped");
  tap_str (fd_target (other), "/dev/null", "the other file's fd is left alone");
  close (other);
  shm_reset (&s);

  /* O_RDONLY + PROT_WRITE + MAP_SHARED */
  shm_init (&s);
  tap_int (open_map (&s, O_RDONLY, PROT_READ | PROT_WRITE, MAP_SHARED, &r), -1,
           "O_RDONLY, PROT_WRITE, MAP_SHARED: fails");
  tap_int (r.err, EACCES, "O_RDONLY, PROT_WRITE, MAP_SHARED: EACCES");
  tap_str (r.result, "= -1 EACCES (Permission denied)", "EACCES: result text");
  tap_ok (r.explain[0] != '\0', "EACCES: explained: %s", r.explain);
  shm_reset (&s);

  /* O_RDONLY + PROT_WRITE + MAP_PRIVATE: copy-on-write needs no write access */
  shm_init (&s);
  tap_int (open_map (&s, O_RDONLY, PROT_READ | PROT_WRITE, MAP_PRIVATE, &r), 0,
           "O_RDONLY, PROT_WRITE, MAP_PRIVATE: succeeds");
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = "cow"), &r), 0,
           "O_RDONLY, MAP_PRIVATE: the write works");
  tap_ok (s.view.ok && memcmp (s.view.cur, "cow", 4) == 0, "O_RDONLY, MAP_PRIVATE: the page holds it");
  shm_reset (&s);

  /* O_WRONLY + PROT_READ, shared and private */
  shm_init (&s);
  tap_int (open_map (&s, O_WRONLY, PROT_READ, MAP_SHARED, &r), -1,
           "O_WRONLY, PROT_READ, MAP_SHARED: fails");
  tap_int (r.err, EACCES, "O_WRONLY, PROT_READ, MAP_SHARED: EACCES");
  shm_reset (&s);
  shm_init (&s);
  tap_int (open_map (&s, O_WRONLY, PROT_READ, MAP_PRIVATE, &r), -1,
           "O_WRONLY, PROT_READ, MAP_PRIVATE: fails");
  tap_int (r.err, EACCES, "O_WRONLY, PROT_READ, MAP_PRIVATE: EACCES");
  shm_reset (&s);

  /* munmap with an explicit length 0 */
  shm_init (&s);
  open_map (&s, O_RDWR, PROT_READ | PROT_WRITE, MAP_SHARED, &r);
  void *map = s.map;
  tap_int (shm_run (&s, SHM_MUNMAP, ARGS (.length = 0, .length_set = 1), &r), -1,
           "munmap length 0: fails");
  tap_str (r.result, "= -1 EINVAL (Invalid argument)", "munmap length 0: EINVAL");
  tap_str (r.explain, errno_explain ("munmap", EINVAL), "munmap length 0: munmap's explanation");
  tap_ok (s.map == map && s.view.ok && maps_line (map)[0],
          "munmap length 0: the mapping is still there");
  shm_reset (&s);
}

/* Write into a PROT_READ page: SIGSEGV, caught. */
static void
test_fault (void)
{
  struct shm s;
  struct call_record r;
  struct sigaction before, now;
  int rc;

  /* Whatever handled SIGSEGV before (the default, or a sanitizer's) must
     be back afterwards. */
  sigaction (SIGSEGV, NULL, &before);
  shm_init (&s);
  tap_int (open_map (&s, O_RDWR, PROT_READ, MAP_SHARED, &r), 0, "fault: PROT_READ mapping made");
  for (int round = 1; round <= 2; round++)
    {
      rc = shm_run (&s, SHM_WRITE, ARGS (.text = HELLO), &r);
      tap_int (rc, -1, "fault %d: the write fails", round);
      tap_int (r.fault, SIGSEGV, "fault %d: SIGSEGV caught", round);
      tap_ok (!r.refused && r.err == 0, "fault %d: not a refusal or an errno", round);
      tap_str (r.result, "SIGSEGV (SEGV_ACCERR), caught by shmtutor", "fault %d: result text",
               round);
      tap_ok (contains (r.explain, "SEGV_ACCERR"), "fault %d: explained: %s", round, r.explain);
      tap_ok (all_zero (s.map, 4096) && s.view.ok && all_zero (s.view.cur, 4096),
              "fault %d: the page is unchanged", round);
    }
  sigaction (SIGSEGV, NULL, &now);
  tap_ok (now.sa_handler == before.sa_handler && now.sa_flags == before.sa_flags,
          "fault: SIGSEGV's handler from before is back");
  tap_int (shm_run (&s, SHM_READ, ARGS (.format = FORMAT), &r), 0, "fault: a later read works");
  tap_str (r.output, "Shared Memory: ", "fault: it reads the empty string");
  tap_int (r.ret, 16, "fault: and printf returns 16");
  tap_int (shm_run (&s, SHM_MUNMAP, ARGS (0), &r), 0, "fault: munmap works");
  tap_int (shm_run (&s, SHM_CLOSE, ARGS (0), &r), 0, "fault: close works");
  shm_reset (&s);

  /* A PROT_NONE mapping: mmap works; its page is not present, so the view
     does not try to read it. */
  shm_init (&s);
  rc = open_map (&s, O_RDWR, PROT_NONE, MAP_SHARED, &r);
  tap_int (rc, 0, "PROT_NONE: mmap succeeds");
  tap_ok (s.view.ok && s.view.state[0] == PV_ABSENT && r.kv.resident == 0,
          "PROT_NONE: the page is not present, and the view says so");
  rc = shm_run (&s, SHM_READ, ARGS (.format = FORMAT), &r);
  tap_int (rc, -1, "PROT_NONE: read fails");
  tap_int (r.fault, SIGSEGV, "PROT_NONE: read faults with SIGSEGV, caught");
  tap_ok (contains (r.explain, "SEGV_ACCERR") && contains (r.explain, "would be killed"),
          "PROT_NONE: the real si_code, and that a program of its own would die: %s",
          r.explain);
  shm_reset (&s);
}

/* guard_run on its own. */
struct poke { volatile unsigned char *p; int write; int value; };

static void
do_poke (void *arg)
{
  struct poke *k = arg;
  if (k->write)
    *k->p = 1;
  else
    k->value = *k->p;
}

static int custom_handler_ran;
static void
custom_handler (int sig)
{
  (void) sig;
  custom_handler_ran = 1;
}

static void
test_guard (void)
{
  struct guard_fault f;
  char d[128];
  long pg = sysconf (_SC_PAGESIZE);
  unsigned char *p = mmap (NULL, (size_t) pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (p == MAP_FAILED)
    {
      tap_ok (0, "guard: anonymous PROT_NONE mapping");
      return;
    }
  struct sigaction sa = { .sa_handler = custom_handler }, now;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGSEGV, &sa, NULL);

  struct poke k = { .p = p + 10 };
  memset (&f, 0, sizeof f);
  int rc;
  rc = guard_run (do_poke, &k, &f);
  tap_int (rc, SIGSEGV, "guard: reading PROT_NONE gives SIGSEGV");
  tap_ok (f.sig == SIGSEGV && f.code == SEGV_ACCERR && f.addr == p + 10,
          "guard: signal, SEGV_ACCERR and the address are reported");
  guard_describe (&f, "at", f.addr, NULL, d, sizeof d);
  tap_ok (strncmp (d, "SIGSEGV at 0x", 13) == 0 && contains (d, "SEGV_ACCERR"),
          "guard: described: %s", d);
  sigaction (SIGSEGV, NULL, &now);
  tap_ok (now.sa_handler == custom_handler && !custom_handler_ran,
          "guard: the previous SIGSEGV handler is put back, never called");

  mprotect (p, (size_t) pg, PROT_READ | PROT_WRITE);
  k.write = 1;
  tap_int (guard_run (do_poke, &k, &f), 0, "guard: no fault gives 0");
  tap_int (p[10], 1, "guard: and the work was done");
  munmap (p, (size_t) pg);
  signal (SIGSEGV, SIG_DFL);

  /* SIGBUS: a shared mapping past the end of an empty file. */
  int mfd = memfd_create ("shmtutor-test", MFD_CLOEXEC);
  unsigned char *q = mfd < 0 ? MAP_FAILED
                     : mmap (NULL, (size_t) pg, PROT_READ, MAP_SHARED, mfd, 0);
  if (q == MAP_FAILED)
    tap_diag ("no memfd mapping: %s; SIGBUS not tried", strerror (errno));
  else
    {
      struct poke b = { .p = q };
      rc = guard_run (do_poke, &b, &f);
      tap_int (rc, SIGBUS, "guard: past the file's end gives SIGBUS");
      guard_describe (&f, "at", f.addr, NULL, d, sizeof d);
      tap_ok (strncmp (d, "SIGBUS at ", 10) == 0, "guard: described: %s", d);
      munmap (q, (size_t) pg);
    }
  if (mfd >= 0)
    close (mfd);
}

/* What the engine will not do. */
static void
test_refusals (void)
{
  struct shm s;
  struct call_record r;
  char path[64];
  int fds0 = count_fds ();

  shm_init (&s);
  snprintf (path, sizeof path, "/tmp/shmtutor-test-%ld", (long) getpid ());
  unlink (path);
  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = path, .oflags = O_RDWR | O_CREAT), &r), -1,
           "open of %s: fails", path);
  tap_ok (r.refused && r.err == 0, "open of another path: refused, not an errno");
  tap_str (r.result, "(not run)", "refused: result text");
  tap_ok (contains (r.explain, "/dev/zero"), "refused: explained: %s", r.explain);
  tap_ok (contains (r.call, path), "refused: the call text shows the path");
  errno = 0;
  tap_ok (access (path, F_OK) != 0 && errno == ENOENT, "refused: the file was never created");
  tap_ok (!s.fd_open && count_fds () == fds0, "refused: no fd was opened");
  unlink (path);

  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = "/etc/passwd", .oflags = O_RDONLY), &r), -1,
           "open of /etc/passwd: fails");
  tap_ok (r.refused && !s.fd_open && count_fds () == fds0, "open of /etc/passwd: refused, no fd");
  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = NULL, .oflags = O_RDONLY), &r), -1,
           "open without a path: refused");
  tap_ok (r.refused, "open without a path: refused, not run");
  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = "/dev/zero", .oflags = O_RDWR | O_TRUNC), &r),
           -1, "open with O_TRUNC: refused");
  tap_ok (r.refused && !s.fd_open, "open with O_TRUNC: nothing opened");

  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = HELLO), &r), -1,
           "write with nothing mapped: fails");
  tap_ok (r.refused && r.fault == 0 && r.explain[0], "write with nothing mapped: refused: %s",
          r.explain);
  tap_int (shm_run (&s, SHM_READ, ARGS (.format = FORMAT), &r), -1,
           "read with nothing mapped: fails");
  tap_ok (r.refused, "read with nothing mapped: refused");
  tap_int (shm_run (&s, SHM_MUNMAP, ARGS (0), &r), -1, "munmap with nothing mapped: fails");
  tap_ok (r.refused, "munmap with nothing mapped: refused");
  tap_int (shm_run (&s, SHM_CLOSE, ARGS (0), &r), -1, "close with no fd: fails");
  tap_ok (r.refused, "close with no fd: refused");
  tap_int (shm_run (&s, (enum shm_action) SHM_NACTIONS, ARGS (0), &r), -1,
           "an unknown action: fails");
  tap_ok (r.refused, "an unknown action: refused");

  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = "/dev/null", .oflags = O_RDWR), &r), 0,
           "open of /dev/null: allowed");
  tap_int (shm_run (&s, SHM_OPEN, ARGS (.path = "/dev/zero", .oflags = O_RDWR), &r), -1,
           "a second open: fails");
  tap_ok (r.refused && count_fds () == fds0 + 1, "a second open: refused, one fd still");
  shm_reset (&s);

  shm_init (&s);
  shm_run (&s, SHM_OPEN, ARGS (.path = "/dev/zero", .oflags = O_RDWR), &r);
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = (SHM_MAX_PAGES + 1) * s.page,
                                        .prot = PROT_READ, .mflags = MAP_SHARED), &r), -1,
           "mmap of 65 pages: fails");
  tap_ok (r.refused && s.map == NULL, "mmap of 65 pages: refused, nothing mapped");
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 4096, .prot = PROT_READ | PROT_WRITE,
                                        .mflags = MAP_SHARED), &r), 0, "mmap of 1 page: works");
  void *map = s.map;
  tap_int (shm_run (&s, SHM_MMAP, ARGS (.length = 4096, .prot = PROT_READ,
                                        .mflags = MAP_SHARED), &r), -1, "a second mmap: fails");
  tap_ok (r.refused && s.map == map, "a second mmap: refused, the first stays");
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = "x", .offset = (long long) s.view.len), &r),
           -1, "write at the end of the mapping: fails");
  tap_ok (r.refused, "write at the end of the mapping: refused");
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = "x", .offset = -1), &r), -1,
           "write at offset -1: fails");
  tap_ok (r.refused, "write at offset -1: refused");
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = HELLO, .offset = (long long) s.view.len - 21),
                    &r), -1, "write that leaves no room for the NUL: fails");
  tap_ok (r.refused && all_zero (s.map, s.view.len),
          "write that leaves no room for the NUL: refused, the page untouched");
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = HELLO, .offset = (long long) s.view.len - 22),
                    &r), 0, "write that just fits: works");
  tap_ok (memcmp ((char *) s.map + s.view.len - 22, HELLO, 22) == 0,
          "write that just fits: the text ends the page");
  tap_int (shm_run (&s, SHM_READ, ARGS (.format = "%s and %s"), &r), -1,
           "read with two %%s: fails");
  tap_ok (r.refused, "read with two %%s: refused");
  tap_int (shm_run (&s, SHM_MUNMAP, ARGS (.length = 2 * s.page, .length_set = 1), &r), -1,
           "munmap of 2 pages of a 1-page mapping: fails");
  tap_ok (r.refused && s.map == map, "munmap of part or more: refused, the mapping stays");
  shm_reset (&s);
  tap_int (count_fds (), fds0, "refusals: no fd left behind");
}

/* How the write step shows its call. */
static void
test_write_call (void)
{
  struct shm s;
  struct call_record r;
  char want[320];

  shm_init (&s);
  open_map (&s, O_RDWR, PROT_READ | PROT_WRITE, MAP_SHARED, &r);
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = "100% sure"), &r), 0, "write '100%% sure'");
  snprintf (want, sizeof want, "sprintf((char *)%p, \"%%s\", \"100%% sure\")", s.map);
  tap_str (r.call, want, "a text with '%%' is shown passed through \"%%s\"");
  tap_ok (r.ret == 9 && memcmp (s.map, "100% sure", 10) == 0,
          "the text is stored as it is, never used as a format");
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = "say \"hi\"\n", .offset = 64), &r), 0,
           "write at offset 64");
  snprintf (want, sizeof want, "sprintf((char *)%p + 64, \"say \\\"hi\\\"\\n\")", s.map);
  tap_str (r.call, want, "the offset and the C escapes are shown");
  tap_ok (memcmp ((char *) s.map + 64, "say \"hi\"\n", 10) == 0, "stored at offset 64");
  int changed = 0;
  for (size_t i = 0; i < s.view.len; i++)
    changed += pview_changed (&s.view, i) != 0;
  tap_int (changed, 9, "only the 9 new bytes are marked (not the NUL after them)");
  tap_int (shm_run (&s, SHM_READ, ARGS (.format = "[%s]", .offset = 64), &r), 0,
           "read at offset 64");
  snprintf (want, sizeof want, "printf(\"[%%s]\", (char *)%p + 64)", s.map);
  tap_str (r.call, want, "the read's offset is shown");
  tap_ok (strcmp (r.output, "[say \"hi\"\n]") == 0 && r.ret == 11,
          "read at offset 64 prints what is there, a newline inside kept");

  /* Was a bug, fixed: printf's count was of the 199 bytes the screen keeps,
     not of the string (a text of 303 bytes gave 215). */
  char longtext[304];
  memset (longtext, 'a', 303);
  longtext[303] = '\0';
  tap_int (shm_run (&s, SHM_WRITE, ARGS (.text = longtext), &r), 0, "write 303 bytes");
  tap_int (shm_run (&s, SHM_READ, ARGS (.format = "Shared Memory: %s\\n"), &r), 0,
           "read the 303 bytes back");
  tap_int (r.ret, 15 + 303 + 1, "printf counts every byte of the string: 15 + 303 + 1");
  tap_ok (strstr (r.output, "...(303 bytes in all)") != NULL,
          "the output shown says it is cut, and how long the string is: %s", r.output);
  shm_reset (&s);
}

/* MAP_PRIVATE and MAP_SHARED, seen in /proc/self/maps and across fork(). */
static void
test_private_shared (void)
{
  static const struct { long flags; const char *perm, *name; int shared; } cases[] = {
    { MAP_SHARED, " rw-s ", "MAP_SHARED", 1 },
    { MAP_PRIVATE, " rw-p ", "MAP_PRIVATE", 0 },
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
    {
      struct shm s;
      struct call_record r;
      const char *name = cases[c].name;

      shm_init (&s);
      tap_int (open_map (&s, O_RDWR, PROT_READ | PROT_WRITE, cases[c].flags, &r), 0,
               "%s: mapped", name);
      const char *ml = maps_line (s.map);
      tap_ok (contains (ml, cases[c].perm) && contains (ml, "/dev/zero"),
              "%s: maps line has '%s' and /dev/zero: %s", name, cases[c].perm, ml);
      tap_int (contains (ml, "/dev/zero (deleted)"), cases[c].shared,
               "%s: '(deleted)' %s", name, cases[c].shared ? "shown" : "not shown");

      /* The child says through a pipe that it wrote and saw its write
         (its exit status may be valgrind's). */
      int pfd[2];
      char said = 0;
      fflush (stdout);
      pid_t pid = pipe (pfd) == 0 ? fork () : -1;
      if (pid == 0)
        {
          strcpy (s.map, "from the child");
          if (strcmp (s.map, "from the child") == 0 && write (pfd[1], "y", 1) != 1)
            _exit (2);
          _exit (0);
        }
      if (pid > 0)
        {
          close (pfd[1]);
          if (read (pfd[0], &said, 1) != 1)
            said = 0;
          close (pfd[0]);
          waitpid (pid, NULL, 0);
        }
      tap_ok (pid > 0 && said == 'y', "%s: the child wrote into the page and saw its write", name);
      tap_int (shm_run (&s, SHM_READ, ARGS (.format = FORMAT), &r), 0, "%s: parent reads", name);
      tap_str (r.output, cases[c].shared ? "Shared Memory: from the child" : "Shared Memory: ",
               "%s: the parent %s the child's write", name, cases[c].shared ? "sees" : "does not see");
      shm_reset (&s);
    }
}

/* The lesson, parsed here when the real file is not at hand. */
static const char fallback_lesson[] =
  "title: Example of Shared Memory\n"
  "step: open\naction: open\npath: /dev/zero\nflags: O_RDWR\n"
  "step: mmap\naction: mmap\nlength: 4096\nprot: PROT_READ|PROT_WRITE\nflags: MAP_SHARED\n"
  "step: write\naction: write\ntext: " HELLO "\nprompt: yes\n"
  "step: read\naction: read\nformat: " FORMAT "\n"
  "step: munmap\naction: munmap\nlength: 4096\n"
  "step: close\naction: close\n";

static void
test_tour (void)
{
  struct lesson L;
  struct walkthrough t;
  const char *top = getenv ("abs_top_srcdir");
  char path[4096];
  int nerr;

  if (top)
    {
      snprintf (path, sizeof path, "%s/lessons/shared-memory.lesson", top);
      nerr = lesson_load (path, &L, NULL, NULL);
    }
  else
    {
      tap_diag ("abs_top_srcdir unset: the tour uses a built-in copy of the lesson");
      nerr = lesson_parse (fallback_lesson, sizeof fallback_lesson - 1, "built-in", &L, NULL,
                           NULL);
    }
  if (!tap_ok (nerr == 0 && L.nsteps == 6, "tour: the lesson loads with 6 steps"))
    {
      lesson_free (&L);
      return;
    }
  int fds0 = count_fds ();
  walkthrough_init (&t, &L);
  tap_ok (walkthrough_upcoming (&t) == &L.steps[0] && t.done == 0, "tour: the first step is upcoming");
  tap_int (walkthrough_goto (&t, 0), -1, "tour: step 0 is out of range");
  tap_int (walkthrough_goto (&t, 7), -1, "tour: step 7 is out of range");
  tap_int (t.done, 0, "tour: out-of-range gotos made no step");

  tap_int (walkthrough_goto (&t, 5), 0, "tour: goto 5");
  tap_int (t.done, 5, "tour: 5 steps made");
  tap_str (t.rec[2].result, "= 21", "tour: the write step stored 21 bytes");
  tap_str (t.rec[3].output, "Shared Memory: " HELLO, "tour: the read step printed the text");
  tap_str (t.rec[4].result, "= 0", "tour: munmap done");
  tap_ok (!t.shm.view.ok && t.shm.map == NULL, "tour: after munmap, no view");
  tap_int (count_fds (), fds0 + 1, "tour: the fd is still open before the close step");
  tap_ok (walkthrough_upcoming (&t) == &L.steps[5], "tour: close is upcoming");

  /* Going back: the records are made again, on a fresh mapping. */
  for (int i = 0; i < 5; i++)
    {
      strcpy (t.rec[i].result, "stale");
      t.rec[i].ret = -12345;
    }
  tap_int (walkthrough_goto (&t, 3), 0, "tour: goto 3 (back)");
  tap_int (t.done, 3, "tour: 3 steps made");
  tap_ok (strncmp (t.rec[1].result, "= 0x", 4) == 0 && t.rec[1].kv.resident == 0,
          "tour: mmap was made again, its page not resident yet");
  tap_ok (t.rec[2].ret == 21 && strcmp (t.rec[0].result, "stale") != 0,
          "tour: open and write were made again");
  tap_ok (strcmp (t.rec[4].result, "stale") == 0, "tour: munmap was not");
  tap_ok (t.shm.view.ok && memcmp (t.shm.view.cur, HELLO, sizeof HELLO) == 0,
          "tour: the view shows the text again");
  tap_ok (t.shm.map && memcmp (t.shm.map, HELLO, sizeof HELLO) == 0,
          "tour: so does the mapping");
  tap_ok (pview_changed (&t.shm.view, 0) && !pview_changed (&t.shm.view, 21),
          "tour: the replayed write marks its bytes as changed");
  tap_int (count_fds (), fds0 + 1, "tour: the old fd was closed, one is open");

  /* A fresh mapping: what was poked into the old one is gone. */
  ((char *) t.shm.map)[100] = 'Z';
  walkthrough_goto (&t, 2);
  walkthrough_goto (&t, 3);
  tap_ok (t.shm.map && ((char *) t.shm.map)[100] == 0 && t.shm.view.cur[100] == 0,
          "tour: going back gives a fresh mapping (a poked byte is gone)");

  /* The learner's text. */
  tap_str (walkthrough_text (&t, 2), HELLO, "tour: the write step uses the lesson's text");
  tap_int (walkthrough_set_text (&t, 2, "Changed text"), 0, "tour: set the text");
  tap_str (walkthrough_text (&t, 2), "Changed text", "tour: the write step uses the new text");
  tap_int (walkthrough_set_text (&t, 6, "x"), -1, "tour: no step 6 to set a text for");
  tap_ok (walkthrough_text (&t, 6) == NULL, "tour: no step 6 to get a text from");
  walkthrough_goto (&t, 1);
  tap_int (walkthrough_goto (&t, 4), 0, "tour: goto 4 with the new text");
  tap_int (t.rec[2].ret, 12, "tour: the write stored 12 bytes");
  tap_ok (contains (t.rec[2].call, "\"Changed text\""), "tour: the call shows it: %s",
          t.rec[2].call);
  tap_ok (memcmp (t.shm.view.cur, "Changed text", 13) == 0 && t.shm.view.cur[13] == 0,
          "tour: the view holds the new text");
  tap_str (t.rec[3].output, "Shared Memory: Changed text", "tour: and the read prints it");
  tap_int (walkthrough_set_text (&t, 2, NULL), 0, "tour: back to the lesson's text");
  tap_str (walkthrough_text (&t, 2), HELLO, "tour: the lesson's text again");

  tap_int (walkthrough_goto (&t, 6), 0, "tour: goto 6");
  tap_str (t.rec[5].result, "= 0", "tour: close done");
  tap_ok (walkthrough_upcoming (&t) == NULL, "tour: nothing upcoming at the end");
  tap_int (count_fds (), fds0, "tour: the close step closed the fd");
  walkthrough_goto (&t, 3);
  walkthrough_free (&t);
  tap_int (count_fds (), fds0, "tour: walkthrough_free leaves no fd open");
  lesson_free (&L);
}

static void
test_reset (void)
{
  struct shm s;
  struct call_record r;
  int fds0 = count_fds ();

  shm_init (&s);
  open_map (&s, O_RDWR, PROT_READ | PROT_WRITE, MAP_SHARED, &r);
  shm_run (&s, SHM_WRITE, ARGS (.text = HELLO), &r);
  int fd = s.fd;
  void *map = s.map;
  tap_int (count_fds (), fds0 + 1, "reset: one fd open before");
  shm_reset (&s);
  tap_int (count_fds (), fds0, "reset: no fd open after");
  errno = 0;
  tap_ok (fcntl (fd, F_GETFD) == -1 && errno == EBADF, "reset: fd %d is closed", fd);
  tap_str (maps_line (map), "", "reset: the mapping is gone from /proc/self/maps");
  tap_ok (s.map == NULL && s.fd == -1 && !s.fd_open && !s.view.ok && s.view.cur == NULL,
          "reset: the state is as after init");
  shm_reset (&s);
  tap_int (count_fds (), fds0, "reset: twice is harmless");
}

static void
test_names (void)
{
  for (int a = 0; a < SHM_NACTIONS; a++)
    tap_int (shm_action_parse (shm_action_name ((enum shm_action) a)), a,
             "action %d is named '%s' and back", a, shm_action_name ((enum shm_action) a));
  tap_str (shm_action_name (SHM_WRITE), "write", "the write action is 'write'");
  tap_int (shm_action_parse ("sprintf"), -1, "'sprintf' is not an action name");
  tap_str (shm_action_name ((enum shm_action) 99), "?", "an unknown action is '?'");
}

/* inspect on a maps file of our own, and its limits. */
static void
test_inspect (void)
{
  char path[] = "/tmp/shmtutor-maps-XXXXXX";
  char buf[256], longpath[700];
  int fd = mkstemp (path);
  FILE *f = fd < 0 ? NULL : fdopen (fd, "w");

  if (!f)
    {
      tap_ok (0, "inspect: a temporary maps file");
      return;
    }
  /* A line longer than inspect's 512-byte buffer whose second piece (from
     byte 511, where fgets cuts it) starts like a line. */
  static const char prefix[] = "00500000-00501000 rw-p 00000000 00:00 0 /";
  memset (longpath, 'a', sizeof longpath);
  memcpy (longpath + 511 - (sizeof prefix - 1), "00600000-00601000 rw-p", 22);
  longpath[sizeof longpath - 1] = '\0';
  fprintf (f, "00400000-00401000 r-xp 00000000 08:01 123        /usr/bin/x\n");
  fprintf (f, "%s%s\n", prefix, longpath);
  fprintf (f, "00700000-00701000 rw-s 00000000 00:01 1025\t\t   /dev/zero (deleted)\n");
  fclose (f);
  tap_int (inspect_maps_line (path, (void *) 0x400000, buf, sizeof buf), 1, "inspect: found");
  tap_str (buf, "00400000-00401000 r-xp 00000000 08:01 123 /usr/bin/x",
           "inspect: blanks squeezed, no newline");
  tap_int (inspect_maps_line (path, (void *) 0x600000, buf, sizeof buf), 0,
           "inspect: the middle of a long line is not a line");
  tap_int (inspect_maps_line (path, (void *) 0x700000, buf, sizeof buf), 1,
           "inspect: the line after a long one is found");
  tap_str (buf, "00700000-00701000 rw-s 00000000 00:01 1025 /dev/zero (deleted)",
           "inspect: tabs squeezed too");
  tap_int (inspect_maps_line (path, (void *) 0x401000, buf, sizeof buf), 0,
           "inspect: an end address is not a start");
  unlink (path);
  tap_int (inspect_maps_line (path, (void *) 0x400000, buf, sizeof buf), -1,
           "inspect: a missing file gives -1");

  tap_ok (inspect_minflt () >= 0, "inspect: minor faults are counted");
}

/* In a process of its own, where no signal was caught before: a store
   that the page's protection refuses is a caught SIGSEGV and counts no
   minor fault (the kernel counts none for a denied access), so the step
   must show +0, not the faults of catching the first signal. */
static void
test_fault_counts_nothing (void)
{
  const char *vg = getenv ("SHMTUTOR_UNDER_VALGRIND");
  int asan = 0;
#ifdef __SANITIZE_ADDRESS__
  asan = 1;
#endif
  if ((vg && *vg) || asan)
    {
      printf ("ok %d - a refused store counts no fault # SKIP %s\n", ++tap_n, asan
              ? "built with AddressSanitizer: its shadow memory's faults count too"
              : "under valgrind, whose own faults count");
      return;
    }
  fflush (stdout);
  pid_t pid = fork ();
  if (pid == 0)
    {
      struct shm s;
      struct call_record r;
      shm_init (&s);
      int ok = open_map (&s, O_RDWR, PROT_READ, MAP_SHARED, &r) == 0
        && shm_run (&s, SHM_WRITE, ARGS (.text = HELLO), &r) == -1 && r.fault == SIGSEGV;
      _exit (!ok ? 2 : r.minflt == 0 ? 0 : 1);
    }
  int st = 0;
  waitpid (pid, &st, 0);
  tap_ok (WIFEXITED (st) && WEXITSTATUS (st) == 0, "a refused store, the first signal "
          "caught in its process, counts no minor fault (child exit %d)",
          WIFEXITED (st) ? WEXITSTATUS (st) : -1);
}

int
main (void)
{
  test_fault_counts_nothing ();
  test_lesson_steps ();
  test_errno ();
  test_fault ();
  test_guard ();
  test_refusals ();
  test_write_call ();
  test_private_shared ();
  test_tour ();
  test_reset ();
  test_names ();
  test_inspect ();
  return tap_done ();
}
