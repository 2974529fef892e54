/* walk.h - the walkthrough screen's own parts, shared by walk.c (keys and
   steps) and walk-draw.c (drawing); nothing else includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_WALK_H
#define SHMTUTOR_WALK_H

#include "help.h"
#include "report.h"
#include "screens.h"
#include "tour.h"

/* Where everything goes, worked out from the terminal's size. */
/* The state lines under the call: fd and map, mincore and faults, smaps,
   pagemap and frames, the maps line. */
#define WALK_STATE_LINES 5

struct layout {
  int code_y, code_h;       /* the code box, and the program lines in it */
  int call_y, state_y;
  int hex_y, hex_h;         /* the hex box, and the rows in it */
  int expl_y, expl_h;
  int prompt_y, keys_y;
};

struct walk {
  struct app *app;
  const struct lesson *L;
  struct tour tour;
  struct layout lay;
  size_t hex_top;           /* first hex row shown */
  int go;                   /* reading a step number after g */
  char go_buf[8];
  char msg[2100];           /* a one-line notice, until the next key */
  struct report rep;        /* the step in words, made once per step */
  int cursor_y;             /* the row the hardware cursor goes to */
  int quit;
  int resume;               /* asking whether to resume at this step; 0 = not */
  int predict;              /* predict, then run: ask before each call that has a question */
  int asking;               /* the upcoming step's question is up */
  int guess;                /* the choice given for the upcoming step, 1-based; 0 none */
  unsigned pred_right, pred_seen;   /* this session's predictions */
  int notes;                /* the notes pane is open */
  size_t furthest;          /* the furthest step made, for --no-skip */
};

/* Work out where everything goes for the terminal's size now. */
void walk_layout(struct walk *w);

/* Draw the whole screen (ncurses sends only what changed). */
void walk_draw(struct walk *w);

/* The current step's record and lesson step. */
const struct shm_record *walk_record(const struct walk *w);
const struct lesson_step *walk_step(const struct walk *w);

#endif
