/* pageview.h - the hex view of a mapping, copied without disturbing it:
   only pages the kernel already has in this process's page table are read
   (reading one of those takes no fault and changes no figure); every other
   page is told as such, in one row, and never brought in by the looking.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_PAGEVIEW_H
#define SHMTUTOR_PAGEVIEW_H

#include <stddef.h>

#include "hexdump.h"
#include "kview.h"

/* What the view holds of one page. */
enum pv_state {
  PV_ABSENT,        /* no page yet: mincore and pagemap both say no */
  PV_SHOWN,         /* mapped here, and read: its bytes are in the view */
  PV_CACHED,        /* in memory (another process mapped it), not in our
                       page table: reading it would map it here */
  PV_SWAPPED,       /* swapped out: reading it would fault it back */
  PV_UNREADABLE,    /* mapped, but its protection forbids reading it */
};

struct page_view {
  unsigned char *cur, *prev;   /* the bytes now and before the last step;
                                  pages not shown are zeros in both */
  unsigned char state[KV_MAX_PAGES], prev_state[KV_MAX_PAGES];
  size_t len;                  /* bytes in cur and prev: whole pages (but
                                  for pview_load's bytes) */
  size_t page;                 /* the page size */
  size_t pages;                /* len / page, rounded up */
  int ok;                      /* the view holds a mapping */
  int prev_ok;                 /* prev holds the same mapping, before */
  char why[96];                /* when !ok: why there is no view */
};

/* An empty view of PAGE-byte pages, saying WHY. */
void pview_init(struct page_view *v, size_t page, const char *why);

/* Free the buffers; V is empty, saying WHY (it may be used again). */
void pview_clear(struct page_view *v, const char *why);

/* Copy into V the pages of the mapping at ADDR (LEN bytes) that K, the
   kernel's figures taken after the step and before this, says are in this
   process's page table; mark every other page by its state.  SAME: V
   showed this mapping before the step, so what changed can be marked. */
void pview_update(struct page_view *v, const void *addr, size_t len, const struct kview *k,
                  int same);

/* Is byte I different from before the last step? */
int pview_changed(const struct page_view *v, size_t i);

/* The rows of the view: a shown page is its rows of 16 bytes, any other
   page one row that says what it is. */
size_t pview_nrows(const struct page_view *v);
/* The same with PER bytes a row (1 to HEX_PER_ROW), as pview_row_n. */
size_t pview_nrows_n(const struct page_view *v, int per);

/* Row ROW, formatted (changed bytes marked); a page not shown gives a row
   with no bytes (nbytes 0) and its text.  Returns 0, or -1 past the end. */
int pview_row(const struct page_view *v, size_t row, struct hex_row *out);
int pview_row_n(const struct page_view *v, size_t row, int per, struct hex_row *out);

/* The first row holding a changed byte, or (size_t)-1. */
size_t pview_first_changed_row(const struct page_view *v);
size_t pview_first_changed_row_n(const struct page_view *v, int per);

/* A phrase for a page's state: "not present: reads as zeros until touched". */
const char *pview_state_text(enum pv_state s);

/* Load N bytes (at most KV_MAX_PAGES pages; N need not be whole pages)
   into V, copies the caller made of memory that is not a mapping of its
   own: every page of them shown.  KEEP_PREV: they are the same bytes read
   again, so what differs from the last load is marked changed; otherwise
   nothing is. */
void pview_load(struct page_view *v, const unsigned char *bytes, size_t n, int keep_prev);

#endif
