/* test-kernel.c - the kernel-shared lesson checked from outside: on the
   [vvar] step the bytes on the screen change with no key pressed, at the
   address /proc/PID/maps gives for [vvar], and where this test's own
   reads of [vvar] (the kernel's one page, mapped into every process) see
   bytes stand still, the screen shows the same values; on the io_uring
   steps the screen either shows the completion tail the kernel's
   /proc/PID/fdinfo gives for the ring, or the errno this test's own
   io_uring_setup gets, never anything else.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#ifdef HAVE_VALGRIND_MEMCHECK_H
# include <valgrind/memcheck.h>
#endif

#define ROWS 40
#define COLS 100
#define VVAR_BYTES 128

static const char *const child_env[] = {
  data_env, "NO_COLOR", "LINES", "COLUMNS", "LC_ALL=C.UTF-8", NULL
};

static struct vt *
start_at (const char *what, int step)
{
  return start_lesson_at (what, "kernel-shared", step, ROWS, COLS, child_env);
}

/* The hex rows on the screen ("  0000  xx xx ..."), parsed into BYTES
   (VVAR_BYTES of them) with HAVE[i] set for each byte seen. */
static void
screen_bytes (struct vt *vt, unsigned char *bytes, unsigned char *have)
{
  char buf[1024];
  memset (have, 0, VVAR_BYTES);
  for (int r = 0; r < ROWS; r++)
    {
      unsigned off;
      int at;
      if (vt_row (vt, r, buf, sizeof buf) < 0 || sscanf (buf, "  %4x %n", &off, &at) != 1
          || off % 16 || off >= VVAR_BYTES || !isxdigit ((unsigned char) buf[8]))
        continue;
      const char *p = buf + at;
      for (int i = 0; i < 16; i++)
        {
          unsigned v;
          int n;
          if (sscanf (p, " %2x%n", &v, &n) != 1)
            break;
          bytes[off + (unsigned) i] = (unsigned char) v;
          have[off + (unsigned) i] = 1;
          p += n;
        }
    }
}

/* The start of the line of /proc/PID/maps that ends in NAME, or 0. */
static unsigned long long
mapping_start (int pid, const char *name)
{
  char path[64], line[512];
  unsigned long long lo = 0;
  snprintf (path, sizeof path, "/proc/%d/maps", pid);
  FILE *f = fopen (path, "re");
  while (f && !lo && fgets (line, sizeof line, f))
    if (strstr (line, name))
      sscanf (line, "%llx-", &lo);
  if (f)
    fclose (f);
  return lo;
}

static void
vvar_live (void)
{
  const char *what = "the [vvar] step";
  unsigned char a[VVAR_BYTES], b[VVAR_BYTES], ha[VVAR_BYTES], hb[VVAR_BYTES];
  const unsigned char *own = (const unsigned char *) (uintptr_t) mapping_start (getpid (), "[vvar]\n");
#ifdef HAVE_VALGRIND_MEMCHECK_H
  /* [vvar] is memory memcheck does not know: the kernel's, defined. */
  if (own)
    VALGRIND_MAKE_MEM_DEFINED (own, VVAR_BYTES);
#endif
  struct vt *vt = start_at (what, 1);
  if (!vt)
    return;
  int pid = vt_pid (vt);
  unsigned long long at = mapping_start (pid, "[vvar]\n");
  char addr[40];
  snprintf (addr, sizeof addr, "of %#llx", at);
  tap_ok (at && vt_find (vt, addr, NULL, NULL), "%s: the screen's view is at [vvar]'s start, %#llx",
          what, at);
  screen_bytes (vt, a, ha);
  unsigned char mine0[VVAR_BYTES];
  if (own)
    memcpy (mine0, own, sizeof mine0);
  /* No key: the screen is redrawn a few times a second by itself. */
  vt_pump (vt, 1500);
  settle (vt);
  screen_bytes (vt, b, hb);
  int seen = 0, changed = 0;
  for (int i = 0; i < VVAR_BYTES; i++)
    if (ha[i] && hb[i])
      {
        seen++;
        changed += a[i] != b[i];
      }
  tap_ok (seen >= 32, "%s: %d bytes of [vvar] on the screen", what, seen);
  if (!own)
    tap_skip ("this test has no [vvar] of its own to compare with");
  else
    {
      /* The bytes the test's own reads see standing still are the same on
         the screen: it shows [vvar], not bytes of its own making. */
      unsigned char mine1[VVAR_BYTES];
      memcpy (mine1, own, sizeof mine1);
      int still = 0, agree = 0, moved = 0;
      for (int i = 0; i < VVAR_BYTES; i++)
        {
          moved += mine0[i] != mine1[i];
          if (mine0[i] == mine1[i] && hb[i])
            {
              still++;
              agree += b[i] == mine1[i];
            }
        }
      tap_diag ("%s: %d of %d bytes changed on the screen in 1.5 s; %d in this test's own reads",
                what, changed, seen, moved);
      if (!moved)
        tap_skip ("[vvar]'s bytes do not change here (a time namespace?)");
      else
        tap_ok (changed > 0, "%s: bytes on the screen changed with no key pressed", what);
      /* A byte of the clocks may have moved between the screen's copy and
         this test's two reads, and then stood still between those: on a
         slow run (valgrind) two of 111 once did.  Bytes of something else
         than [vvar] would agree by chance with a handful, not 95 in 100. */
      tap_ok (still > 0 && agree * 100 >= still * 95, "%s: the %d bytes that stood still are "
              "[vvar]'s (%d agree, 95%% wanted)", what, still, agree);
    }
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  vt_free (vt);
}

/* The ring's CqTail as the kernel tells it in /proc/PID/fdinfo, or -1. */
static long
fdinfo_cq_tail (int pid)
{
  char path[96], line[256];
  snprintf (path, sizeof path, "/proc/%d/fdinfo", pid);
  DIR *d = opendir (path);
  long tail = -1;
  if (!d)
    return -1;
  for (struct dirent *e; tail < 0 && (e = readdir (d));)
    {
      char p[400];
      snprintf (p, sizeof p, "/proc/%d/fdinfo/%s", pid, e->d_name);
      FILE *f = fopen (p, "re");
      while (f && fgets (line, sizeof line, f))
        if (sscanf (line, "CqTail: %ld", &tail) == 1)
          break;
      if (f)
        fclose (f);
    }
  closedir (d);
  return tail;
}

static void
uring_real (void)
{
  const char *what = "the uring-submit step";
  struct vt *vt = start_at (what, 4);
  if (!vt)
    return;
  int pid = vt_pid (vt);
  /* This test's own attempt says what the tutor's should have met. */
  unsigned char params[120];
  memset (params, 0, sizeof params);
#ifdef SYS_io_uring_setup
  long fd = syscall (SYS_io_uring_setup, 4, params);
#else
  long fd = -1;
  errno = ENOSYS;
#endif
  int err = fd < 0 ? errno : 0;
  if (fd >= 0)
    close ((int) fd);
  if (!err)
    {
      long tail = fdinfo_cq_tail (pid);
      tap_ok (mapping_start (pid, "anon_inode:[io_uring]") != 0,
              "%s: the tutor maps an io_uring ring (/proc/%d/maps)", what, pid);
      if (tail < 0)
        tap_skip ("no CqTail in /proc/PID/fdinfo on this kernel");
      else
        {
          char want[64];
          snprintf (want, sizeof want, "-> %ld, written by the kernel as it completed", tail);
          tap_ok (tail > 0, "%s: the kernel's fdinfo says CqTail %ld", what, tail);
          tap_ok (vt_find (vt, want, NULL, NULL), "%s: the screen shows the CQ tail '%s'", what,
                  want);
        }
    }
  else
    {
      char want[64];
      snprintf (want, sizeof want, "= -1 %s", strerrorname_np (err) ? strerrorname_np (err) : "?");
      tap_ok (vt_find (vt, want, NULL, NULL) || vt_find (vt, "no ring is set up", NULL, NULL),
              "%s: io_uring fails here with %s, and the screen says so", what, want);
      tap_ok (mapping_start (pid, "anon_inode:[io_uring]") == 0,
              "%s: and the tutor maps no ring", what);
    }
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  vvar_live ();
  uring_real ();
  vt_cleanup ();
  return tap_done ();
}

#endif
