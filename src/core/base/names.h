/* names.h - symbolic names of flags and errno values, both ways.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_NAMES_H
#define SHMTUTOR_NAMES_H

#include <stddef.h>

/* One symbolic constant: its name and value. */
struct name_value {
  const char *name;
  long value;
};

/* The sets of flags a lesson may name. */
enum name_set { NAMES_OPEN, NAMES_PROT, NAMES_MAP };

/* Parse "A|B|C" (spaces allowed around '|') from SET into *OUT.
   Returns 0, or -1 with the first unknown name copied into BAD (size BADLEN). */
int names_parse(enum name_set set, const char *text, long *out, char *bad, size_t badlen);

/* Write VALUE as "A|B" using SET into BUF (size LEN); bits no name covers are
   written in hex.  Returns BUF. */
char *names_format(enum name_set set, long value, char *buf, size_t len);

/* The symbolic name of errno value E ("EINVAL"), or NULL when unknown. */
const char *errno_name(int e);

/* A one-line explanation of errno E as returned by CALL ("mmap", "open", ...),
   drawn from the man pages; falls back to strerror(E). */
const char *errno_explain(const char *call, int e);

#endif
