/* exercise-watch.h - the saves of the learner's file, seen as they
   happen (inotify), as rustlings' watch mode sees them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EXERCISE_WATCH_H
#define SHMTUTOR_EXERCISE_WATCH_H

#include <stddef.h>

struct ex_watch {
  int fd;                       /* the inotify descriptor; -1: nothing watched */
  char name[256];               /* the learner's file's name in its folder */
  char target[256];             /* when it is a symbolic link into another
                                   folder, the name of the file it leads to
                                   (that folder is watched too); else "" */
};

/* Watch DIR, where PATH (called NAME there) is, for a file written and
   closed or renamed into place: every editor's way of saving.  When it
   cannot be watched, W->fd is -1 and why is in MSG (LEN bytes). */
void ex_watch_start (struct ex_watch *w, const char *dir, const char *path, const char *name,
                     char *msg, size_t len);

/* Whether the events since the last look name the learner's file (or the
   queue overflowed, losing some): all of them are taken. */
int ex_watch_saved (struct ex_watch *w);

void ex_watch_stop (struct ex_watch *w);

#endif
