/* twin.h - a second process beside the walkthrough's: a child made by
   fork(), which maps what the parent mapped and makes its stores and loads
   itself, when asked; and a stranger, a program started afresh with exec,
   which maps /dev/zero on its own.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TWIN_H
#define SHMTUTOR_TWIN_H

#include <sys/types.h>

#include "call.h"
#include "kview.h"
#include "pageview.h"
#include "shm.h"

/* What one process's pane shows: its pid, its figures for the mapping and
   its own view of the page, each taken by that process itself. */
struct twin_side {
  int pid;                  /* 0: no such process (yet, or any more) */
  void *map;                /* the child's: where its mapping is (the parent's
                               at fork, whatever the parent did since) */
  struct kview kv;          /* its figures, taken right after its call */
  struct page_view view;    /* the child's: the page as it sees it, without
                               touching it (the parent's is struct shm's) */
  char maps[256];           /* its line of /proc/PID/maps for the mapping, or "" */
  long minflt;              /* minor faults of its last call, -1 unknown */
  char said[160];           /* "exited with status 0, reaped by waitpid" */
};

/* The stranger's report: what an unrelated process saw of /dev/zero. */
struct twin_stranger {
  int ran;                  /* 1: it ran and reported */
  int pid;
  char maps[256];           /* its own mapping's maps line */
  unsigned long nonzero;    /* bytes not 0 in the page it mapped */
  unsigned long bytes;      /* bytes it looked at */
  unsigned char head[16];   /* the first of them */
  char why[200];            /* when !ran: what went wrong */
};

struct twin {
  struct twin_side parent, child;
  int sock;                 /* the parent's end of the child's channel; -1 */
  int alive;                /* a child runs (made and not reaped) */
  int had_child;            /* a child was made in this walk: the panes are up */
  int status;               /* waitpid's status, once reaped */
  struct twin_stranger stranger;
  int show_stranger;        /* the current step is the stranger's */
};

/* No child. */
void twin_init(struct twin *t, size_t page);

/* Kill the child, if one runs, and reap it; free the views.  T is then as
   after twin_init, ready to be used again. */
void twin_reset(struct twin *t);

/* The process actions (SHM_FORK, SHM_CHILD_WRITE, SHM_CHILD_READ,
   SHM_PARENT_WRITE, SHM_WAIT, SHM_STRANGER) with S, the parent's mapping.
   Fills R as shm_run does; returns 0 when the call succeeded, -1 when it
   failed or was refused. */
int twin_run(struct twin *t, struct shm *s, enum shm_action action, const struct shm_args *a,
             struct call_record *r);

/* Is ACTION one of twin_run's? */
int twin_action(enum shm_action action);

/* The panes again after a step of the parent's own (its figures are in R,
   taken by shm_run): the child looks at its own page. */
void twin_after_parent(struct twin *t, struct shm *s, const struct call_record *r);

/* The entry point of the stranger, run as "shmtutor --stranger-probe":
   map a page of /dev/zero, look at it and say what it saw on standard
   output.  Returns the exit status. */
int twin_stranger_main(void);

/* The option that makes a stranger of shmtutor. */
#define TWIN_STRANGER_OPTION "--stranger-probe"

#endif
