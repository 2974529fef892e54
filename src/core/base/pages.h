/* pages.h - page arithmetic, written once: how many pages LEN bytes take,
   LEN rounded up to whole pages, an offset rounded down to its page.
   PAGE is the page size (a power of two, sysconf(_SC_PAGESIZE)).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_PAGES_H
#define SHMTUTOR_PAGES_H

#include <stddef.h>

/* The pages LEN bytes take (0 for 0).  LEN + PAGE must not overflow: the
   callers' lengths are bounded far below that. */
static inline size_t
pages_of (size_t len, size_t page)
{
  return (len + page - 1) / page;
}

/* LEN rounded up to whole pages. */
static inline size_t
pages_round_up (size_t len, size_t page)
{
  return pages_of (len, page) * page;
}

/* OFF rounded down to the start of its page. */
static inline size_t
pages_round_down (size_t off, size_t page)
{
  return off / page * page;
}

#endif
