/* eval.h - the call console's engine: statements parsed by cparse run
   for real inside this process, on the console's own mappings only.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EVAL_H
#define SHMTUTOR_EVAL_H

#include <stddef.h>
#include <sys/types.h>

#include "cparse.h"
#include "kview.h"
#include "pageview.h"
#include "call.h"     /* struct call_record: what a call did */

#define EV_MAX_MAPS 16        /* mappings at once */
#define EV_MAX_PAGES 64       /* pages a mapping */
#define EV_MAX_FDS 16
#define EV_MAX_VARS 32
#define EV_MAX_LINES 512      /* statements kept for save */
#define EV_BUF 256            /* bytes of the scratch array 'buf' */
#define EV_MAX_BLOCKS 16      /* blocks open at once */
/* Room for a statement's text as C: a string's bytes may each take four
   characters (\ooo) when written again. */
#define EV_TEXT (4 * CP_MAX_LINE + 64)
#define EV_CHAIN_NONE 0       /* no if just closed */
#define EV_CHAIN_RAN 1        /* a block of the if ... else if chain ran */
#define EV_CHAIN_FALSE 2      /* all its conditions were false */
#define EV_CHAIN_UNKNOWN 3    /* one could not be known: every else is skipped */

enum ev_kind { EV_INT, EV_FD, EV_PTR, EV_NONE };

struct ev_map {
  unsigned char *addr;
  size_t len;               /* as asked */
  size_t span;              /* whole pages */
  long prot, flags;
  int live;                 /* 0 once unmapped: its pages fault now */
  int reserved;             /* once unmapped: its addresses are held by the
                               console, PROT_NONE, so that nothing else is
                               mapped there while a name may point in */
};

struct ev_var {
  char name[CP_NAME];
  enum ev_kind kind;
  long long v;              /* EV_PTR: the map's index (-1 buf, -2 none);
                               else the value */
  size_t off;               /* EV_PTR: the offset into that map */
  long long raw;            /* EV_PTR at no map: the address (NULL, MAP_FAILED) */
  struct cp_type type;      /* as declared, or the console's own choice */
};

struct evaluator {
  size_t page;
  struct ev_map maps[EV_MAX_MAPS * 2];   /* live ones and former ones */
  int nmaps;
  int fds[EV_MAX_FDS];      /* the fds the console opened and still holds */
  int nfds;
  struct ev_var vars[EV_MAX_VARS];
  int nvars;
  unsigned char buf[EV_BUF];
  int current;              /* the map the hex view shows, -1 when none */
  struct page_view view;    /* its pages present, now and before the last
                               statement */
  struct kview kv;          /* the kernel's figures for it, taken before the
                               view read anything */
  char *lines[EV_MAX_LINES];   /* the C of each successful statement */
  int nlines;
  unsigned used;            /* EV_USED_*: what the saved program declares */
  int allow_save;
  int allow_fork;           /* 1 (ev_init); 0 refuses fork(), as the fuzz target does */
  int col;                  /* the column a refusal is about, 0 when none */
  int touched;              /* the mapping the statement touched, or -1 */
  int by_design;            /* the refusal is the console's nature (_exit, a
                               wait with no child), not the statement's fault */
  int err;                  /* errno as the last call that failed left it */
  pid_t child;              /* the last child fork() made (reaped), or 0 */
  struct ev_block {
    signed char run;        /* its statements run */
    signed char kind;       /* enum cp_block */
    signed char chain;      /* an if's: EV_CHAIN_* after it */
    char why[200];          /* skipped: why */
  } blocks[EV_MAX_BLOCKS];  /* the blocks open, innermost last */
  int nblocks;
  int chain;                /* after an if's block closed: EV_CHAIN_*, for an else */
  int skip_next;            /* 1: the next statement is the body of an if or
                               a loop without braces that is skipped */
  int pending;              /* -1, or 0 / 1: the next '{' opens a block
                               skipped / run (a function's head alone) */
  int pending_chain;         /* and the if's chain it leaves */
  char pending_why[200];
  /* Room for the text of a statement's parts, kept here (and so written
     once by ev_init) rather than in pages first touched while a call's
     faults are counted. */
  char text[3][EV_TEXT];
  char keep[2][2 * EV_TEXT];
  char printed[1024];       /* what the statement printed (printf, puts,
                               perror, a value shown), control bytes as
                               visible escapes */
  size_t nprinted;
};

#define EV_USED_BUF 1
#define EV_USED_VEC 2
#define EV_USED_FORK 4

/* Start with nothing open or mapped; SAVE 0 refuses `save FILE`. */
void ev_init(struct evaluator *ev, int save);

/* Unmap and close what the console made, and free it all. */
void ev_free(struct evaluator *ev);

/* Run ST (a CP_CALL or CP_STORE) and fill R.  Returns 0 when it worked,
   -1 when it failed, faulted or was refused (R says which). */
int ev_run(struct evaluator *ev, const struct cp_stmt *st, struct call_record *r);

/* What becomes of ST, as the lesson's program would have it: the lines
   the console does not run (if, else, loops, braces, function heads)
   open and close blocks, and a block whose if's condition is false now,
   or cannot be known (a call in it), a loop's, or a function's other than
   main's, is skipped to its '}', as is the body of such an if without
   braces.  EV_LINE_RUN: run it; EV_LINE_SKIP: it is in a block skipped;
   EV_LINE_ASIDE: a line of C that is not run.  NOTE (LEN bytes) says why
   for the last two. */
enum ev_line { EV_LINE_RUN, EV_LINE_SKIP, EV_LINE_ASIDE };
enum ev_line ev_line(struct evaluator *ev, const struct cp_stmt *st, char *note, size_t len);

/* A statement that did not parse (ERR says why): EV_LINE_SKIP with NOTE
   when it is in a block skipped, else EV_LINE_RUN (the error is shown). */
enum ev_line ev_unparsed(struct evaluator *ev, const char *err, char *note, size_t len);

/* Is the console skipping a block now (the prompt says so)? */
int ev_skipping(const struct evaluator *ev);

/* Write the successful statements so far as a C program into FILE: a new
   file under the current folder.  Returns 0, or -1 with MSG set. */
int ev_save(struct evaluator *ev, const char *file, char *msg, size_t len);

/* Show the next live mapping in the hex view.  Returns its index, or -1. */
int ev_next_map(struct evaluator *ev);

/* The names the console knows, for completion: calls, constants, then the
   variables; NULL after the last.  I counts from 0. */
const char *ev_name(const struct evaluator *ev, int i);

/* One line of help per call the console understands; NULL after the last. */
const char *ev_help(int i);

#endif
