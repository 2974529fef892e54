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
#include "twin.h"

/* The address the lesson mapped last, found in the records. */
static void *
last_mapping (const struct walkthrough *t)
{
  for (size_t i = t->done; i-- > 0;)
    if (t->rec[i].action == SHM_MMAP && !t->rec[i].err && !t->rec[i].refused)
      return (void *) (uintptr_t) t->rec[i].ret;
  return NULL;
}

/* LINE of maps without its range and offset: the permissions, then the
   device and inode that tell one object from another, and the name. */
static void
short_maps (const char *line, char *buf, size_t len)
{
  char range[64], perms[8], off[24], rest[200];
  if (sscanf (line, "%63s %7s %23s %199[^\n]", range, perms, off, rest) == 4)
    snprintf (buf, len, "%s %s", perms, rest);
  else
    snprintf (buf, len, "%s", line[0] ? line : "(no maps line)");
}

static void
side_pane (const struct twin_side *sd, const char *who, int alive, struct report_pane *p)
{
  size_t used = 0;
  snprintf (p->title, sizeof p->title, "%s %d", who, sd->pid);
  if (!alive && sd->said[0])
    {
      snprintf (p->said, sizeof p->said, "%s", sd->said);
      return;
    }
  short_maps (sd->maps, p->maps, sizeof p->maps);
  if (sd->kv.sm.ok)
    text_append (p->figures, sizeof p->figures, &used, "Rss %ld kB  Pss %ld kB", sd->kv.sm.rss,
                 sd->kv.sm.pss);
  if (sd->minflt >= 0)
    text_append (p->figures, sizeof p->figures, &used, "%sfaults %+ld", used ? "  " : "",
                 sd->minflt);
  /* The frames its first pages are in ("pfn": page frame number), where
     pagemap tells
     (CAP_SYS_ADMIN): one frame in both is one page; a copy-on-write fault
     changes it. */
  if (sd->kv.pages && sd->kv.frames)
    {
      size_t tu = strlen (p->title);
      long n = sd->kv.pages < 2 ? sd->kv.pages : 2, any = 0;
      for (long i = 0; i < n; i++)
        any += sd->kv.pg[i].mapped == 1 && sd->kv.pg[i].pfn;
      if (any)
        {
          text_append (p->title, sizeof p->title, &tu, ", %s", n > 1 ? "pfn" : "frame");
          for (long i = 0; i < n; i++)
            if (sd->kv.pg[i].mapped == 1 && sd->kv.pg[i].pfn)
              text_append (p->title, sizeof p->title, &tu, " 0x%llx", sd->kv.pg[i].pfn);
            else
              text_append (p->title, sizeof p->title, &tu, " -");
          if (sd->kv.pages > n)
            text_append (p->title, sizeof p->title, &tu, " ...");
        }
    }
  snprintf (p->said, sizeof p->said, "%s", sd->said);
}

static void
twin_panes (const struct walkthrough *t, struct report *out)
{
  const struct twin *w = &t->twin;
  if (!w->had_child && !w->show_stranger)
    return;
  out->panes = 2;
  side_pane (&w->parent, "parent", 1, &out->pane[0]);
  if (w->parent.pid == 0)
    snprintf (out->pane[0].title, sizeof out->pane[0].title, "this process (the parent)");
  if (!w->show_stranger)
    {
      side_pane (&w->child, "child", w->alive, &out->pane[1]);
      return;
    }
  struct report_pane *p = &out->pane[1];
  const struct twin_stranger *sg = &w->stranger;
  snprintf (p->title, sizeof p->title, "stranger %d (exec'd, not forked)", sg->pid);
  if (!sg->ran)
    {
      snprintf (p->said, sizeof p->said, "%s", sg->why);
      return;
    }
  short_maps (sg->maps, p->maps, sizeof p->maps);
  size_t used = 0;
  text_append (p->figures, sizeof p->figures, &used, "%lu of %lu bytes not zero; first:",
               sg->nonzero, sg->bytes);
  for (int i = 0; i < 8; i++)
    text_append (p->figures, sizeof p->figures, &used, " %02x", sg->head[i]);
  snprintf (p->said, sizeof p->said, "it ran, reported and was reaped");
}

/* The step's own words, for the process actions. */
static void
twin_detail (const struct walkthrough *t, const struct call_record *r, const struct lesson_step *st,
             struct report *out)
{
  const struct twin *w = &t->twin;
  switch (r->action)
    {
    case SHM_FORK:
      snprintf (out->detail, sizeof out->detail,
                "child pid %lld maps what this process maps, at the same addresses",
                r->ret);
      break;
    case SHM_CHILD_WRITE:
      snprintf (out->detail, sizeof out->detail,
                "the child %d stored %lld bytes and a terminating NUL at %p", w->child.pid,
                r->ret, (void *) ((char *) w->child.map + st->args.offset));
      break;
    case SHM_PARENT_WRITE:
      snprintf (out->detail, sizeof out->detail,
                "the parent stored %lld bytes and a terminating NUL at %p", r->ret,
                (void *) ((char *) t->shm.map + st->args.offset));
      break;
    case SHM_CHILD_READ:
      snprintf (out->detail, sizeof out->detail, "the child's stdout: %s", r->output);
      break;
    default:
      snprintf (out->detail, sizeof out->detail, "%s", r->output);
      break;
    }
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
  else if (twin_action ((enum shm_action) r->action))
    twin_detail (t, r, st, out);
  else if (r->output[0])
    snprintf (out->detail, sizeof out->detail, "%s", r->output);
  twin_panes (t, out);
  if (walkthrough_on_kernel (t))
    {
      /* Not about the mapping: the step's own lines instead, and its
         faults. */
      for (size_t i = 0; i < kshare_nlines (&t->ks) && i < KSHARE_LINES; i++)
        snprintf (out->lines[out->nlines++], KSHARE_LINE_LEN, "%s", kshare_line (&t->ks, i));
      if (r->minflt >= 0 && !r->refused)
        snprintf (out->kernel, sizeof out->kernel, "minor faults in the step: %+ld", r->minflt);
      return;
    }

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
  /* The figures are those of the process that made the call. */
  int childs = (r->action == SHM_CHILD_WRITE || r->action == SHM_CHILD_READ) && !r->refused
    && t->twin.child.pid > 0;
  if (childs)
    text_append (out->kernel, sizeof out->kernel, &used, "the child %d's ", t->twin.child.pid);
  kview_resident_text (&r->kv, out->kernel + used, sizeof out->kernel - used);
  used = strlen (out->kernel);
  if (r->minflt >= 0 && !r->refused)
    text_append (out->kernel, sizeof out->kernel, &used,
                 "  minor faults in the call: %+ld%s", r->minflt,
                 r->minflt_own ? " (tutor's own too)" : "");
  if (r->kv.pages)
    {
      char sm[300];
      used = 0;
      text_append (out->smaps, sizeof out->smaps, &used, "%ssmaps (kB): %s",
                   childs ? "the child's " : "", kview_smaps_text (&r->kv.sm, sm, sizeof sm));
      char fr[400];
      snprintf (out->pagemap, sizeof out->pagemap, "%s%s", childs ? "the child's " : "",
                kview_frames_text (&r->kv, fr, sizeof fr));
    }

  if (r->shmem_taken && r->shmem_kb[0] >= 0 && r->shmem_kb[1] >= 0)
    {
      used = strlen (out->smaps);
      text_append (out->smaps, sizeof out->smaps, &used,
                   "%smeminfo Shmem (the whole system's%s): %ld kB before, %ld kB after",
                   used ? "   " : "", r->shmem_exact ? "" : ", counted in batches: it may lag",
                   r->shmem_kb[0], r->shmem_kb[1]);
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
