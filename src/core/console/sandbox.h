/* sandbox.h - the call console's engine: statements parsed by cparse run
   for real inside this process, on the console's own mappings only.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_SANDBOX_H
#define SHMTUTOR_SANDBOX_H

#include <stddef.h>

#include "cparse.h"
#include "kview.h"
#include "pageview.h"
#include "call.h"     /* struct call_record: what a call did */

#define SB_MAX_MAPS 16        /* mappings at once */
#define SB_MAX_PAGES 64       /* pages a mapping */
#define SB_MAX_FDS 16
#define SB_MAX_VARS 32
#define SB_MAX_LINES 512      /* statements kept for save */
#define SB_BUF 256            /* bytes of the scratch array 'buf' */

enum sb_kind { SB_INT, SB_FD, SB_PTR };

struct sb_map {
  unsigned char *addr;
  size_t len;               /* as asked */
  size_t span;              /* whole pages */
  long prot, flags;
  int live;                 /* 0 once unmapped: its pages fault now */
};

struct sb_var {
  char name[CP_NAME];
  enum sb_kind kind;
  long long v;              /* SB_PTR: the map's index; else the value */
  size_t off;               /* SB_PTR: the offset into that map */
};

struct sandbox {
  size_t page;
  struct sb_map maps[SB_MAX_MAPS * 2];   /* live ones and former ones */
  int nmaps;
  int fds[SB_MAX_FDS];      /* the fds the console opened and still holds */
  int nfds;
  struct sb_var vars[SB_MAX_VARS];
  int nvars;
  unsigned char buf[SB_BUF];
  int current;              /* the map the hex view shows, -1 when none */
  struct page_view view;    /* its pages present, now and before the last
                               statement */
  struct kview kv;          /* the kernel's figures for it, taken before the
                               view read anything */
  char *lines[SB_MAX_LINES];   /* the C of each successful statement */
  int nlines;
  unsigned used;            /* SB_USED_*: what the saved program declares */
  int allow_save;
};

#define SB_USED_BUF 1
#define SB_USED_VEC 2
#define SB_USED_FORK 4

/* Start with nothing open or mapped; SAVE 0 refuses `save FILE`. */
void sb_init(struct sandbox *sb, int save);

/* Unmap and close what the console made, and free it all. */
void sb_free(struct sandbox *sb);

/* Run ST (a CP_CALL or CP_STORE) and fill R.  Returns 0 when it worked,
   -1 when it failed, faulted or was refused (R says which). */
int sb_run(struct sandbox *sb, const struct cp_stmt *st, struct call_record *r);

/* Write the successful statements so far as a C program into FILE: a new
   file under the current folder.  Returns 0, or -1 with MSG set. */
int sb_save(struct sandbox *sb, const char *file, char *msg, size_t len);

/* Show the next live mapping in the hex view.  Returns its index, or -1. */
int sb_next_map(struct sandbox *sb);

/* The names the console knows, for completion: calls, constants, then the
   variables; NULL after the last.  I counts from 0. */
const char *sb_name(const struct sandbox *sb, int i);

/* One line of help per call the console understands; NULL after the last. */
const char *sb_help(int i);

#endif
