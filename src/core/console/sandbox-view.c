/* sandbox-view.c - what the console's hex view shows (through the page
   view, which reads only pages present), and the guarded stores into its
   mappings.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "guard.h"
#include "inspect.h"
#include "names.h"
#include "pages.h"
#include "sandbox-int.h"

/* The protection of the page at OFF of M, as /proc/self/maps says (an
   mprotect of part of a mapping splits it), else the mapping's own. */
unsigned char *
sb_addr (const struct sandbox *sb, const struct val *v)
{
  if (v->kind != V_PTR)
    return NULL;
  return v->map < 0 ? (unsigned char *) sb->buf + v->off : sb->maps[v->map].addr + v->off;
}

static long
page_prot (const struct sandbox *sb, const struct sb_map *m, size_t off)
{
  char line[256];
  const unsigned char *page = m->addr + pages_round_down (off, sb->page);
  const char *perm;
  if (inspect_maps_line (NULL, page, line, sizeof line) == 1 && (perm = strchr (line, ' ')))
    return inspect_perms_prot (perm + 1);
  return m->prot;
}

/* ---- the view --------------------------------------------------------- */

void
sb_view (struct sandbox *sb, int same, const struct kview *k)
{
  if (sb->current < 0 || !sb->maps[sb->current].live)
    {
      pview_clear (&sb->view, sb->current < 0 ? "nothing mapped yet"
                   : "the mapping is gone: munmap removed it");
      kview_none (&sb->kv);
      return;
    }
  const struct sb_map *m = &sb->maps[sb->current];
  if (!k)
    {
      kview_take (&sb->kv, m->addr, m->span, sb->page);
      k = &sb->kv;
    }
  pview_update (&sb->view, m->addr, m->span, k, same);
}

struct touch {
  unsigned char *dst;
  const unsigned char *src;
  size_t n;
  int byte;                 /* memset: the byte, or -1 to copy */
};

static void
touch (void *arg)
{
  struct touch *t = arg;
  if (t->byte >= 0)
    memset (t->dst, t->byte, t->n);
  else
    memcpy (t->dst, t->src, t->n);
}

int
sb_next_map (struct sandbox *sb)
{
  for (int k = 1; k <= sb->nmaps; k++)
    {
      int i = (sb->current + k + sb->nmaps) % sb->nmaps;
      if (sb->maps[i].live)
        {
          sb->current = i;
          sb_view (sb, 0, NULL);
          return i;
        }
    }
  return -1;
}

/* Write N bytes of SRC (or the byte B, N times) at AT under the guard; a
   fault is told in words about the mapping, not only its address. */
int
sb_store (const struct sandbox *sb, const struct val *at, const void *src, size_t n, int b,
          struct call_record *r)
{
  struct guard_fault f;
  char prot[64];
  struct touch t = { sb_addr (sb, at), src, n, b };
  if (guard_run (touch, &t, &f) == 0)
    return 0;
  char why[96] = "";
  const struct sb_map *m = at->map >= 0 ? &sb->maps[at->map] : NULL;
  if (m && !m->live)
    snprintf (why, sizeof why, "its mapping was unmapped, and nothing new is mapped there");
  else if (m)
    snprintf (why, sizeof why, "the page at offset %zu of the mapping is %s", at->off,
              names_format (NAMES_PROT, page_prot (sb, m, at->off), prot, sizeof prot));
  /* The address where the store began, not the fault's: memcpy may store
     its last bytes first. */
  call_fault (r, &f, "writing", t.dst, why[0] ? why : NULL);
  return -1;
}

