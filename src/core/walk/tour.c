/* tour.c - a walk through a lesson's steps on a live mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "tour.h"
#include "xalloc.h"

void
tour_init (struct tour *t, const struct lesson *L)
{
  memset (t, 0, sizeof *t);
  t->L = L;
  shm_init (&t->shm);
  t->rec = xcalloc (L->nsteps ? L->nsteps : 1, sizeof *t->rec);
  t->texts = xcalloc (L->nsteps ? L->nsteps : 1, sizeof *t->texts);
}

void
tour_free (struct tour *t)
{
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
tour_text (const struct tour *t, size_t i)
{
  if (i >= t->L->nsteps)
    return NULL;
  return t->texts[i] ? t->texts[i] : t->L->steps[i].text;
}

int
tour_set_text (struct tour *t, size_t i, const char *text)
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

const struct lesson_step *
tour_upcoming (const struct tour *t)
{
  return t->done < t->L->nsteps ? &t->L->steps[t->done] : NULL;
}

int
tour_goto (struct tour *t, size_t n)
{
  if (n < 1 || n > t->L->nsteps)
    return -1;
  if (n < t->done)
    {
      shm_reset (&t->shm);
      t->done = 0;
    }
  while (t->done < n)
    {
      const struct lesson_step *st = &t->L->steps[t->done];
      struct shm_args a = st->args;
      a.text = tour_text (t, t->done);
      shm_run (&t->shm, st->action, &a, &t->rec[t->done]);
      t->done++;
    }
  return 0;
}
