/* flashcards.h - flashcards made from a deck.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_FLASHCARDS_H
#define SHMTUTOR_FLASHCARDS_H

#include <stddef.h>

#include "deck.h"
#include "store.h"

struct flash_card {
  char key[STORE_MAX_KEY];  /* its key in the progress file: "card term:mmap" */
  const char *label;        /* what kind of card: "Term", "Which term?", ... */
  char *front, *back;
};

struct flash_deck {
  struct flash_card *c;
  size_t n;
};

/* Every card D makes: each term and concept both ways, the rhyme and the
   story with their hidden word, and each memory tool and acronym. */
void flash_build(const struct deck *D, struct flash_deck *out);

void flash_free(struct flash_deck *f);

/* The indices of the cards due at NOW by ST's schedule (new cards too, after
   the overdue ones), or with AHEAD set every card, soonest due first.
   Writes at most F->n indices into OUT and returns how many. */
size_t flash_due(const struct flash_deck *f, const struct store *st, long long now,
                 int ahead, size_t *out);

/* When the next card is due: NOW when a card is new or overdue, else the
   earliest due time; 0 for a deck without cards. */
long long flash_next_due(const struct flash_deck *f, const struct store *st, long long now);

/* The learner graded card C with G at NOW: its schedule moves on (see
   sched.h) and is kept in ST.  Returns what is kept of the card now, or
   NULL when its key is too long for the store (nothing kept). */
const struct sched_card *flash_grade(struct store *st, const struct flash_card *c,
                                     enum sched_grade g, long long now);

#endif
