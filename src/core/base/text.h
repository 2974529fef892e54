/* text.h - small string helpers shared by the core modules.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TEXT_H
#define SHMTUTOR_TEXT_H

#include <stddef.h>

/* Write S as the inside of a C string literal into OUT (size LEN):
   quotes, backslashes and control bytes escaped; cut with "..." when long.
   Returns OUT. */
char *text_c_escape(const char *s, char *out, size_t len);

/* Undo C escapes (\n \t \r \\ \" \' \NNN octal, \xNN) of S into OUT (size LEN);
   an escape that makes a NUL is refused.  Returns
   the bytes written (not counting the NUL), or (size_t)-1 on a bad escape. */
size_t text_c_unescape(const char *s, char *out, size_t len);

/* Does FMT hold exactly one "%s" and no other conversion ("%%" allowed)? */
int text_format_ok(const char *fmt);

/* Append to BUF (size LEN, *USED bytes used) as snprintf would, never past
   the end.  Returns 0, or -1 when the text was cut. */
int text_append(char *buf, size_t len, size_t *used, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* Is the byte string S of length N valid UTF-8? */
int text_utf8_valid(const char *s, size_t n);

/* Is code point C part of a word: a letter or a digit (any script), as
   opposed to punctuation or space? */
int text_is_word(unsigned c);

/* The last word of S (UTF-8): bytes [*START, *END).  Returns 0, or -1 when
   S has no word. */
int text_last_word(const char *s, size_t *start, size_t *end);

/* The letters and digits of S, ASCII ones lowercased, into OUT (size LEN):
   punctuation and spaces of any script dropped.  Returns OUT. */
char *text_words_only(const char *s, char *out, size_t len);

#endif
