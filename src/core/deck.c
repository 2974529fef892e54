/* deck.c - a lesson's glossary, key concepts and memory aids.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deck.h"
#include "lines.h"
#include "text.h"

/* The keys of a deck file. */
enum dkey { D_TITLE, D_TERM, D_CONCEPT, D_MEANS, D_RHYME, D_STORY, D_TOOL, D_ACRONYM,
            D_PART, D_FACT, D_ORDER, D_NKEYS };
static const char *const dkey_names[D_NKEYS] = {
  "title", "term", "concept", "means", "rhyme", "story", "tool", "acronym", "part",
  "fact", "order",
};

struct dparser {
  const char *file;
  lesson_error_fn err;
  void *ctx;
  int nerr;
  struct deck *D;
  struct deck_entry *open_entry;   /* waiting for its 'means' */
  struct deck_aid *open_aid;       /* a tool or acronym taking parts */
  int skip_means;                  /* the term before was reported: its means is not */
  size_t cap_entries, cap_aids, cap_facts;
  /* Words seen, hashed, to catch duplicates in large decks quickly. */
  uint64_t *seen;
  size_t seen_cap, seen_n;
};

static void dfail (struct dparser *p, int line, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
dfail (struct dparser *p, int line, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  p->nerr++;
  if (p->err)
    p->err (p->ctx, p->file, line, msg);
}

/* FNV-1a of KIND and S, case and runs of blanks ignored. */
static uint64_t
word_hash (int kind, const char *s)
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
static int
seen_add (struct dparser *p, uint64_t h)
{
  if (p->seen_n * 2 >= p->seen_cap)
    {
      size_t cap = p->seen_cap ? p->seen_cap * 2 : 256;
      uint64_t *t = calloc (cap, sizeof *t);
      if (!t)
        return 0;
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
static void *
grow (void **arr, size_t *n, size_t *cap, size_t size)
{
  if (*n >= DECK_MAX_ITEMS)
    return NULL;
  if (*n == *cap)
    {
      size_t c = *cap ? *cap * 2 : 16;
      void *a = realloc (*arr, c * size);
      if (!a)
        return NULL;
      *arr = a;
      *cap = c;
    }
  void *item = (char *) *arr + (*n)++ * size;
  memset (item, 0, size);
  return item;
}

static void
close_open (struct dparser *p)
{
  if (p->open_entry && !p->open_entry->means)
    dfail (p, p->open_entry->line, "%s '%s' has no 'means'",
           p->open_entry->kind == DECK_TERM ? "term" : "concept", p->open_entry->word);
  if (p->open_aid && p->open_aid->nparts == 0)
    dfail (p, p->open_aid->line, "%s '%s' has no 'part' lines",
           p->open_aid->kind == AID_TOOL ? "tool" : "acronym", p->open_aid->name);
  if (p->open_aid && p->open_aid->kind == AID_ACRONYM && p->open_aid->nparts)
    {
      /* The letters must spell the acronym. */
      char spelt[DECK_MAX_PARTS * 4 + 1];
      size_t used = 0;
      for (size_t i = 0; i < p->open_aid->nparts; i++)
        text_append (spelt, sizeof spelt, &used, "%s", p->open_aid->parts[i].letter);
      if (strcmp (spelt, p->open_aid->name) != 0)
        dfail (p, p->open_aid->line, "the parts of acronym '%s' spell '%s'",
               p->open_aid->name, spelt);
    }
  p->open_entry = NULL;
  p->open_aid = NULL;
  p->skip_means = 0;
}

static char *
dup_text (struct dparser *p, int line, const char *v)
{
  char *d = strdup (v);
  if (!d)
    dfail (p, line, "out of memory");
  return d;
}

static void
add_entry (struct dparser *p, int line, enum deck_kind kind, const char *v)
{
  struct deck *D = p->D;
  if (*v == '\0')
    {
      dfail (p, line, "empty %s", kind == DECK_TERM ? "term" : "concept");
      p->skip_means = 1;
      return;
    }
  if (seen_add (p, word_hash (kind, v)))
    {
      dfail (p, line, "duplicate %s '%s'", kind == DECK_TERM ? "term" : "concept", v);
      p->skip_means = 1;
      return;
    }
  struct deck_entry *e = grow ((void **) &D->entries, &D->nentries, &p->cap_entries,
                               sizeof *e);
  if (!e)
    {
      dfail (p, line, "more than %d items, or out of memory", DECK_MAX_ITEMS);
      return;
    }
  e->kind = kind;
  e->line = line;
  e->word = dup_text (p, line, v);
  if (!e->word)
    {
      D->nentries--;
      return;
    }
  p->open_entry = e;
}

static void
add_aid (struct dparser *p, int line, enum deck_aid_kind kind, const char *v)
{
  struct deck *D = p->D;
  if (*v == '\0')
    {
      dfail (p, line, "empty %s", dkey_names[D_RHYME + kind]);
      return;
    }
  struct deck_aid *a = grow ((void **) &D->aids, &D->naids, &p->cap_aids, sizeof *a);
  if (!a)
    {
      dfail (p, line, "more than %d items, or out of memory", DECK_MAX_ITEMS);
      return;
    }
  a->kind = kind;
  a->line = line;
  if (kind == AID_TOOL || kind == AID_ACRONYM)
    {
      a->name = dup_text (p, line, v);
      p->open_aid = a;
    }
  else
    a->text = dup_text (p, line, v);
}

static void
add_part (struct dparser *p, int line, const char *v)
{
  struct deck_aid *a = p->open_aid;
  const char *bar = strchr (v, '|');
  if (!a)
    {
      dfail (p, line, "'part' outside a tool or acronym");
      return;
    }
  if (!bar)
    {
      dfail (p, line, "a part is 'LETTER | what it stands for'");
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
      dfail (p, line, "a part is 'LETTER | what it stands for'");
      return;
    }
  if (a->nparts >= DECK_MAX_PARTS)
    {
      dfail (p, line, "more than %d parts", DECK_MAX_PARTS);
      return;
    }
  struct deck_part *np = realloc (a->parts, (a->nparts + 1) * sizeof *np);
  if (!np)
    {
      dfail (p, line, "out of memory");
      return;
    }
  a->parts = np;
  np[a->nparts].letter = strndup (v, ln);
  np[a->nparts].stands_for = strdup (what);
  if (!np[a->nparts].letter || !np[a->nparts].stands_for)
    {
      free (np[a->nparts].letter);
      free (np[a->nparts].stands_for);
      dfail (p, line, "out of memory");
      return;
    }
  a->nparts++;
}

static void
add_fact (struct dparser *p, int line, const char *v)
{
  struct deck *D = p->D;
  int truth;
  if (strncmp (v, "true |", 6) == 0)
    truth = 1, v += 6;
  else if (strncmp (v, "false |", 7) == 0)
    truth = 0, v += 7;
  else
    {
      dfail (p, line, "a fact is 'true | statement' or 'false | statement'");
      return;
    }
  while (*v == ' ')
    v++;
  if (*v == '\0')
    {
      dfail (p, line, "empty fact");
      return;
    }
  struct deck_fact *f = grow ((void **) &D->facts, &D->nfacts, &p->cap_facts, sizeof *f);
  if (!f)
    {
      dfail (p, line, "more than %d items, or out of memory", DECK_MAX_ITEMS);
      return;
    }
  f->truth = truth;
  f->line = line;
  f->text = dup_text (p, line, v);
  if (!f->text)
    D->nfacts--;
}

static void
set_order (struct dparser *p, int line, const char *v)
{
  struct deck *D = p->D;
  if (D->order)
    {
      dfail (p, line, "'order' given twice");
      return;
    }
  size_t n = 1;
  for (const char *c = v; *c; c++)
    n += *c == ',';
  if (n < 2 || n > 64)
    {
      dfail (p, line, "an order lists 2 to 64 calls, separated by commas");
      return;
    }
  D->order = calloc (n, sizeof *D->order);
  if (!D->order)
    {
      dfail (p, line, "out of memory");
      return;
    }
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
          dfail (p, line, "an empty call in the order");
          break;
        }
      D->order[D->norder++] = strndup (s, k);
      s = e ? e + 1 : s + k;
    }
}

static void
deck_line (struct dparser *p, int line, char *s)
{
  size_t n = strlen (s);
  while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = '\0';
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0' || *s == '#')
    return;
  char *colon = strchr (s, ':');
  if (!colon)
    {
      dfail (p, line, "expected 'key: value'");
      return;
    }
  *colon = '\0';
  char *v = colon + 1;
  while (*v == ' ' || *v == '\t')
    v++;
  int k;
  for (k = 0; k < D_NKEYS; k++)
    if (strcmp (s, dkey_names[k]) == 0)
      break;
  if (k != D_MEANS && k != D_PART)
    close_open (p);
  switch (k)
    {
    case D_TITLE:
      if (p->D->title)
        dfail (p, line, "'title' given twice");
      else if (*v == '\0')
        dfail (p, line, "empty title");
      else
        p->D->title = dup_text (p, line, v);
      break;
    case D_TERM: add_entry (p, line, DECK_TERM, v); break;
    case D_CONCEPT: add_entry (p, line, DECK_CONCEPT, v); break;
    case D_MEANS:
      if (!p->open_entry && p->skip_means)
        p->skip_means = 0;      /* the term's error says it all */
      else if (!p->open_entry)
        dfail (p, line, "'means' without a term or concept before it");
      else if (p->open_entry->means)
        dfail (p, line, "'means' given twice for '%s'", p->open_entry->word);
      else if (*v == '\0')
        dfail (p, line, "empty 'means'");
      else
        p->open_entry->means = dup_text (p, line, v);
      break;
    case D_RHYME: add_aid (p, line, AID_RHYME, v); break;
    case D_STORY: add_aid (p, line, AID_STORY, v); break;
    case D_TOOL: add_aid (p, line, AID_TOOL, v); break;
    case D_ACRONYM: add_aid (p, line, AID_ACRONYM, v); break;
    case D_PART: add_part (p, line, v); break;
    case D_FACT: add_fact (p, line, v); break;
    case D_ORDER: set_order (p, line, v); break;
    default: dfail (p, line, "unknown key '%.40s'", s); break;
    }
}

/* lines_each's callbacks. */
static void
line_ok (void *ctx, int lineno, char *text)
{
  deck_line (ctx, lineno, text);
}

static void
line_bad (void *ctx, int lineno, const char *why)
{
  dfail (ctx, lineno, "%s", why);
}

static int
give_up (void *ctx, int lineno)
{
  struct dparser *p = ctx;
  if (p->nerr < 50)
    return 0;
  dfail (p, lineno, "too many errors; giving up");
  return 1;
}

int
deck_parse (const char *buf, size_t len, const char *file, struct deck *D,
            lesson_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { line_ok, line_bad, give_up };
  struct dparser p = { .file = file, .err = err, .ctx = ctx, .D = D,
                       .cap_entries = D->nentries, .cap_aids = D->naids,
                       .cap_facts = D->nfacts };

  /* Words already in D count for duplicates too. */
  for (size_t i = 0; i < D->nentries; i++)
    seen_add (&p, word_hash (D->entries[i].kind, D->entries[i].word));
  if (len > DECK_MAX_BYTES)
    dfail (&p, 0, "file larger than %d bytes", DECK_MAX_BYTES);
  else
    {
      lines_each (buf, len, DECK_MAX_LINE, &fn, &p);
      close_open (&p);
    }
  free (p.seen);
  return p.nerr;
}

int
deck_load (const char *path, struct deck *D, lesson_error_fn err, void *ctx)
{
  char msg[256];
  size_t len;
  char *buf = lines_read (path, DECK_MAX_BYTES, &len, msg, sizeof msg);
  if (!buf)
    {
      if (err)
        err (ctx, path, 0, msg);
      return 1;
    }
  int rc = deck_parse (buf, len, path, D, err, ctx);
  free (buf);
  return rc;
}

void
deck_free (struct deck *D)
{
  for (size_t i = 0; i < D->nentries; i++)
    {
      free (D->entries[i].word);
      free (D->entries[i].means);
    }
  free (D->entries);
  for (size_t i = 0; i < D->naids; i++)
    {
      struct deck_aid *a = &D->aids[i];
      for (size_t j = 0; j < a->nparts; j++)
        {
          free (a->parts[j].letter);
          free (a->parts[j].stands_for);
        }
      free (a->parts);
      free (a->name);
      free (a->text);
    }
  free (D->aids);
  for (size_t i = 0; i < D->nfacts; i++)
    free (D->facts[i].text);
  free (D->facts);
  for (size_t i = 0; i < D->norder; i++)
    free (D->order[i]);
  free (D->order);
  free (D->title);
  memset (D, 0, sizeof *D);
}

int
deck_aid_blank (const struct deck_aid *a, size_t *start, size_t *end)
{
  const char *t = a->text;
  if (!t)
    return -1;
  if (a->kind == AID_RHYME)
    return text_last_word (t, start, end);     /* the punctuation after it stays */
  if (a->kind == AID_STORY)
    {
      const char *open = strchr (t, '('), *close = open ? strchr (open, ')') : NULL;
      if (!close || close == open + 1)
        return -1;
      *start = (size_t) (open + 1 - t);
      *end = (size_t) (close - t);
      return 0;
    }
  return -1;
}
