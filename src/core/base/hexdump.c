/* hexdump.c - bytes to rows of text: offset, 16 bytes in hex, ASCII.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <string.h>

#include "byteclass.h"
#include "hexdump.h"

static const char hexdigits[] = "0123456789abcdef";

size_t
hex_nrows (size_t len)
{
  return (len + HEX_PER_ROW - 1) / HEX_PER_ROW;
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
  int ow = hex_offset_width (len);
  size_t off = row * HEX_PER_ROW;
  char *t = out->text;
  int col = 0;

  memset (out, 0, sizeof *out);
  if (off >= len || row >= hex_nrows (len))
    return -1;
  out->offset = off;
  out->nbytes = len - off < HEX_PER_ROW ? (int) (len - off) : HEX_PER_ROW;

  /* Offset, most significant digit first. */
  for (int i = ow - 1; i >= 0; i--)
    t[col++] = hexdigits[(off >> (4 * i)) & 15];
  t[col++] = ' ';
  int ascii = ow + 2 + 3 * HEX_PER_ROW - 1 + 2;
  for (int i = 0; i < HEX_PER_ROW; i++)
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
