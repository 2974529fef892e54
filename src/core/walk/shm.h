/* shm.h - the live /dev/zero mapping: every step does the real thing, a
   system call (open, mmap, munmap, close) or a store or load through the
   mapped page (sprintf, printf).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_SHM_H
#define SHMTUTOR_SHM_H

#include <stddef.h>
#include <sys/types.h>

#include "call.h"
#include "kview.h"
#include "pageview.h"

/* The most a lesson may map: the hex view shows all of it. */
#define SHM_MAX_PAGES KV_MAX_PAGES

/* What a step does.  The names are the ones lesson files use. */
enum shm_action {
  SHM_OPEN,     /* open(path, flags) */
  SHM_MMAP,     /* mmap(NULL, length, prot, flags, fd, offset) */
  SHM_WRITE,    /* sprintf((char *)map + offset, text) */
  SHM_READ,     /* printf(format, (char *)map + offset) */
  SHM_MUNMAP,   /* munmap(map, length) */
  SHM_CLOSE,    /* close(fd) */
  /* A second process (walk/twin.c): */
  SHM_FORK,         /* fork(): a child that maps what the parent maps */
  SHM_CHILD_WRITE,  /* the child's sprintf into its view of the mapping */
  SHM_CHILD_READ,   /* the child's printf of it */
  SHM_PARENT_WRITE, /* the parent's sprintf, with the child beside it */
  SHM_WAIT,         /* the child exits; waitpid reaps it */
  SHM_STRANGER,     /* an unrelated process, exec'd, maps /dev/zero */
  /* The kernel's own shared pages (walk/kshare.c): */
  SHM_VVAR,         /* the [vvar] pages, read live */
  SHM_CLOCK_COST,   /* clock_gettime through the vDSO against the system call */
  SHM_URING_SETUP,  /* io_uring_setup and mmap of its rings */
  SHM_URING_SUBMIT, /* SQEs into the ring, io_uring_enter, the CQ tail */
  SHM_NACTIONS
};

/* The arguments of one step; which are used depends on the action. */
struct shm_args {
  const char *path;     /* open */
  long oflags;          /* open */
  size_t length;        /* mmap, munmap; 0 = mmap's length, for munmap */
  int length_set;       /* munmap: length given explicitly */
  long prot;            /* mmap */
  long mflags;          /* mmap */
  long long offset;     /* mmap: file offset; write/read: offset into the map */
  const char *text;     /* write: the text sprintf puts into the page */
  const char *format;   /* read: printf format with one %s, C escapes allowed */
};

/* The state of the process's lesson resources. */
struct shm {
  int fd;               /* last fd opened (kept after close: EBADF demos) */
  int fd_open;
  void *map;            /* NULL when nothing is mapped */
  size_t map_len;       /* length passed to mmap */
  long prot, mflags;
  char path[256];
  size_t page;          /* sysconf(_SC_PAGESIZE) */
  struct page_view view;  /* the hex view: the pages present, now and before */
};

/* Start with nothing open or mapped. */
void shm_init(struct shm *s);

/* Close and unmap whatever is left; S can be used again after shm_init. */
void shm_reset(struct shm *s);

/* Make the call ACTION with ARGS for real and fill R: the minor faults of
   the call itself, then the kernel's figures, then the view, which reads
   only pages already present.  Returns 0 when the call succeeded, -1 when
   it failed, faulted or was refused (R says why). */
int shm_run(struct shm *s, enum shm_action action, const struct shm_args *args,
            struct call_record *r);

/* Run a store and a load through the engine on a scratch page of its own
   (PAGE bytes), untimed: after fork() every page the engine writes is
   copy-on-write, and its first store into each would be counted in the
   next measured call.  The lesson's mapping is not touched. */
void shm_rehearse(size_t page);

/* The lesson-file name of ACTION ("mmap"), and back (-1 when unknown). */
const char *shm_action_name(enum shm_action a);
int shm_action_parse(const char *name);

#endif
