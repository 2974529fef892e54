/* deck-int.h - what the two halves of the deck parser share: deck.c
   (files, lines, keys) and deck-add.c (each kind of item).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_DECK_INT_H
#define SHMTUTOR_DECK_INT_H

#include <stdint.h>

#include "deck.h"

/* The keys of a deck file. */
enum dkey { D_TITLE, D_SOURCE, D_TERM, D_CONCEPT, D_MEANS, D_RHYME, D_STORY, D_TOOL, D_ACRONYM,
            D_PART, D_FACT, D_ORDER, D_NKEYS };
extern const char *const deck_key_names[D_NKEYS];

struct dparser {
  struct parse_report rep;         /* the file, where its errors go, their count */
  struct deck *D;
  struct deck_entry *open_entry;   /* waiting for its 'means' */
  struct deck_aid *open_aid;       /* a tool or acronym taking parts */
  int skip_means;                  /* the term before was reported: its means is not */
  size_t cap_entries, cap_aids, cap_facts;
  /* Words seen, hashed, to catch duplicates in large decks quickly. */
  uint64_t *seen;
  size_t seen_cap, seen_n;
};

/* deck-add.c: the tools of the adders, and the adders */
/* FNV-1a of KIND and S, case and runs of blanks ignored. */
uint64_t deck_word_hash (int kind, const char *s);
/* Remember H; returns 1 when it was there already. */
int deck_seen_add (struct dparser *p, uint64_t h);
/* One more item of SIZE bytes in *ARR (N used, CAP room), zeroed; NULL
   when the deck is full (DECK_MAX_ITEMS). */
void *deck_grow (void **arr, size_t *n, size_t *cap, size_t size);

/* The term, tool or acronym being read is complete: check it. */
void deck_close_open (struct dparser *p);
void deck_add_entry (struct dparser *p, int line, enum deck_kind kind, const char *v);
void deck_add_aid (struct dparser *p, int line, enum deck_aid_kind kind, const char *v);
void deck_add_part (struct dparser *p, int line, const char *v);
void deck_add_fact (struct dparser *p, int line, const char *v);
void deck_set_order (struct dparser *p, int line, const char *v);

#endif
