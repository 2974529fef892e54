/* quiz.h - questions made from a deck, and the checking of answers.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_QUIZ_H
#define SHMTUTOR_QUIZ_H

#include <stddef.h>
#include <stdint.h>

#include "deck.h"

enum quiz_kind {
  QUIZ_MEANING,     /* term -> which definition (choices) */
  QUIZ_TERM,        /* definition -> the term, typed */
  QUIZ_LETTER,      /* SHARE: what does H stand for? (choices) */
  QUIZ_RHYME,       /* the rhyme's last word, typed */
  QUIZ_STORY,       /* the story's word in brackets, typed */
  QUIZ_ORDER,       /* which call comes after mmap? (choices) */
  QUIZ_FACT,        /* true or false (choices) */
  QUIZ_NKINDS
};

#define QUIZ_MAX_CHOICES 4

struct quiz_question {
  enum quiz_kind kind;
  char *prompt;                       /* the question */
  char *choices[QUIZ_MAX_CHOICES];    /* NULL for typed answers */
  int nchoices;
  int right;                          /* the right choice's index */
  char *answer;                       /* the right answer, as shown */
};

struct quiz {
  struct quiz_question *q;
  size_t n;
};

/* A small reproducible random number generator (xorshift64*). */
struct quiz_rng {
  uint64_t s;
};
void quiz_rng_seed(struct quiz_rng *r, uint64_t seed);
uint64_t quiz_rng_next(struct quiz_rng *r);
/* A number in [0, N). */
size_t quiz_rng_below(struct quiz_rng *r, size_t n);

/* Make a round of at most MAX questions from D, with every kind the deck
   can feed at least once, in an order SEED decides.  Returns 0, or -1 when
   D feeds no question. */
int quiz_make(const struct deck *D, uint64_t seed, size_t max, struct quiz *out);

/* Free the questions. */
void quiz_free(struct quiz *z);

/* Is TYPED the answer to Q?  Case, spaces and punctuation do not count:
   "mmap" matches "mmap()", "shared memory" matches "Shared Memory". */
int quiz_check(const struct quiz_question *q, const char *typed);

/* Is choice I the answer to Q? */
int quiz_check_choice(const struct quiz_question *q, int i);

/* Reduce S to its letters and digits, lowercased, into OUT (size LEN). */
char *quiz_normalize(const char *s, char *out, size_t len);

#endif
