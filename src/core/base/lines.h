/* lines.h - reading a text file of ours: the whole of it, bounded, then a
   line at a time with the checks every format shares.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_LINES_H
#define SHMTUTOR_LINES_H

#include <stddef.h>

/* How a parser tells of each error: FILE and LINE (0 when the error is the
   file's as a whole) and a message without a trailing newline. */
typedef void (*parse_error_fn)(void *ctx, const char *file, int line, const char *msg);

/* A parse_error_fn that prints "FILE:LINE: message" (or "FILE: message"
   for LINE 0) on standard error, shown, never sent (visible.c). */
void parse_error_print(void *ctx, const char *file, int line, const char *msg);

/* Read PATH: at most MAX + 1 bytes, so that a longer file shows as one.
   Returns a buffer to free, its length in *LEN; or NULL, with why in MSG
   (size MSGLEN): "cannot open: ...". */
char *lines_read(const char *path, size_t max, size_t *len, char *msg, size_t msglen);

/* How many errors a file may have before reading it stops. */
#define LINES_MAX_ERRORS 50

/* The callbacks of lines_each. */
struct lines_fn {
  void (*line)(void *ctx, int lineno, char *text);      /* a good line, NUL-ended */
  void (*bad)(void *ctx, int lineno, const char *why);  /* an error at a line */
  int any_bytes;            /* 1: bytes that are not UTF-8 are not an error */
  int keep_tabs;            /* 1: a tab stays one (a field separator); else it
                               is the blanks to the next multiple of 8 */
};

/* Go through LEN bytes of BUF a line at a time: a line longer than MAXLINE
   bytes, or holding a NUL byte, or not valid UTF-8, goes to FN->bad, every
   other to FN->line.  *NERR is the caller's count of errors: once it
   reaches LINES_MAX_ERRORS, FN->bad is told so and reading stops.
   Returns the number of the last line seen. */
int lines_each(const char *buf, size_t len, size_t maxline, const struct lines_fn *fn,
               void *ctx, const int *nerr);

/* ---- the parsers' kit: lessons and decks ------------------------------ */

/* Where a parser's errors go (FILE:LINE: message, through ERR), and how
   many there were. */
struct parse_report {
  const char *file;
  parse_error_fn err;
  void *ctx;
  int nerr;
};

/* Report an error at LINE (0: the file as a whole) and count it. */
void parse_fail(struct parse_report *r, int line, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* Split line S of a "key: value" file in place: blanks and a CR at the
   end go, blanks at the start too.  Returns 0 for a blank line or a
   comment ('#'), 1 with *KEY and *VALUE (its leading blanks skipped), and
   -1 when there is no colon (reported: "expected 'key: value'"). */
int parse_key_value(struct parse_report *r, int line, char *s, char **key, char **value);

/* A key a file may give once, KEY at LINE with the value V: kept in *DST
   as a copy, or reported ("'KEY' given twice", "empty KEY").  Returns 0
   when kept, -1 when reported. */
int parse_set_once(struct parse_report *r, int line, char **dst, const char *key,
                   const char *v);

/* Strip blanks and a CR from the end of S. */
void parse_trim_end(char *s);

/* Read PATH (at most MAX bytes) and hand it to PARSE with OBJ; a file
   that cannot be read counts as one error, told through ERR.  Returns
   PARSE's count of errors, or 1. */
int parse_file(const char *path, size_t max, void *obj, parse_error_fn err, void *ctx,
               int (*parse)(const char *buf, size_t len, const char *file, void *obj,
                            parse_error_fn err, void *ctx));

#endif
