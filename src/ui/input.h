/* input.h - a GNU readline prompt inside the curses screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_INPUT_H
#define SHMTUTOR_INPUT_H

enum input_state {
  INPUT_ACTIVE,     /* still editing */
  INPUT_DONE,       /* Enter: input_line() has the text */
  INPUT_CANCEL,     /* Esc alone */
  INPUT_EOF         /* Ctrl-D on an empty line */
};

/* Open a prompt; REDRAW is called whenever the line changes. */
void input_start(const char *prompt, void (*redraw)(void));

/* Feed one byte read from the terminal (KEY_RESIZE and the like are the
   caller's).  NEXT_PENDING says whether another byte is ready at once: an
   Esc with nothing after it cancels. */
enum input_state input_feed(int byte, int next_pending);

/* Feed key CH read with getch(); an Esc is told apart from the start of an
   escape sequence by whether another byte follows within 50 ms. */
enum input_state input_key(int ch);

/* Complete words with NAME(0), NAME(1), ... (NULL ends them) and call
   ON_EMPTY_TAB when Tab is pressed on an empty line; NULLs turn both off
   (then Tab does nothing, and never completes file names). */
void input_completion(const char *(*name)(int i, void *ctx), void (*on_empty_tab)(void *ctx),
                      void *ctx);

/* Call FN(-1, CTX) for PgUp and FN(1, CTX) for PgDn pressed at a prompt;
   NULL turns it off (they then do nothing). */
void input_paging(void (*fn)(int dir, void *ctx), void *ctx);

/* The candidates of the last ambiguous completion, or "". */
const char *input_matches(void);

/* The line entered, valid until the next input_start or input_stop. */
const char *input_line(void);

/* Draw the prompt and the line at row Y, columns X to X+W-1, and put the
   cursor where readline's point is. */
void input_draw(int y, int x, int w);

/* Close the prompt; the history is kept for the next one. */
void input_stop(void);

/* Is a prompt open? */
int input_active(void);

/* Free readline's history at exit. */
void input_cleanup(void);

#endif
