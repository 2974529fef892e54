/* twin-int.h - what twin.c (the child) and twin-stranger.c (the stranger)
   share.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TWIN_INT_H
#define SHMTUTOR_TWIN_INT_H

#include <stddef.h>

#include "twin.h"

/* What the parent asks of the child (twin.c), and the child answers
   (twin-child.c). */
enum twin_op { OP_LOOK, OP_WRITE, OP_READ, OP_EXIT };

struct request {
  int op;
  int same;                 /* look: the view shows this mapping already */
  long long offset;
  char text[256];           /* write: the text; read: the format */
};

/* The child's answer: its call and figures; then its view's bytes, now
   and before (len bytes each). */
struct reply {
  int rc;
  int pid;
  struct call_record rec;
  struct kview kv;
  char maps[256];
  unsigned char state[KV_MAX_PAGES], prev_state[KV_MAX_PAGES];
  size_t len;
  int ok, prev_ok;
  char why[96];
};

/* How long the parent waits for an answer before it gives the child up. */
#define ANSWER_MS 5000

/* All N bytes of BUF to FD, without SIGPIPE.  Returns 0 or -1. */
int twin_send_all(int fd, const void *buf, size_t n);

/* N bytes from FD into BUF, waiting up to MS milliseconds for each part
   (-1: for ever).  Returns 0, or -1 with errno ETIMEDOUT, or EPIPE at the
   end of the stream. */
int twin_recv_all(int fd, void *buf, size_t n, int ms);

/* Reap PID, waiting up to MS milliseconds before killing it with
   SIGKILL; *STATUS is waitpid's.  Returns 0, or -1 (errno ECHILD: it was
   reaped already, and is not signalled). */
int twin_reap_pid(pid_t pid, int ms, int *status);

/* waitpid's STATUS in words: "exited with status 0", "killed by signal 9
   (Killed)". */
const char *twin_status_text(int status, char *buf, size_t len);

/* The child's life, from the fork on: serve the parent's requests on
   SOCK with S, the child's copy of the mapping's state, until the parent
   is gone or asks it to exit.  PARENT is the parent's pid, before fork. */
void twin_child_main(int sock, struct shm *s, pid_t parent) __attribute__ ((noreturn));

/* The stranger's step: start "shmtutor --stranger-probe" with
   posix_spawn, take what it says, reap it.  Fills T->stranger and R. */
int twin_run_stranger(struct twin *t, struct call_record *r);

#endif
