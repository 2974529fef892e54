/* inspect.c - what the kernel says about a mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "inspect.h"
#include "shm.h"

/* Copy SRC into DST (size LEN) squeezing runs of blanks and dropping the
   newline. */
static void
squeeze (char *dst, size_t len, const char *src)
{
  size_t j = 0;
  int blank = 0;
  for (; *src && *src != '\n' && j + 1 < len; src++)
    {
      if (*src == ' ' || *src == '\t')
        {
          if (blank)
            continue;
          blank = 1;
          dst[j++] = ' ';
          continue;
        }
      blank = 0;
      dst[j++] = *src;
    }
  dst[j] = '\0';
}

int
inspect_maps_line (const char *maps, const void *addr, char *buf, size_t len)
{
  FILE *f = fopen (maps ? maps : "/proc/self/maps", "re");
  char line[512];
  int found = 0, at_start = 1;

  if (!f)
    return -1;
  while (fgets (line, sizeof line, f))
    {
      int whole = strchr (line, '\n') != NULL;
      if (at_start)
        {
          char *end;
          uintmax_t start = strtoumax (line, &end, 16);
          if (end != line && *end == '-' && start == (uintmax_t) (uintptr_t) addr)
            {
              squeeze (buf, len, line);
              found = 1;
              break;
            }
        }
      /* A line longer than the buffer: skip the rest of it. */
      at_start = whole;
    }
  fclose (f);
  return found;
}

int
inspect_maps_parts (const void *addr, size_t len, struct maps_part *parts, int max)
{
  FILE *f = fopen ("/proc/self/maps", "re");
  char line[512];
  int n = 0, at_start = 1;
  uintptr_t lo = (uintptr_t) addr, hi = lo + len;

  if (!f)
    return -1;
  while (n < max && fgets (line, sizeof line, f))
    {
      int whole = strchr (line, '\n') != NULL;
      char *end, *end2;
      if (at_start)
        {
          uintmax_t start = strtoumax (line, &end, 16);
          if (end != line && *end == '-')
            {
              uintmax_t stop = strtoumax (end + 1, &end2, 16);
              if (*end2 == ' ' && start >= lo && stop <= hi && start < stop)
                {
                  parts[n].start = (uintptr_t) start;
                  parts[n].end = (uintptr_t) stop;
                  snprintf (parts[n].perms, sizeof parts[n].perms, "%.4s", end2 + 1);
                  n++;
                }
            }
        }
      at_start = whole;
    }
  fclose (f);
  return n;
}

long
inspect_resident (const void *addr, size_t len, size_t page)
{
  size_t pages = (len + page - 1) / page;
  unsigned char vec[SHM_MAX_PAGES];
  long n = 0;

  if (pages > SHM_MAX_PAGES)
    {
      errno = E2BIG;
      return -1;
    }
  if (mincore ((void *) addr, len, vec) != 0)
    return -1;
  for (size_t i = 0; i < pages; i++)
    n += vec[i] & 1;
  return n;
}

long
inspect_minflt (void)
{
  struct rusage ru;
  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return -1;
  return ru.ru_minflt;
}
