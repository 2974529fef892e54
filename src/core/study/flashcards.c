/* flashcards.c - flashcards made from a deck.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcards.h"
#include "text.h"
#include "xalloc.h"

static struct flash_card *
add (struct flash_deck *f, size_t *cap, const char *label)
{
  f->c = xgrow (f->c, cap, f->n, sizeof *f->c, 32);
  struct flash_card *c = &f->c[f->n++];
  memset (c, 0, sizeof *c);
  c->label = label;
  return c;
}

static void
set (struct flash_card *c, char *front, char *back)
{
  c->front = front;
  c->back = back;
}

/* A key from a word: lowercased, blanks and control bytes as '_', so that
   a key is one token of the progress file. */
static void
key_of (char *buf, size_t len, const char *prefix, const char *word)
{
  size_t used = 0;
  text_append (buf, len, &used, "card %s:", prefix);
  int blank = 0;
  for (const char *s = word; *s && used + 2 < len; s++)
    {
      unsigned char ch = (unsigned char) *s;
      if (ch <= ' ' || ch == 0x7f)
        {
          blank = 1;
          continue;
        }
      if (blank)
        buf[used++] = '_';
      blank = 0;
      buf[used++] = (char) (ch < 0x80 && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
  /* A word cut at the key's end is cut at a character, not inside one. */
  size_t i = used;
  while (i > 0 && ((unsigned char) buf[i - 1] & 0xc0) == 0x80)
    i--;
  if (i > 0 && (unsigned char) buf[i - 1] >= 0xc0)
    {
      unsigned char lead = (unsigned char) buf[i - 1];
      size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (used - (i - 1) < need)
        used = i - 1;
    }
  buf[used] = '\0';
}

void
flash_build (const struct deck *D, struct flash_deck *out)
{
  size_t cap = 0;
  struct flash_card *c;
  char num[24];

  memset (out, 0, sizeof *out);
  for (size_t i = 0; i < D->nentries; i++)
    {
      const struct deck_entry *e = &D->entries[i];
      const char *kind = e->kind == DECK_TERM ? "term" : "concept";
      char prefix[16];
      c = add (out, &cap, e->kind == DECK_TERM ? "Term" : "Key concept");
      key_of (c->key, sizeof c->key, kind, e->word);
      set (c, xstrdup (e->word), xstrdup (e->means));
      c = add (out, &cap, e->kind == DECK_TERM ? "Which term?" : "Which key concept?");
      snprintf (prefix, sizeof prefix, "%s-r", kind);
      key_of (c->key, sizeof c->key, prefix, e->word);
      set (c, xstrdup (e->means), xstrdup (e->word));
    }
  for (size_t i = 0; i < D->naids; i++)
    {
      const struct deck_aid *a = &D->aids[i];
      size_t s, e;
      snprintf (num, sizeof num, "%zu", i + 1);
      if (a->kind == AID_RHYME || a->kind == AID_STORY)
        {
          if (deck_aid_blank (a, &s, &e) != 0)
            continue;
          c = add (out, &cap, a->kind == AID_RHYME ? "Finish the rhyme" : "Fill in the story");
          key_of (c->key, sizeof c->key, a->kind == AID_RHYME ? "rhyme" : "story", num);
          set (c, xasprintf ("%.*s____%s", (int) s, a->text, a->text + e), xstrdup (a->text));
        }
      else
        {
          size_t used = 0, len = 64;
          for (size_t j = 0; j < a->nparts; j++)
            len += strlen (a->parts[j].letter) + strlen (a->parts[j].stands_for) + 8;
          char *back = xmalloc (len);
          back[0] = '\0';
          for (size_t j = 0; j < a->nparts; j++)
            text_append (back, len, &used, "%s%s - %s", j ? "\n" : "", a->parts[j].letter,
                         a->parts[j].stands_for);
          c = add (out, &cap, a->kind == AID_ACRONYM ? "Acronym" : "Memory tool");
          key_of (c->key, sizeof c->key, a->kind == AID_ACRONYM ? "acronym" : "tool", a->name);
          set (c, xasprintf ("%s: what do its letters stand for?", a->name), back);
        }
    }
}

void
flash_free (struct flash_deck *f)
{
  for (size_t i = 0; i < f->n; i++)
    {
      free (f->c[i].front);
      free (f->c[i].back);
    }
  free (f->c);
  f->c = NULL;
  f->n = 0;
}

static const struct flash_deck *sort_deck;
static const struct store *sort_store;

static long long
due_of (size_t i)
{
  const struct store_item *it = store_find (sort_store, sort_deck->c[i].key);
  return it ? it->card.due : 0;
}

static int
by_due (const void *a, const void *b)
{
  size_t x = *(const size_t *) a, y = *(const size_t *) b;
  long long dx = due_of (x), dy = due_of (y);
  /* New cards (due 0) after the scheduled ones; ties keep deck order. */
  int nx = dx == 0, ny = dy == 0;
  if (nx != ny)
    return nx - ny;
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return x < y ? -1 : x > y;
}

size_t
flash_due (const struct flash_deck *f, const struct store *st, long long now, int ahead,
           size_t *out)
{
  size_t k = 0;
  for (size_t i = 0; i < f->n; i++)
    {
      const struct store_item *it = store_find (st, f->c[i].key);
      if (ahead || !it || sched_is_due (&it->card, now))
        out[k++] = i;
    }
  sort_deck = f;
  sort_store = st;
  qsort (out, k, sizeof *out, by_due);
  return k;
}

long long
flash_next_due (const struct flash_deck *f, const struct store *st, long long now)
{
  long long best = 0;
  for (size_t i = 0; i < f->n; i++)
    {
      const struct store_item *it = store_find (st, f->c[i].key);
      long long d = it ? it->card.due : now;
      if (d < now)
        d = now;
      if (!best || d < best)
        best = d;
    }
  return best;
}

const struct sched_card *
flash_grade (struct store *st, const struct flash_card *c, enum sched_grade g, long long now)
{
  struct store_item *it = store_get (st, c->key);
  if (!it)
    return NULL;
  sched_grade (&it->card, g, now);
  it->dirty = 1;
  return &it->card;
}
