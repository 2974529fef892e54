/* exercise-watch.c - the saves of the learner's file.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exercise-watch.h"

void
ex_watch_start (struct ex_watch *w, const char *dir, const char *path, const char *name,
                char *msg, size_t len)
{
  const uint32_t events = IN_CLOSE_WRITE | IN_MOVED_TO;
  snprintf (w->name, sizeof w->name, "%s", name);
  w->target[0] = '\0';
  w->fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  if (w->fd >= 0 && inotify_add_watch (w->fd, dir, events) < 0)
    {
      close (w->fd);
      w->fd = -1;
    }
  if (w->fd < 0)
    {
      snprintf (msg, len, "Saves are not watched here (%s): c checks.",
                strerror (errno));
      return;
    }
  char *real = realpath (path, NULL);
  char *slash = real ? strrchr (real, '/') : NULL;
  struct stat l;
  if (slash && lstat (path, &l) == 0 && S_ISLNK (l.st_mode) && strlen (slash + 1)
      < sizeof w->target)
    {
      snprintf (w->target, sizeof w->target, "%s", slash + 1);
      *slash = '\0';
      if (inotify_add_watch (w->fd, real[0] ? real : "/", events) < 0)
        snprintf (msg, len, "Saves through the link are not watched (%s): c "
                  "checks.", strerror (errno));
    }
  free (real);
}

int
ex_watch_saved (struct ex_watch *w)
{
  char buf[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  int hit = 0;
  ssize_t n;
  if (w->fd < 0)
    return 0;
  while ((n = read (w->fd, buf, sizeof buf)) > 0)
    for (char *p = buf; p < buf + n;)
      {
        const struct inotify_event *e = (const struct inotify_event *) p;
        /* The queue overflowed: some event was lost, maybe the save. */
        if (e->mask & IN_Q_OVERFLOW)
          hit = 1;
        if (e->len && (strcmp (e->name, w->name) == 0
                       || (w->target[0] && strcmp (e->name, w->target) == 0)))
          hit = 1;
        p += sizeof *e + e->len;
      }
  return hit;
}

void
ex_watch_stop (struct ex_watch *w)
{
  if (w->fd >= 0)
    close (w->fd);
  w->fd = -1;
}
