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
  int err;                  /* errno as the last call that failed left it */
  pid_t child;              /* the last child fork() made (reaped), or 0 */
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

/* The note for ST, a CP_ASIDE: why it is not run, and the value of an
   if's condition when that reads no memory and calls nothing. */
void ev_aside(struct evaluator *ev, const struct cp_stmt *st, char *buf, size_t len);

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
