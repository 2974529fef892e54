/* quiz.c - questions made from a deck, and the checking of answers.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz.h"
#include "text.h"
#include "xalloc.h"

void
quiz_rng_seed (struct quiz_rng *r, uint64_t seed)
{
  /* splitmix64 of the seed: any seed, 0 too, gives a good state. */
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  r->s = (z ^ (z >> 31)) | 1;
}

uint64_t
quiz_rng_next (struct quiz_rng *r)
{
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return r->s * 0x2545f4914f6cdd1dULL;
}

size_t
quiz_rng_below (struct quiz_rng *r, size_t n)
{
  return n ? (size_t) (quiz_rng_next (r) % n) : 0;
}

char *
quiz_normalize (const char *s, char *out, size_t len)
{
  return text_words_only (s, out, len);
}

int
quiz_check (const struct quiz_question *q, const char *typed)
{
  char a[512], b[512];
  if (!q->answer || !typed)
    return 0;
  quiz_normalize (q->answer, a, sizeof a);
  quiz_normalize (typed, b, sizeof b);
  return a[0] && strcmp (a, b) == 0;
}

int
quiz_check_choice (const struct quiz_question *q, int i)
{
  return q->nchoices > 0 && i == q->right;
}

/* ---- making questions ------------------------------------------------- */

struct pool {
  struct quiz_question *q;
  size_t n, cap;
};


static struct quiz_question *
add (struct pool *p, enum quiz_kind kind)
{
  p->q = xgrow (p->q, &p->cap, p->n, sizeof *p->q, 32);
  struct quiz_question *q = &p->q[p->n++];
  memset (q, 0, sizeof *q);
  q->kind = kind;
  return q;
}

static void
free_question (struct quiz_question *q)
{
  free (q->prompt);
  free (q->answer);
  for (int i = 0; i < q->nchoices; i++)
    free (q->choices[i]);
  memset (q, 0, sizeof *q);
}

/* Give Q the right answer RIGHT and up to three distractors from CANDS
   (N strings; NULL or equal ones skipped), in an order R decides. */
static void
choices (struct quiz_question *q, const char *right,
         const char *const *cands, size_t n, struct quiz_rng *r)
{
  const char *pick[QUIZ_MAX_CHOICES] = { right };
  int k = 1;
  size_t start = quiz_rng_below (r, n ? n : 1);
  for (size_t i = 0; i < n && k < QUIZ_MAX_CHOICES; i++)
    {
      const char *c = cands[(start + i) % n];
      int dup = !c;
      for (int j = 0; j < k && !dup; j++)
        dup = strcmp (pick[j], c) == 0;
      if (!dup)
        pick[k++] = c;
    }
  /* Shuffle, keeping track of the right one. */
  int order[QUIZ_MAX_CHOICES];
  for (int i = 0; i < k; i++)
    order[i] = i;
  for (int i = k - 1; i > 0; i--)
    {
      int j = (int) quiz_rng_below (r, (size_t) i + 1), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  for (int i = 0; i < k; i++)
    {
      q->choices[i] = xstrdup (pick[order[i]]);
      if (order[i] == 0)
        q->right = i;
    }
  q->nchoices = k;
  q->answer = xstrdup (right);
}

static const char *const ordinals[] = { "1st", "2nd", "3rd", "4th", "5th", "6th", "7th",
                                        "8th", "9th", "10th" };

static void
from_entries (struct pool *p, const struct deck *D, struct quiz_rng *r)
{
  const char **means = xmalloc ((D->nentries ? D->nentries : 1) * sizeof *means);
  /* Distractors come from a bounded window of the deck: a big deck stays
     cheap. */
  for (size_t i = 0; i < D->nentries; i++)
    means[i] = D->entries[i].means;
  for (size_t i = 0; i < D->nentries; i++)
    {
      const struct deck_entry *e = &D->entries[i];
      struct quiz_question *q;
      if (D->nentries >= 2 && (q = add (p, QUIZ_MEANING)))
        {
          q->prompt = xasprintf ("What does the %s \"%s\" mean?",
                              e->kind == DECK_TERM ? "term" : "key concept", e->word);
          size_t from = i + 1 < D->nentries ? i + 1 : 0;
          size_t span = D->nentries - 1 < 64 ? D->nentries - 1 : 64;
          const char *window[64];
          char mine[256], other[256];
          quiz_normalize (e->word, mine, sizeof mine);
          for (size_t k = 0; k < span; k++)
            {
              /* Not this entry's meaning, nor that of an entry with the same
                 word (a term and a key concept can share one): either would
                 be a second right answer. */
              size_t at = (from + k) % D->nentries;
              quiz_normalize (D->entries[at].word, other, sizeof other);
              window[k] = at == i || strcmp (mine, other) == 0 ? NULL : means[at];
            }
          choices (q, e->means, window, span, r);
        }
      if ((q = add (p, QUIZ_TERM)))
        {
          q->prompt = xasprintf ("Which %s is this? %s",
                              e->kind == DECK_TERM ? "term" : "key concept", e->means);
          q->answer = xstrdup (e->word);
        }
    }
  free (means);
}

static void
from_aids (struct pool *p, const struct deck *D, struct quiz_rng *r)
{
  for (size_t i = 0; i < D->naids; i++)
    {
      const struct deck_aid *a = &D->aids[i];
      struct quiz_question *q;
      if ((a->kind == AID_TOOL || a->kind == AID_ACRONYM) && a->nparts >= 2)
        for (size_t j = 0; j < a->nparts; j++)
          {
            const char *cands[DECK_MAX_PARTS];
            for (size_t k = 0; k < a->nparts; k++)
              cands[k] = k == j ? NULL : a->parts[k].stands_for;
            if (!(q = add (p, QUIZ_LETTER)))
              break;
            if (a->kind == AID_ACRONYM)
              q->prompt = xasprintf ("%s: what does the %s letter, %s, stand for?", a->name,
                                  j < 10 ? ordinals[j] : "next", a->parts[j].letter);
            else
              q->prompt = xasprintf ("The memory tool %s: what does its %s %s stand for?",
                                  a->name, j < 10 ? ordinals[j] : "next", a->parts[j].letter);
            choices (q, a->parts[j].stands_for, cands, a->nparts, r);
          }
      else if (a->kind == AID_RHYME || a->kind == AID_STORY)
        {
          size_t s, e;
          enum quiz_kind kind = a->kind == AID_RHYME ? QUIZ_RHYME : QUIZ_STORY;
          if (deck_aid_blank (a, &s, &e) != 0 || !(q = add (p, kind)))
            continue;
          q->prompt = xasprintf ("%s: %.*s____%s",
                              kind == QUIZ_RHYME ? "Finish the rhyme" : "Fill in the story",
                              (int) s, a->text, a->text + e);
          q->answer = xstrndup (a->text + s, e - s);
        }
    }
}

static void
from_order (struct pool *p, const struct deck *D, struct quiz_rng *r)
{
  for (size_t i = 0; i + 1 < D->norder; i++)
    {
      const char *cands[64];
      size_t n = 0;
      for (size_t k = 0; k < D->norder && n < 64; k++)
        if (k != i && k != i + 1)
          cands[n++] = D->order[k];
      struct quiz_question *q = add (p, QUIZ_ORDER);
      if (!q)
        break;
      q->prompt = xasprintf ("In the lesson's program, which call comes right after %s()?",
                          D->order[i]);
      choices (q, D->order[i + 1], cands, n, r);
      if (q->nchoices < 2)
        {
          /* A question with one choice asks nothing. */
          free_question (q);
          p->n--;
        }
    }
}

static void
from_facts (struct pool *p, const struct deck *D)
{
  for (size_t i = 0; i < D->nfacts; i++)
    {
      struct quiz_question *q = add (p, QUIZ_FACT);
      if (!q)
        break;
      q->prompt = xasprintf ("True or false? %s", D->facts[i].text);
      q->choices[0] = xstrdup ("True");
      q->choices[1] = xstrdup ("False");
      q->nchoices = 2;
      q->right = D->facts[i].truth ? 0 : 1;
      q->answer = xstrdup (D->facts[i].truth ? "True" : "False");
    }
}

int
quiz_make (const struct deck *D, uint64_t seed, size_t max, struct quiz *out)
{
  struct pool p = { 0 };
  struct quiz_rng r;

  memset (out, 0, sizeof *out);
  quiz_rng_seed (&r, seed);
  from_entries (&p, D, &r);
  from_aids (&p, D, &r);
  from_order (&p, D, &r);
  from_facts (&p, D);
  if (p.n == 0 || max == 0)
    goto fail;

  /* Shuffle the pool, take the first of each kind, then fill up. */
  for (size_t i = p.n - 1; i > 0; i--)
    {
      size_t j = quiz_rng_below (&r, i + 1);
      struct quiz_question t = p.q[i];
      p.q[i] = p.q[j];
      p.q[j] = t;
    }
  size_t take = p.n < max ? p.n : max, k = 0;
  out->q = xcalloc (take, sizeof *out->q);
  for (int kind = 0; kind < QUIZ_NKINDS && k < take; kind++)
    for (size_t i = 0; i < p.n; i++)
      if (p.q[i].prompt && p.q[i].kind == (enum quiz_kind) kind)
        {
          out->q[k++] = p.q[i];
          p.q[i].prompt = NULL;       /* taken */
          break;
        }
  for (size_t i = 0; i < p.n && k < take; i++)
    if (p.q[i].prompt)
      {
        out->q[k++] = p.q[i];
        p.q[i].prompt = NULL;
      }
  out->n = k;
  /* What was not taken is freed; the taken ones are out's now. */
  for (size_t i = 0; i < p.n; i++)
    if (p.q[i].prompt)
      free_question (&p.q[i]);
  free (p.q);
  for (size_t i = k - 1; k > 1 && i > 0; i--)
    {
      size_t j = quiz_rng_below (&r, i + 1);
      struct quiz_question t = out->q[i];
      out->q[i] = out->q[j];
      out->q[j] = t;
    }
  return 0;
fail:
  for (size_t i = 0; i < p.n; i++)
    free_question (&p.q[i]);
  free (p.q);
  quiz_free (out);
  return -1;
}

void
quiz_free (struct quiz *z)
{
  for (size_t i = 0; i < z->n; i++)
    free_question (&z->q[i]);
  free (z->q);
  z->q = NULL;
  z->n = 0;
}
