/* report.c - a walkthrough step told in lines of text.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "inspect.h"
#include "kview.h"
#include "names.h"
#include "report.h"
#include "text.h"

/* The address the lesson mapped last, found in the records. */
static void *
last_mapping (const struct walkthrough *t)
{
  for (size_t i = t->done; i-- > 0;)
    if (t->rec[i].action == SHM_MMAP && !t->rec[i].err && !t->rec[i].refused)
      return (void *) (uintptr_t) t->rec[i].ret;
  return NULL;
}

void
report_step (const struct walkthrough *t, struct report *out)
{
  const struct call_record *r = &t->rec[t->done - 1];
  const struct lesson_step *st = &t->L->steps[t->done - 1];
  const struct shm *s = &t->shm;
  char prot[64], flags[96], line[256];
  size_t used = 0;

  memset (out, 0, sizeof *out);
  out->bad = r->err || r->refused || r->fault;
  if (out->bad)
    snprintf (out->detail, sizeof out->detail, "%s %s", r->refused ? "refused:" : "->",
              r->explain);
  else if (r->action == SHM_READ)
    snprintf (out->detail, sizeof out->detail, "stdout: %s", r->output);
  else if (r->action == SHM_WRITE)
    snprintf (out->detail, sizeof out->detail,
              "%lld bytes and a terminating NUL stored at %p", r->ret,
              (void *) ((char *) s->map + st->args.offset));
  else if (r->action == SHM_OPEN)
    snprintf (out->detail, sizeof out->detail, "fd %lld now refers to %s", r->ret, s->path);
  else if (r->action == SHM_MMAP)
    snprintf (out->detail, sizeof out->detail,
              "the mapping starts at %p: %ld page%s of %zu bytes", s->map, r->kv.pages,
              r->kv.pages == 1 ? "" : "s", s->page);

  if (s->fd >= 0)
    text_append (out->state, sizeof out->state, &used, "fd %d%s", s->fd,
                 s->fd_open ? "" : " (closed)");
  else
    text_append (out->state, sizeof out->state, &used, "fd none");
  if (s->map)
    text_append (out->state, sizeof out->state, &used, "   map %p  %zu B  %s  %s", s->map,
                 s->map_len, names_format (NAMES_PROT, s->prot, prot, sizeof prot),
                 names_format (NAMES_MAP, s->mflags, flags, sizeof flags));
  else
    text_append (out->state, sizeof out->state, &used, "   map none");

  used = 0;
  kview_resident_text (&r->kv, out->kernel, sizeof out->kernel);
  used = strlen (out->kernel);
  if (r->minflt >= 0 && !r->refused)
    text_append (out->kernel, sizeof out->kernel, &used,
                 "  minor faults in the call: %+ld", r->minflt);
  if (r->kv.pages)
    {
      char sm[300];
      used = 0;
      text_append (out->smaps, sizeof out->smaps, &used, "smaps (kB): %s",
                   kview_smaps_text (&r->kv.sm, sm, sizeof sm));
      kview_frames_text (&r->kv, out->pagemap, sizeof out->pagemap);
    }

  void *addr = last_mapping (t);
  int found = addr ? inspect_maps_line (NULL, addr, line, sizeof line) : 2;
  if (found == 1 && s->map)
    snprintf (out->maps, sizeof out->maps, "maps: %s", line);
  else if (found == 1)
    /* Unmapped, and the address is in use again (by the tutor's own
       memory, say): an old pointer would now reach that. */
    snprintf (out->maps, sizeof out->maps, "maps: %p is in another mapping now: %s", addr,
              line);
  else if (found == 0)
    snprintf (out->maps, sizeof out->maps,
              "maps: no line holds %p any more: the mapping is gone", addr);
  else if (found == 2)
    snprintf (out->maps, sizeof out->maps, "maps: nothing mapped yet");
  else
    snprintf (out->maps, sizeof out->maps, "maps: /proc/self/maps cannot be read");
}
