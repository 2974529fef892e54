/* screens.h - what the screens share, and each screen's entry point.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_SCREENS_H
#define SHMTUTOR_SCREENS_H

#include <stddef.h>
#include <stdint.h>

#include "exercise-list.h"
#include "lesson-list.h"
#include "deck.h"
#include "lesson.h"
#include "store.h"

/* Everything a screen may use; there is no other state shared. */
struct app {
  const struct lesson *L;       /* the walkthrough's lesson */
  struct lesson *lesson;        /* where it is kept: the lesson list loads another there */
  const char *lesson_name;      /* its name, for the progress file */
  const struct lesson_list *lessons;   /* every lesson found, for the lesson list */
  const struct deck *D;         /* glossary, concepts, aids, facts */
  struct store *store;          /* progress */
  uint64_t seed;                /* the quiz's order */
  int sig;                      /* a terminating signal that arrived */
  int direct;                   /* started on a named screen: leaving it quits */
  int from_lessons;              /* the walkthrough was opened from the lesson list:
                                   q and Esc go back there */
  int save_files;               /* 0 with --no-save: the console's save is off */
  int warned;                   /* the store's warning has been shown */
  /* The walkthrough's options, for instructors. */
  int notes;                    /* --notes: start with the notes pane open */
  int no_skip;                  /* --no-skip: no jumping past the first step not done */
  int start_step;               /* --step N: start there (0: step 1, or resume) */
  int predict;                  /* --predict: ask before each call, then run it */
  const struct exercise_list *exercises;   /* every exercise found */
  const char *work_dir;         /* the learner's files: --work-dir, or the default */
  int exercise;                 /* the exercise chosen in the list, opened */
  int tick_ms;                  /* screen_key gives SCREEN_TICK after this long
                                   without a key; 0: never (screen_run sets it) */
};

enum screen_id {
  SCREEN_MENU, SCREEN_WALK, SCREEN_QUIZ, SCREEN_FLASHCARDS, SCREEN_GLOSSARY, SCREEN_CONSOLE,
  SCREEN_LESSONS, SCREEN_EXERCISES, SCREEN_EXERCISE, SCREEN_QUIT
};

/* Each screen runs until the user leaves it and returns where to go next:
   SCREEN_MENU when left with q or Esc, SCREEN_QUIT when a terminating
   signal arrived (A->sig says which). */
enum screen_id menu_run(struct app *a);
enum screen_id walk_run(struct app *a);
enum screen_id quiz_run(struct app *a);
enum screen_id flashcards_run(struct app *a);
enum screen_id glossary_run(struct app *a);
enum screen_id console_run(struct app *a);
enum screen_id lessons_run(struct app *a);   /* returns SCREEN_WALK once a lesson is chosen */
enum screen_id exercises_run(struct app *a); /* SCREEN_EXERCISE once one is chosen */
enum screen_id exercise_run(struct app *a);  /* A->exercise open; SCREEN_EXERCISES when left */

/* The line mode: plain text, no curses (plain.c).  plain_run sets the
   prompts up and runs one of the others; each returns an exit status. */
struct plain;
int plain_run(struct app *a, int (*screen) (struct app *a, struct plain *p));
int plain_walk(struct app *a, struct plain *p);
int plain_quiz(struct app *a, struct plain *p);
int plain_flashcards(struct app *a, struct plain *p);
int plain_glossary(struct app *a, struct plain *p);

/* ---- the table of screens (screen-table.c) ------------------------------ */

struct screen_entry {
  enum screen_id id;
  const char *name;             /* on the command line; NULL: none */
  int key;                      /* its menu item's key; 0: not on the menu */
  const char *label, *what;     /* the menu item */
  enum screen_id (*run) (struct app *a);                 /* NULL: quit */
  int (*plain) (struct app *a, struct plain *p);         /* NULL: no line mode */
};
extern const struct screen_entry screen_table[];
extern const int screen_count;

/* The screen called NAME on the command line, or NULL. */
const struct screen_entry *screen_named(const char *name);
/* The entry of ID (there is one for every screen and SCREEN_QUIT). */
const struct screen_entry *screen_entry(enum screen_id id);
/* The names a user may give, "walkthrough, quiz, ...", in BUF (LEN bytes). */
const char *screen_names(char *buf, size_t len);

/* Wait for a key, polling for signals.  KEY_RESIZE is returned like a key,
   and for Ctrl-L too (redraw it all).  The terminal is raw: Ctrl-Z
   suspends, Ctrl-\ ends as SIGQUIT would; outside a prompt Ctrl-C comes
   as 'q' (leave the screen), and an escape sequence is read whole: its
   key, 27 for an Esc alone, nothing for one that means nothing here.
   Returns -1 when a terminating signal arrived, with A->sig set. */
int screen_key(struct app *a);

/* Esc outside a prompt, with nothing of the screen's own to close: go
   back one level.  Returns 1 when the screen should leave (to the menu);
   0 when there is no level above (started on it: leaving would quit),
   with a notice that q quits in MSG (LEN bytes). */
int screen_esc(struct app *a, char *msg, size_t len);

/* Where q leaves the walkthrough for, in a word: "lessons", "menu" or
   "quit". */
const char *screen_up_word(const struct app *a);

/* The progress store's warning, the first time it is asked for; then "". */
const char *screen_warning(struct app *a);

/* The next key for a screen to act on.  KEY_RESIZE comes back (lay out
   again and redraw); on a terminal too small for the screen the notice
   stays up, other keys are dropped, and q or Ctrl-D gives SCREEN_LEAVE.
   Returns -1 when a terminating signal arrived (A->sig set). */
int screen_next_key(struct app *a);
#define SCREEN_LEAVE (-2)
/* No key came for A->tick_ms: a screen that shows something live may
   redraw it. */
#define SCREEN_TICK (-4)
#define SCREEN_TICK_MS 250

/* ---- one screen interface, one loop --------------------------------------- */

#include "help.h"

/* What a screen's key function returns to stay. */
#define SCREEN_STAY (-3)

/* A screen: its state lives in the context its open returns, and the loop
   (screen_run) owns the rest: waiting for keys, signals, resizes, Ctrl-L,
   ? and F1 (its keys, from KEYS), too small a terminal, and drawing once
   after a burst of keys. */
struct screen {
  const char *title;                    /* of the help overlay */
  enum screen_id up;                    /* where q on a too small terminal goes */
  const struct help_line *keys;         /* its keys, for ? */
  int nkeys;
  void *(*open) (struct app *a);        /* its context (memory is xalloc's) */
  void (*close) (void *ctx);            /* free it all, save what is to be saved */
  void (*layout) (void *ctx);           /* after a resize; may be NULL */
  void (*draw) (void *ctx);             /* the whole screen, without refresh */
  int (*key) (void *ctx, int ch);       /* SCREEN_STAY, or the screen to go to */
  int (*tick) (void *ctx);              /* every SCREEN_TICK_MS without a key:
                                           1 to redraw; NULL: nothing live */
};

/* Run S until it leaves; returns where to go next (SCREEN_QUIT after a
   terminating signal). */
enum screen_id screen_run(struct app *a, const struct screen *s);

/* A key CH closed an overlay: at a prompt, where keys come as bytes, the
   rest of its escape sequence is read and dropped, not typed. */
void screen_drop_sequence(int ch);

/* Save progress, putting a failure's warning into MSG (size LEN). */
void screen_save(struct app *a, char *msg, unsigned long len);

#endif
