/* hexdump.c - bytes to rows of text: offset, 16 bytes in hex, ASCII.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <string.h>

#include "byteclass.h"
#include "hexdump.h"

static const char hexdigits[] = "0123456789abcdef";

/* PER bytes a row, 1 to HEX_PER_ROW; anything else is HEX_PER_ROW. */
static int
per_row (int per)
{
  return per >= 1 && per <= HEX_PER_ROW ? per : HEX_PER_ROW;
}

size_t
hex_nrows_n (size_t len, int per)
{
  size_t n = (size_t) per_row (per);
  return (len + n - 1) / n;
}

size_t
hex_nrows (size_t len)
{
  return hex_nrows_n (len, HEX_PER_ROW);
}

int
hex_offset_width (size_t len)
{
  int w = 1;
  size_t last = len ? len - 1 : 0;
  while (last >>= 4)
    w++;
  return w < 4 ? 4 : w;
}

int
hex_format_row (const unsigned char *cur, const unsigned char *prev, size_t len,
                size_t row, struct hex_row *out)
{
  return hex_format_row_n (cur, prev, len, row, HEX_PER_ROW, out);
}

int
hex_format_row_n (const unsigned char *cur, const unsigned char *prev, size_t len,
                  size_t row, int per, struct hex_row *out)
{
  int ow = hex_offset_width (len);
  per = per_row (per);
  size_t off = row * (size_t) per;
  char *t = out->text;
  int col = 0;

  memset (out, 0, sizeof *out);
  if (off >= len || row >= hex_nrows_n (len, per))
    return -1;
  out->offset = off;
  out->nbytes = len - off < (size_t) per ? (int) (len - off) : per;

  /* Offset, most significant digit first. */
  for (int i = ow - 1; i >= 0; i--)
    t[col++] = hexdigits[(off >> (4 * i)) & 15];
  t[col++] = ' ';
  int ascii = ow + 2 + 3 * per - 1 + 2;
  for (int i = 0; i < per; i++)
    {
      t[col++] = ' ';
      out->hex_col[i] = col;
      out->ascii_col[i] = ascii + i;
      if (i < out->nbytes)
        {
          unsigned char b = cur[off + i];
          char own[2];
          out->bytes[i] = b;
          t[col++] = hexdigits[b >> 4];
          t[col++] = hexdigits[b & 15];
          t[ascii + i] = byte_cell (b, 0, own)[0];
          if (prev && prev[off + i] != b)
            {
              out->changed[i] = 1;
              out->nchanged++;
            }
        }
      else
        {
          t[col++] = ' ';
          t[col++] = ' ';
        }
    }
  t[col++] = ' ';
  t[col++] = ' ';
  col = ascii + out->nbytes;
  t[col] = '\0';
  return 0;
}
