/* outfile.c - a file we write: made new, or a temporary renamed over.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "xalloc.h"

#define MAX_LINKS 40            /* as the kernel's own limit (ELOOP) */

/* A stream on FD for O; -1 (FD closed) when there is none. */
static int
open_stream (struct outfile *o, int fd)
{
  o->f = fdopen (fd, "w");
  if (!o->f)
    {
      int e = errno;
      close (fd);
      errno = e;
      return -1;
    }
  o->err = 0;
  return 0;
}

int
outfile_new (struct outfile *o, const char *path, mode_t mode)
{
  memset (o, 0, sizeof *o);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode);
  if (fd < 0)
    return -1;
  if (open_stream (o, fd) != 0)
    {
      int e = errno;
      unlink (path);
      errno = e;
      return -1;
    }
  o->path = xstrdup (path);
  return 0;
}

/* The file PATH's links lead to (to be freed): PATH itself when it is no
   link, or is not there.  NULL with errno ELOOP for too many links, or
   readlink's error. */
static char *
follow_links (const char *path)
{
  char *p = xstrdup (path);
  for (int hops = 0;; hops++)
    {
      struct stat sb;
      if (lstat (p, &sb) != 0 || !S_ISLNK (sb.st_mode))
        return p;
      if (hops == MAX_LINKS)
        {
          free (p);
          errno = ELOOP;
          return NULL;
        }
      /* The link's text; st_size may be 0 (some file systems), or grow. */
      size_t cap = sb.st_size > 0 ? (size_t) sb.st_size + 1 : 256;
      char *to = NULL;
      ssize_t n;
      for (;;)
        {
          to = xmalloc (cap);
          n = readlink (p, to, cap);
          if (n < 0 || (size_t) n < cap || cap > 65536)
            break;
          free (to);
          cap *= 2;
        }
      if (n < 0 || (size_t) n >= cap)
        {
          int e = n < 0 ? errno : ENAMETOOLONG;
          free (to);
          free (p);
          errno = e;
          return NULL;
        }
      to[n] = '\0';
      char *next;
      const char *slash = strrchr (p, '/');
      if (to[0] == '/' || !slash)
        next = xstrdup (to);
      else
        next = xasprintf ("%.*s/%s", (int) (slash - p), p, to);
      free (to);
      free (p);
      p = next;
    }
}

int
outfile_replace (struct outfile *o, const char *path, mode_t mode)
{
  memset (o, 0, sizeof *o);
  char *target = follow_links (path);
  if (!target)
    return -1;
  const char *slash = strrchr (target, '/');
  char *tmp = slash ? xasprintf ("%.*s/.%s.XXXXXX", (int) (slash - target), target, slash + 1)
                    : xasprintf (".%s.XXXXXX", target);
  struct stat sb;
  if (stat (target, &sb) == 0)
    {
      if (!S_ISREG (sb.st_mode))
        {
          /* A link to /dev/null or to a folder: nothing is renamed over
             it (root could replace a device). */
          free (tmp);
          free (target);
          errno = S_ISDIR (sb.st_mode) ? EISDIR : EINVAL;
          return -1;
        }
      mode = sb.st_mode & 0777;
    }
  else
    {
      /* A new file: the mode asked, less the umask, as open would make it. */
      mode_t mask = umask (0);
      umask (mask);
      mode &= ~mask;
    }
  int fd = mkstemp (tmp);
  if (fd < 0)
    {
      int e = errno;
      free (tmp);
      free (target);
      errno = e;
      return -1;
    }
  int e = 0;
  if (fchmod (fd, mode) != 0)
    {
      e = errno;
      close (fd);
    }
  else if (open_stream (o, fd) != 0)
    e = errno;
  if (e)
    {
      unlink (tmp);
      free (tmp);
      free (target);
      errno = e;
      return -1;
    }
  o->path = target;
  o->tmp = tmp;
  return 0;
}

int
outfile_printf (struct outfile *o, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vfprintf (o->f, fmt, ap);
  va_end (ap);
  if (n < 0 && !o->err)
    o->err = errno ? errno : EIO;
  return n;
}

int
outfile_write (struct outfile *o, const void *p, size_t n)
{
  if (n && fwrite (p, 1, n, o->f) != n)
    {
      if (!o->err)
        o->err = errno ? errno : EIO;
      return -1;
    }
  return 0;
}

/* Forget O's names. */
static void
forget (struct outfile *o)
{
  free (o->path);
  free (o->tmp);
  o->path = o->tmp = NULL;
  o->f = NULL;
}

/* Sync the folder that holds PATH, so that a rename in it lasts. */
static void
sync_folder (const char *path)
{
  const char *slash = strrchr (path, '/');
  char *dir = slash ? xasprintf ("%.*s", slash == path ? 1 : (int) (slash - path), path)
                    : xstrdup (".");
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  free (dir);
}

int
outfile_commit (struct outfile *o)
{
  int e = o->err;
  if (fflush (o->f) != 0 && !e)
    e = errno ? errno : EIO;
  if (ferror (o->f) && !e)
    e = EIO;
  if (!e && fsync (fileno (o->f)) != 0 && errno != EINVAL)
    e = errno;
  if (fclose (o->f) != 0 && !e)
    e = errno ? errno : EIO;
  const char *made = o->tmp ? o->tmp : o->path;
  if (!e && o->tmp && rename (o->tmp, o->path) != 0)
    e = errno;
  if (e)
    {
      unlink (made);
      forget (o);
      errno = e;
      return -1;
    }
  sync_folder (o->path);
  forget (o);
  return 0;
}

void
outfile_abandon (struct outfile *o)
{
  int e = errno;
  if (o->f)
    {
      fclose (o->f);
      unlink (o->tmp ? o->tmp : o->path);
    }
  forget (o);
  errno = e;
}
