/* outfile.h - a file we write: made new, or a temporary renamed over.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_OUTFILE_H
#define SHMTUTOR_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

/* A file being written.  Every write is checked: the first error is kept
   and outfile_commit reports it. */
struct outfile {
  FILE *f;          /* where to write (outfile_printf, or fputs and friends) */
  char *path;       /* the file it becomes */
  char *tmp;        /* the temporary renamed over PATH; NULL for a new file */
  int err;          /* the errno of the first write that failed, or 0 */
};

/* Make PATH, which must not be there yet, with MODE: O_CREAT | O_EXCL |
   O_NOFOLLOW, so that nothing is written over, through a link either.
   0, or -1 with errno (EEXIST: it is there). */
int outfile_new (struct outfile *o, const char *path, mode_t mode);

/* Begin the file that replaces PATH whole at outfile_commit: a temporary
   ".NAME.XXXXXX" next to it.  When PATH is a symbolic link (or a chain of
   them, at most 40), the file at its end is the one replaced, so that the
   link keeps leading to what was written; a link that leads nowhere yet
   has its file made.  The new file keeps the permissions of the one it
   replaces, or gets MODE less the umask.  A file there that is no regular
   file (a device, a folder) is never replaced: EINVAL or EISDIR.  0, or
   -1 with errno. */
int outfile_replace (struct outfile *o, const char *path, mode_t mode);

/* fprintf to O->f, the error kept.  Returns what fprintf returns. */
int outfile_printf (struct outfile *o, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Write the N bytes at P, the error kept.  0, or -1. */
int outfile_write (struct outfile *o, const void *p, size_t n);

/* Finish: flush, sync to the disk, close; a replacement is renamed over
   its file and its folder synced.  On any failure (a write before, or
   one of these) what was made is removed and nothing is replaced.
   0, or -1 with errno.  O is done with either way. */
int outfile_commit (struct outfile *o);

/* Give up: close and remove what was made.  errno is kept. */
void outfile_abandon (struct outfile *o);

#endif
