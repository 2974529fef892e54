/* test-outfile.c - the files we write: made new, or a temporary renamed
   over; through links, on a full disk, never half written.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "outfile.h"
#include "tap.h"

static char dir[PATH_MAX];

/* DIR/NAME into a static buffer (two at a time). */
static const char *
at (const char *name)
{
  static char buf[2][PATH_MAX + 64];
  static int k;
  k ^= 1;
  snprintf (buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

/* The text of PATH (to compare), or "(none)". */
static const char *
text_of (const char *path)
{
  static char buf[256];
  FILE *f = fopen (path, "r");
  if (!f)
    return "(none)";
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose (f);
  return buf;
}

static void
put (const char *path, const char *text)
{
  FILE *f = fopen (path, "w");
  if (f)
    {
      fputs (text, f);
      fclose (f);
    }
}

/* How many names in DIR and in DIR/real start with '.' (the
   temporaries), "." and ".." aside. */
static int
hidden (void)
{
  int n = 0;
  for (int k = 0; k < 2; k++)
    {
      DIR *d = opendir (k ? at ("real") : dir);
      if (!d)
        continue;
      for (struct dirent *e; (e = readdir (d));)
        n += e->d_name[0] == '.' && strcmp (e->d_name, ".") && strcmp (e->d_name, "..");
      closedir (d);
    }
  return n;
}

static int
is_link (const char *path)
{
  struct stat sb;
  return lstat (path, &sb) == 0 && S_ISLNK (sb.st_mode);
}

/* Write TEXT to O and commit it. */
static int
write_commit (struct outfile *o, const char *text)
{
  outfile_printf (o, "%s", text);
  return outfile_commit (o);
}

static void
test_new (void)
{
  struct outfile o;
  tap_int (outfile_new (&o, at ("new"), 0644), 0, "outfile_new: a new file is made");
  tap_int (write_commit (&o, "one\n"), 0, "outfile_new: written and committed");
  tap_str (text_of (at ("new")), "one\n", "outfile_new: it holds what was written");
  errno = 0;
  tap_ok (outfile_new (&o, at ("new"), 0644) == -1 && errno == EEXIST,
          "outfile_new over a file: EEXIST");
  tap_str (text_of (at ("new")), "one\n", "outfile_new over a file: the file as it was");
  put (at ("target"), "precious\n");
  symlink (at ("target"), at ("link"));
  errno = 0;
  tap_ok (outfile_new (&o, at ("link"), 0644) == -1 && errno == EEXIST,
          "outfile_new on a link: EEXIST, the link not followed");
  tap_str (text_of (at ("target")), "precious\n", "outfile_new on a link: its target as it was");
  symlink (at ("nowhere"), at ("dangling"));
  tap_ok (outfile_new (&o, at ("dangling"), 0644) == -1 && access (at ("nowhere"), F_OK) != 0,
          "outfile_new on a link that leads nowhere: refused, nothing made where it leads");
  tap_int (outfile_new (&o, at ("gone"), 0644), 0, "outfile_abandon: a file begun");
  outfile_printf (&o, "half\n");
  outfile_abandon (&o);
  tap_ok (access (at ("gone"), F_OK) != 0, "outfile_abandon: it is removed");
}

static void
test_replace (void)
{
  struct outfile o;
  mode_t mask = umask (022);
  umask (mask);
  put (at ("plain"), "old\n");
  chmod (at ("plain"), 0640);
  tap_int (outfile_replace (&o, at ("plain"), 0600), 0, "outfile_replace: begun");
  tap_str (text_of (at ("plain")), "old\n", "outfile_replace: the old file stays until commit");
  tap_int (write_commit (&o, "new\n"), 0, "outfile_replace: committed");
  tap_str (text_of (at ("plain")), "new\n", "outfile_replace: the file is replaced");
  struct stat sb;
  tap_ok (stat (at ("plain"), &sb) == 0 && (sb.st_mode & 07777) == 0640,
          "outfile_replace: the file keeps its mode (0640)");
  tap_int (hidden (), 0, "outfile_replace: no temporary is left");

  /* A link, relative, into another folder: the file at its end is
     written, the link stays a link. */
  mkdir (at ("real"), 0700);
  put (at ("real/progress"), "theirs\n");
  symlink ("real/progress", at ("linked"));
  tap_int (outfile_replace (&o, at ("linked"), 0600), 0, "through a link: begun");
  tap_int (write_commit (&o, "written through\n"), 0, "through a link: committed");
  tap_ok (is_link (at ("linked")), "through a link: the link is still a link");
  tap_str (text_of (at ("real/progress")), "written through\n",
           "through a link: its target holds what was written");
  /* A chain: a -> b -> real/progress. */
  symlink ("linked", at ("chain"));
  tap_int (outfile_replace (&o, at ("chain"), 0600), 0, "a chain of two links: begun");
  tap_int (write_commit (&o, "chained\n"), 0, "a chain of two links: committed");
  tap_ok (is_link (at ("chain")) && is_link (at ("linked")), "a chain: both links stay");
  tap_str (text_of (at ("real/progress")), "chained\n", "a chain: the file at its end is written");
  /* A link that leads nowhere yet: the file it names is made. */
  symlink ("real/later", at ("ahead"));
  tap_int (outfile_replace (&o, at ("ahead"), 0640), 0, "a link that leads nowhere: begun");
  tap_int (write_commit (&o, "made\n"), 0, "a link that leads nowhere: committed");
  tap_ok (is_link (at ("ahead")) && strcmp (text_of (at ("real/later")), "made\n") == 0,
          "a link that leads nowhere: its file is made, the link kept");
  tap_ok (stat (at ("real/later"), &sb) == 0 && (sb.st_mode & 07777) == (0640 & ~mask),
          "a new file gets the mode asked less the umask (0640 & ~%03o)", (unsigned) mask);
  /* A link to something that is no regular file: never replaced. */
  symlink ("/dev/null", at ("to-null"));
  errno = 0;
  tap_ok (outfile_replace (&o, at ("to-null"), 0600) == -1 && errno == EINVAL,
          "a link to /dev/null: refused (EINVAL), the device never renamed over");
  errno = 0;
  tap_ok (outfile_replace (&o, at ("real"), 0600) == -1 && errno == EISDIR,
          "a folder: refused (EISDIR)");
  /* A loop. */
  symlink ("loop2", at ("loop1"));
  symlink ("loop1", at ("loop2"));
  errno = 0;
  tap_ok (outfile_replace (&o, at ("loop1"), 0600) == -1 && errno == ELOOP,
          "a loop of links: ELOOP");
  errno = 0;
  tap_ok (outfile_replace (&o, at ("no/such/folder"), 0600) == -1 && errno == ENOENT,
          "a folder that is not there: ENOENT");
  tap_int (hidden (), 0, "no temporary is left by any of them");
}

/* A file may grow to at most 100 bytes (RLIMIT_FSIZE, SIGXFSZ ignored):
   a write past it fails with EFBIG, as on a full disk. */
static void
test_full (void)
{
  struct rlimit old, small = { 100, 100 };
  if (getrlimit (RLIMIT_FSIZE, &old) != 0 || old.rlim_cur < 100)
    {
      tap_skip ("RLIMIT_FSIZE cannot be set here");
      return;
    }
  small.rlim_max = old.rlim_max;
  signal (SIGXFSZ, SIG_IGN);
  put (at ("kept"), "the old text\n");
  if (setrlimit (RLIMIT_FSIZE, &small) != 0)
    {
      tap_skip ("RLIMIT_FSIZE cannot be lowered here");
      signal (SIGXFSZ, SIG_DFL);
      return;
    }
  struct outfile o;
  char big[400];
  memset (big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  int rc = outfile_replace (&o, at ("kept"), 0600);
  if (rc == 0)
    rc = write_commit (&o, big);
  int e = errno;
  tap_ok (rc == -1 && e == EFBIG, "a replacement that does not fit: -1, EFBIG (got %d, %s)", rc,
          strerror (e));
  tap_str (text_of (at ("kept")), "the old text\n", "it: the old file is as it was");
  tap_int (hidden (), 0, "it: no temporary is left");
  rc = outfile_new (&o, at ("fresh"), 0644);
  if (rc == 0)
    rc = write_commit (&o, big);
  tap_ok (rc == -1 && access (at ("fresh"), F_OK) != 0,
          "a new file that does not fit: -1, and it is removed");
  setrlimit (RLIMIT_FSIZE, &old);
  signal (SIGXFSZ, SIG_DFL);
}

int
main (void)
{
  const char *tmp = getenv ("TMPDIR");
  snprintf (dir, sizeof dir, "%s/test-outfile.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp (dir))
    {
      tap_ok (0, "mkdtemp: %s", strerror (errno));
      return tap_done ();
    }
  test_new ();
  test_replace ();
  test_full ();
  char cmd[PATH_MAX + 16];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system (cmd) != 0)
    tap_diag ("could not remove %s", dir);
  return tap_done ();
}
