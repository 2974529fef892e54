/* kshare-int.h - what the parts of the kernel-shared engine share:
   kshare.c ([vvar], the clock's cost, running a step), kshare-uring.c
   (the io_uring steps) and kshare-text.c (the lines, small /proc reads).
   Nothing outside them includes it.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_KSHARE_INT_H
#define SHMTUTOR_KSHARE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "kshare.h"

/* Add a line to K's lines, cut at KSHARE_LINE_LEN; past KSHARE_LINES
   the line is dropped. */
void kshare_say(struct kshare *k, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* The first line of the small file PATH (a /proc or /sys file) into BUF
   (LEN bytes), without its newline.  Returns 0, or -1 when it cannot be
   read. */
int kshare_read_line(const char *path, char *buf, size_t len);

/* The mapping /proc/self/maps names NAME ("[vvar]"): its range, and its
   line (blanks squeezed) into LINE (LEN bytes).  Returns 1 when found,
   0 when no line has that name, -1 when maps cannot be read. */
int kshare_maps_find(const char *name, uintptr_t *start, uintptr_t *end, char *line,
                     size_t len);

/* The io_uring steps, with R cleared and the lines empty; they fill both
   and the view.  Return 0 or -1 as kshare_run does. */
int kshare_uring_setup(struct kshare *k, struct call_record *r);
int kshare_uring_submit(struct kshare *k, struct call_record *r);

/* Unmap the ring, close its fd and /dev/zero. */
void kshare_uring_close(struct kshare *k);

#endif
