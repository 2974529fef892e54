/* visible.h - text shown to a person: no byte of it acts on the terminal.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_VISIBLE_H
#define SHMTUTOR_VISIBLE_H

#include <stddef.h>
#include <stdio.h>

/* Keep newlines as they are (text_visible's FLAGS); without it a newline
   is shown as "\n" too. */
#define VISIBLE_KEEP_NL 1

/* Take bytes from 0x80 as UTF-8 whatever the locale (text_is_visible's
   FLAGS): for names, which must not come and go with LC_ALL. */
#define VISIBLE_UTF8 2

/* The N bytes of S as they are shown, into OUT (size LEN, NUL-terminated,
   never cut inside an escape or a character): each control character
   (C0: U+0000-U+001F, ESC among them; DEL; C1: U+0080-U+009F), each
   character that embeds, overrides or isolates a direction of text
   (U+202A-U+202E, U+2066-U+2069: the "Trojan Source" ones; the marks
   U+200E and U+200F stay) and each byte of a broken UTF-8 sequence
   is written as a C escape (\a \b \f \n \r \v, else \ooo, octal, a byte
   at a time), as ls -b writes them; a tab becomes the blanks to the next
   column that is a multiple of 8, counted from the start of S (or of its
   line, with VISIBLE_KEEP_NL).  A backslash stays one: the text stays
   readable, not reversible.  Returns the length of the whole shown text
   (as snprintf does: more than LEN - 1 means OUT holds its start). */
size_t text_visible (const char *s, size_t n, char *out, size_t len, int flags);

/* Does S (N bytes) show as it is, so that text_visible with FLAGS would
   change nothing? */
int text_is_visible (const char *s, size_t n, int flags);

/* Print to F as fprintf does, except that each "%s" or "%c" argument is
   shown as text_visible shows it (a newline in it too); the format is
   ours and is printed as written.  Takes the conversions d i u x X o c s
   p and %%, with flags, width and precision ('*' too) and the lengths hh
   h l ll z j t.  Returns the bytes printed, or -1 on a write error. */
int text_printf_visible (FILE *f, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#endif
