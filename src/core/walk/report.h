/* report.h - a walkthrough step told in lines of text: what the screen
   draws and what the plain line mode prints, made in one place.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_REPORT_H
#define SHMTUTOR_REPORT_H

#include "walkthrough.h"

struct report {
  int bad;                  /* the call failed, faulted or was refused */
  char detail[400];         /* under the call: "fd 3 now refers to /dev/zero" */
  char state[400];          /* "fd 3   map 0x7f..  4096 B  PROT_READ|..  MAP_SHARED" */
  char kernel[400];         /* "mincore: 0 of 1 page resident  minor faults in the call: +0" */
  char smaps[400];          /* "smaps (kB): Rss 4  Pss 4 ...   meminfo Shmem: 9328" */
  char pagemap[400];        /* "pagemap: 1 of 1 mapped here: page 0 frame 0x1a2b3 (anonymous)" */
  char maps[400];           /* "maps: <the mapping's line of /proc/self/maps>" */
  /* A step of the kernel's shared pages: what it showed, in lines
     (kshare_line), told instead of the mapping's figures. */
  int nlines;
  char lines[KSHARE_LINES][KSHARE_LINE_LEN];
  /* With a second process, a pane each: the parent, then the child (or
     the stranger, at its step). */
  int panes;                /* 2 when they are up, else 0 */
  struct report_pane {
    char title[96];         /* "parent 1234", "child 1235", "stranger 1236 (exec'd)" */
    char maps[256];         /* its maps line from the permissions on: "rw-s 00000000 00:01 5 ..." */
    char figures[200];      /* "Rss 4 kB  Pss 2 kB  mincore 1 of 1  faults +1" */
    char said[200];         /* "exited with status 0, reaped by waitpid", or "" */
  } pane[2];
};

/* Describe the current step of T (T->done >= 1) from its record: the
   figures the engine took right after the call; only the maps line is read
   from /proc/self/maps now (reading it touches no page). */
void report_step(const struct walkthrough *t, struct report *out);

#endif
