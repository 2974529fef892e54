/* twin-int.h - what twin.c (the child) and twin-stranger.c (the stranger)
   share.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TWIN_INT_H
#define SHMTUTOR_TWIN_INT_H

#include <stddef.h>

#include "twin.h"

/* All N bytes of BUF to FD, without SIGPIPE.  Returns 0 or -1. */
int twin_send_all(int fd, const void *buf, size_t n);

/* N bytes from FD into BUF, waiting up to MS milliseconds for each part
   (-1: for ever).  Returns 0, or -1 with errno ETIMEDOUT, or EPIPE at the
   end of the stream. */
int twin_recv_all(int fd, void *buf, size_t n, int ms);

/* waitpid's STATUS in words: "exited with status 0", "killed by signal 9
   (Killed)". */
const char *twin_status_text(int status, char *buf, size_t len);

/* The stranger's step: start "shmtutor --stranger-probe" with
   posix_spawn, take what it says, reap it.  Fills T->stranger and R. */
int twin_run_stranger(struct twin *t, struct call_record *r);

#endif
