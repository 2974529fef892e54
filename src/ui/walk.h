/* walk.h - the walkthrough screen's own parts, shared by walk.c (keys and
   steps) and walk-draw.c (drawing); nothing else includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_WALK_H
#define SHMTUTOR_WALK_H

#include "help.h"
#include "report.h"
#include "screens.h"
#include "walkthrough.h"

/* The state lines under the call: fd and map, mincore and faults, smaps,
   pagemap and frames, the maps line; on a step of the kernel's shared
   pages, the state, the faults and the step's own lines.  The most there
   are: */
#define WALK_STATE_MAX (2 + KSHARE_LINES)

/* Where everything goes, worked out from the terminal's size. */

struct walk_places {
  int wide;                 /* from WALK_WIDE columns: program beside the rest */
  int code_x, code_w;       /* the program's column */
  int code_y, code_h;       /* its first row, and the program lines shown */
  int rule_y;               /* the rule under it (titled with the step) */
  int x, w;                 /* the column of the call, the state and the page */
  int call_y, call_h;       /* the call and its result, wrapped */
  int state_y, state_h;     /* the state lines, wrapped */
  int hex_y, hex_h;         /* the page's rule, and the rows under it */
  int expl_x, expl_w;       /* the explanation (or the notes, or the question) */
  int expl_y, expl_h;
  int msg_y, msg_h;         /* the notice or the prompt: 0 rows when none */
  int keys_y;               /* the key bar */
  /* With a second process, the page's rows hold a pane each, side by
     side: its rule, its words (pane_hdr rows), then its hex rows. */
  int panes;
  int pane_x[2], pane_w[2];
  int pane_hdr;
  int per;                  /* bytes a hex row */
};

/* Columns a pane's hex rows of 8 bytes take, with its margin. */
#define WALK_PANE_MIN 40
/* From this many rows the state lines keep the pagemap and maps lines
   beside the panes, which say the same of each process in short. */
#define WALK_PANES_TALL 30

/* From this many columns the program stands beside the call, the state
   and the page; the page's column needs WALK_RIGHT_MIN. */
#define WALK_WIDE 120
#define WALK_RIGHT_MIN 75

struct walk {
  struct app *app;
  const struct lesson *L;
  struct walkthrough run;   /* the lesson walked through: its steps made so far */
  struct walk_places lay;
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
  int whole;                /* the whole program is up (w) */
  int whole_top;            /* its first line shown */
};

/* Work out where everything goes for the terminal's size and what is up
   now (walk-layout.c); walk_draw does it first. */
void walk_layout(struct walk *w);

/* The pane under the page: the question of predict-then-run, the
   instructor's notes or the explanation. */
enum walk_pane { PANE_EXPLAIN, PANE_NOTES, PANE_PREDICT };
enum walk_pane walk_pane_kind(const struct walk *w);
/* The notes' or the explanation's text (the write prompt's help while it
   is up). */
const char *walk_pane_text(const struct walk *w);
/* The notice above the key bar, in BUF (LEN bytes), or NULL for none;
   *BOLD says whether it is news. */
const char *walk_notice(const struct walk *w, char *buf, size_t len, int *bold);
/* Whether the call and its result fit one line of WIDTH columns. */
int walk_call_one_line(const struct call_record *r, int width);
/* The state lines under the call, in order. */
int walk_state_lines(const struct walk *w, const char *lines[WALK_STATE_MAX]);
/* The view shown: the kernel's bytes on its steps, else the mapping's. */
const struct page_view *walk_view(const struct walk *w);

/* The page's rows in all, and those in sight, as laid out: with panes,
   the longer of the two views, in rows of w->lay.per bytes. */
size_t walk_hex_rows(const struct walk *w);
int walk_hex_sight(const struct walk *w);
/* The first row that changed in the last step, or (size_t)-1. */
size_t walk_hex_changed(const struct walk *w);
/* The child's view, when its pane shows one; else NULL. */
const struct page_view *walk_child_view(const struct walk *w);

/* Draw the whole screen (ncurses sends only what changed). */
void walk_draw(struct walk *w);

/* The current step's record and lesson step. */
const struct call_record *walk_record(const struct walk *w);
const struct lesson_step *walk_step(const struct walk *w);

#endif
