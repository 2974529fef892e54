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

#include "deck-int.h"
#include "lines.h"
#include "text.h"

const char *const deck_key_names[D_NKEYS] = {
  "title", "term", "concept", "means", "rhyme", "story", "tool", "acronym", "part",
  "fact", "order",
};


void
deck_fail (struct dparser *p, int line, const char *fmt, ...)
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
void *
deck_grow (void **arr, size_t *n, size_t *cap, size_t size)
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
      deck_fail (p, line, "expected 'key: value'");
      return;
    }
  *colon = '\0';
  char *v = colon + 1;
  while (*v == ' ' || *v == '\t')
    v++;
  int k;
  for (k = 0; k < D_NKEYS; k++)
    if (strcmp (s, deck_key_names[k]) == 0)
      break;
  if (k != D_MEANS && k != D_PART)
    deck_close_open (p);
  switch (k)
    {
    case D_TITLE:
      if (p->D->title)
        deck_fail (p, line, "'title' given twice");
      else if (*v == '\0')
        deck_fail (p, line, "empty title");
      else
        p->D->title = deck_dup (p, line, v);
      break;
    case D_TERM: deck_add_entry (p, line, DECK_TERM, v); break;
    case D_CONCEPT: deck_add_entry (p, line, DECK_CONCEPT, v); break;
    case D_MEANS:
      if (!p->open_entry && p->skip_means)
        p->skip_means = 0;      /* the term's error says it all */
      else if (!p->open_entry)
        deck_fail (p, line, "'means' without a term or concept before it");
      else if (p->open_entry->means)
        deck_fail (p, line, "'means' given twice for '%s'", p->open_entry->word);
      else if (*v == '\0')
        deck_fail (p, line, "empty 'means'");
      else
        p->open_entry->means = deck_dup (p, line, v);
      break;
    case D_RHYME: deck_add_aid (p, line, AID_RHYME, v); break;
    case D_STORY: deck_add_aid (p, line, AID_STORY, v); break;
    case D_TOOL: deck_add_aid (p, line, AID_TOOL, v); break;
    case D_ACRONYM: deck_add_aid (p, line, AID_ACRONYM, v); break;
    case D_PART: deck_add_part (p, line, v); break;
    case D_FACT: deck_add_fact (p, line, v); break;
    case D_ORDER: deck_set_order (p, line, v); break;
    default: deck_fail (p, line, "unknown key '%.40s'", s); break;
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
  deck_fail (ctx, lineno, "%s", why);
}

int
deck_parse (const char *buf, size_t len, const char *file, struct deck *D,
            parse_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { line_ok, line_bad };
  struct dparser p = { .file = file, .err = err, .ctx = ctx, .D = D,
                       .cap_entries = D->nentries, .cap_aids = D->naids,
                       .cap_facts = D->nfacts };

  /* Words already in D count for duplicates too. */
  for (size_t i = 0; i < D->nentries; i++)
    deck_seen_add (&p, deck_word_hash (D->entries[i].kind, D->entries[i].word));
  if (len > DECK_MAX_BYTES)
    deck_fail (&p, 0, "file larger than %d bytes", DECK_MAX_BYTES);
  else
    {
      lines_each (buf, len, DECK_MAX_LINE, &fn, &p, &p.nerr);
      deck_close_open (&p);
    }
  free (p.seen);
  return p.nerr;
}

int
deck_load (const char *path, struct deck *D, parse_error_fn err, void *ctx)
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
