/* deck.h - a lesson's glossary, key concepts and memory aids: the cards
   and the quiz are made from these.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_DECK_H
#define SHMTUTOR_DECK_H

#include <stddef.h>

#include "lines.h"    /* parse_error_fn */

#define DECK_MAX_BYTES (16 * 1024 * 1024)
#define DECK_MAX_LINE 1024
#define DECK_MAX_ITEMS 200000
#define DECK_MAX_PARTS 26

enum deck_kind { DECK_TERM, DECK_CONCEPT };

/* A word and what it means: a glossary term or a key concept. */
struct deck_entry {
  enum deck_kind kind;
  char *word;
  char *means;
  int line;
};

/* A memory aid: a rhyme or story (text), or a memory tool or acronym
   (a name and its parts, each a letter and what it stands for). */
enum deck_aid_kind { AID_RHYME, AID_STORY, AID_TOOL, AID_ACRONYM };

struct deck_part {
  char *letter;
  char *stands_for;
};

struct deck_aid {
  enum deck_aid_kind kind;
  char *name;               /* tool and acronym: "SHARE"; else NULL */
  char *text;               /* rhyme and story */
  struct deck_part *parts;
  size_t nparts;
  int line;
};

/* A statement about the mapping, true or false. */
struct deck_fact {
  char *text;
  int truth;
  int line;
};

struct deck {
  char *title;
  char *source;             /* where its words come from, or NULL */
  struct deck_entry *entries;
  size_t nentries;
  struct deck_aid *aids;
  size_t naids;
  struct deck_fact *facts;
  size_t nfacts;
  char **order;             /* the calls in the order the program makes them */
  size_t norder;
};

/* Parse LEN bytes of BUF, named FILE in messages, adding to D (which may
   already hold another file's cards: several files make one deck).
   Returns the number of errors reported through ERR. */
int deck_parse(const char *buf, size_t len, const char *file, struct deck *D,
               parse_error_fn err, void *ctx);

/* Read and parse the file PATH into D.  A file that cannot be read counts
   as one error (line 0). */
int deck_load(const char *path, struct deck *D, parse_error_fn err, void *ctx);

/* The words a rhyme (its last word) or a story (the first words in
   brackets) hides in a question: bytes [*START, *END) of A->text.
   Returns 0, or -1 when A has nothing to hide. */
int deck_aid_blank(const struct deck_aid *a, size_t *start, size_t *end);

/* Free what D holds and empty it. */
void deck_free(struct deck *D);

#endif
