/* pageview.c - the hex view of a mapping, copied without disturbing it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"
#include "pages.h"
#include "pageview.h"
#include "xalloc.h"

static const char *const state_texts[] = {
  [PV_ABSENT] = "not present: reads as zeros until touched",
  [PV_SHOWN] = "",
  [PV_CACHED] = "in memory, not in this process's page table: not read here",
  [PV_SWAPPED] = "swapped out: not read here, that would bring it back",
  [PV_UNREADABLE] = "in the page table, but its protection forbids reading it",
};

const char *
pview_state_text (enum pv_state s)
{
  return (unsigned) s < sizeof state_texts / sizeof state_texts[0] ? state_texts[s] : "";
}

void
pview_init (struct page_view *v, size_t page, const char *why)
{
  memset (v, 0, sizeof *v);
  v->page = page;
  snprintf (v->why, sizeof v->why, "%s", why);
}

void
pview_clear (struct page_view *v, const char *why)
{
  free (v->cur);
  free (v->prev);
  pview_init (v, v->page, why);
}

/* What to do with page I: read it only when that takes no fault. */
static enum pv_state
page_state (const struct kview *k, long i)
{
  const struct kv_page *p = &k->pg[i];
  if (i >= k->pages)
    return PV_ABSENT;
  if (p->mapped == 1)
    return PV_SHOWN;
  if (p->swapped == 1)
    return PV_SWAPPED;
  if (p->mapped == 0)
    return p->resident == 1 ? PV_CACHED : PV_ABSENT;
  /* No pagemap: mincore alone.  For private memory it tells the page
     table; for shared memory (or when smaps cannot say which) a page in
     memory may be only in the cache, and reading it would map it. */
  if (p->resident != 1)
    return PV_ABSENT;
  return k->sm.ok && !k->sm.shared ? PV_SHOWN : PV_CACHED;
}

void
pview_update (struct page_view *v, const void *addr, size_t len, const struct kview *k,
              int same)
{
  size_t want = pages_round_up (len, v->page);

  if (!addr || !want || want / v->page > KV_MAX_PAGES)
    {
      pview_clear (v, addr ? "the mapping is too large to show" : "nothing is mapped");
      return;
    }
  if (want != v->len || !v->cur)
    {
      pview_clear (v, "");
      v->cur = xcalloc (1, want);
      v->prev = xcalloc (1, want);
      v->len = want;
      v->pages = want / v->page;
      same = 0;
    }
  if (v->ok && same)
    {
      unsigned char *t = v->prev;
      v->prev = v->cur;
      v->cur = t;
      memcpy (v->prev_state, v->state, sizeof v->state);
      v->prev_ok = 1;
    }
  else
    v->prev_ok = 0;

  for (size_t i = 0; i < v->pages; i++)
    {
      unsigned char *dst = v->cur + i * v->page;
      enum pv_state st = page_state (k, (long) i);
      if (st == PV_SHOWN)
        {
          if (guard_copy (dst, (const unsigned char *) addr + i * v->page, v->page, NULL) != 0)
            st = PV_UNREADABLE;
        }
      if (st != PV_SHOWN)
        memset (dst, 0, v->page);
      v->state[i] = (unsigned char) st;
    }
  v->ok = 1;
}

int
pview_changed (const struct page_view *v, size_t i)
{
  /* A page shown before, or absent (zeros), can be compared; one that was
     in memory but not read could have held anything. */
  size_t p = i / (v->page ? v->page : 1);
  return v->ok && v->prev_ok && i < v->len && v->state[p] == PV_SHOWN
    && (v->prev_state[p] == PV_SHOWN || v->prev_state[p] == PV_ABSENT)
    && v->cur[i] != v->prev[i];
}

/* The bytes of page P the view holds: a whole page, but for the last
   page of bytes pview_load was given, which may end sooner. */
static size_t
bytes_of_page (const struct page_view *v, size_t p)
{
  size_t at = p * v->page;
  return v->len - at < v->page ? v->len - at : v->page;
}

static size_t
rows_of_page (const struct page_view *v, size_t p, int per)
{
  return v->state[p] == PV_SHOWN ? hex_nrows_n (bytes_of_page (v, p), per) : 1;
}

size_t
pview_nrows (const struct page_view *v)
{
  return pview_nrows_n (v, HEX_PER_ROW);
}

size_t
pview_nrows_n (const struct page_view *v, int per)
{
  size_t n = 0;
  for (size_t p = 0; v->ok && p < v->pages; p++)
    n += rows_of_page (v, p, per);
  return n;
}

int
pview_row (const struct page_view *v, size_t row, struct hex_row *out)
{
  return pview_row_n (v, row, HEX_PER_ROW, out);
}

int
pview_row_n (const struct page_view *v, size_t row, int per, struct hex_row *out)
{
  memset (out, 0, sizeof *out);
  for (size_t p = 0; v->ok && p < v->pages; p++)
    {
      size_t n = rows_of_page (v, p, per);
      if (row >= n)
        {
          row -= n;
          continue;
        }
      if (v->state[p] == PV_SHOWN)
        return hex_format_row_n (v->cur, v->prev_ok ? v->prev : NULL, v->len,
                                 p * hex_nrows_n (v->page, per) + row, per, out);
      int w = hex_offset_width (v->len);
      out->offset = p * v->page;
      snprintf (out->text, sizeof out->text, "%0*zx-%0*zx  %s", w, p * v->page, w,
                p * v->page + bytes_of_page (v, p) - 1,
                pview_state_text ((enum pv_state) v->state[p]));
      return 0;
    }
  return -1;
}

size_t
pview_first_changed_row (const struct page_view *v)
{
  return pview_first_changed_row_n (v, HEX_PER_ROW);
}

size_t
pview_first_changed_row_n (const struct page_view *v, int per)
{
  size_t row = 0;
  size_t n = per >= 1 && per <= HEX_PER_ROW ? (size_t) per : HEX_PER_ROW;
  for (size_t p = 0; v->ok && p < v->pages; p++)
    {
      if (v->state[p] == PV_SHOWN)
        for (size_t i = p * v->page; i < p * v->page + bytes_of_page (v, p); i++)
          if (pview_changed (v, i))
            return row + (i - p * v->page) / n;
      row += rows_of_page (v, p, per);
    }
  return (size_t) -1;
}

void
pview_load (struct page_view *v, const unsigned char *bytes, size_t n, int keep_prev)
{
  if (!bytes || !n || pages_of (n, v->page) > KV_MAX_PAGES)
    {
      pview_clear (v, bytes && n ? "too many bytes to show" : "no bytes to show");
      return;
    }
  if (n != v->len || !v->cur)
    {
      pview_clear (v, "");
      v->cur = xcalloc (1, n);
      v->prev = xcalloc (1, n);
      v->len = n;
      v->pages = pages_of (n, v->page);
      keep_prev = 0;
    }
  /* Only bytes of the same place, loaded before, are worth comparing:
     keep_prev is the caller's word for that, and a view of another size
     is never the same place. */
  v->prev_ok = keep_prev && v->ok;
  if (v->prev_ok)
    {
      unsigned char *t = v->prev;
      v->prev = v->cur;
      v->cur = t;
      memcpy (v->prev_state, v->state, sizeof v->state);
    }
  memcpy (v->cur, bytes, n);
  memset (v->state, PV_SHOWN, v->pages);
  v->ok = 1;
  v->why[0] = '\0';
}
