/* input.h - a GNU readline prompt inside the curses screen: readline's
   own keys (emacs or vi mode, Ctrl-R, the user's ~/.inputrc), history kept
   per kind of prompt between runs, bracketed paste, a bounded line.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_INPUT_H
#define SHMTUTOR_INPUT_H

#include <stddef.h>

enum input_state {
  INPUT_ACTIVE,     /* still editing */
  INPUT_DONE,       /* Enter: input_line() has the text */
  INPUT_CANCEL,     /* Ctrl-G: the prompt was given up */
  INPUT_EOF         /* Ctrl-D on an empty line */
};

/* The kinds of prompt: each keeps a history of its own. */
enum input_kind { INPUT_WRITE, INPUT_ANSWER, INPUT_CONSOLE, INPUT_SEARCH, INPUT_NKINDS };

/* Keep the history in the file PATH (read now); SAVE 0 keeps it in
   memory only (--no-save).  A problem reading it goes into MSG (LEN
   bytes), and the prompts work without it. */
void input_history(const char *path, int save, char *msg, size_t len);

/* Open a prompt of KIND that takes at most MAX bytes (a longer paste is
   cut, and input_cut() says so). */
void input_start(enum input_kind kind, const char *prompt, size_t max);

/* Feed key CH read by screen_key (a byte: the prompt has keypad mode off,
   so escape sequences come byte by byte and readline reads them whole).
   Esc belongs to readline (vi command mode, emacs's Meta); Ctrl-G gives
   the prompt up; Ctrl-C empties the line and keeps the prompt. */
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

/* Whether the last line (or the one being edited) was cut to the prompt's
   most; the count of bytes dropped, or 0. */
size_t input_cut(void);

/* Draw the prompt and the line at row Y, columns X to X+W-1, and put the
   cursor where readline's point is.  In vi mode a mark before the prompt
   says which mode; during Ctrl-R readline's own search prompt shows. */
void input_draw(int y, int x, int w);

/* The open prompt's own text ("write> "). */
const char *input_prompt(void);

/* The keys the open prompt takes, for the key bar. */
const char *input_keys(void);

/* Turn bracketed paste off if a prompt turned it on (safe when memory has
   run out: it allocates nothing). */
void input_paste_off(void);

/* Whether F1 was pressed at the prompt since the last call (the loop then
   shows the screen's keys). */
int input_take_help(void);

/* Replace the history entries added since the last input_history_mark
   (or join) with TEXT: the lines of one statement, joined. */
void input_history_join(const char *text);

/* What is added to the history from now on may be joined. */
void input_history_mark(void);

/* Whether Ctrl-C emptied the line since the last call. */
int input_take_clear(void);

/* Put TEXT into the open prompt's line, the cursor at its end (a
   statement given back for editing). */
void input_set_text(const char *text);

/* Close the prompt; the history is kept for the next one. */
void input_stop(void);

/* Is a prompt open? */
int input_active(void);

/* Free readline's history at exit. */
void input_cleanup(void);

#endif
