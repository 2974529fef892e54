/* test-hexdump.c - rows of hex text, their columns and change marks.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>

#include "hexdump.h"
#include "tap.h"

static const char hexdigits[] = "0123456789abcdef";

/* Does every byte of ROW sit where its columns say? */
static int
columns_agree (const struct hex_row *row, const unsigned char *cur)
{
  const char *t = row->text;
  size_t n = strlen (t);
  for (int i = 0; i < row->nbytes; i++)
    {
      unsigned char b = cur[row->offset + (size_t) i];
      char a = b >= 0x20 && b < 0x7f ? (char) b : '.';
      int h = row->hex_col[i], c = row->ascii_col[i];
      if (h < 1 || (size_t) h + 1 >= n || (size_t) c >= n)
        return 0;
      if (t[h - 1] != ' ' || t[h] != hexdigits[b >> 4] || t[h + 1] != hexdigits[b & 15]
          || t[c] != a)
        return 0;
      if (i > 0 && (h - row->hex_col[i - 1] != 3 || c - row->ascii_col[i - 1] != 1))
        return 0;
    }
  return 1;
}

static void
test_rows (void)
{
  /* 16 + 16 + 3 bytes: text, non-printables and a short last row. */
  static const unsigned char buf[] =
    "Hello from user "
    "space\0\x1f ~\x7f\x80\xff" "A\n\t\\"
    "xyz";
  size_t len = sizeof buf - 1;
  struct hex_row row;

  tap_int (len, 35, "the test buffer is 35 bytes");
  tap_int (hex_nrows (len), 3, "35 bytes make 3 rows");
  tap_int (hex_nrows (0), 0, "0 bytes make no row");
  tap_int (hex_nrows (16), 1, "16 bytes make 1 row");
  tap_int (hex_nrows (17), 2, "17 bytes make 2 rows");

  tap_int (hex_format_row (buf, NULL, len, 0, &row), 0, "row 0: formatted");
  tap_str (row.text,
           "0000  48 65 6c 6c 6f 20 66 72 6f 6d 20 75 73 65 72 20  Hello from user ",
           "row 0: text");
  tap_ok (row.offset == 0 && row.nbytes == 16, "row 0: offset 0, 16 bytes");
  tap_ok (columns_agree (&row, buf), "row 0: each byte sits at its hex and ASCII columns");
  tap_ok (row.hex_col[0] == 6 && row.ascii_col[0] == 55,
          "row 0: the first byte's digits at column 6, its cell at 55");

  tap_int (hex_format_row (buf, NULL, len, 1, &row), 0, "row 1: formatted");
  tap_str (row.text,
           "0010  73 70 61 63 65 00 1f 20 7e 7f 80 ff 41 0a 09 5c  space.. ~...A..\\",
           "row 1: text, '.' for the non-printables");
  tap_ok (row.offset == 16 && row.nbytes == 16, "row 1: offset 16, 16 bytes");
  tap_ok (columns_agree (&row, buf), "row 1: the columns agree with the text");

  tap_int (hex_format_row (buf, NULL, len, 2, &row), 0, "row 2: formatted");
  tap_str (row.text,
           "0020  78 79 7a"
           "                                       " /* 13 missing bytes, 3 each */
           "  xyz",
           "row 2: a short row keeps the ASCII column in place");
  tap_ok (row.offset == 32 && row.nbytes == 3, "row 2: offset 32, 3 bytes");
  tap_ok (columns_agree (&row, buf) && row.ascii_col[0] == 55,
          "row 2: the columns agree with the text");
  tap_int (strlen (row.text), 58, "row 2: nothing past the last ASCII cell");

  tap_int (hex_format_row (buf, NULL, len, 3, &row), -1, "row 3 of 3: out of range");
  tap_int (hex_format_row (buf, NULL, 32, 2, &row), -1, "row 2 of 32 bytes: out of range");
  tap_int (hex_format_row (buf, NULL, 0, 0, &row), -1, "row 0 of 0 bytes: out of range");
  tap_int (hex_format_row (buf, NULL, len, SIZE_MAX, &row), -1, "row SIZE_MAX: out of range");
  tap_int (hex_format_row (buf, NULL, len, SIZE_MAX / 16 + 1, &row), -1,
           "a row whose offset wraps to 0: out of range");
}

static void
test_width (void)
{
  tap_int (hex_offset_width (0), 4, "width: 0 bytes, 4 digits");
  tap_int (hex_offset_width (4096), 4, "width: 4096 bytes, 4 digits");
  tap_int (hex_offset_width (65536), 4, "width: 64 KiB (last offset ffff), 4 digits");
  tap_int (hex_offset_width (65537), 5, "width: 64 KiB + 1 (last offset 10000), 5 digits");
  tap_int (hex_offset_width (64 * 65536), 6, "width: 4 MiB (last offset 3fffff), 6 digits");
  tap_int (hex_offset_width (0x1000000), 6, "width: 16 MiB (last offset ffffff), 6 digits");
  tap_int (hex_offset_width (0x1000001), 7, "width: 16 MiB + 1, 7 digits");

  /* Past 64 KiB the offsets get a fifth digit and the columns move by one. */
  size_t len = 65536 + 20;
  unsigned char *big = malloc (len);
  struct hex_row row;
  if (!big)
    {
      tap_ok (0, "width: a buffer of %zu bytes", len);
      return;
    }
  for (size_t i = 0; i < len; i++)
    big[i] = (unsigned char) i;
  tap_int (hex_format_row (big, NULL, len, 0, &row), 0, "wide: row 0 formatted");
  tap_str (row.text,
           "00000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................",
           "wide: row 0 has a 5-digit offset");
  tap_ok (row.hex_col[0] == 7 && row.ascii_col[0] == 56 && columns_agree (&row, big),
          "wide: the columns moved by one and agree with the text");
  tap_int (hex_format_row (big, NULL, len, 0xff0, &row), 0, "wide: row 0xff0 formatted");
  tap_str (row.text,
           "0ff00  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................",
           "wide: row 0xff0");
  tap_int (hex_format_row (big, NULL, len, 0x1001, &row), 0, "wide: the last row formatted");
  tap_str (row.text,
           "10010  10 11 12 13"
           "                                    "
           "  ....",
           "wide: the last row, offset 10010, 4 bytes");
  tap_ok (row.nbytes == 4 && columns_agree (&row, big), "wide: the last row's columns agree");
  tap_int (hex_format_row (big, NULL, len, 0x1002, &row), -1, "wide: no row past the last");
  free (big);
}

static void
test_changes (void)
{
  unsigned char cur[40], prev[40];
  struct hex_row row;

  memset (cur, 0, sizeof cur);
  memset (prev, 0, sizeof prev);
  tap_ok (hex_first_changed_row (cur, prev, sizeof cur) == (size_t) -1,
          "changes: equal bytes, no changed row");
  tap_ok (hex_first_changed_row (cur, NULL, sizeof cur) == (size_t) -1,
          "changes: nothing before, no changed row");

  cur[3] = 'a';
  cur[17] = 'b';
  cur[18] = 'c';
  cur[39] = 'd';
  tap_int (hex_first_changed_row (cur, prev, sizeof cur), 0, "changes: the first is in row 0");
  tap_int (hex_first_changed_row (cur + 16, prev + 16, 24), 0,
           "changes: from byte 16 on, row 0 again");
  tap_int (hex_first_changed_row (cur + 19, prev + 19, 21), 1,
           "changes: from byte 19 on, the change at 39 is in row 1");
  tap_int (hex_first_changed_row (cur, prev, 3), (size_t) -1,
           "changes: none in the first 3 bytes");

  hex_format_row (cur, prev, sizeof cur, 0, &row);
  tap_int (row.nchanged, 1, "row 0: 1 byte changed");
  tap_ok (row.changed[3] == 1, "row 0: byte 3 marked");
  int others = 0;
  for (int i = 0; i < HEX_PER_ROW; i++)
    others += i != 3 && row.changed[i];
  tap_int (others, 0, "row 0: no other byte marked");

  hex_format_row (cur, prev, sizeof cur, 1, &row);
  tap_int (row.nchanged, 2, "row 1: 2 bytes changed");
  tap_ok (row.changed[1] && row.changed[2] && !row.changed[0] && !row.changed[3],
          "row 1: bytes 17 and 18 marked, their neighbours not");

  hex_format_row (cur, prev, sizeof cur, 2, &row);
  tap_ok (row.nbytes == 8 && row.nchanged == 1 && row.changed[7],
          "row 2 (short): its last byte marked");
  others = 0;
  for (int i = 8; i < HEX_PER_ROW; i++)
    others += row.changed[i];
  tap_int (others, 0, "row 2 (short): nothing past its end marked");

  hex_format_row (cur, NULL, sizeof cur, 0, &row);
  tap_ok (row.nchanged == 0 && !row.changed[3], "without PREV, nothing is marked");

  /* A NUL written over a zero is no change. */
  memcpy (prev, cur, sizeof cur);
  cur[5] = 0;
  tap_ok (hex_first_changed_row (cur, prev, sizeof cur) == (size_t) -1,
          "a zero over a zero is no change");
  cur[3] = 'A';
  hex_format_row (cur, prev, sizeof cur, 0, &row);
  tap_ok (row.nchanged == 1 && row.changed[3] && strstr (row.text, "  ...A") != NULL,
          "a changed byte is marked and shown: %s", row.text);
}

int
main (void)
{
  test_rows ();
  test_width ();
  test_changes ();
  return tap_done ();
}
