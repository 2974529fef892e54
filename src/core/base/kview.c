/* kview.c - the kernel's view of one mapping, taken without touching it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "inspect.h"
#include "kview.h"
#include "text.h"

/* pagemap(5) and kpageflags bits (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PRESENT (1ULL << 63)
#define PM_SWAPPED (1ULL << 62)
#define PM_PFN_MASK ((1ULL << 55) - 1)
#define KPF_ANON 12
#define KPF_ZERO_PAGE 24

void
kview_none (struct kview *k)
{
  memset (k, 0, sizeof *k);
  k->resident = k->mapped = -1;
}

/* The smaps fields kept, and where each goes. */
static const struct {
  const char *name;
  size_t at;
} smaps_fields[] = {
  { "Rss:", offsetof (struct kv_smaps, rss) },
  { "Pss:", offsetof (struct kv_smaps, pss) },
  { "Shared_Clean:", offsetof (struct kv_smaps, shared_clean) },
  { "Shared_Dirty:", offsetof (struct kv_smaps, shared_dirty) },
  { "Private_Clean:", offsetof (struct kv_smaps, private_clean) },
  { "Private_Dirty:", offsetof (struct kv_smaps, private_dirty) },
  { "Anonymous:", offsetof (struct kv_smaps, anonymous) },
};

int
kview_smaps (const char *smaps, const void *addr, size_t len, struct kv_smaps *out)
{
  FILE *f = fopen (smaps ? smaps : "/proc/self/smaps", "re");
  char line[512];
  int in = 0, at_start = 1;
  uintptr_t lo = (uintptr_t) addr, hi = lo + len, start, end;

  memset (out, 0, sizeof *out);
  if (!f)
    return -1;
  while (fgets (line, sizeof line, f))
    {
      int whole = strchr (line, '\n') != NULL;
      if (at_start && inspect_range (line, &start, &end))
        {
          in = start < hi && end > lo;
          if (in)
            {
              const char *perms = strchr (line, ' ') + 1;
              if (!out->records++)
                {
                  out->lo = start;
                  out->shared = strlen (perms) > 3 && perms[3] == 's';
                }
              out->hi = end;
            }
        }
      else if (at_start && in)
        for (size_t i = 0; i < sizeof smaps_fields / sizeof smaps_fields[0]; i++)
          {
            size_t n = strlen (smaps_fields[i].name);
            if (strncmp (line, smaps_fields[i].name, n) == 0)
              {
                char *e;
                long v = strtol (line + n, &e, 10);
                long *to = (long *) ((char *) out + smaps_fields[i].at);
                if (e != line + n && v >= 0 && *to <= LONG_MAX - v)
                  *to += v;
              }
          }
      at_start = whole;
    }
  fclose (f);
  out->ok = out->records > 0;
  out->wider = out->ok && (out->lo < lo || out->hi > hi);
  return out->records;
}

/* Read pagemap's entries for the pages into K; 0, or -1. */
static int
read_pagemap (struct kview *k, uintptr_t addr, size_t page)
{
  uint64_t e[KV_MAX_PAGES];
  size_t want = (size_t) k->pages * sizeof e[0];
  int fd = open ("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t n = pread (fd, e, want, (off_t) (addr / page * sizeof e[0]));
  close (fd);
  if (n < 0 || (size_t) n != want)
    return -1;
  k->mapped = 0;
  for (long i = 0; i < k->pages; i++)
    {
      struct kv_page *p = &k->pg[i];
      p->mapped = (e[i] & PM_PRESENT) != 0;
      p->swapped = (e[i] & PM_SWAPPED) != 0;
      p->pfn = p->mapped ? e[i] & PM_PFN_MASK : 0;
      k->mapped += p->mapped;
      k->frames |= p->pfn != 0;
    }
  return 0;
}

/* The page flags of each frame seen, where /proc/kpageflags may be read. */
static void
read_kpageflags (struct kview *k)
{
  int fd = open ("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  k->flags = 1;
  for (long i = 0; i < k->pages; i++)
    {
      struct kv_page *p = &k->pg[i];
      uint64_t fl;
      if (!p->pfn || p->pfn > UINT64_MAX / sizeof fl)
        continue;
      if (pread (fd, &fl, sizeof fl, (off_t) (p->pfn * sizeof fl)) != (ssize_t) sizeof fl)
        continue;
      p->zero = (fl >> KPF_ZERO_PAGE) & 1;
      p->anon = (fl >> KPF_ANON) & 1;
    }
  close (fd);
}

void
kview_take (struct kview *k, const void *addr, size_t len, size_t page)
{
  unsigned char vec[KV_MAX_PAGES];

  kview_none (k);
  if (!addr || !page)
    return;
  size_t pages = len / page + (len % page != 0);
  k->pages = (long) (pages > KV_MAX_PAGES ? KV_MAX_PAGES : pages);
  for (long i = 0; i < k->pages; i++)
    k->pg[i].resident = k->pg[i].mapped = k->pg[i].swapped = k->pg[i].zero
      = k->pg[i].anon = -1;
  /* mincore first: it is the lesson's own figure. */
  if (k->pages && mincore ((void *) addr, (size_t) k->pages * page, vec) == 0)
    {
      k->resident = 0;
      for (long i = 0; i < k->pages; i++)
        {
          k->pg[i].resident = vec[i] & 1;
          k->resident += vec[i] & 1;
        }
    }
  if (read_pagemap (k, (uintptr_t) addr, page) == 0 && k->frames)
    read_kpageflags (k);
  kview_smaps (NULL, addr, (size_t) k->pages * page, &k->sm);
}

const char *
kview_smaps_text (const struct kv_smaps *sm, char *buf, size_t len)
{
  static const struct {
    const char *name;
    size_t at;
  } parts[] = {
    { "Shared_Clean", offsetof (struct kv_smaps, shared_clean) },
    { "Shared_Dirty", offsetof (struct kv_smaps, shared_dirty) },
    { "Private_Clean", offsetof (struct kv_smaps, private_clean) },
    { "Private_Dirty", offsetof (struct kv_smaps, private_dirty) },
  };
  size_t used = 0;

  buf[0] = '\0';
  if (!sm->ok)
    {
      text_append (buf, len, &used, "no record for the mapping in /proc/self/smaps");
      return buf;
    }
  text_append (buf, len, &used, "Rss %ld  Pss %ld", sm->rss, sm->pss);
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
    {
      long v = *(const long *) ((const char *) sm + parts[i].at);
      if (v)
        text_append (buf, len, &used, "  %s %ld", parts[i].name, v);
    }
  text_append (buf, len, &used, "  Anonymous %ld", sm->anonymous);
  if (sm->wider)
    text_append (buf, len, &used, "  (merged with a neighbour: %zu kB)",
                 (size_t) (sm->hi - sm->lo) / 1024);
  else if (sm->records > 1)
    text_append (buf, len, &used, "  (%d records: split)", sm->records);
  return buf;
}

const char *
kview_resident_text (const struct kview *k, char *buf, size_t len)
{
  size_t used = 0;

  buf[0] = '\0';
  if (k->pages == 0)
    text_append (buf, len, &used, "mincore: no mapping to ask about");
  else if (k->resident < 0)
    text_append (buf, len, &used, "mincore: failed");
  else
    text_append (buf, len, &used, "mincore: %ld of %ld page%s resident", k->resident,
                 k->pages, k->pages == 1 ? "" : "s");
  return buf;
}

const char *
kview_frames_text (const struct kview *k, char *buf, size_t len)
{
  size_t used = 0;
  int shown = 0;

  buf[0] = '\0';
  if (k->pages == 0)
    return buf;
  if (k->mapped < 0)
    {
      text_append (buf, len, &used, "pagemap: /proc/self/pagemap cannot be read");
      return buf;
    }
  text_append (buf, len, &used, "pagemap: %ld of %ld mapped here", k->mapped, k->pages);
  if (k->mapped == 0)
    return buf;
  if (!k->frames)
    {
      text_append (buf, len, &used, "; frame numbers need CAP_SYS_ADMIN (root)");
      return buf;
    }
  for (long i = 0; i < k->pages && shown < 2; i++)
    {
      const struct kv_page *p = &k->pg[i];
      if (!p->mapped)
        continue;
      text_append (buf, len, &used, "%s page %ld frame %#llx%s", shown ? "," : ":", i, p->pfn,
                   p->zero == 1 ? " = the kernel's zero page"
                   : p->anon == 1 ? " (anonymous)" : "");
      shown++;
    }
  if (shown < k->mapped)
    text_append (buf, len, &used, ", ...");
  if (!k->flags)
    text_append (buf, len, &used, " (/proc/kpageflags unreadable)");
  return buf;
}
