/* inspect.c - what the kernel says about a mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "inspect.h"

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
inspect_range (const char *line, uintptr_t *start, uintptr_t *end)
{
  char *p, *q;
  errno = 0;
  uintmax_t a = strtoumax (line, &p, 16);
  if (p == line || *p != '-' || errno)
    return 0;
  uintmax_t b = strtoumax (p + 1, &q, 16);
  if (q == p + 1 || *q != ' ' || errno || b < a)
    return 0;
  *start = (uintptr_t) a;
  *end = (uintptr_t) b;
  return 1;
}

long
inspect_perms_prot (const char *perms)
{
  return (perms[0] == 'r' ? PROT_READ : 0) | (perms[0] && perms[1] == 'w' ? PROT_WRITE : 0);
}

int
inspect_maps_line (const char *maps, const void *addr, char *buf, size_t len)
{
  FILE *f = fopen (maps ? maps : "/proc/self/maps", "re");
  char line[512];
  int found = 0, at_start = 1;
  uintptr_t a = (uintptr_t) addr, start, end;

  if (!f)
    return -1;
  while (fgets (line, sizeof line, f))
    {
      int whole = strchr (line, '\n') != NULL;
      if (at_start && inspect_range (line, &start, &end) && start <= a && a < end)
        {
          squeeze (buf, len, line);
          found = 1;
          break;
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
  uintptr_t lo = (uintptr_t) addr, hi = lo + len, start, end;

  if (!f)
    return -1;
  while (n < max && fgets (line, sizeof line, f))
    {
      int whole = strchr (line, '\n') != NULL;
      if (at_start && inspect_range (line, &start, &end) && start < hi && end > lo)
        {
          parts[n].start = start > lo ? start : lo;
          parts[n].end = end < hi ? end : hi;
          snprintf (parts[n].perms, sizeof parts[n].perms, "%.4s", strchr (line, ' ') + 1);
          n++;
        }
      at_start = whole;
    }
  fclose (f);
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

long
inspect_shmem_kb (int *exact)
{
  char line[128];
  long kb = -1;
  /* Reading vm/stat_refresh (root only) folds every CPU's pending counts
     into the totals first: then the figure is exact. */
  int fd = open ("/proc/sys/vm/stat_refresh", O_RDONLY | O_CLOEXEC);
  *exact = fd >= 0 && read (fd, line, sizeof line) >= 0;
  if (fd >= 0)
    close (fd);
  FILE *f = fopen ("/proc/meminfo", "re");
  if (!f)
    return -1;
  while (fgets (line, sizeof line, f))
    if (sscanf (line, "Shmem: %ld kB", &kb) == 1)
      break;
  fclose (f);
  return kb;
}
