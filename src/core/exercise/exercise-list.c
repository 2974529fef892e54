/* exercise-list.c - the exercises found, in the order a learner meets
   them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise-list.h"
#include "exercise.h"
#include "visible.h"
#include "xalloc.h"

const struct exercise_entry *
exercise_list_find (const struct exercise_list *c, const char *name)
{
  for (size_t i = 0; i < c->n; i++)
    if (strcmp (c->e[i].name, name) == 0)
      return &c->e[i];
  return NULL;
}

const struct exercise_entry *
exercise_list_lookup (const struct exercise_list *c, const char *word)
{
  const struct exercise_entry *e = exercise_list_find (c, word);
  if (e || !*word || strspn (word, "0123456789") != strlen (word) || strlen (word) > 4)
    return e;
  size_t k = (size_t) strtoul (word, NULL, 10);
  return k >= 1 && k <= c->n ? &c->e[k - 1] : NULL;
}

void
exercise_list_add_dir (struct exercise_list *c, const char *dir)
{
  char folder[4096];
  if (!dir || (size_t) snprintf (folder, sizeof folder, "%s/exercises", dir) >= sizeof folder)
    return;
  DIR *d = opendir (folder);
  if (!d)
    return;
  struct dirent *e;
  static const char ending[] = ".exercise";
  size_t el = sizeof ending - 1;
  while ((e = readdir (d)) && c->n < EXERCISE_LIST_MAX)
    {
      size_t len = strlen (e->d_name);
      if (e->d_name[0] == '.' || len <= el || len - el >= sizeof c->e[0].name
          || strcmp (e->d_name + len - el, ending) != 0)
        continue;
      char name[64];
      snprintf (name, sizeof name, "%.*s", (int) (len - el), e->d_name);
      int shown = text_is_visible (name, strlen (name), VISIBLE_UTF8);
      if (!shown || exercise_list_find (c, name))
        continue;
      c->e = xreallocarray (c->e, c->n + 1, sizeof *c->e);
      struct exercise_entry *x = &c->e[c->n++];
      memset (x, 0, sizeof *x);
      snprintf (x->name, sizeof x->name, "%s", name);
      if ((size_t) snprintf (x->path, sizeof x->path, "%.3800s/%.255s", folder, e->d_name)
          >= sizeof x->path)
        x->path[0] = '\0';
      struct exercise ex;
      x->ok = exercise_load (x->path, &ex, NULL, NULL) == 0;
      x->number = ex.number;
      snprintf (x->title, sizeof x->title, "%s",
                x->ok ? ex.title : "(has errors: shmtutor --check shows them)");
      snprintf (x->file, sizeof x->file, "%s", x->ok ? ex.file : "");
      exercise_free (&ex);
    }
  closedir (d);
}

static int
by_order (const void *a, const void *b)
{
  const struct exercise_entry *x = a, *y = b;
  int nx = x->number ? x->number : 1000, ny = y->number ? y->number : 1000;
  if (nx != ny)
    return nx < ny ? -1 : 1;
  return strcmp (x->name, y->name);
}

void
exercise_list_sort (struct exercise_list *c)
{
  if (c->n > 1)
    qsort (c->e, c->n, sizeof c->e[0], by_order);
}

void
exercise_list_free (struct exercise_list *c)
{
  free (c->e);
  c->e = NULL;
  c->n = 0;
}
