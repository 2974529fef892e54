/* walkthrough.c - a walk through a lesson's steps on a live mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "walkthrough.h"
#include "xalloc.h"

void
walkthrough_init (struct walkthrough *t, const struct lesson *L)
{
  memset (t, 0, sizeof *t);
  t->L = L;
  shm_init (&t->shm);
  twin_init (&t->twin, t->shm.page);
  kshare_init (&t->ks);
  t->rec = xcalloc (L->nsteps ? L->nsteps : 1, sizeof *t->rec);
  t->texts = xcalloc (L->nsteps ? L->nsteps : 1, sizeof *t->texts);
}

void
walkthrough_free (struct walkthrough *t)
{
  twin_reset (&t->twin);
  kshare_reset (&t->ks);
  shm_reset (&t->shm);
  if (t->texts)
    for (size_t i = 0; t->L && i < t->L->nsteps; i++)
      free (t->texts[i]);
  free (t->texts);
  free (t->rec);
  t->texts = NULL;
  t->rec = NULL;
  t->done = 0;
}

const char *
walkthrough_text (const struct walkthrough *t, size_t i)
{
  if (i >= t->L->nsteps)
    return NULL;
  return t->texts[i] ? t->texts[i] : t->L->steps[i].text;
}

int
walkthrough_set_text (struct walkthrough *t, size_t i, const char *text)
{
  char *copy = NULL;
  if (i >= t->L->nsteps)
    return -1;
  if (text && !(copy = xstrdup (text)))
    return -1;
  free (t->texts[i]);
  t->texts[i] = copy;
  return 0;
}

int
walkthrough_kernel_action (int action)
{
  return action == SHM_VVAR || action == SHM_CLOCK_COST || action == SHM_URING_SETUP
         || action == SHM_URING_SUBMIT;
}

int
walkthrough_on_kernel (const struct walkthrough *t)
{
  return t->done > 0 && walkthrough_kernel_action (t->L->steps[t->done - 1].action);
}

const struct lesson_step *
walkthrough_upcoming (const struct walkthrough *t)
{
  return t->done < t->L->nsteps ? &t->L->steps[t->done] : NULL;
}

int
walkthrough_goto (struct walkthrough *t, size_t n)
{
  if (n < 1 || n > t->L->nsteps)
    return -1;
  if (n < t->done)
    {
      twin_reset (&t->twin);
      kshare_reset (&t->ks);
      shm_reset (&t->shm);
      t->done = 0;
    }
  while (t->done < n)
    {
      const struct lesson_step *st = &t->L->steps[t->done];
      struct shm_args a = st->args;
      a.text = walkthrough_text (t, t->done);
      struct call_record *r = &t->rec[t->done];
      if (twin_action (st->action))
        twin_run (&t->twin, &t->shm, st->action, &a, r);
      else if (walkthrough_kernel_action (st->action))
        kshare_run (&t->ks, st->action, &a, r);
      else
        {
          shm_run (&t->shm, st->action, &a, r);
          twin_after_parent (&t->twin, &t->shm, r);
        }
      t->done++;
    }
  return 0;
}
