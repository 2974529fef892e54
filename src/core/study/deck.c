/* deck.c - a lesson's glossary, key concepts and memory aids.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deck-int.h"
#include "lines.h"
#include "text.h"
#include "xalloc.h"

/* One line of the deck: its key says what it adds (deck-add.c). */
static void
deck_line (struct dparser *p, int line, char *s)
{
  char *v;
  if (parse_key_value (&p->rep, line, s, &s, &v) <= 0)
    return;
  int k;
  for (k = 0; k < D_NKEYS; k++)
    if (strcmp (s, deck_key_names[k]) == 0)
      break;
  if (k != D_MEANS && k != D_PART)
    deck_close_open (p);
  switch (k)
    {
    case D_TITLE: parse_set_once (&p->rep, line, &p->D->title, "title", v); break;
    case D_SOURCE: parse_set_once (&p->rep, line, &p->D->source, "source", v); break;
    case D_TERM: deck_add_entry (p, line, DECK_TERM, v); break;
    case D_CONCEPT: deck_add_entry (p, line, DECK_CONCEPT, v); break;
    case D_MEANS:
      if (!p->open_entry && p->skip_means)
        p->skip_means = 0;      /* the term's error says it all */
      else if (!p->open_entry)
        parse_fail (&p->rep, line, "'means' without a term or concept before it");
      else if (p->open_entry->means)
        parse_fail (&p->rep, line, "'means' given twice for '%s'", p->open_entry->word);
      else if (*v == '\0')
        parse_fail (&p->rep, line, "empty 'means'");
      else
        p->open_entry->means = xstrdup (v);
      break;
    case D_RHYME: deck_add_aid (p, line, AID_RHYME, v); break;
    case D_STORY: deck_add_aid (p, line, AID_STORY, v); break;
    case D_TOOL: deck_add_aid (p, line, AID_TOOL, v); break;
    case D_ACRONYM: deck_add_aid (p, line, AID_ACRONYM, v); break;
    case D_PART: deck_add_part (p, line, v); break;
    case D_FACT: deck_add_fact (p, line, v); break;
    case D_ORDER: deck_set_order (p, line, v); break;
    default: parse_fail (&p->rep, line, "unknown key '%.40s'", s); break;
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
  parse_fail (&((struct dparser *) ctx)->rep, lineno, "%s", why);
}

int
deck_parse (const char *buf, size_t len, const char *file, struct deck *D,
            parse_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { line_ok, line_bad, 0, 0 };
  struct dparser p = { .rep = { file, err, ctx, 0 }, .D = D,
                       .cap_entries = D->nentries, .cap_aids = D->naids,
                       .cap_facts = D->nfacts };

  /* Words already in D count for duplicates too. */
  for (size_t i = 0; i < D->nentries; i++)
    deck_seen_add (&p, deck_word_hash (D->entries[i].kind, D->entries[i].word));
  if (len > DECK_MAX_BYTES)
    parse_fail (&p.rep, 0, "file larger than %d bytes", DECK_MAX_BYTES);
  else
    {
      lines_each (buf, len, DECK_MAX_LINE, &fn, &p, &p.rep.nerr);
      deck_close_open (&p);
    }
  free (p.seen);
  return p.rep.nerr;
}

/* deck_parse, as parse_file calls it. */
static int
parse_into (const char *buf, size_t len, const char *file, void *D, parse_error_fn err,
            void *ctx)
{
  return deck_parse (buf, len, file, D, err, ctx);
}

int
deck_load (const char *path, struct deck *D, parse_error_fn err, void *ctx)
{
  return parse_file (path, DECK_MAX_BYTES, D, err, ctx, parse_into);
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
  free (D->source);
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
