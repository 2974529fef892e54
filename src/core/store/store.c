/* store.c - progress on disk, written atomically under a lock.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "store-int.h"
#include "dirs.h"
#include "text.h"
#include "xalloc.h"


const char *
store_default_dir (char *buf, size_t len)
{
  const char *x = getenv ("XDG_STATE_HOME"), *home = getenv ("HOME");
  int n;
  /* The spec says a relative XDG_STATE_HOME is to be ignored. */
  if (x && x[0] == '/')
    n = snprintf (buf, len, "%s/shmtutor", x);
  else if (home && *home)
    n = snprintf (buf, len, "%s/.local/state/shmtutor", home);
  else
    return NULL;
  return n > 0 && (size_t) n < len ? buf : NULL;
}

/* Read PATH into ST; 0 when read (or missing), -1 corrupt, -2 unreadable. */
static int
read_file (struct store *st, const char *path)
{
  /* Not waited on when it is a FIFO: refused, as anything not a regular
     file is. */
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  struct stat sb;
  FILE *f = NULL;
  if (fd < 0)
    {
      if (errno == ENOENT)
        {
          store_clear (st);
          return 0;
        }
      snprintf (st->warning, sizeof st->warning, "cannot read %s: %s", path,
                strerror (errno));
      return -2;
    }
  int regular = fstat (fd, &sb) == 0 && S_ISREG (sb.st_mode);
  if (!regular || !(f = fdopen (fd, "r")))
    {
      snprintf (st->warning, sizeof st->warning, "cannot read %s: %s", path,
                regular ? strerror (errno) : "not a regular file");
      close (fd);
      return -2;
    }
  char *buf = xmalloc (STORE_MAX_BYTES + 1);
  size_t len = buf ? fread (buf, 1, STORE_MAX_BYTES + 1, f) : 0;
  int bad = !buf || ferror (f);
  fclose (f);
  if (bad)
    {
      free (buf);
      snprintf (st->warning, sizeof st->warning, "cannot read %s", path);
      return -2;
    }
  int rc = store_parse (st, buf, len);
  free (buf);
  return rc;
}

/* Rename a corrupt file out of the way, keeping it for a look. */
static void
set_aside (struct store *st)
{
  char aside[1200], why[256];
  snprintf (why, sizeof why, "%.200s", st->warning);
  /* A new name each time: a second bad file in the same second must not
     replace the first. */
  struct stat sb;
  long long t = (long long) time (NULL);
  snprintf (aside, sizeof aside, "%s.corrupt-%lld", st->path, t);
  for (int k = 1; k < 100 && lstat (aside, &sb) == 0; k++)
    snprintf (aside, sizeof aside, "%s.corrupt-%lld.%d", st->path, t, k);
  if (rename (st->path, aside) == 0)
    snprintf (st->warning, sizeof st->warning, "Progress file set aside as %s, starting "
              "afresh: %s.", strrchr (aside, '/') + 1, why);
  else
    {
      snprintf (st->warning, sizeof st->warning, "Progress will not be saved: %s, and it "
                "cannot be set aside (%s).", why, strerror (errno));
      st->save = 0;
    }
}

static int
lock_dir (struct store *st)
{
  char lock[1100];
  snprintf (lock, sizeof lock, "%s/progress.lock", st->dir);
  int fd = open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        close (fd);
        return -1;
      }
  return fd;
}

int
store_open (struct store *st, const char *dir, int save)
{
  memset (st, 0, sizeof *st);
  st->save = save;
  if ((size_t) snprintf (st->dir, sizeof st->dir, "%s", dir) >= sizeof st->dir)
    {
      snprintf (st->warning, sizeof st->warning, "Progress will not be saved: the state "
                "folder's name is too long.");
      st->save = 0;
      return 0;
    }
  snprintf (st->path, sizeof st->path, "%s/progress", dir);
  if (save && (dirs_make (dir) != 0 || access (dir, W_OK) != 0))
    {
      snprintf (st->warning, sizeof st->warning, "Progress will not be saved: cannot write "
                "to %s (%s).", dir, strerror (errno));
      st->save = 0;
    }
  int lock = st->save ? lock_dir (st) : -1;
  /* A warning already given (saving is off) says more than a failed read
     of the same folder would. */
  char earlier[sizeof st->warning];
  memcpy (earlier, st->warning, sizeof earlier);
  int rc = read_file (st, st->path);
  if (rc != 0 && earlier[0])
    memcpy (st->warning, earlier, sizeof earlier);
  if (rc == -1 && st->save)
    set_aside (st);
  else if (rc == -2)
    st->save = 0;
  if (lock >= 0)
    close (lock);
  return 0;
}

static void
remove_stale (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  char path[1400];
  if (!d)
    return;
  while ((e = readdir (d)))
    if (strncmp (e->d_name, ".progress.", 10) == 0 && strlen (e->d_name) == 16)
      {
        snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
        unlink (path);
      }
  closedir (d);
}

int
store_save (struct store *st)
{
  struct store disk;
  int rc = -1;

  if (!st->save)
    return 0;
  int lock = lock_dir (st);
  if (lock < 0)
    {
      snprintf (st->warning, sizeof st->warning, "cannot lock %s: %s", st->dir,
                strerror (errno));
      return -1;
    }
  /* A temporary file left by a save that was killed is stale now that we
     hold the lock: no other save is writing one. */
  remove_stale (st->dir);
  /* What is on disk now, with our changes over it. */
  memset (&disk, 0, sizeof disk);
  snprintf (disk.path, sizeof disk.path, "%s", st->path);
  disk.save = 1;
  int rrc = read_file (&disk, st->path);
  if (rrc == -1)
    {
      /* The file went bad since it was read: keep it for a look, as at
         start-up, and write ours afresh. */
      set_aside (&disk);
      memcpy (st->warning, disk.warning, sizeof st->warning);
      store_clear (&disk);
      if (!disk.save)
        {
          close (lock);
          return -1;
        }
      /* Nothing on disk to merge with: all of ours is written, not just
         what changed. */
      for (size_t i = 0; i < st->n; i++)
        st->items[i].dirty = 1;
    }
  else if (rrc == -2)
    {
      memcpy (st->warning, disk.warning, sizeof st->warning);
      store_clear (&disk);
      close (lock);
      return -1;
    }
  for (size_t i = 0; i < st->n; i++)
    if (st->items[i].dirty)
      {
        struct store_item *d = store_get (&disk, st->items[i].key);
        if (!d)
          goto out;
        *d = st->items[i];
        d->dirty = 0;
      }
  /* Written whole, then renamed over the old one; a link to the
     progress file keeps leading to it (outfile_replace writes its
     target). */
  struct outfile out;
  if (outfile_replace (&out, st->path, 0600) != 0)
    goto out;
  store_write (&disk, out.f);
  if (outfile_commit (&out) != 0)
    goto out;
  /* Take the merged state: another shmtutor's saves show up too. */
  store_clear (st);
  st->items = disk.items;
  st->n = disk.n;
  st->cap = disk.cap;
  st->index = disk.index;
  st->index_cap = disk.index_cap;
  disk.items = NULL;
  disk.index = NULL;
  rc = 0;
out:
  if (rc != 0)
    snprintf (st->warning, sizeof st->warning, "cannot save progress in %s: %s", st->dir,
              strerror (errno));
  store_clear (&disk);
  close (lock);
  return rc;
}

int
store_reset (struct store *st)
{
  store_clear (st);
  if (unlink (st->path) != 0 && errno != ENOENT)
    {
      snprintf (st->warning, sizeof st->warning, "cannot remove %s: %s", st->path,
                strerror (errno));
      return -1;
    }
  return 0;
}

void
store_close (struct store *st)
{
  store_clear (st);
}
