/* test-facts.c - the facts the lessons state, shown against the kernel.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   No code of ours is under test here: every check is a system call or a
   store, and the answer is read back from the kernel itself, through
   /proc/self/smaps, /proc/self/maps, /proc/self/pagemap, /proc/kpageflags,
   /proc/meminfo, mincore(2) and getrusage(2), and for the lessons of a
   second process and of the kernel's shared pages through what a child
   maps, /proc/PID/status and maps, prctl(2), the auxiliary vector, and an
   io_uring's rings as the kernel fills them.  The small /proc parser is
   this file's own, so that a bug in src/core/inspect.c cannot hide a wrong
   fact in a lesson.  Figures are in kB of pages of sysconf(_SC_PAGESIZE)
   bytes; nothing assumes 4096.  */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined __has_include
# if __has_include (<linux/io_uring.h>)
#  include <linux/io_uring.h>
#  define HAVE_IO_URING_H 1
# endif
#endif

#include "tap.h"

/* Under valgrind the figures are valgrind's as much as the kernel's: its
   own allocations and translations fault pages in around ours.  They are
   skipped there, said so; the rest still runs, and the one store made on
   purpose into unmapped memory is told to memcheck as deliberate. */
#ifdef HAVE_VALGRIND_VALGRIND_H
# include <valgrind/valgrind.h>
#endif
#ifndef RUNNING_ON_VALGRIND
# define RUNNING_ON_VALGRIND 0
#endif
#ifndef VALGRIND_DISABLE_ERROR_REPORTING
# define VALGRIND_DISABLE_ERROR_REPORTING ((void) 0)
# define VALGRIND_ENABLE_ERROR_REPORTING ((void) 0)
#endif

/* AddressSanitizer checks shadow memory on every store, and a check of an
   untouched shadow page would be a fault of its own.  The stores whose
   faults are counted, and the store into the unmapped hole, are kept out
   of its instrumentation, so the figures hold in the sanitizer build too. */
#if defined __GNUC__ || defined __clang__
# define NO_ASAN __attribute__ ((noinline, no_sanitize_address))
#else
# define NO_ASAN
#endif

static long page;               /* bytes in a page */
static long kb1;                /* kB in a page */
static const char *skip_figures;        /* why smaps figures are skipped */
static const char *skip_faults; /* why fault counts are skipped */

/* ---- reporting ----------------------------------------------------------- */

/* One figure checked: GOT against WANT, both in the description; skipped
   with WHY when WHY is not NULL. */
static void figure (long got, long want, const char *why, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
static void
figure (long got, long want, const char *why, const char *fmt, ...)
{
  char desc[256];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (desc, sizeof desc, fmt, ap);
  va_end (ap);
  if (why)
    tap_ok (1, "%s: %ld (want %ld) # SKIP %s", desc, got, want, why);
  else
    tap_ok (got == want, "%s: %ld (want %ld)", desc, got, want);
}

/* ---- /proc/self/smaps ------------------------------------------------------ */

struct smaps
{
  int found;
  long rss, pss, shared_clean, shared_dirty, private_clean, private_dirty,
    anonymous;
};

/* Is LINE a mapping's header ("start-end perms ...")?  Field lines begin
   with a capital letter, headers with a lower-case hex digit. */
static int
is_header (const char *line)
{
  return (line[0] >= '0' && line[0] <= '9') || (line[0] >= 'a' && line[0] <= 'f');
}

/* The record of PATH (an smaps file) whose range starts at ADDR. */
static struct smaps
smaps_of (const char *path, const void *addr)
{
  struct smaps s = { 0, -1, -1, -1, -1, -1, -1, -1 };
  FILE *f = fopen (path, "r");
  char *line = NULL;
  size_t cap = 0;
  int in = 0;
  if (!f)
    return s;
  while (getline (&line, &cap, f) > 0)
    {
      if (is_header (line))
        {
          unsigned long start;
          if (in)
            break;
          if (sscanf (line, "%lx-", &start) == 1 && start == (uintptr_t) addr)
            in = s.found = 1;
          continue;
        }
      if (!in)
        continue;
      static const struct { const char *name; size_t off; } fields[] = {
        { "Rss:", offsetof (struct smaps, rss) },
        { "Pss:", offsetof (struct smaps, pss) },
        { "Shared_Clean:", offsetof (struct smaps, shared_clean) },
        { "Shared_Dirty:", offsetof (struct smaps, shared_dirty) },
        { "Private_Clean:", offsetof (struct smaps, private_clean) },
        { "Private_Dirty:", offsetof (struct smaps, private_dirty) },
        { "Anonymous:", offsetof (struct smaps, anonymous) },
      };
      for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        {
          size_t n = strlen (fields[i].name);
          if (strncmp (line, fields[i].name, n) == 0)
            *(long *) ((char *) &s + fields[i].off) = strtol (line + n, NULL, 10);
        }
    }
  free (line);
  fclose (f);
  return s;
}

static struct smaps
smaps_self (const void *addr)
{
  return smaps_of ("/proc/self/smaps", addr);
}

/* ---- /proc/self/maps -------------------------------------------------------- */

struct maps_line
{
  int found;
  char text[512];               /* the whole line, no newline */
  char perms[8];
  unsigned long offset, ino;
  unsigned major, minor;
  int path_at;                  /* where the path starts in text */
};

/* The line of /proc/self/maps whose range starts at ADDR. */
static struct maps_line
maps_of (const void *addr)
{
  struct maps_line m;
  FILE *f = fopen ("/proc/self/maps", "r");
  char *line = NULL;
  size_t cap = 0;
  memset (&m, 0, sizeof m);
  if (!f)
    return m;
  while (getline (&line, &cap, f) > 0)
    {
      unsigned long start, end;
      int n = 0;
      if (sscanf (line, "%lx-%lx", &start, &end) != 2 || start != (uintptr_t) addr)
        continue;
      line[strcspn (line, "\n")] = '\0';
      snprintf (m.text, sizeof m.text, "%s", line);
      if (sscanf (m.text, "%*x-%*x %7s %lx %x:%x %lu %n", m.perms, &m.offset,
                  &m.major, &m.minor, &m.ino, &n) >= 5)
        {
          m.found = 1;
          m.path_at = n;
        }
      break;
    }
  free (line);
  fclose (f);
  return m;
}

/* ---- pagemap and kpageflags ---------------------------------------------- */

#define PM_PRESENT (UINT64_C (1) << 63)
#define PM_PFN_MASK ((UINT64_C (1) << 55) - 1)
#define KPF_ANON 12
#define KPF_ZERO_PAGE 24

/* The pagemap entry of ADDR, 0 when it cannot be read. */
static uint64_t
pagemap_of (const void *addr)
{
  uint64_t e = 0;
  int fd = open ("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  if (pread (fd, &e, sizeof e, (off_t) ((uintptr_t) addr / (uintptr_t) page) * 8)
      != (ssize_t) sizeof e)
    e = 0;
  close (fd);
  return e;
}

/* The kpageflags of PFN into *FLAGS; 0 on success, -1 when not readable. */
static int
kpageflags_of (uint64_t pfn, uint64_t *flags)
{
  int fd = open ("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
  int rc = -1;
  if (fd < 0)
    return -1;
  if (pread (fd, flags, sizeof *flags, (off_t) (pfn * 8)) == (ssize_t) sizeof *flags)
    rc = 0;
  close (fd);
  return rc;
}

/* mincore(2)'s word on the page at ADDR: 1 resident, 0 not, -1 error. */
static int
resident (void *addr)
{
  unsigned char v = 0;
  if (mincore (addr, (size_t) page, &v) != 0)
    return -1;
  return v & 1;
}

/* ---- /proc/meminfo -------------------------------------------------------- */

/* A field of /proc/meminfo in kB, -1 when absent. */
static long
meminfo (const char *name)
{
  FILE *f = fopen ("/proc/meminfo", "r");
  char line[256];
  size_t n = strlen (name);
  long v = -1;
  if (!f)
    return -1;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, name, n) == 0 && line[n] == ':')
      {
        v = strtol (line + n + 1, NULL, 10);
        break;
      }
  fclose (f);
  return v;
}

/* ---- the measured stores ---------------------------------------------------- */

/* The minor faults taken by one store of V at P: getrusage right before
   and right after, both already warmed up so that their own stack and
   code are in place. */
static NO_ASAN long
faults_for_store (volatile char *p, char v)
{
  struct rusage a, b;
  getrusage (RUSAGE_SELF, &a);
  getrusage (RUSAGE_SELF, &b);
  getrusage (RUSAGE_SELF, &a);
  *p = v;
  getrusage (RUSAGE_SELF, &b);
  return b.ru_minflt - a.ru_minflt;
}

static sigjmp_buf segv_jb;
static volatile sig_atomic_t segv_sig, segv_code;
static void *volatile segv_addr;

static void
segv_handler (int sig, siginfo_t *si, void *uc)
{
  (void) uc;
  segv_sig = sig;
  segv_code = si->si_code;
  segv_addr = si->si_addr;
  siglongjmp (segv_jb, 1);
}

static NO_ASAN void
store_byte (volatile char *p)
{
  *p = 'X';
}

/* Store a byte at P with SIGSEGV and SIGBUS caught: the signal, 0 when
   the store went through. */
static int
store_caught (volatile char *p)
{
  struct sigaction sa, old_segv, old_bus;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = segv_handler;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGSEGV, &sa, &old_segv);
  sigaction (SIGBUS, &sa, &old_bus);
  segv_sig = segv_code = 0;
  segv_addr = NULL;
  VALGRIND_DISABLE_ERROR_REPORTING;
  if (sigsetjmp (segv_jb, 1) == 0)
    store_byte (p);
  VALGRIND_ENABLE_ERROR_REPORTING;
  sigaction (SIGSEGV, &old_segv, NULL);
  sigaction (SIGBUS, &old_bus, NULL);
  return segv_sig;
}

/* ---- the mappings ------------------------------------------------------------ */

static int
open_zero (void)
{
  int fd = open ("/dev/zero", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    {
      printf ("Bail out! open /dev/zero: %s\n", strerror (errno));
      exit (99);
    }
  return fd;
}

/* A one-page mapping of FD, or a bail-out. */
static char *
must_map (int fd, int flags)
{
  void *p = mmap (NULL, (size_t) page, PROT_READ | PROT_WRITE, flags, fd, 0);
  if (p == MAP_FAILED)
    {
      printf ("Bail out! mmap /dev/zero: %s\n", strerror (errno));
      exit (99);
    }
  return p;
}

/* ---- 1. MAP_SHARED -------------------------------------------------------------- */

static void
fact_shared (int fd)
{
  char *p = must_map (fd, MAP_SHARED);
  struct smaps s;
  volatile char *v = p;
  long before, after, faults;
  char c;

  s = smaps_self (p);
  tap_ok (s.found, "shared: smaps has a record starting at %p", (void *) p);
  figure (s.rss, 0, skip_figures, "shared: Rss kB before any touch");

  c = v[0];
  s = smaps_self (p);
  tap_int (c, 0, "shared: an untouched page reads as 0");
  figure (s.rss, kb1, skip_figures, "shared: Rss kB after a read of one byte");
  figure (s.private_clean, kb1, skip_figures,
          "shared: Private_Clean kB after the read (a real shmem page, not the zero page)");
  figure (s.anonymous, 0, skip_figures, "shared: Anonymous kB after the read (shmem is not anon)");

  v[0] = 'H';
  s = smaps_self (p);
  figure (s.rss, kb1, skip_figures, "shared: Rss kB after a store");
  figure (s.private_dirty, kb1, skip_figures,
          "shared: Private_Dirty kB after the store (one mapper, so Private)");
  munmap (p, (size_t) page);

  /* The first store to a fresh, untouched page, and meminfo's Shmem. */
  p = must_map (fd, MAP_SHARED);
  before = meminfo ("Shmem");
  faults = faults_for_store (p, 'W');
  after = meminfo ("Shmem");
  figure (faults, 1, skip_faults, "shared: minor faults for the first store to an untouched page");
  s = smaps_self (p);
  figure (s.rss, kb1, skip_figures, "shared: Rss kB after that store");
  tap_ok (before >= 0 && after >= 0,
          "shared: /proc/meminfo Shmem %ld kB before, %ld kB after that store "
          "(system-wide, so shown, not compared)", before, after);
  munmap (p, (size_t) page);
}

/* ---- 2. MAP_PRIVATE --------------------------------------------------------------- */

static void
fact_private (int fd)
{
  char *p = must_map (fd, MAP_PRIVATE);
  volatile char *v = p;
  struct smaps s;
  uint64_t e_read, e_write, fl = 0;
  long faults;
  char c;
  int frames;

  c = v[0];
  s = smaps_self (p);
  e_read = pagemap_of (p);
  tap_int (c, 0, "private: an untouched page reads as 0");
  figure (s.rss, 0, skip_figures, "private: Rss kB after a read (the zero page is not counted)");
  tap_int (resident (p), 1, "private: mincore says the read page is resident");
  tap_ok ((e_read & PM_PRESENT) != 0,
          "private: pagemap bit 63 (present) set after the read (entry 0x%llx)",
          (unsigned long long) e_read);

  faults = faults_for_store (p, 'C');
  s = smaps_self (p);
  e_write = pagemap_of (p);
  figure (faults, 1, skip_faults, "private: minor faults for a store after the read (copy-on-write)");
  figure (s.rss, kb1, skip_figures, "private: Rss kB after that store");
  figure (s.anonymous, kb1, skip_figures, "private: Anonymous kB after that store");

  /* Frame numbers: root with CAP_SYS_ADMIN sees them, others read 0. */
  frames = (e_read & PM_PFN_MASK) != 0 && kpageflags_of (e_read & PM_PFN_MASK, &fl) == 0;
  if (frames)
    {
      uint64_t pfn_r = e_read & PM_PFN_MASK, pfn_w = e_write & PM_PFN_MASK, fw = 0;
      int fw_ok = kpageflags_of (pfn_w, &fw) == 0;
      tap_ok ((fl >> KPF_ZERO_PAGE) & 1,
              "private: the read page's frame 0x%llx is the zero page (kpageflags 0x%llx, bit 24)",
              (unsigned long long) pfn_r, (unsigned long long) fl);
      tap_ok (pfn_w != pfn_r, "private: the written page has a new frame (0x%llx, was 0x%llx)",
              (unsigned long long) pfn_w, (unsigned long long) pfn_r);
      tap_ok (fw_ok && ((fw >> KPF_ANON) & 1),
              "private: the written page's frame is anon (kpageflags 0x%llx, bit 12)",
              (unsigned long long) fw);
    }
  else
    {
      tap_ok (1, "private: the read page is the zero page # SKIP frame numbers need CAP_SYS_ADMIN");
      tap_ok (1, "private: the written page has a new frame # SKIP frame numbers need CAP_SYS_ADMIN");
      tap_ok (1, "private: the written page's frame is anon # SKIP frame numbers need CAP_SYS_ADMIN");
    }
  munmap (p, (size_t) page);

  /* A store to an untouched private page: demand-zero. */
  p = must_map (fd, MAP_PRIVATE);
  faults = faults_for_store (p, 'D');
  s = smaps_self (p);
  figure (faults, 1, skip_faults, "private: minor faults for a store to an untouched page (demand-zero)");
  figure (s.rss, kb1, skip_figures, "private: Rss kB after the demand-zero store");
  figure (s.anonymous, kb1, skip_figures, "private: Anonymous kB after the demand-zero store");
  munmap (p, (size_t) page);
}

/* ---- 3. maps lines ---------------------------------------------------------------- */

static int
ends_with (const char *s, const char *tail)
{
  size_t n = strlen (s), m = strlen (tail);
  return n >= m && strcmp (s + n - m, tail) == 0;
}

static void
fact_maps (int fd)
{
  char *sh = must_map (fd, MAP_SHARED), *sh2 = must_map (fd, MAP_SHARED);
  char *pr = must_map (fd, MAP_PRIVATE);
  struct maps_line m1 = maps_of (sh), m2 = maps_of (sh2), mp = maps_of (pr);
  struct stat st;

  tap_diag ("shared:  %s", m1.text);
  tap_diag ("shared2: %s", m2.text);
  tap_diag ("private: %s", mp.text);
  tap_ok (m1.found && strstr (m1.text, "rw-s 00000000") != NULL,
          "maps: MAP_SHARED line shows \"rw-s 00000000\"");
  tap_ok (m1.found && ends_with (m1.text, "/dev/zero (deleted)"),
          "maps: MAP_SHARED line ends in \"/dev/zero (deleted)\"");
  tap_ok (mp.found && strcmp (mp.perms, "rw-p") == 0 && mp.offset == 0,
          "maps: MAP_PRIVATE line shows \"rw-p 00000000\"");
  tap_ok (mp.found && strcmp (mp.text + mp.path_at, "/dev/zero") == 0,
          "maps: MAP_PRIVATE line names \"/dev/zero\" without \"(deleted)\"");
  if (stat ("/dev/zero", &st) == 0)
    tap_ok (mp.found && mp.major == major (st.st_dev) && mp.minor == minor (st.st_dev)
            && mp.ino == (unsigned long) st.st_ino,
            "maps: MAP_PRIVATE device:inode %02x:%02x %lu is /dev/zero's own (%02x:%02x %lu)",
            mp.major, mp.minor, mp.ino, major (st.st_dev), minor (st.st_dev),
            (unsigned long) st.st_ino);
  else
    tap_ok (0, "maps: stat /dev/zero: %s", strerror (errno));
  tap_ok (m1.found && m2.found && m1.ino != m2.ino,
          "maps: a second MAP_SHARED mmap of the same fd is another object (inode %lu, then %lu)",
          m1.ino, m2.ino);
  munmap (sh, (size_t) page);
  munmap (sh2, (size_t) page);
  munmap (pr, (size_t) page);
}

/* ---- 4. fork ----------------------------------------------------------------------- */

#define PARENT "from the parent"
#define CHILD "from the child"

struct child_report
{
  long rss_before, rss_after;   /* the child's own smaps, kB */
  char seen[32];                /* what the child read */
  int found;
};

/* Fork a child that runs FN on P and writes its report into *R; 0 when
   the child reported and exited 0. */
static int
in_child (void (*fn)(char *, struct child_report *), char *p, struct child_report *r)
{
  int fds[2], status = 0;
  pid_t pid;
  ssize_t n;
  memset (r, 0, sizeof *r);
  if (pipe (fds) != 0)
    return -1;
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    {
      close (fds[0]);
      close (fds[1]);
      return -1;
    }
  if (pid == 0)
    {
      struct child_report mine;
      memset (&mine, 0, sizeof mine);
      close (fds[0]);
      fn (p, &mine);
      _exit (write (fds[1], &mine, sizeof mine) == (ssize_t) sizeof mine ? 0 : 1);
    }
  close (fds[1]);
  n = read (fds[0], r, sizeof *r);
  close (fds[0]);
  if (waitpid (pid, &status, 0) != pid)
    return -1;
  return n == (ssize_t) sizeof *r && WIFEXITED (status) && WEXITSTATUS (status) == 0 ? 0 : -1;
}

static void
child_shared (char *p, struct child_report *r)
{
  volatile char *v = p;
  struct smaps s = smaps_self (p);
  r->found = s.found;
  r->rss_before = s.rss;
  for (size_t i = 0; i + 1 < sizeof r->seen; i++)
    r->seen[i] = v[i];
  s = smaps_self (p);
  r->rss_after = s.rss;
  memcpy (p + 64, CHILD, sizeof CHILD);
}

static void
child_private (char *p, struct child_report *r)
{
  volatile char *v = p;
  for (size_t i = 0; i + 1 < sizeof r->seen; i++)
    r->seen[i] = v[i];
  memcpy (p, CHILD, sizeof CHILD);
  r->found = 1;
}

static void
fact_fork (int fd)
{
  char *p = must_map (fd, MAP_SHARED);
  struct child_report r;
  int rc;

  memcpy (p, PARENT, sizeof PARENT);
  rc = in_child (child_shared, p, &r);
  tap_ok (rc == 0 && r.found, "fork: the child reported on the shared mapping through a pipe");
  figure (r.rss_before, 0, skip_figures, "fork: the child's Rss kB before it reads the shared page");
  figure (r.rss_after, kb1, skip_figures, "fork: the child's Rss kB after it reads");
  tap_str (r.seen, PARENT, "fork: the child sees the parent's bytes");
  tap_str (p + 64, CHILD, "fork: the parent sees the child's store in the shared mapping");
  munmap (p, (size_t) page);

  p = must_map (fd, MAP_PRIVATE);
  memcpy (p, PARENT, sizeof PARENT);
  rc = in_child (child_private, p, &r);
  tap_ok (rc == 0 && r.found, "fork: the child reported on the private mapping");
  tap_str (r.seen, PARENT, "fork: with MAP_PRIVATE the child first sees the parent's bytes");
  tap_str (p, PARENT, "fork: with MAP_PRIVATE the child's store is not seen by the parent");
  munmap (p, (size_t) page);
}

/* ---- 5. close(fd) ----------------------------------------------------------------- */

static void
fact_close (void)
{
  int fd = open_zero ();
  char *p = must_map (fd, MAP_SHARED);
  struct maps_line m;
  tap_int (close (fd), 0, "close: close(fd) after mmap returns 0");
  memcpy (p, "still here", sizeof "still here");
  tap_str (p, "still here", "close: a store and a read still work after close(fd)");
  m = maps_of (p);
  tap_ok (m.found && ends_with (m.text, "/dev/zero (deleted)"),
          "close: the maps line is still there after close(fd)");
  munmap (p, (size_t) page);
}

/* ---- 6. read(2) and write(2) --------------------------------------------------------- */

static void
fact_read_write (int fd)
{
  char buf[16], want[16];
  char *p = must_map (fd, MAP_SHARED);
  int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  ssize_t n;

  memset (buf, 'x', sizeof buf);
  memset (want, 0, sizeof want);
  n = read (fd, buf, sizeof buf);
  tap_int (n, 16, "read: read(/dev/zero, buf, 16) returns 16, not 0 (end of file)");
  tap_ok (memcmp (buf, want, sizeof buf) == 0, "read: the 16 bytes are all '\\0'");
  n = null >= 0 ? read (null, buf, sizeof buf) : -1;
  tap_int (n, 0, "read: read(/dev/null, buf, 16) returns 0 (end of file)");
  if (null >= 0)
    close (null);

  memcpy (p, "Hello", 5);
  n = read (fd, p, 16);
  tap_int (n, 16, "read: read(/dev/zero, mapping, 16) returns 16");
  tap_ok (memcmp (p, want, 16) == 0, "read: it makes the stored \"Hello\" into '\\0' bytes");

  memcpy (p, "Hello", 6);
  n = write (fd, "World", 5);
  tap_int (n, 5, "write: write(/dev/zero, \"World\", 5) returns 5");
  n = write (fd, p, 6);
  tap_int (n, 6, "write: write(/dev/zero, mapping, 6) returns 6");
  tap_str (p, "Hello", "write: the mapping is unchanged by writes to /dev/zero");
  munmap (p, (size_t) page);
}

/* ---- 7. after munmap ----------------------------------------------------------------- */

static void
fact_munmap (int fd)
{
  char *a, *b = NULL;
  int sig, code, reused = 0, tries;
  void *addr;

  /* The hole: mapped, unmapped, stored into before anything else maps
     there. */
  a = must_map (fd, MAP_SHARED);
  munmap (a, (size_t) page);
  sig = store_caught (a);
  code = segv_code;
  addr = segv_addr;
  tap_ok (sig == SIGSEGV, "munmap: a store into the unmapped hole raises SIGSEGV (got signal %d)", sig);
  tap_ok (sig == SIGSEGV && code == SEGV_MAPERR,
          "munmap: si_code is SEGV_MAPERR (%d; got %d)", SEGV_MAPERR, code);
  tap_ok (addr == (void *) a, "munmap: si_addr is the old address %p (got %p)", (void *) a, addr);

  for (tries = 1; tries <= 8 && !reused; tries++)
    {
      b = must_map (fd, MAP_SHARED);
      reused = b == a;
      if (!reused)
        {
          munmap (b, (size_t) page);
          a = must_map (fd, MAP_SHARED);
          munmap (a, (size_t) page);
        }
    }
  if (reused)
    {
      tap_ok (1, "munmap: the next mmap reuses the old address %p (try %d)", (void *) a, tries - 1);
      sig = store_caught (a);
      tap_ok (sig == 0 && b[0] == 'X',
              "munmap: then a store through the old pointer lands silently in the new mapping");
      munmap (b, (size_t) page);
    }
  else
    {
      tap_ok (1, "munmap: the next mmap reuses the old address # SKIP not reused in 8 tries "
              "(last %p after %p)", (void *) b, (void *) a);
      tap_ok (1, "munmap: a store through the old pointer lands in the new mapping "
              "# SKIP the address was not reused");
    }
}

/* ---- 8. the address is a hint ----------------------------------------------------- */

static void
fact_hint (int fd)
{
  void *hint = (void *) 0x12345, *p, *q;
  char *taken = must_map (fd, MAP_PRIVATE);
  int e;

  /* An unaligned hint: the kernel rounds it, or picks another place;
     valgrind's own mmap wrapper refuses it with EINVAL before the kernel
     sees it. */
  if (RUNNING_ON_VALGRIND)
    {
      tap_ok (1, "hint: mmap(%p, ...) without MAP_FIXED succeeds # SKIP valgrind's mmap "
              "wrapper refuses an unaligned hint with EINVAL; the kernel does not", hint);
      tap_ok (1, "hint: the address it returns is page-aligned # SKIP the call is refused "
              "by valgrind");
    }
  else
    {
      p = mmap (hint, (size_t) page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      e = errno;
      tap_ok (p != MAP_FAILED, "hint: mmap(%p, ...) without MAP_FIXED succeeds (%s)", hint,
              p == MAP_FAILED ? strerror (e) : "not EINVAL");
      tap_ok (p != MAP_FAILED && (uintptr_t) p % (uintptr_t) page == 0,
              "hint: the address it returns, %p, is page-aligned", p);
      if (p != MAP_FAILED)
        munmap (p, (size_t) page);
    }

  /* A hint where something is mapped already: placed elsewhere, and what
     was there is untouched. */
  taken[0] = 'T';
  q = mmap (taken, (size_t) page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  tap_ok (q != MAP_FAILED && q != (void *) taken && taken[0] == 'T',
          "hint: a hint at a mapped address %p is not obeyed without MAP_FIXED (got %p)",
          (void *) taken, q);
  if (q != MAP_FAILED)
    munmap (q, (size_t) page);
  munmap (taken, (size_t) page);
}

/* ---- 9. msync ------------------------------------------------------------------------- */

static void
fact_msync (int fd)
{
  char *p = must_map (fd, MAP_SHARED);
  p[0] = 'S';
  tap_int (msync (p, (size_t) page, MS_SYNC), 0, "msync: msync(p, page, MS_SYNC) on the shared mapping returns 0");
  munmap (p, (size_t) page);
}

/* ---- 10. where processes meet, and where they do not ----------------------------- */

/* What a child finds, told through a pipe: the first bytes of each
   mapping it makes. */
struct meet_report
{
  char inherited_fd[16];        /* a new mmap of the /dev/zero fd it inherited */
  char fresh_open[16];          /* an mmap of its own open of /dev/zero */
  char proc_fd[16];             /* an mmap of /proc/PPID/fd/N of that fd */
  char memfd[16];               /* an mmap of /proc/PPID/fd/M of a memfd */
  char anon[16];                /* the inherited MAP_SHARED | MAP_ANONYMOUS page */
  int ok;
};

/* The first bytes of a new MAP_SHARED page of FD, into BUF; 0, or -1. */
static int
first_bytes (int fd, char *buf, size_t len)
{
  char *q = mmap (NULL, (size_t) page, PROT_READ, MAP_SHARED, fd, 0);
  if (q == MAP_FAILED)
    return -1;
  memcpy (buf, q, len - 1);
  buf[len - 1] = '\0';
  munmap (q, (size_t) page);
  return 0;
}

static void
fact_meet (int fd)
{
  char *sh = must_map (fd, MAP_SHARED);
  char *an = mmap (NULL, (size_t) page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int mfd = memfd_create ("shmtutor-facts", MFD_CLOEXEC);
  char *mp = MAP_FAILED;
  if (mfd >= 0 && ftruncate (mfd, page) == 0)
    mp = mmap (NULL, (size_t) page, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
  if (an == MAP_FAILED || mp == MAP_FAILED)
    {
      tap_ok (0, "meet: mmap MAP_SHARED|MAP_ANONYMOUS and a memfd: %s", strerror (errno));
      munmap (sh, (size_t) page);
      if (an != MAP_FAILED)
        munmap (an, (size_t) page);
      if (mp != MAP_FAILED)
        munmap (mp, (size_t) page);
      if (mfd >= 0)
        close (mfd);
      return;
    }
  memcpy (sh, "parent's page", 14);
  memcpy (an, "anon page", 10);
  memcpy (mp, "memfd page", 11);

  /* MAP_SHARED | MAP_ANONYMOUS is the same shmem as MAP_SHARED of /dev/zero. */
  struct maps_line m = maps_of (an);
  tap_ok (m.found && strstr (m.text, "rw-s") && ends_with (m.text, "/dev/zero (deleted)"),
          "meet: the maps line of MAP_SHARED|MAP_ANONYMOUS ends in /dev/zero (deleted): %s", m.text);
  m = maps_of (mp);
  tap_ok (m.found && strstr (m.text, "/memfd:shmtutor-facts (deleted)") != NULL,
          "meet: the memfd's maps line names it /memfd:NAME (deleted): %s", m.text);

  int fds[2];
  struct meet_report r;
  memset (&r, 0, sizeof r);
  if (pipe (fds) != 0)
    {
      tap_ok (0, "meet: pipe: %s", strerror (errno));
      munmap (sh, (size_t) page);
      munmap (an, (size_t) page);
      munmap (mp, (size_t) page);
      close (mfd);
      return;
    }
  fflush (stdout);
  pid_t parent = getpid (), pid = fork ();
  if (pid == 0)
    {
      char path[64];
      int ok = 1, o;
      close (fds[0]);
      ok &= first_bytes (fd, r.inherited_fd, sizeof r.inherited_fd) == 0;
      o = open ("/dev/zero", O_RDWR | O_CLOEXEC);
      ok &= o >= 0 && first_bytes (o, r.fresh_open, sizeof r.fresh_open) == 0;
      if (o >= 0)
        close (o);
      snprintf (path, sizeof path, "/proc/%ld/fd/%d", (long) parent, fd);
      o = open (path, O_RDWR | O_CLOEXEC);
      ok &= o >= 0 && first_bytes (o, r.proc_fd, sizeof r.proc_fd) == 0;
      if (o >= 0)
        close (o);
      snprintf (path, sizeof path, "/proc/%ld/fd/%d", (long) parent, mfd);
      o = open (path, O_RDWR | O_CLOEXEC);
      ok &= o >= 0 && first_bytes (o, r.memfd, sizeof r.memfd) == 0;
      if (o >= 0)
        close (o);
      memcpy (r.anon, an, sizeof r.anon - 1);
      memcpy (an, "child's", 8);
      r.ok = ok;
      _exit (write (fds[1], &r, sizeof r) == (ssize_t) sizeof r ? 0 : 1);
    }
  close (fds[1]);
  int status = 0;
  ssize_t n = pid > 0 ? read (fds[0], &r, sizeof r) : -1;
  close (fds[0]);
  if (pid > 0)
    waitpid (pid, &status, 0);
  tap_ok (n == (ssize_t) sizeof r && r.ok && WIFEXITED (status) && WEXITSTATUS (status) == 0,
          "meet: the child made its mappings and reported");
  tap_ok (r.inherited_fd[0] == '\0' && !memcmp (r.inherited_fd, "\0\0\0\0\0\0\0\0", 8),
          "meet: the child's new mmap of the inherited /dev/zero fd is a new page of zeros");
  tap_ok (r.fresh_open[0] == '\0', "meet: the child's own open of /dev/zero maps zeros, not "
          "the parent's page");
  tap_ok (r.proc_fd[0] == '\0', "meet: /proc/PPID/fd/N of the /dev/zero fd maps zeros too");
  tap_str (r.memfd, "memfd page", "meet: /proc/PPID/fd/M of the memfd maps the parent's memory");
  tap_str (r.anon, "anon page", "meet: the child sees the inherited MAP_SHARED|MAP_ANONYMOUS page");
  tap_str (an, "child's", "meet: and the parent sees the child's store into it");
  tap_str (sh, "parent's page", "meet: none of it touched the parent's /dev/zero page");
  munmap (sh, (size_t) page);
  munmap (an, (size_t) page);
  munmap (mp, (size_t) page);
  close (mfd);
}

/* ---- 11. waitpid, the zombie, PR_SET_PDEATHSIG ------------------------------------- */

/* The State: line's letter of /proc/PID/status, or '?'. */
static char
state_of (pid_t pid)
{
  char path[64], line[256], st = '?';
  snprintf (path, sizeof path, "/proc/%ld/status", (long) pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return st;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, "State:", 6) == 0)
      {
        sscanf (line + 6, " %c", &st);
        break;
      }
  fclose (f);
  return st;
}

/* The bytes of /proc/PID/maps, -1 when it cannot be read. */
static long
maps_size (pid_t pid)
{
  char path[64], buf[4096];
  long n = 0;
  ssize_t got;
  snprintf (path, sizeof path, "/proc/%ld/maps", (long) pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  while ((got = read (fd, buf, sizeof buf)) > 0)
    n += got;
  close (fd);
  return got < 0 ? -1 : n;
}

static void
fact_zombie (void)
{
  int fds[2], status = 0;
  char c = 0;
  if (pipe (fds) != 0)
    {
      tap_ok (0, "zombie: pipe: %s", strerror (errno));
      return;
    }
  fflush (stdout);
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (fds[1]);
      _exit (read (fds[0], &c, 1) == 1 ? 3 : 4);
    }
  close (fds[0]);
  tap_int (waitpid (pid, &status, WNOHANG), 0, "waitpid: with WNOHANG, 0 while the child runs");
  tap_ok (maps_size (pid) > 0, "zombie: the running child has mappings");
  if (write (fds[1], "x", 1) != 1)
    tap_diag ("zombie: write to the child: %s", strerror (errno));
  close (fds[1]);
  /* Wait until it has ended, without reaping it. */
  siginfo_t si;
  memset (&si, 0, sizeof si);
  tap_int (waitid (P_PID, (id_t) pid, &si, WEXITED | WNOWAIT), 0,
           "zombie: waitid(WNOWAIT) sees the child end and leaves it unreaped");
  tap_ok (state_of (pid) == 'Z', "zombie: /proc/PID/status says State: Z (got %c)", state_of (pid));
  tap_int (maps_size (pid), 0, "zombie: its /proc/PID/maps is empty");
  tap_int (waitpid (pid, &status, WNOHANG), pid, "zombie: waitpid reaps it");
  tap_ok (WIFEXITED (status) && WEXITSTATUS (status) == 3, "zombie: with its exit status, 3");
  tap_ok (state_of (pid) == '?', "zombie: once reaped, /proc/PID is gone");
}

static void
fact_pdeathsig (void)
{
  /* In a child of ours, not in the test itself: set, read back, fork. */
  fflush (stdout);
  pid_t pid = fork ();
  if (pid == 0)
    {
      int sig = -1, inherited = -1, status = 0;
      if (prctl (PR_SET_PDEATHSIG, SIGUSR1) != 0 || prctl (PR_GET_PDEATHSIG, &sig) != 0)
        _exit (10);
      pid_t g = fork ();
      if (g == 0)
        _exit (prctl (PR_GET_PDEATHSIG, &inherited) == 0 ? (inherited == 0 ? 0 : 1) : 11);
      if (g < 0 || waitpid (g, &status, 0) != g || !WIFEXITED (status))
        _exit (12);
      _exit (sig != SIGUSR1 ? 13 : WEXITSTATUS (status));
    }
  int status = 0;
  tap_ok (pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status)
          && WEXITSTATUS (status) == 0,
          "pdeathsig: set to SIGUSR1 and read back, the child of fork() starts with 0 (code %d)",
          WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

/* ---- 12. the vDSO and [vvar] --------------------------------------------------------- */

/* The line of /proc/self/maps whose path is NAME ("[vvar]"). */
static struct maps_line
maps_named (const char *name, void **start)
{
  struct maps_line m;
  FILE *f = fopen ("/proc/self/maps", "r");
  char *line = NULL;
  size_t cap = 0;
  memset (&m, 0, sizeof m);
  *start = NULL;
  if (!f)
    return m;
  while (getline (&line, &cap, f) > 0)
    {
      unsigned long a;
      line[strcspn (line, "\n")] = '\0';
      if (!ends_with (line, name) || sscanf (line, "%lx-", &a) != 1)
        continue;
      fclose (f);
      free (line);
      *start = (void *) a;
      return maps_of (*start);
    }
  free (line);
  fclose (f);
  return m;
}

static void
fact_vvar (void)
{
  void *vdso, *vvar;
  if (RUNNING_ON_VALGRIND)
    {
      tap_skip ("vdso: valgrind takes AT_SYSINFO_EHDR out of the auxiliary vector");
      return;
    }
  struct maps_line m = maps_named (" [vdso]", &vdso);
  if (!m.found)
    {
      tap_skip ("vdso: no [vdso] in /proc/self/maps (booted with vdso=0, or no vDSO here)");
      return;
    }
  tap_ok ((uintptr_t) vdso == (uintptr_t) getauxval (AT_SYSINFO_EHDR),
          "vdso: AT_SYSINFO_EHDR is where [vdso] starts (%p)", vdso);
  m = maps_named (" [vvar]", &vvar);
  if (!m.found)
    {
      tap_skip ("vvar: no [vvar] in /proc/self/maps on this kernel");
      return;
    }
  tap_ok (strcmp (m.perms, "r--p") == 0, "vvar: [vvar] is mapped read-only (%s)", m.perms);
  errno = 0;
  int mp_rc = mprotect (vvar, (size_t) page, PROT_READ | PROT_WRITE), mp_errno = errno;
  tap_ok (mp_rc == -1 && mp_errno == EACCES, "vvar: mprotect cannot make [vvar] writable (%s)",
          mp_rc == 0 ? "it could" : strerror (mp_errno));
  tap_int (store_caught (vvar), SIGSEGV, "vvar: a store into [vvar] raises SIGSEGV");
}

/* ---- 13. an io_uring ring ------------------------------------------------------------- */

#if defined HAVE_IO_URING_H && defined SYS_io_uring_setup && defined SYS_io_uring_enter
static void
fact_uring (void)
{
  struct io_uring_params prm;
  if (RUNNING_ON_VALGRIND)
    {
      tap_skip ("io_uring: not under valgrind");
      return;
    }
  memset (&prm, 0, sizeof prm);
  int fd = (int) syscall (SYS_io_uring_setup, 4, &prm);
  if (fd < 0)
    {
      char why[200];
      snprintf (why, sizeof why, "io_uring: io_uring_setup: %s%s", strerror (errno),
                errno == EPERM ? " (kernel.io_uring_disabled forbids it here)" : "");
      tap_skip (why);
      return;
    }
  size_t sq_len = prm.sq_off.array + prm.sq_entries * sizeof (unsigned);
  size_t cq_len = prm.cq_off.cqes + prm.cq_entries * sizeof (struct io_uring_cqe);
  char *sq = mmap (NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, IORING_OFF_SQ_RING);
  char *cq = mmap (NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, IORING_OFF_CQ_RING);
  struct io_uring_sqe *sqes = mmap (NULL, prm.sq_entries * sizeof *sqes, PROT_READ | PROT_WRITE,
                                    MAP_SHARED, fd, IORING_OFF_SQES);
  if (!tap_ok (sq != MAP_FAILED && cq != MAP_FAILED && (void *) sqes != MAP_FAILED,
               "io_uring: the SQ ring, the CQ ring and the SQEs map from the ring's fd"))
    {
      close (fd);
      return;
    }
  struct maps_line m = maps_of (cq);
  tap_ok (m.found && strcmp (m.perms, "rw-s") == 0 && ends_with (m.text, "anon_inode:[io_uring]"),
          "io_uring: the CQ ring's maps line is a shared mapping of anon_inode:[io_uring]: %s", m.text);
  unsigned *sq_tail = (unsigned *) (sq + prm.sq_off.tail);
  unsigned *sq_head = (unsigned *) (sq + prm.sq_off.head);
  unsigned *sq_mask = (unsigned *) (sq + prm.sq_off.ring_mask);
  unsigned *sq_array = (unsigned *) (sq + prm.sq_off.array);
  unsigned *cq_tail = (unsigned *) (cq + prm.cq_off.tail);
  unsigned *cq_head = (unsigned *) (cq + prm.cq_off.head);
  unsigned *cq_mask = (unsigned *) (cq + prm.cq_off.ring_mask);
  struct io_uring_cqe *cqes = (struct io_uring_cqe *) (cq + prm.cq_off.cqes);
  char buf[8];
  ssize_t rd = read (fd, buf, sizeof buf);
  int rd_errno = errno;
  tap_ok (rd == -1, "io_uring: read(2) on the ring's fd gives no completion (%s)",
          rd == -1 ? strerror (rd_errno) : "it read");

  /* A NOP: the program moves the SQ tail, the kernel the SQ head and the
     CQ tail, in the pages mapped here. */
  unsigned t = *sq_tail, i = t & *sq_mask;
  memset (&sqes[i], 0, sizeof sqes[i]);
  sqes[i].opcode = IORING_OP_NOP;
  sqes[i].user_data = 42;
  sq_array[i] = i;
  __atomic_store_n (sq_tail, t + 1, __ATOMIC_RELEASE);
  unsigned before = __atomic_load_n (cq_tail, __ATOMIC_ACQUIRE);
  long rc = syscall (SYS_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0);
  unsigned after = __atomic_load_n (cq_tail, __ATOMIC_ACQUIRE);
  tap_ok (rc == 1, "io_uring: io_uring_enter submits the NOP (%ld)", rc);
  tap_ok (*sq_head == t + 1, "io_uring: the kernel moved the SQ head on (%u)", *sq_head);
  tap_ok (after == before + 1, "io_uring: the kernel moved the CQ tail on in our mapping "
          "(%u, then %u)", before, after);
  unsigned h = *cq_head;
  tap_ok (after != h && cqes[h & *cq_mask].user_data == 42 && cqes[h & *cq_mask].res == 0,
          "io_uring: the CQE at the head is the NOP's: user_data 42, res 0");
  __atomic_store_n (cq_head, h + 1, __ATOMIC_RELEASE);

  /* A read from an empty pipe: submitted, not waited for; a child writes
     later, and the completion appears while this process only loads the
     tail, making no system call. */
  int fds[2];
  static char got[8];
  if (pipe (fds) != 0)
    {
      tap_ok (0, "io_uring: pipe: %s", strerror (errno));
      close (fd);
      return;
    }
  t = *sq_tail;
  i = t & *sq_mask;
  memset (&sqes[i], 0, sizeof sqes[i]);
  sqes[i].opcode = IORING_OP_READ;
  sqes[i].fd = fds[0];
  sqes[i].addr = (uintptr_t) got;
  sqes[i].len = 5;
  sqes[i].user_data = 7;
  sq_array[i] = i;
  __atomic_store_n (sq_tail, t + 1, __ATOMIC_RELEASE);
  before = __atomic_load_n (cq_tail, __ATOMIC_ACQUIRE);
  rc = syscall (SYS_io_uring_enter, fd, 1, 0, 0, NULL, 0);
  after = __atomic_load_n (cq_tail, __ATOMIC_ACQUIRE);
  tap_ok (rc == 1 && after == before, "io_uring: a read of an empty pipe is submitted, and no "
          "completion yet (%ld; tail %u, then %u)", rc, before, after);
  fflush (stdout);
  pid_t pid = fork ();
  if (pid == 0)
    {
      usleep (50000);
      _exit (write (fds[1], "hello", 5) == 5 ? 0 : 1);
    }
  unsigned long loads = 0;
  while (__atomic_load_n (cq_tail, __ATOMIC_ACQUIRE) == before && loads < 4000000000UL)
    loads++;
  after = __atomic_load_n (cq_tail, __ATOMIC_ACQUIRE);
  int status = 0;
  if (pid > 0)
    waitpid (pid, &status, 0);
  h = *cq_head;
  tap_ok (after == before + 1 && cqes[h & *cq_mask].user_data == 7 && cqes[h & *cq_mask].res == 5
          && memcmp (got, "hello", 5) == 0,
          "io_uring: the read's completion came into the CQ while we only loaded the tail "
          "(%lu loads)", loads);
  close (fds[0]);
  close (fds[1]);
  munmap (sq, sq_len);
  munmap (cq, cq_len);
  munmap (sqes, prm.sq_entries * sizeof *sqes);
  close (fd);
}
#else
static void
fact_uring (void)
{
  tap_skip ("io_uring: no <linux/io_uring.h> or no io_uring system call numbers here");
}
#endif

int
main (void)
{
  int fd;

  page = sysconf (_SC_PAGESIZE);
  kb1 = page / 1024;
  if (page <= 0)
    tap_skip_all ("sysconf(_SC_PAGESIZE) failed");
  if (access ("/proc/self/smaps", R_OK) != 0)
    tap_skip_all ("no /proc/self/smaps");
  if (RUNNING_ON_VALGRIND)
    skip_figures = skip_faults = "under valgrind its own work moves Rss and fault counts";
  tap_diag ("page size %ld bytes (%ld kB)", page, kb1);

  fd = open_zero ();
  fact_shared (fd);
  fact_private (fd);
  fact_maps (fd);
  fact_fork (fd);
  fact_close ();
  fact_read_write (fd);
  fact_munmap (fd);
  fact_hint (fd);
  fact_msync (fd);
  fact_meet (fd);
  fact_zombie ();
  fact_pdeathsig ();
  fact_vvar ();
  fact_uring ();
  close (fd);
  return tap_done ();
}
