/* test-fork.c - the fork-shared lesson checked from outside: while it
   runs, the child the screen names is a real process whose parent is the
   tutor (/proc/PID/task/PID/children, /proc/CHILD/stat); both processes'
   maps lines name the same shmem inode; the child's store is in the
   parent's page (read through /proc/PID/mem, where pagemap says the page
   is present) and on the screen; with MAP_PRIVATE they are kept apart.
   And whatever ends the tutor (q, each terminating signal, Ctrl-Z then
   SIGKILL, a crash, SIGKILL itself), no child is left a second later;
   stepping back replays without leaving one either.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/prctl.h>

#define ROWS 30
#define COLS 100

static const char *const child_env[] = {
  data_env, "NO_COLOR", "LINES", "COLUMNS", "LC_ALL=C.UTF-8", NULL
};

/* The tutor at STEP of fork-shared, waiting until it shows it. */
static struct vt *
start_at (const char *what, int step)
{
  return start_lesson_at (what, "fork-shared", step, ROWS, COLS, child_env);
}

/* The pid after WORD ("child ") on the screen (the first WORD that a
   digit follows: the pane's rule), or 0. */
static int
screen_pid (struct vt *vt, const char *word)
{
  char buf[2048];
  for (int r = 0; r < ROWS; r++)
    {
      if (vt_row (vt, r, buf, sizeof buf) < 0)
        continue;
      for (const char *p = strstr (buf, word); p; p = strstr (p + 1, word))
        if (isdigit ((unsigned char) p[strlen (word)]))
          return atoi (p + strlen (word));
    }
  return 0;
}

/* The children of PID as the kernel lists them. */
static int
children_of (int pid, int *out, int max)
{
  char path[96], buf[512];
  snprintf (path, sizeof path, "/proc/%d/task/%d/children", pid, pid);
  FILE *f = fopen (path, "re");
  int n = 0;
  if (!f)
    return -1;
  while (n < max && fscanf (f, "%d", &out[n]) == 1)
    n++;
  (void) buf;
  fclose (f);
  return n;
}

/* The parent of PID from /proc/PID/stat, or -1. */
static int
parent_of (int pid)
{
  char path[64], buf[1024];
  snprintf (path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen (path, "re");
  if (!f)
    return -1;
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  const char *close = strrchr (buf, ')');
  char state;
  int ppid;
  return close && sscanf (close + 1, " %c %d", &state, &ppid) == 2 ? ppid : -1;
}

/* The start and inode of PID's mapping whose line ends in NAME. */
static int
mapping_of (int pid, const char *name, unsigned long long *start, unsigned long *inode)
{
  char path[64], line[512];
  snprintf (path, sizeof path, "/proc/%d/maps", pid);
  FILE *f = fopen (path, "re");
  int found = 0;
  if (!f)
    return 0;
  while (!found && fgets (line, sizeof line, f))
    {
      unsigned long long lo, hi, off;
      char perms[8], dev[16];
      int at = 0;
      if (strstr (line, name)
          && sscanf (line, "%llx-%llx %7s %llx %15s %lu %n", &lo, &hi, perms, &off, dev, inode,
                     &at) >= 6)
        {
          *start = lo;
          found = 1;
        }
    }
  fclose (f);
  return found;
}

/* N bytes of PID's memory at ADDR into BUF, only where its pagemap says
   the page is present (reading it then faults nothing in).  Returns 0,
   or -1 when not present or not readable. */
static int
peek (int pid, unsigned long long addr, void *buf, size_t n)
{
  char path[64];
  long page = sysconf (_SC_PAGESIZE);
  uint64_t e = 0;
  snprintf (path, sizeof path, "/proc/%d/pagemap", pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t k = pread (fd, &e, sizeof e, (off_t) (addr / (unsigned long long) page * 8));
  close (fd);
  if (k != (ssize_t) sizeof e || !(e >> 63))
    return -1;
  snprintf (path, sizeof path, "/proc/%d/mem", pid);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  k = pread (fd, buf, n, (off_t) addr);
  close (fd);
  return k == (ssize_t) n ? 0 : -1;
}

/* Within MS, PID is no process at all (a zombie handed to this test, its
   subreaper, is reaped first). */
static int
gone_within (int pid, int ms)
{
  long long end = now_ms () + ms;
  do
    {
      waitpid (pid, NULL, WNOHANG);
      if (kill (pid, 0) < 0 && errno == ESRCH)
        return 1;
      struct timespec t = { 0, 20 * 1000 * 1000 };
      nanosleep (&t, NULL);
    }
  while (now_ms () < end);
  return 0;
}

/* While the child runs: it is real, the tutor's, and maps the same object. */
static void
child_is_real (void)
{
  const char *what = "fork step";
  struct vt *vt = start_at (what, 4);
  if (!vt)
    return;
  int tutor = vt_pid (vt), child = screen_pid (vt, "child "), kids[8];
  int n = children_of (tutor, kids, 8);
  tap_ok (child > 0, "%s: the screen names the child (%d)", what, child);
  if (n < 0)
    tap_skip ("fork step: /proc/PID/task/PID/children is not there");
  else
    {
      int listed = 0;
      for (int i = 0; i < n; i++)
        listed |= kids[i] == child;
      tap_ok (listed, "%s: the kernel lists %d among the tutor's %d children", what, child, n);
    }
  tap_int (parent_of (child), tutor, "%s: /proc/%d/stat names the tutor as its parent", what, child);
  unsigned long long a = 0, b = 0;
  unsigned long ia = 0, ib = 1;
  int both = mapping_of (tutor, "/dev/zero (deleted)", &a, &ia)
    && mapping_of (child, "/dev/zero (deleted)", &b, &ib);
  tap_ok (both, "%s: both processes map /dev/zero MAP_SHARED", what);
  tap_ok (both && ia == ib && a == b, "%s: at the same address, the same inode (%lu, %lu)", what,
          ia, ib);
  char inode[32];
  snprintf (inode, sizeof inode, " %lu /dev/zero", ia);
  tap_ok (both && vt_find (vt, inode, NULL, NULL), "%s: the screen shows inode %lu", what, ia);
  vt_send (vt, "q");
  int status;
  tap_ok (vt_wait_exit (vt, WAIT_MS, &status), "%s: q quits", what);
  tap_ok (gone_within (child, 1000), "%s: after q the child %d is gone within a second", what, child);
  vt_free (vt);
}

/* The child's store, in the parent's page; and with MAP_PRIVATE, not. */
static void
stores_seen (void)
{
  const char *what = "child-store (MAP_SHARED)";
  char buf[32];
  struct vt *vt = start_at (what, 7);
  if (!vt)
    return;
  int tutor = vt_pid (vt), child = screen_pid (vt, "child ");
  unsigned long long a;
  unsigned long ino;
  if (tap_ok (mapping_of (tutor, "/dev/zero (deleted)", &a, &ino), "%s: the tutor maps it", what))
    {
      int ok = peek (tutor, a + 32, buf, 20) == 0;
      tap_ok (ok && memcmp (buf, "Hello from the child", 20) == 0,
              "%s: the tutor's page holds the child's store at +32 (/proc/%d/mem)", what, tutor);
    }
  /* Both panes show the row of the child's store. */
  int row, col;
  char line[512];
  const char *hex = "0020  48 65 6c 6c 6f 20 66 72";
  int twice = vt_find (vt, hex, &row, &col) && vt_row (vt, row, line, sizeof line) >= 0
    && strstr (line, hex) && strstr (strstr (line, hex) + 1, hex);
  tap_ok (twice, "%s: both panes show the store's row '%s'", what, hex);
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  tap_ok (gone_within (child, 1000), "%s: no child left after q", what);
  vt_free (vt);

  what = "child-store (MAP_PRIVATE)";
  vt = start_at (what, 17);
  if (!vt)
    return;
  tutor = vt_pid (vt);
  child = screen_pid (vt, "child ");
  unsigned long long b;
  unsigned long ib;
  int both = mapping_of (tutor, "/dev/zero", &a, &ino) && mapping_of (child, "/dev/zero", &b, &ib);
  tap_ok (both && a == b, "%s: both map the private page at one address", what);
  if (both)
    {
      char p0[32] = "", p32[32] = "", c0[32] = "", c32[32] = "";
      int ok = peek (tutor, a, p0, 21) == 0 && peek (tutor, a + 32, p32, 20) == 0
        && peek (child, b, c0, 19) == 0 && peek (child, b + 32, c32, 20) == 0;
      tap_ok (ok, "%s: both pages are present and readable from outside", what);
      tap_ok (ok && memcmp (p0, "Hello from the parent", 21) == 0,
              "%s: the parent's page holds the parent's store", what);
      tap_ok (ok && memcmp (c0, "written before fork", 19) == 0,
              "%s: the child's page still holds what was there at fork", what);
      tap_ok (ok && memcmp (c32, "Hello from the child", 20) == 0,
              "%s: the child's page holds the child's store", what);
      static const char zeros[20];
      tap_ok (ok && memcmp (p32, zeros, 20) == 0, "%s: the parent's page has none of it", what);
    }
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  tap_ok (gone_within (child, 1000), "%s: no child left after q", what);
  vt_free (vt);
}

/* Stepping back replays the lesson on a fresh mapping: the old child is
   killed and reaped, and one new child stands in its place. */
static void
step_back (void)
{
  const char *what = "p after the fork";
  struct vt *vt = start_at (what, 5);
  if (!vt)
    return;
  int tutor = vt_pid (vt), old = screen_pid (vt, "child "), kids[8];
  vt_send (vt, "p");
  shows (vt, what, "step 4/");
  settle (vt);
  int now = screen_pid (vt, "child ");
  int n = children_of (tutor, kids, 8);
  tap_ok (now > 0 && now != old, "%s: a new child (%d) stands for the old (%d)", what, now, old);
  tap_ok (gone_within (old, 1000), "%s: the old child is gone", what);
  if (n >= 0)
    tap_int (n, 1, "%s: the tutor has one child", what);
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  gone_within (now, 1000);
  vt_free (vt);
}

/* The stranger: a process of its own, gone when its pane is drawn, whose
   mapping is not the tutor's: the pane's inode is not the one the tutor's
   maps line names. */
static void
stranger_apart (void)
{
  const char *what = "the stranger step";
  struct vt *vt = start_at (what, 10);
  if (!vt)
    return;
  int tutor = vt_pid (vt), kids[8];
  unsigned long long a;
  unsigned long ino;
  char mine[48], row[1024];
  if (tap_ok (mapping_of (tutor, "/dev/zero (deleted)", &a, &ino), "%s: the tutor maps the page", what))
    {
      snprintf (mine, sizeof mine, "00:01 %lu /dev/zero", ino);
      int r;
      tap_ok (vt_find (vt, mine, &r, NULL), "%s: the parent's pane names its inode %lu", what, ino);
      int other = 0;
      if (vt_find (vt, "(exec'd, not forked)", &r, NULL))
        for (int k = r + 1; k < r + 3 && k < ROWS && !other; k++)
          {
            vt_row (vt, k, row, sizeof row);
            const char *second = strstr (row, "00:01 ");
            second = second ? strstr (second + 1, "00:01 ") : NULL;
            other = second && strtoul (second + 6, NULL, 10) != ino;
          }
      tap_ok (other, "%s: the stranger's pane names another inode", what);
    }
  tap_int (children_of (tutor, kids, 8), 0, "%s: no process of the tutor's is left", what);
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  vt_free (vt);
}

/* Every way the tutor can end leaves no child behind. */
static void
no_orphans (void)
{
  static const struct {
    const char *name;
    int sig;            /* sent from outside; 0: a key */
    const char *key;
    int stop_first;     /* Ctrl-Z first; 2: the child stopped with SIGSTOP, so
                           that only PR_SET_PDEATHSIG can end it */
  } ways[] = {
    { "SIGTERM", SIGTERM, NULL, 0 },
    { "SIGHUP", SIGHUP, NULL, 0 },
    { "SIGINT", SIGINT, NULL, 0 },
    { "SIGQUIT", SIGQUIT, NULL, 0 },
    { "SIGSEGV (a crash)", SIGSEGV, NULL, 0 },
    { "SIGKILL", SIGKILL, NULL, 0 },
    { "Ctrl-Z, then SIGKILL", SIGKILL, NULL, 1 },
    { "SIGKILL, the child stopped", SIGKILL, NULL, 2 },
    { "Ctrl-C", 0, "\003", 0 },
  };
  for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++)
    {
      char what[64];
      snprintf (what, sizeof what, "ended by %s", ways[i].name);
      struct vt *vt = start_at (what, 4);
      if (!vt)
        continue;
      int child = screen_pid (vt, "child ");
      if (ways[i].stop_first == 2 && child > 0)
        kill (child, SIGSTOP);
      if (ways[i].stop_first == 1)
        {
          vt_send (vt, "\032");
          struct timespec t = { 0, 300 * 1000 * 1000 };
          nanosleep (&t, NULL);
        }
      if (ways[i].sig)
        vt_kill (vt, ways[i].sig);
      else
        vt_send (vt, ways[i].key);
      tap_ok (vt_wait_exit (vt, 2 * WAIT_MS, NULL), "%s: the tutor ends", what);
      tap_ok (child > 0 && gone_within (child, 1000), "%s: the child %d is gone within a second",
              what, child);
      vt_free (vt);
    }
}

/* A child that maps the most a lesson may map (64 pages) exits when told
   to, and is not killed for an answer too large for the socket. */
static void
big_wait (void)
{
  const char *what = "wait with 64 pages mapped";
  char path[4200];
  snprintf (path, sizeof path, "%s/big.lesson", vt_tempdir ());
  static const char lesson[] =
    "title: The largest mapping, forked\n| int main() { return 0; }\n"
    "step: open\naction: open\npath: /dev/zero\nflags: O_RDWR\n"
    "step: mmap\naction: mmap\nlength: 64 pages\nprot: PROT_READ|PROT_WRITE\nflags: MAP_SHARED\n"
    "step: fork\naction: fork\n"
    "step: store\naction: child-write\ntext: hi\noffset: 8192\n"
    "step: wait\naction: wait\n";
  if (!tap_ok (write_file (path, lesson) == 0, "%s: the lesson is written", what))
    return;
  const char *args[] = { "--plain", "--lesson", path, "walkthrough", NULL };
  struct vt *vt = start_program (what, args, ROWS, COLS, child_env, NULL);
  if (!vt)
    return;
  for (int i = 0; i < 6; i++)
    {
      vt_pump (vt, 200);
      vt_send (vt, "\r");
    }
  shows_within (vt, what, "exited with status 0, reaped by waitpid", 2 * WAIT_MS);
  lacks (vt, what, "killed by signal");
  int status;
  tap_ok (vt_wait_exit (vt, 2 * WAIT_MS, &status), "%s: the line mode ends", what);
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  /* The tutor's orphans come to this test, which then sees them die. */
  prctl (PR_SET_CHILD_SUBREAPER, 1);
  child_is_real ();
  stores_seen ();
  step_back ();
  big_wait ();
  stranger_apart ();
  no_orphans ();
  vt_cleanup ();
  return tap_done ();
}

#endif
