/* console.h - the call console's own parts, shared by console.c (the
   prompt and the statements) and console-view.c (the state it shows, and
   where everything goes); nothing else includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_CONSOLE_H
#define SHMTUTOR_CONSOLE_H

#include <stddef.h>

#include "eval.h"
#include "screens.h"

/* The statements kept with their results: as many as the rows show. */
#define CONSOLE_HISTORY 64
/* The lines printed (printf, puts, perror, values shown) kept, a ring. */
#define CONSOLE_OUT 64
/* The most a paste of many statements may hold. */
#define CONSOLE_PASTE 16384
/* The state lines: fds and mappings, the shown one, mincore and faults,
   smaps, pagemap and frames, its maps line. */
#define CONSOLE_STATE 6

struct console_layout {
  int past_y, past_h;       /* the statements, newest last, wrapped */
  int out_y, out_h;         /* the output's rule, and its newest lines */
  int what_y, what_h;       /* the last one's output or verdict, wrapped */
  int state_y, state_h;     /* the state lines, wrapped */
  int hex_y, hex_h;         /* the page's rule, and the rows under it */
  int note_y, note_h;       /* a note, a caret, or Tab's matches */
};

struct console {
  struct app *app;
  struct evaluator ev;
  char past[CONSOLE_HISTORY][600];   /* the statements with their results, a ring */
  int npast, first;         /* how many, and where the oldest is */
  char out[CONSOLE_OUT][256];   /* the lines printed, a ring */
  int nout, out_first;
  int out_open;             /* the newest line has no newline yet */
  char pending[CONSOLE_PASTE + 2];   /* a statement begun, the next line goes on */
  int pending_lines;        /* the lines of it typed, each an entry of the history */
  struct call_record last;
  int have_last;
  char note[600];           /* a parse error's caret, save's answer, help */
  char caret[600];
  size_t hex_top;
  int help;
  char maps[400];           /* "maps: " and the shown mapping's line, "" when none */
  char prot[300];           /* its protection, part by part (console_read_maps) */
  struct console_layout lay;
};

/* Ask the kernel for the shown mapping's line of /proc/self/maps and its
   protection: after a statement or a switch, not on every redraw. */
void console_read_maps(struct console *c);

/* The state lines into LINES (each LEN bytes). */
void console_state(const struct console *c, char lines[CONSOLE_STATE][512]);

/* The last statement's output or verdict into BUF (LEN bytes); *BAD says
   whether it is a failure.  "" when there is none. */
void console_what(const struct console *c, char *buf, size_t len, int *bad);

/* Work out where everything goes for the terminal's size now. */
void console_layout(struct console *c);

/* The Nth newest statement kept (0: the last), or NULL. */
const char *console_past(const struct console *c, int n);

/* The Nth newest line printed (0: the last), or NULL. */
const char *console_out(const struct console *c, int n);

/* IN on one row into OUT (LEN bytes): its blanks and newlines one blank. */
void console_one_row(const char *in, char *out, size_t len);

/* STMT again in the note, and a caret under column COL, with WHY. */
void console_mark_column(struct console *c, const char *stmt, int col, const char *why);

/* Keep LINE (a statement and its result) in the list of those run. */
void console_remember(struct console *c, const char *line);

/* Draw the statements run, newest last, and the page's rule and rows,
   where the layout puts them. */
void console_draw_past(struct console *c);
void console_draw_page(struct console *c);

/* Draw the list of what the console understands, over the screen. */
void console_draw_help(void);

/* Draw the output pane where the layout puts it. */
void console_draw_out(struct console *c);

/* Keep what a statement printed, N bytes of TEXT, line by line. */
void console_printed(struct console *c, const char *text, size_t n);

#endif
