/* eval-view.c - what the console's hex view shows (through the page
   view, which reads only pages present), and the guarded loads and
   stores in its mappings.
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
#include "eval-int.h"

/* The protection of the page at OFF of M, as /proc/self/maps says (an
   mprotect of part of a mapping splits it), else the mapping's own. */
unsigned char *
ev_addr (const struct evaluator *ev, const struct val *v)
{
  if (v->kind != V_PTR || v->map == EV_RAW)
    return NULL;
  return v->map < 0 ? (unsigned char *) ev->buf + v->off : ev->maps[v->map].addr + v->off;
}

static long
page_prot (const struct evaluator *ev, const struct ev_map *m, size_t off)
{
  char line[256];
  const unsigned char *page = m->addr + pages_round_down (off, ev->page);
  const char *perm;
  if (inspect_maps_line (NULL, page, line, sizeof line) == 1 && (perm = strchr (line, ' ')))
    return inspect_perms_prot (perm + 1);
  return m->prot;
}

/* ---- the view --------------------------------------------------------- */

void
ev_view (struct evaluator *ev, int same, const struct kview *k)
{
  if (ev->current < 0 || !ev->maps[ev->current].live)
    {
      pview_clear (&ev->view, ev->current < 0 ? "nothing mapped yet"
                   : "the mapping is gone: munmap removed it");
      kview_none (&ev->kv);
      return;
    }
  const struct ev_map *m = &ev->maps[ev->current];
  if (!k)
    {
      kview_take (&ev->kv, m->addr, m->span, ev->page);
      k = &ev->kv;
    }
  pview_update (&ev->view, m->addr, m->span, k, same);
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
ev_next_map (struct evaluator *ev)
{
  for (int k = 1; k <= ev->nmaps; k++)
    {
      int i = (ev->current + k + ev->nmaps) % ev->nmaps;
      if (ev->maps[i].live)
        {
          ev->current = i;
          ev_view (ev, 0, NULL);
          return i;
        }
    }
  return -1;
}

/* Write N bytes of SRC (or the byte B, N times) at AT under the guard; a
   fault is told in words about the mapping, not only its address. */
int
ev_store (const struct evaluator *ev, const struct val *at, const void *src, size_t n, int b,
          struct call_record *r)
{
  struct guard_fault f;
  char prot[64];
  if (at->elem_const)
    return call_refuse (r, "that address points at const bytes: C stores nothing through "
                        "it without a cast%s", NULL);
  struct touch t = { ev_addr (ev, at), src, n, b };
  if (guard_run (touch, &t, &f) == 0)
    return 0;
  char why[160] = "";
  const struct ev_map *m = at->map >= 0 ? &ev->maps[at->map] : NULL;
  if (m && !m->live)
    snprintf (why, sizeof why, "its mapping was unmapped (the console holds the addresses "
              "PROT_NONE: in a program of its own, SEGV_MAPERR)");
  else if (m)
    snprintf (why, sizeof why, "the page at offset %zu of the mapping is %s", at->off,
              names_format (NAMES_PROT, page_prot (ev, m, at->off), prot, sizeof prot));
  /* The address where the store began, not the fault's: memcpy may store
     its last bytes first. */
  call_fault (r, &f, "writing", t.dst, why[0] ? why : NULL);
  return -1;
}

/* ---- loads ------------------------------------------------------------ */

const char *
ev_where (const struct evaluator *ev, const struct val *v, char *buf, size_t len)
{
  if (v->map == -1)
    snprintf (buf, len, "buf (%d bytes)", EV_BUF);
  else if (v->map >= 0)
    {
      const char *name = NULL;
      for (int i = 0; i < ev->nvars && !name; i++)
        if (ev->vars[i].kind == EV_PTR && ev->vars[i].v == v->map && ev->vars[i].off == 0)
          name = ev->vars[i].name;
      snprintf (buf, len, "%s%smapping (%zu bytes)", name ? name : "the", name ? "'s " : " ",
                ev->maps[v->map].len);
    }
  else
    snprintf (buf, len, "no mapping");
  return buf;
}

int
ev_load (const struct evaluator *ev, const struct val *v, void *dst, size_t n,
         struct call_record *r)
{
  struct guard_fault f;
  const unsigned char *at = ev_addr (ev, v);
  if (guard_copy (dst, at, n, &f) == 0)
    return 0;
  const struct ev_map *m = v->map >= 0 ? &ev->maps[v->map] : NULL;
  call_fault (r, &f, "reading", at, m && !m->live
              ? "its mapping was unmapped (the console holds the addresses PROT_NONE: in a "
                "program of its own, SEGV_MAPERR)" : NULL);
  return -1;
}

int
ev_load_string (struct evaluator *ev, const struct val *v, char *out, size_t len, size_t *n,
                struct call_record *r)
{
  char where[96];
  size_t end = v->map == -1 ? EV_BUF : v->map >= 0 ? ev->maps[v->map].span : 0;
  if (v->kind != V_PTR)
    return ev_refuse (ev, r, v->col, "that is %s, not a string or an address of the console's",
                      v->kind == V_NUM ? "a number" : "a value");
  if (v->map == EV_RAW)
    return ev_refuse (ev, r, v->col, "that address is %s: nothing is read through it (a "
                      "program of its own would crash)", ev_is_null (v) ? "NULL"
                      : v->num == -1 ? "MAP_FAILED" : "none of the console's");
  if (ev_check (ev, v, 0, r))
    return -1;
  struct val at = *v;
  size_t got = 0;
  while (at.off < end)
    {
      /* To the end of this page, or of buf, and no further. */
      size_t chunk = v->map == -1 ? end - at.off : ev->page - at.off % ev->page;
      if (chunk > end - at.off)
        chunk = end - at.off;
      if (chunk > len - 1 - got)
        chunk = len - 1 - got;
      if (chunk == 0)
        return ev_refuse (ev, r, v->col, "the string there is longer than %zu bytes", len - 1);
      if (ev_load (ev, &at, out + got, chunk, r))
        return -1;
      void *nul = memchr (out + got, 0, chunk);
      if (nul)
        {
          *n = (size_t) ((char *) nul - out);
          return 0;
        }
      got += chunk;
      at.off += chunk;
    }
  return ev_refuse (ev, r, v->col, "no NUL before the end of %s: a C string there would run "
                    "past it", ev_where (ev, v, where, sizeof where));
}
