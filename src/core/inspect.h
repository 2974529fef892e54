/* inspect.h - what the kernel says about a mapping.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_INSPECT_H
#define SHMTUTOR_INSPECT_H

#include <stddef.h>
#include <stdint.h>

/* Copy the line of /proc/self/maps (or of the file MAPS, when not NULL)
   whose range starts at ADDR into BUF, runs of spaces squeezed to one and
   without the newline.  Returns 1 when found, 0 when no line starts there,
   -1 when the file cannot be read. */
int inspect_maps_line(const char *maps, const void *addr, char *buf, size_t len);

/* One line of /proc/self/maps inside a mapping: an mprotect of part of a
   mapping splits its line in two or three. */
struct maps_part {
  uintptr_t start, end;
  char perms[5];            /* "rw-s" */
};

/* The lines of /proc/self/maps that lie inside [ADDR, ADDR+LEN), at most
   MAX of them, into PARTS.  Returns how many, or -1 when the file cannot be
   read. */
int inspect_maps_parts(const void *addr, size_t len, struct maps_part *parts, int max);

/* How many of the pages of [ADDR, ADDR+LEN) are resident, by mincore(2).
   Returns the count, or -1 with errno set. */
long inspect_resident(const void *addr, size_t len, size_t page);

/* Minor page faults of this process so far, by getrusage(2). */
long inspect_minflt(void);

#endif
