/* dirs.h - the user's folders: where their own lessons and exercises are
   looked for, and a folder made with the folders above it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_DIRS_H
#define SHMTUTOR_DIRS_H

#include <stddef.h>

/* $XDG_DATA_HOME/shmtutor, or ~/.local/share/shmtutor (a relative
   XDG_DATA_HOME is ignored, as the XDG spec says), into BUF (LEN bytes).
   Returns BUF, or NULL when neither is set or it does not fit. */
const char *dirs_user_data (char *buf, size_t len);

/* Make DIR and every folder above it that is missing, each with mode
   0700 (less the umask).  Returns 0 (it is there now), or -1 with errno. */
int dirs_make (const char *dir);

#endif
