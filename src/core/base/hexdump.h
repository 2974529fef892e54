/* hexdump.h - bytes to rows of text: offset, 16 bytes in hex, ASCII.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_HEXDUMP_H
#define SHMTUTOR_HEXDUMP_H

#include <stddef.h>

#define HEX_PER_ROW 16

/* One row, as text plus where each byte sits in it. */
struct hex_row {
  char text[96];                    /* "0010  73 70 ... 00  space..........."
                                       (the ASCII column as hexdump -C has it) */
  size_t offset;                    /* of the row's first byte */
  int nbytes;                       /* bytes in this row (the last may be short) */
  unsigned char bytes[HEX_PER_ROW]; /* the bytes themselves */
  unsigned char changed[HEX_PER_ROW]; /* 1 where the byte differs from before */
  int hex_col[HEX_PER_ROW];         /* column of each byte's two hex digits */
  int ascii_col[HEX_PER_ROW];       /* column of each byte's ASCII cell */
  int nchanged;
};

/* How many rows LEN bytes make (_n: of PER bytes, 1 to HEX_PER_ROW). */
size_t hex_nrows(size_t len);
size_t hex_nrows_n(size_t len, int per);

/* The width of the offset column for LEN bytes: enough hex digits for the
   last offset, at least 4. */
int hex_offset_width(size_t len);

/* Format row ROW of CUR (LEN bytes).  PREV, when not NULL, holds the bytes
   before the last step and marks what changed.  Returns 0, or -1 when ROW is
   past the end. */
int hex_format_row(const unsigned char *cur, const unsigned char *prev, size_t len,
                   size_t row, struct hex_row *out);
/* The same with PER bytes a row (1 to HEX_PER_ROW): for narrow panes. */
int hex_format_row_n(const unsigned char *cur, const unsigned char *prev, size_t len,
                     size_t row, int per, struct hex_row *out);

#endif
