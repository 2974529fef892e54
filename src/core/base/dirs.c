/* dirs.c - the user's folders.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dirs.h"
#include "xalloc.h"

const char *
dirs_user_data (char *buf, size_t len)
{
  const char *x = getenv ("XDG_DATA_HOME"), *home = getenv ("HOME");
  int n;
  if (x && x[0] == '/')
    n = snprintf (buf, len, "%s/shmtutor", x);
  else if (home && *home)
    n = snprintf (buf, len, "%s/.local/share/shmtutor", home);
  else
    return NULL;
  return n > 0 && (size_t) n < len ? buf : NULL;
}

int
dirs_make (const char *dir)
{
  char *tmp = xstrdup (dir);
  int rc = 0;
  for (char *p = tmp + 1; *p && rc == 0; p++)
    if (*p == '/')
      {
        *p = '\0';
        if (mkdir (tmp, 0700) != 0 && errno != EEXIST)
          rc = -1;
        *p = '/';
      }
  if (rc == 0 && mkdir (tmp, 0700) != 0 && errno != EEXIST)
    rc = -1;
  int saved = errno;
  free (tmp);
  errno = saved;
  return rc;
}
