/* store-text.c - the progress file's text: reading it into items, kept
   in a hash index by key, and writing them back.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lines.h"
#include "progress.h"
#include "store-int.h"
#include "xalloc.h"

static uint64_t
key_hash (const char *s)
{
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++)
    h = (h ^ (unsigned char) *s) * 1099511628211ULL;
  return h;
}

static void
reindex (struct store *st, size_t cap)
{
  size_t *ix = xreallocarray (NULL, cap, sizeof *ix);
  for (size_t i = 0; i < cap; i++)
    ix[i] = (size_t) -1;
  for (size_t i = 0; i < st->n; i++)
    {
      size_t j = key_hash (st->items[i].key) & (cap - 1);
      while (ix[j] != (size_t) -1)
        j = (j + 1) & (cap - 1);
      ix[j] = i;
    }
  free (st->index);
  st->index = ix;
  st->index_cap = cap;
}

const struct store_item *
store_find (const struct store *st, const char *key)
{
  if (!st->index_cap)
    return NULL;
  size_t j = key_hash (key) & (st->index_cap - 1);
  while (st->index[j] != (size_t) -1)
    {
      if (strcmp (st->items[st->index[j]].key, key) == 0)
        return &st->items[st->index[j]];
      j = (j + 1) & (st->index_cap - 1);
    }
  return NULL;
}

struct store_item *
store_get (struct store *st, const char *key)
{
  const struct store_item *f = store_find (st, key);
  if (f)
    return (struct store_item *) f;
  if (strlen (key) >= STORE_MAX_KEY)
    return NULL;
  st->items = xgrow (st->items, &st->cap, st->n, sizeof *st->items, 64);
  struct store_item *it = &st->items[st->n++];
  memset (it, 0, sizeof *it);
  snprintf (it->key, sizeof it->key, "%s", key);
  if (st->n * 2 > st->index_cap)
    {
      /* Grow the index; it takes in the new item with the rest. */
      reindex (st, st->index_cap ? st->index_cap * 2 : 128);
    }
  else
    {
      size_t j = key_hash (key) & (st->index_cap - 1);
      while (st->index[j] != (size_t) -1)
        j = (j + 1) & (st->index_cap - 1);
      st->index[j] = st->n - 1;
    }
  return it;
}

void
store_clear (struct store *st)
{
  free (st->items);
  free (st->index);
  st->items = NULL;
  st->index = NULL;
  st->n = st->cap = st->index_cap = 0;
}

/* One line: "card KEY BOX DUE SEEN RIGHT LAPSES", "walk NAME STEP",
   "predict NAME RIGHT GUESSES" or "exercise NAME STATE TIME". */
static int
parse_line (struct store *st, char *s)
{
  char kind[12], name[STORE_MAX_KEY];
  long long due;
  int box, step, used = 0;
  unsigned seen, right, lapses;

  if (sscanf (s, "%11s %127s%n", kind, name, &used) != 2)
    return -1;
  char key[STORE_MAX_KEY + 16];
  snprintf (key, sizeof key, "%s %s", kind, name);
  if (strlen (key) >= STORE_MAX_KEY)
    return -1;
  if (strcmp (kind, "card") == 0)
    {
      int end = 0;
      if (sscanf (s + used, " %d %lld %u %u %u %n", &box, &due, &seen, &right, &lapses, &end)
          != 5 || s[used + end] != '\0' || box < 0 || box >= SCHED_BOXES || due < 0
          || right > seen)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->card = (struct sched_card) { box, due, seen, right, lapses };
    }
  else if (strcmp (kind, "walk") == 0)
    {
      int end = 0;
      if (sscanf (s + used, " %d %n", &step, &end) != 1 || s[used + end] != '\0'
          || step < 1 || step > 1000)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->step = step;
    }
  else if (strcmp (kind, "exercise") == 0)
    {
      int end = 0, state;
      long long when;
      if (sscanf (s + used, " %d %lld %n", &state, &when, &end) != 2 || s[used + end] != '\0'
          || state < PROGRESS_FAILING || state > PROGRESS_PASSED || when < 0)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->step = state;
      it->card.due = when;
    }
  else if (strcmp (kind, "predict") == 0)
    {
      int end = 0;
      if (sscanf (s + used, " %u %u %n", &right, &seen, &end) != 2 || s[used + end] != '\0'
          || right > seen)
        return -1;
      struct store_item *it = store_get (st, key);
      if (!it)
        return -1;
      it->card.right = right;
      it->card.seen = seen;
    }
  else
    return -1;
  return 0;
}

/* What store_parse's line callbacks share. */
struct sp {
  struct store *st;
  int header;               /* the header line was seen */
  int bad;                  /* a line was refused: the file is corrupt */
};

static void
store_line (void *ctx, int lineno, char *line)
{
  struct sp *p = ctx;
  if (p->bad || line[0] == '#' || line[0] == '\0')
    return;
  if (!p->header)
    {
      if (strcmp (line, HEADER) != 0)
        {
          snprintf (p->st->warning, sizeof p->st->warning,
                    "the progress file does not start with '" HEADER "'");
          p->bad = 1;
        }
      p->header = 1;
      return;
    }
  if (parse_line (p->st, line) != 0)
    {
      snprintf (p->st->warning, sizeof p->st->warning,
                "line %d of the progress file is malformed", lineno);
      p->bad = 1;
    }
}

static void
store_bad (void *ctx, int lineno, const char *why)
{
  struct sp *p = ctx;
  if (p->bad)
    return;
  /* lines_each's reasons, in the progress file's words. */
  snprintf (p->st->warning, sizeof p->st->warning, "line %d of the progress file is %s",
            lineno, strncmp (why, "line longer", 11) == 0 ? "too long"
            : strncmp (why, "binary", 6) == 0 ? "binary" : why);
  p->bad = 1;
}

int
store_parse (struct store *st, const char *buf, size_t len)
{
  static const struct lines_fn fn = { store_line, store_bad, 1, 1 };
  struct sp p = { st, 0, 0 };

  store_clear (st);
  if (len > STORE_MAX_BYTES)
    {
      snprintf (st->warning, sizeof st->warning, "the progress file is too large");
      return -1;
    }
  /* The lines whole, then a last one without its newline, which is a
     write cut short (a crash): each refused in the order they come, as
     the progress file's own reader always did.  Its keys may hold any
     bytes (a lesson's file name), not only UTF-8. */
  size_t whole = len;
  while (whole && buf[whole - 1] != '\n')
    whole--;
  int lines = lines_each (buf, whole, STORE_MAX_LINE, &fn, &p, &p.bad);
  if (!p.bad && whole < len)
    {
      snprintf (st->warning, sizeof st->warning, "line %d of the progress file is cut short",
                lines + 1);
      p.bad = 1;
    }
  if (!p.bad && len && !p.header)
    {
      snprintf (st->warning, sizeof st->warning, "the progress file has no header");
      p.bad = 1;
    }
  if (p.bad)
    {
      store_clear (st);
      return -1;
    }
  return 0;
}

void
store_write (const struct store *st, FILE *f)
{
  fprintf (f, "# shmtutor progress: card KEY BOX DUE SEEN RIGHT LAPSES; walk LESSON STEP;\n"
           "# predict LESSON RIGHT GUESSES; exercise NAME STATE TIME (1 failing, 2 passed)\n"
           HEADER "\n");
  for (size_t i = 0; i < st->n; i++)
    {
      const struct store_item *it = &st->items[i];
      if (strncmp (it->key, "card ", 5) == 0)
        fprintf (f, "%s %d %lld %u %u %u\n", it->key, it->card.box, it->card.due,
                 it->card.seen, it->card.right, it->card.lapses);
      else if (strncmp (it->key, "predict ", 8) == 0)
        fprintf (f, "%s %u %u\n", it->key, it->card.right, it->card.seen);
      else if (strncmp (it->key, "exercise ", 9) == 0)
        fprintf (f, "%s %d %lld\n", it->key, it->step, it->card.due);
      else
        fprintf (f, "%s %d\n", it->key, it->step);
    }
}

