/* sandbox-view.c - what the console's hex view shows, and the guarded
   stores into its mappings.
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
#include "sandbox-int.h"

/* The protection of the page at OFF of M, as /proc/self/maps says (an
   mprotect of part of a mapping splits it), else the mapping's own. */
static long
page_prot (const struct sandbox *sb, const struct sb_map *m, size_t off)
{
  char line[256];
  const unsigned char *page = m->addr + off / sb->page * sb->page;
  if (inspect_maps_line (NULL, page, line, sizeof line) == 1)
    {
      const char *perm = strchr (line, ' ');
      if (perm && strlen (perm) > 3)
        return (perm[1] == 'r' ? PROT_READ : 0) | (perm[2] == 'w' ? PROT_WRITE : 0);
    }
  /* The page may sit inside a line that starts earlier: say the mapping's. */
  return m->prot;
}

/* ---- the view --------------------------------------------------------- */

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

void
sb_view (struct sandbox *sb, int same)
{
  struct guard_fault f;
  if (sb->current < 0 || !sb->maps[sb->current].live)
    {
      sb->view_ok = sb->prev_ok = 0;
      return;
    }
  const struct sb_map *m = &sb->maps[sb->current];
  if (m->span != sb->view_len)
    {
      free (sb->cur);
      free (sb->prev);
      sb->cur = calloc (1, m->span);
      sb->prev = calloc (1, m->span);
      sb->view_len = sb->cur && sb->prev ? m->span : 0;
      sb->view_ok = 0;
      same = 0;
      if (!sb->view_len)
        return;
    }
  if (same && sb->view_ok)
    {
      unsigned char *t = sb->prev;
      sb->prev = sb->cur;
      sb->cur = t;
      sb->prev_ok = 1;
    }
  else
    sb->prev_ok = 0;
  struct touch t = { sb->cur, m->addr, m->span, -1 };
  sb->view_ok = guard_run (touch, &t, &f) == 0;
}

int
sb_changed (const struct sandbox *sb, size_t i)
{
  return sb->view_ok && sb->prev_ok && i < sb->view_len && sb->cur[i] != sb->prev[i];
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
          sb_view (sb, 0);
          return i;
        }
    }
  return -1;
}

/* Write N bytes of SRC (or the byte B, N times) at AT under the guard; a
   fault is told in words about the mapping, not only its address. */
int
sb_store (const struct sandbox *sb, const struct val *at, const void *src, size_t n, int b,
          struct shm_record *r)
{
  struct guard_fault f;
  char prot[64];
  struct touch t = { sb_addr (sb, at), src, n, b };
  if (guard_run (touch, &t, &f) == 0)
    return 0;
  r->fault = f.sig;
  snprintf (r->result, sizeof r->result, "killed by %s, caught",
            f.sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
  const struct sb_map *m = at->map >= 0 ? &sb->maps[at->map] : NULL;
  if (m && !m->live)
    snprintf (r->explain, sizeof r->explain, "%s writing %p (offset %zu): that mapping is "
              "gone, nothing is mapped there (SEGV_MAPERR); the console goes on",
              f.sig == SIGBUS ? "SIGBUS" : "SIGSEGV", (void *) t.dst, at->off);
  else if (m)
    snprintf (r->explain, sizeof r->explain, "%s writing %p (offset %zu of the mapping): its "
              "page is %s (SEGV_ACCERR); the console goes on",
              f.sig == SIGBUS ? "SIGBUS" : "SIGSEGV", (void *) t.dst, at->off,
              names_format (NAMES_PROT, page_prot (sb, m, at->off), prot, sizeof prot));
  else
    snprintf (r->explain, sizeof r->explain, "%s writing %p; the console goes on",
              f.sig == SIGBUS ? "SIGBUS" : "SIGSEGV", (void *) t.dst);
  return -1;
}

