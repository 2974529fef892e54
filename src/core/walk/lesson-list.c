/* lesson-list.c - the lessons found on this system.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson-list.h"
#include "lesson.h"
#include "visible.h"
#include "xalloc.h"

static int
by_name (const void *a, const void *b)
{
  return strcmp (((const struct lesson_entry *) a)->name,
                 ((const struct lesson_entry *) b)->name);
}

const struct lesson_entry *
lesson_list_find (const struct lesson_list *c, const char *name)
{
  for (size_t i = 0; i < c->n; i++)
    if (strcmp (c->e[i].name, name) == 0)
      return &c->e[i];
  return NULL;
}

void
lesson_list_add_dir (struct lesson_list *c, const char *dir)
{
  char folder[4096];
  if (!dir || (size_t) snprintf (folder, sizeof folder, "%s/lessons", dir) >= sizeof folder)
    return;
  DIR *d = opendir (folder);
  if (!d)
    return;
  size_t first = c->n;
  struct dirent *e;
  while ((e = readdir (d)) && c->n < LESSON_LIST_MAX)
    {
      size_t len = strlen (e->d_name);
      if (e->d_name[0] == '.' || len <= 7 || len - 7 >= sizeof c->e[0].name
          || strcmp (e->d_name + len - 7, ".lesson") != 0)
        continue;
      char name[64];
      snprintf (name, sizeof name, "%.*s", (int) (len - 7), e->d_name);
      /* A name is shown as it is: one with a control character (an escape
         sequence in a file's name) or not UTF-8 is no lesson's. */
      int shown = text_is_visible (name, strlen (name), VISIBLE_UTF8);
      if (!shown || lesson_list_find (c, name))
        continue;
      struct lesson_entry *ne = xreallocarray (c->e, c->n + 1, sizeof *ne);
      c->e = ne;
      struct lesson_entry *x = &c->e[c->n++];
      memset (x, 0, sizeof *x);
      snprintf (x->name, sizeof x->name, "%s", name);
      if ((size_t) snprintf (x->path, sizeof x->path, "%.3800s/%.255s", folder, e->d_name)
          >= sizeof x->path)
        x->path[0] = 0;
      /* Read it now: the lesson list shows titles, and which files are broken. */
      struct lesson L;
      x->ok = lesson_load (x->path, &L, NULL, NULL) == 0;
      snprintf (x->title, sizeof x->title, "%s",
                x->ok ? L.title : "(has errors: shmtutor --check shows them)");
      x->source = x->ok && L.source ? xstrdup (L.source) : NULL;
      lesson_free (&L);
    }
  closedir (d);
  qsort (c->e + first, c->n - first, sizeof c->e[0], by_name);
}

void
lesson_list_free (struct lesson_list *c)
{
  for (size_t i = 0; i < c->n; i++)
    free (c->e[i].source);
  free (c->e);
  c->e = NULL;
  c->n = 0;
}
