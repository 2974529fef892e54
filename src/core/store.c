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

#include "store.h"
#include "text.h"

#define HEADER "shmtutor-progress 1"

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

static uint64_t
key_hash (const char *s)
{
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++)
    h = (h ^ (unsigned char) *s) * 1099511628211ULL;
  return h;
}

static int
reindex (struct store *st, size_t cap)
{
  size_t *ix = malloc (cap * sizeof *ix);
  if (!ix)
    return -1;
  for (size_t i = 0; i < cap; i++)
    ix[i] = (size_t) -1;
  for (size_t i = 0; i < st->n; i++)
    {
      size_t j = key_hash (st->items[i].key) & (cap - 1);
      while (ix[j] != (size_t) -1)
        j = (j + 1) & (cap - 1);
      ix[j] = i;
    }
  free (st->index);
  st->index = ix;
  st->index_cap = cap;
  return 0;
}

const struct store_item *
store_find (const struct store *st, const char *key)
{
  if (!st->index_cap)
    return NULL;
  size_t j = key_hash (key) & (st->index_cap - 1);
  while (st->index[j] != (size_t) -1)
    {
      if (strcmp (st->items[st->index[j]].key, key) == 0)
        return &st->items[st->index[j]];
      j = (j + 1) & (st->index_cap - 1);
    }
  return NULL;
}

struct store_item *
store_get (struct store *st, const char *key)
{
  const struct store_item *f = store_find (st, key);
  if (f)
    return (struct store_item *) f;
  if (strlen (key) >= STORE_MAX_KEY)
    return NULL;
  if (st->n == st->cap)
    {
      size_t cap = st->cap ? st->cap * 2 : 64;
      struct store_item *it = realloc (st->items, cap * sizeof *it);
      if (!it)
        return NULL;
      st->items = it;
      st->cap = cap;
    }
  struct store_item *it = &st->items[st->n++];
  memset (it, 0, sizeof *it);
  snprintf (it->key, sizeof it->key, "%s", key);
  if (st->n * 2 > st->index_cap)
    {
      /* Grow the index; it takes in the new item with the rest. */
      if (reindex (st, st->index_cap ? st->index_cap * 2 : 128) != 0)
        {
          st->n--;
          return NULL;
        }
    }
  else
    {
      size_t j = key_hash (key) & (st->index_cap - 1);
      while (st->index[j] != (size_t) -1)
        j = (j + 1) & (st->index_cap - 1);
      st->index[j] = st->n - 1;
    }
  return it;
}

static void
clear_items (struct store *st)
{
  free (st->items);
  free (st->index);
  st->items = NULL;
  st->index = NULL;
  st->n = st->cap = st->index_cap = 0;
}

/* One line: "card KEY BOX DUE SEEN RIGHT LAPSES", "walk NAME STEP" or
   "predict NAME RIGHT GUESSES". */
static int
parse_line (struct store *st, char *s)
{
  char kind[8], name[STORE_MAX_KEY];
  long long due;
  int box, step, used = 0;
  unsigned seen, right, lapses;

  if (sscanf (s, "%7s %127s%n", kind, name, &used) != 2)
    return -1;
  char key[STORE_MAX_KEY + 8];
  snprintf (key, sizeof key, "%s %s", kind, name);
  if (strlen (key) >= STORE_MAX_KEY)
    return -1;
  if (strcmp (kind, "card") == 0)
    {
      int end = 0;
      if (sscanf (s + used, " %d %lld %u %u %u %n", &box, &due, &seen, &right, &lapses, &end)
          != 5 || s[used + end] != '\0' || box < 0 || box >= SCHED_BOXES || due < 0
          || right > seen)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->card = (struct sched_card) { box, due, seen, right, lapses };
    }
  else if (strcmp (kind, "walk") == 0)
    {
      int end = 0;
      if (sscanf (s + used, " %d %n", &step, &end) != 1 || s[used + end] != '\0'
          || step < 1 || step > 1000)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->step = step;
    }
  else if (strcmp (kind, "predict") == 0)
    {
      int end = 0;
      if (sscanf (s + used, " %u %u %n", &right, &seen, &end) != 2 || s[used + end] != '\0'
          || right > seen)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->card.right = right;
      it->card.seen = seen;
    }
  else
    return -1;
  return 0;
}

int
store_parse (struct store *st, const char *buf, size_t len)
{
  char line[512];
  int lineno = 0, header = 0;

  clear_items (st);
  if (len > STORE_MAX_BYTES)
    {
      snprintf (st->warning, sizeof st->warning, "the progress file is too large");
      return -1;
    }
  for (size_t at = 0; at < len;)
    {
      const char *nl = memchr (buf + at, '\n', len - at);
      size_t n = nl ? (size_t) (nl - (buf + at)) : len - at;
      lineno++;
      if (!nl || n >= sizeof line || memchr (buf + at, '\0', n))
        {
          snprintf (st->warning, sizeof st->warning,
                    "line %d of the progress file is %s", lineno,
                    !nl ? "cut short" : n >= sizeof line ? "too long" : "binary");
          clear_items (st);
          return -1;
        }
      memcpy (line, buf + at, n);
      line[n] = '\0';
      at += n + 1;
      if (line[0] == '#' || line[0] == '\0')
        continue;
      if (!header)
        {
          if (strcmp (line, HEADER) != 0)
            {
              snprintf (st->warning, sizeof st->warning,
                        "the progress file does not start with '" HEADER "'");
              return -1;
            }
          header = 1;
          continue;
        }
      if (parse_line (st, line) != 0)
        {
          snprintf (st->warning, sizeof st->warning,
                    "line %d of the progress file is malformed", lineno);
          clear_items (st);
          return -1;
        }
    }
  if (len && !header)
    {
      snprintf (st->warning, sizeof st->warning, "the progress file has no header");
      return -1;
    }
  return 0;
}

/* Read PATH into ST; 0 when read (or missing), -1 corrupt, -2 unreadable. */
static int
read_file (struct store *st, const char *path)
{
  FILE *f = fopen (path, "re");
  if (!f)
    {
      if (errno == ENOENT)
        {
          clear_items (st);
          return 0;
        }
      snprintf (st->warning, sizeof st->warning, "cannot read %s: %s", path,
                strerror (errno));
      return -2;
    }
  char *buf = malloc (STORE_MAX_BYTES + 1);
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
mkdirs (const char *dir)
{
  char tmp[1024];
  snprintf (tmp, sizeof tmp, "%s", dir);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/')
      {
        *p = '\0';
        if (mkdir (tmp, 0700) != 0 && errno != EEXIST)
          return -1;
        *p = '/';
      }
  return mkdir (tmp, 0700) != 0 && errno != EEXIST ? -1 : 0;
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
  if (save && (mkdirs (dir) != 0 || access (dir, W_OK) != 0))
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

static int
write_all (struct store *st, int fd)
{
  FILE *f = fdopen (fd, "w");
  if (!f)
    {
      close (fd);
      return -1;
    }
  fprintf (f, "# shmtutor progress: card KEY BOX DUE SEEN RIGHT LAPSES; walk LESSON STEP;\n"
           "# predict LESSON RIGHT GUESSES\n"
           HEADER "\n");
  for (size_t i = 0; i < st->n; i++)
    {
      const struct store_item *it = &st->items[i];
      if (strncmp (it->key, "card ", 5) == 0)
        fprintf (f, "%s %d %lld %u %u %u\n", it->key, it->card.box, it->card.due,
                 it->card.seen, it->card.right, it->card.lapses);
      else if (strncmp (it->key, "predict ", 8) == 0)
        fprintf (f, "%s %u %u\n", it->key, it->card.right, it->card.seen);
      else
        fprintf (f, "%s %d\n", it->key, it->step);
    }
  int bad = fflush (f) != 0 || ferror (f) || fsync (fileno (f)) != 0;
  return fclose (f) != 0 || bad ? -1 : 0;
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
  char tmp[1200];
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
      clear_items (&disk);
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
      clear_items (&disk);
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
  snprintf (tmp, sizeof tmp, "%s/.progress.XXXXXX", st->dir);
  int fd = mkstemp (tmp);
  if (fd < 0)
    goto out;
  if (write_all (&disk, fd) != 0 || rename (tmp, st->path) != 0)
    {
      unlink (tmp);
      goto out;
    }
  int dfd = open (st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  /* Take the merged state: another shmtutor's saves show up too. */
  clear_items (st);
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
  clear_items (&disk);
  close (lock);
  return rc;
}

int
store_reset (struct store *st)
{
  clear_items (st);
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
  clear_items (st);
}
