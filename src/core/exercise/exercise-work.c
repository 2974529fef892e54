/* exercise-work.c - the learner's files.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirs.h"
#include "exercise-work.h"
#include "outfile.h"
#include "xalloc.h"

const char *
exercise_work_default (char *buf, size_t len)
{
  char user[4096];
  if (!dirs_user_data (user, sizeof user))
    return NULL;
  int n = snprintf (buf, len, "%s/work", user);
  return n > 0 && (size_t) n < len ? buf : NULL;
}

/* Write the starting file of X to the open O and commit it.  0 or -1. */
static int
write_start (const struct exercise *x, struct outfile *o)
{
  char *start = exercise_start_text (x);
  outfile_write (o, start, strlen (start));
  free (start);
  return outfile_commit (o);
}

int
exercise_learner_file (const struct exercise *x, const char *work, char *path, size_t len,
                       int *made, char *err, size_t errlen)
{
  *made = 0;
  if (!work || !*work)
    {
      snprintf (err, errlen, "no work folder: set XDG_DATA_HOME or HOME, or give "
                "--work-dir DIR");
      return -1;
    }
  int n = snprintf (path, len, "%s/%s", work, x->file);
  if (n < 0 || (size_t) n >= len)
    {
      snprintf (err, errlen, "%s: the work folder's name is too long", work);
      return -1;
    }
  if (dirs_make (work) != 0)
    {
      snprintf (err, errlen, "cannot make the work folder %s: %s", work, strerror (errno));
      return -1;
    }
  /* Made once, never written over: the learner's work is theirs. */
  struct outfile o;
  if (outfile_new (&o, path, 0644) != 0)
    {
      if (errno == EEXIST)
        return 0;
      snprintf (err, errlen, "cannot make %s: %s", path, strerror (errno));
      return -1;
    }
  if (write_start (x, &o) != 0)
    {
      snprintf (err, errlen, "cannot write %s: %s", path, strerror (errno));
      return -1;
    }
  *made = 1;
  return 0;
}

/* Does the file PATH hold exactly TEXT?  1 yes, 0 no (or unreadable). */
static int
holds (const char *path, const char *text)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return 0;
  size_t want = strlen (text), got = 0;
  char buf[4096];
  int same = 1;
  for (;;)
    {
      ssize_t k = read (fd, buf, sizeof buf);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        {
          same &= k == 0 && got == want;
          break;
        }
      if (got + (size_t) k > want || memcmp (text + got, buf, (size_t) k) != 0)
        {
          same = 0;
          break;
        }
      got += (size_t) k;
    }
  close (fd);
  return same;
}

/* Keep PATH's bytes under NAME, a new file: a hard link to the file (to
   the one a symbolic link leads to, which is the one replaced), or, where
   the file system has none (vfat, some FUSE ones) or NAME would be on
   another one, a copy.  0, or -1 with errno (EEXIST: NAME is taken). */
static int
keep_as (const char *path, const char *name)
{
  if (linkat (AT_FDCWD, path, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
    return 0;
  if (errno != EPERM && errno != EXDEV && errno != EOPNOTSUPP && errno != EMLINK)
    return -1;
  int in = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (in < 0)
    return -1;
  struct outfile o;
  if (outfile_new (&o, name, 0644) != 0)
    {
      int e = errno;
      close (in);
      errno = e;
      return -1;
    }
  char buf[4096];
  ssize_t k;
  while ((k = read (in, buf, sizeof buf)) > 0 || (k < 0 && errno == EINTR))
    if (k > 0)
      outfile_write (&o, buf, (size_t) k);
  int e = errno;
  close (in);
  if (k < 0)
    {
      outfile_abandon (&o);
      errno = e;
      return -1;
    }
  return outfile_commit (&o);
}

int
exercise_reset (const struct exercise *x, const char *path, char *kept, size_t keptlen,
                char *err, size_t errlen)
{
  char *start = exercise_start_text (x);
  kept[0] = '\0';
  int missing = access (path, F_OK) != 0 && errno == ENOENT;
  int rc = 0;
  if (!missing && !holds (path, start))
    {
      /* The learner's bytes get a second name first, or nothing happens
         at all.  An existing .orig is never written over. */
      rc = -1;
      for (int i = 1; i <= 99 && rc != 0; i++)
        {
          char name[EXERCISE_PATH_MAX + 16];
          if (i == 1)
            snprintf (name, sizeof name, "%s.orig", path);
          else
            snprintf (name, sizeof name, "%s.orig.%d", path, i);
          if (keep_as (path, name) == 0)
            {
              snprintf (kept, keptlen, "%s", name);
              rc = 0;
            }
          else if (errno != EEXIST)
            {
              snprintf (err, errlen, "cannot keep your version as %s: %s", name,
                        strerror (errno));
              free (start);
              return -1;
            }
        }
      if (rc != 0)
        {
          snprintf (err, errlen, "%s.orig up to .orig.99 are all taken: remove some", path);
          free (start);
          return -1;
        }
    }
  struct outfile o;
  if (outfile_replace (&o, path, 0644) != 0)
    rc = -1;
  else
    rc = write_start (x, &o);
  if (rc != 0)
    snprintf (err, errlen, "cannot write %s: %s%s%s", path, strerror (errno),
              kept[0] ? "; your version is also in " : "", kept);
  free (start);
  return rc;
}
