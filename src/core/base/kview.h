/* kview.h - the kernel's view of one mapping, taken in one go right after a
   call and before anything else touches the mapping: mincore(2),
   /proc/self/pagemap (and /proc/kpageflags where allowed) and the
   mapping's records of /proc/self/smaps.  Nothing here reads the mapping
   itself, so taking the figures never changes them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_KVIEW_H
#define SHMTUTOR_KVIEW_H

#include <stddef.h>
#include <stdint.h>

/* The most pages a figure is taken for: the lessons' and the console's
   limit. */
#define KV_MAX_PAGES 64

/* One page, as the kernel tells it.  -1 in a field: not known. */
struct kv_page {
  signed char resident;     /* mincore: in memory (for shared memory: in its
                               page cache, whoever mapped it) */
  signed char mapped;       /* pagemap bit 63: in this process's page table */
  signed char swapped;      /* pagemap bit 62 */
  signed char zero;         /* kpageflags bit 24: the kernel's shared zero page */
  signed char anon;         /* kpageflags bit 12: an anonymous page */
  unsigned long long pfn;   /* the page frame; 0 when not shown to us */
};

/* The mapping's own figures from /proc/self/smaps, in kB: the sum of its
   records (an mprotect of part of it splits it into several). */
struct kv_smaps {
  int ok;                   /* 1: at least one record was found and read */
  int records;              /* how many */
  int shared;               /* the first record's permissions end in 's' */
  uintptr_t lo, hi;         /* the range the records cover */
  int wider;                /* wider than the mapping: the kernel merged it
                               with a neighbour, and the figures are theirs too */
  long rss, pss, shared_clean, shared_dirty, private_clean, private_dirty, anonymous;
};

struct kview {
  long pages;               /* pages of the mapping asked about; 0: none */
  long resident;            /* mincore's count, -1 when mincore failed */
  long mapped;              /* pagemap's count, -1 when pagemap is unreadable */
  int frames;               /* 1: pagemap gave frame numbers (CAP_SYS_ADMIN) */
  int flags;                /* 1: /proc/kpageflags could be read */
  struct kv_page pg[KV_MAX_PAGES];
  struct kv_smaps sm;
};

/* Nothing mapped: every count unknown. */
void kview_none(struct kview *k);

/* Take the figures for the mapping that starts at ADDR (LEN bytes, pages of
   PAGE bytes; at most KV_MAX_PAGES are looked at). */
void kview_take(struct kview *k, const void *addr, size_t len, size_t page);

/* The records of SMAPS (a smaps file; NULL: /proc/self/smaps) that
   overlap [ADDR, ADDR+LEN), added up into OUT.  Returns how many, or -1
   when the file cannot be read. */
int kview_smaps(const char *smaps, const void *addr, size_t len, struct kv_smaps *out);

/* The smaps figures (kB) as one line: "Rss 4  Pss 4  Private_Dirty 4
   Anonymous 0" (only the Shared_/Private_ parts that are not 0: they add up
   to Rss), and what they cover when that is not the mapping alone. */
const char *kview_smaps_text(const struct kv_smaps *sm, char *buf, size_t len);

/* mincore's count: "mincore: 1 of 2 pages resident". */
const char *kview_resident_text(const struct kview *k, char *buf, size_t len);

/* pagemap's count and the page frames, where pagemap gives them, else
   what it takes to see them: "pagemap: 1 of 1 mapped here: page 0 frame
   0x3b34 = the kernel's zero page". */
const char *kview_frames_text(const struct kview *k, char *buf, size_t len);

#endif
