/* inspect.h - what the kernel says about a mapping in /proc/self/maps, and
   the process's minor faults.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_INSPECT_H
#define SHMTUTOR_INSPECT_H

#include <stddef.h>
#include <stdint.h>

/* Does LINE start with a maps or smaps range, "start-end "?  *START and
   *END get it.  Returns 1 or 0. */
int inspect_range(const char *line, uintptr_t *start, uintptr_t *end);

/* The PROT_ bits of a maps line's permissions, "rw-s". */
long inspect_perms_prot(const char *perms);

/* Copy the line of /proc/self/maps (or of the file MAPS, when not NULL)
   whose range holds ADDR into BUF, runs of spaces squeezed to one and
   without the newline.  Returns 1 when found, 0 when no line holds it,
   -1 when the file cannot be read. */
int inspect_maps_line(const char *maps, const void *addr, char *buf, size_t len);

/* One line of /proc/self/maps inside a mapping: an mprotect of part of a
   mapping splits its line in two or three. */
struct maps_part {
  uintptr_t start, end;     /* clipped to the mapping */
  char perms[5];            /* "rw-s" */
};

/* The lines of /proc/self/maps that overlap [ADDR, ADDR+LEN), clipped to
   it, at most MAX of them, into PARTS.  Returns how many, or -1 when the
   file cannot be read. */
int inspect_maps_parts(const void *addr, size_t len, struct maps_part *parts, int max);

/* Minor page faults of this process so far, by getrusage(2). */
long inspect_minflt(void);

/* The Shmem line of /proc/meminfo in kB: all of the system's shared
   memory (tmpfs, shared anonymous mappings).  The kernel keeps it in
   per-CPU batches; *EXACT is 1 when they could be folded in first
   (vm/stat_refresh, root only), else the figure may lag by a batch.
   -1 when it cannot be read. */
long inspect_shmem_kb(int *exact);

#endif
