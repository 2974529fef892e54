/* deck-add.c - each kind of item of a deck: terms and concepts with their
   meanings, the memory aids and their parts, facts and the order of calls.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck-int.h"
#include "text.h"
#include "xalloc.h"

const char *const deck_key_names[D_NKEYS] = {
  "title", "source", "term", "concept", "means", "rhyme", "story", "tool", "acronym", "part",
  "fact", "order",
};

/* FNV-1a of KIND and S, case and runs of blanks ignored. */
uint64_t
deck_word_hash (int kind, const char *s)
{
  uint64_t h = (1469598103934665603ULL ^ (uint64_t) (kind + 1)) * 1099511628211ULL;
  int blank = 0;
  for (; *s; s++)
    {
      unsigned char c = (unsigned char) tolower ((unsigned char) *s);
      if (isspace (c))
        {
          blank = 1;
          continue;
        }
      if (blank)
        h = (h ^ ' ') * 1099511628211ULL;
      blank = 0;
      h = (h ^ c) * 1099511628211ULL;
    }
  return h ? h : 1;
}

/* Remember H; returns 1 when it was there already. */
int
deck_seen_add (struct dparser *p, uint64_t h)
{
  if (p->seen_n * 2 >= p->seen_cap)
    {
      size_t cap = p->seen_cap ? p->seen_cap * 2 : 256;
      uint64_t *t = xcalloc (cap, sizeof *t);
      for (size_t i = 0; i < p->seen_cap; i++)
        if (p->seen[i])
          {
            size_t j = p->seen[i] & (cap - 1);
            while (t[j])
              j = (j + 1) & (cap - 1);
            t[j] = p->seen[i];
          }
      free (p->seen);
      p->seen = t;
      p->seen_cap = cap;
    }
  size_t j = h & (p->seen_cap - 1);
  while (p->seen[j])
    {
      if (p->seen[j] == h)
        return 1;
      j = (j + 1) & (p->seen_cap - 1);
    }
  p->seen[j] = h;
  p->seen_n++;
  return 0;
}

/* Grow *ARR (of *N items of SIZE bytes, room for *CAP) by one; returns the
   new item, zeroed, or NULL. */
void *
deck_grow (void **arr, size_t *n, size_t *cap, size_t size)
{
  if (*n >= DECK_MAX_ITEMS)
    return NULL;
  *arr = xgrow (*arr, cap, *n, size, 16);
  void *item = (char *) *arr + (*n)++ * size;
  memset (item, 0, size);
  return item;
}

void
deck_close_open (struct dparser *p)
{
  if (p->open_entry && !p->open_entry->means)
    parse_fail (&p->rep, p->open_entry->line, "%s '%s' has no 'means'",
           p->open_entry->kind == DECK_TERM ? "term" : "concept", p->open_entry->word);
  if (p->open_aid && p->open_aid->nparts == 0)
    parse_fail (&p->rep, p->open_aid->line, "%s '%s' has no 'part' lines",
           p->open_aid->kind == AID_TOOL ? "tool" : "acronym", p->open_aid->name);
  if (p->open_aid && p->open_aid->kind == AID_ACRONYM && p->open_aid->nparts)
    {
      /* The letters must spell the acronym. */
      char spelt[DECK_MAX_PARTS * 4 + 1];
      size_t used = 0;
      for (size_t i = 0; i < p->open_aid->nparts; i++)
        text_append (spelt, sizeof spelt, &used, "%s", p->open_aid->parts[i].letter);
      if (strcmp (spelt, p->open_aid->name) != 0)
        parse_fail (&p->rep, p->open_aid->line, "the parts of acronym '%s' spell '%s'",
               p->open_aid->name, spelt);
    }
  p->open_entry = NULL;
  p->open_aid = NULL;
  p->skip_means = 0;
}

void
deck_add_entry (struct dparser *p, int line, enum deck_kind kind, const char *v)
{
  struct deck *D = p->D;
  if (*v == '\0')
    {
      parse_fail (&p->rep, line, "empty %s", kind == DECK_TERM ? "term" : "concept");
      p->skip_means = 1;
      return;
    }
  if (deck_seen_add (p, deck_word_hash (kind, v)))
    {
      parse_fail (&p->rep, line, "duplicate %s '%s'", kind == DECK_TERM ? "term" : "concept", v);
      p->skip_means = 1;
      return;
    }
  struct deck_entry *e = deck_grow ((void **) &D->entries, &D->nentries, &p->cap_entries,
                               sizeof *e);
  if (!e)
    {
      parse_fail (&p->rep, line, "more than %d items", DECK_MAX_ITEMS);
      return;
    }
  e->kind = kind;
  e->line = line;
  e->word = xstrdup (v);
  p->open_entry = e;
}

void
deck_add_aid (struct dparser *p, int line, enum deck_aid_kind kind, const char *v)
{
  struct deck *D = p->D;
  if (*v == '\0')
    {
      parse_fail (&p->rep, line, "empty %s", deck_key_names[D_RHYME + kind]);
      return;
    }
  struct deck_aid *a = deck_grow ((void **) &D->aids, &D->naids, &p->cap_aids, sizeof *a);
  if (!a)
    {
      parse_fail (&p->rep, line, "more than %d items", DECK_MAX_ITEMS);
      return;
    }
  a->kind = kind;
  a->line = line;
  if (kind == AID_TOOL || kind == AID_ACRONYM)
    {
      a->name = xstrdup (v);
      p->open_aid = a;
    }
  else
    a->text = xstrdup (v);
}

void
deck_add_part (struct dparser *p, int line, const char *v)
{
  struct deck_aid *a = p->open_aid;
  const char *bar = strchr (v, '|');
  if (!a)
    {
      parse_fail (&p->rep, line, "'part' outside a tool or acronym");
      return;
    }
  if (!bar)
    {
      parse_fail (&p->rep, line, "a part is 'LETTER | what it stands for'");
      return;
    }
  size_t ln = (size_t) (bar - v);
  while (ln && v[ln - 1] == ' ')
    ln--;
  const char *what = bar + 1;
  while (*what == ' ')
    what++;
  if (ln == 0 || ln > 4 || *what == '\0')
    {
      parse_fail (&p->rep, line, "a part is 'LETTER | what it stands for'");
      return;
    }
  if (a->nparts >= DECK_MAX_PARTS)
    {
      parse_fail (&p->rep, line, "more than %d parts", DECK_MAX_PARTS);
      return;
    }
  struct deck_part *np = xreallocarray (a->parts, a->nparts + 1, sizeof *np);
  a->parts = np;
  np[a->nparts].letter = xstrndup (v, ln);
  np[a->nparts].stands_for = xstrdup (what);
  a->nparts++;
}

void
deck_add_fact (struct dparser *p, int line, const char *v)
{
  struct deck *D = p->D;
  int truth;
  if (strncmp (v, "true |", 6) == 0)
    truth = 1, v += 6;
  else if (strncmp (v, "false |", 7) == 0)
    truth = 0, v += 7;
  else
    {
      parse_fail (&p->rep, line, "a fact is 'true | statement' or 'false | statement'");
      return;
    }
  while (*v == ' ')
    v++;
  if (*v == '\0')
    {
      parse_fail (&p->rep, line, "empty fact");
      return;
    }
  struct deck_fact *f = deck_grow ((void **) &D->facts, &D->nfacts, &p->cap_facts, sizeof *f);
  if (!f)
    {
      parse_fail (&p->rep, line, "more than %d items", DECK_MAX_ITEMS);
      return;
    }
  f->truth = truth;
  f->line = line;
  f->text = xstrdup (v);
}

void
deck_set_order (struct dparser *p, int line, const char *v)
{
  struct deck *D = p->D;
  if (D->order)
    {
      parse_fail (&p->rep, line, "'order' given twice");
      return;
    }
  size_t n = 1;
  for (const char *c = v; *c; c++)
    n += *c == ',';
  if (n < 2 || n > 64)
    {
      parse_fail (&p->rep, line, "an order lists 2 to 64 calls, separated by commas");
      return;
    }
  D->order = xcalloc (n, sizeof *D->order);
  const char *s = v;
  for (size_t i = 0; i < n; i++)
    {
      while (*s == ' ')
        s++;
      const char *e = strchr (s, ',');
      size_t k = e ? (size_t) (e - s) : strlen (s);
      while (k && s[k - 1] == ' ')
        k--;
      if (k == 0)
        {
          parse_fail (&p->rep, line, "an empty call in the order");
          break;
        }
      D->order[D->norder++] = xstrndup (s, k);
      s = e ? e + 1 : s + k;
    }
}

