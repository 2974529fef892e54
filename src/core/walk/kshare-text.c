/* kshare-text.c - the kernel-shared engine's lines, and the small reads
   of /proc it makes.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "inspect.h"
#include "kshare-int.h"

void
kshare_say (struct kshare *k, const char *fmt, ...)
{
  va_list ap;
  if (k->nlines >= KSHARE_LINES)
    return;
  va_start (ap, fmt);
  vsnprintf (k->lines[k->nlines++], KSHARE_LINE_LEN, fmt, ap);
  va_end (ap);
}

const char *
kshare_line (const struct kshare *k, size_t i)
{
  return i < k->nlines ? k->lines[i] : NULL;
}

size_t
kshare_nlines (const struct kshare *k)
{
  return k->nlines;
}

int
kshare_read_line (const char *path, char *buf, size_t len)
{
  FILE *f = fopen (path, "re");
  int rc = -1;
  if (!f)
    return -1;
  if (len && fgets (buf, (int) (len > 4096 ? 4096 : len), f))
    {
      buf[strcspn (buf, "\n")] = '\0';
      rc = 0;
    }
  fclose (f);
  return rc;
}

int
kshare_maps_find (const char *name, uintptr_t *start, uintptr_t *end, char *line,
                  size_t len)
{
  FILE *f = fopen ("/proc/self/maps", "re");
  char buf[512];
  int found = 0, at_start = 1;

  if (!f)
    return -1;
  while (!found && fgets (buf, sizeof buf, f))
    {
      size_t n = strlen (buf);
      int whole = n && buf[n - 1] == '\n';
      if (whole)
        buf[--n] = '\0';
      /* The name is the line's last field. */
      const char *last = strrchr (buf, ' ');
      last = last ? last + 1 : buf;
      if (at_start && strcmp (last, name) == 0 && inspect_range (buf, start, end))
        found = 1;
      /* The rest of a line longer than the buffer is no line's start. */
      at_start = whole;
    }
  fclose (f);
  /* The line itself as the other steps show maps lines: blanks squeezed. */
  if (found && inspect_maps_line (NULL, (const void *) *start, line, len) != 1)
    snprintf (line, len, "%s", name);
  return found;
}
