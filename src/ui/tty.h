/* tty.h - the terminal: checks before curses, start, stop, signals.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TTY_H
#define SHMTUTOR_TTY_H

#include <stddef.h>

/* The smallest terminal the screens are laid out for. */
#define TTY_MIN_COLS 80
#define TTY_MIN_ROWS 23

/* Can a full-screen program run here?  Returns 0, or -1 with the reason in
   MSG (size LEN): stdin or stdout not a terminal, TERM unset or dumb, or a
   terminal without cursor addressing. */
int tty_check(char *msg, size_t len);

/* Install the signal handlers, then start curses.  Returns 0, or -1 with
   the reason in MSG. */
int tty_start(char *msg, size_t len);

/* Leave curses and put the terminal back as it was found. */
void tty_stop(void);

/* When Ctrl-Z was pressed: leave curses, stop until continued, come back.
   Returns 1 when it did (the caller redraws everything, as after a
   resize), 0 when there was nothing to do. */
int tty_suspend_if_asked(void);

/* Hand the terminal to another program (the learner's editor): curses
   ends for now and the terminal's modes are as they were before it.
   tty_take_back puts the screen back, at the size the terminal has then,
   wholly redrawn at the next refresh. */
void tty_hand_over(void);
void tty_take_back(void);

/* A terminating signal (INT, TERM, HUP, QUIT) that arrived, or 0. */
int tty_pending_signal(void);

/* Ctrl-Z typed (the terminal is raw: no SIGTSTP comes): suspend as the
   signal would, at the next tty_suspend_if_asked. */
void tty_ask_suspend(void);

/* Ctrl-\ typed: end as signal SIG would. */
void tty_ask_stop(int sig);

/* After tty_stop: die of the pending signal, as the default action would. */
void tty_reraise(int sig);

/* --color: auto (NO_COLOR, then the terminal, decide), always, never. */
enum tty_color_mode { TTY_COLOR_AUTO, TTY_COLOR_ALWAYS, TTY_COLOR_NEVER };

/* Set before tty_start. */
void tty_set_color_mode(enum tty_color_mode m);

/* Is colour used (the terminal has it, and --color or NO_COLOR allow it)? */
int tty_color(void);

/* Is the locale's character set UTF-8 (so that the screens may draw
   glyphs beyond ASCII)? */
int tty_utf8(void);

/* Colour pairs the screens use; each has a monochrome attribute too.
   PAIR_NUL to PAIR_HIGH: the hex view's byte classes, in the order of
   enum byte_class. */
enum tty_pair {
  PAIR_TITLE = 1, PAIR_CHANGED, PAIR_CURRENT, PAIR_ERROR, PAIR_DIM,
  PAIR_NUL, PAIR_PRINT, PAIR_SPACE, PAIR_OTHER, PAIR_HIGH,
  PAIR_END                      /* one past the last */
};

/* The attribute for PAIR: colour when there is colour, plus an attribute
   that carries the meaning without it. */
int tty_attr(enum tty_pair pair);

/* The same, made to stand out more: bold, where the pair's colours stay
   readable in bold (theme.h); in monochrome always. */
int tty_strong(enum tty_pair pair);

#endif
