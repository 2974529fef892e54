/* test-byteclass.c - the hex view's byte classes: the class of every byte
   as the issue gives them, one glyph a class in UTF-8 (one column, not
   ASCII, no two alike), hexdump -C's ASCII column without UTF-8, and a
   legend whose byte ranges are the classes' own.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <wchar.h>

#include "byteclass.h"
#include "hexdump.h"
#include "tap.h"

static const char *const names[BYTE_CLASSES] = {
  [BYTE_NUL] = "NUL", [BYTE_PRINT] = "printable", [BYTE_SPACE] = "whitespace",
  [BYTE_OTHER] = "other ASCII", [BYTE_HIGH] = "non-ASCII",
};

/* The classes as the issue words them, written out apart from the table. */
static enum byte_class
expected (unsigned b)
{
  if (b == 0)
    return BYTE_NUL;
  if (b == 0x20 || (b >= 0x09 && b <= 0x0d))
    return BYTE_SPACE;
  if (b >= 0x21 && b <= 0x7e)
    return BYTE_PRINT;
  if (b < 0x80)
    return BYTE_OTHER;
  return BYTE_HIGH;
}

static void
test_classes (void)
{
  int bad = -1, count[BYTE_CLASSES] = { 0 };
  for (unsigned b = 0; b < 256; b++)
    {
      enum byte_class c = byte_class ((unsigned char) b);
      if (c != expected (b) && bad < 0)
        bad = (int) b;
      if ((unsigned) c < BYTE_CLASSES)
        count[c]++;
    }
  if (!tap_ok (bad < 0, "every byte 00-ff is in the class the issue gives it"))
    tap_diag ("byte %02x is in class %d, not %d", (unsigned) bad, byte_class ((unsigned char) bad),
              expected ((unsigned) bad));
  tap_int (count[BYTE_NUL], 1, "NUL: the one byte 00");
  tap_int (count[BYTE_PRINT], 0x7e - 0x21 + 1, "printable: 21-7e, space not among them");
  tap_int (count[BYTE_SPACE], 6, "whitespace: 09-0d and 20");
  tap_int (count[BYTE_OTHER], 0x20 - 1 - 5 + 1, "other ASCII: 01-1f but the whitespace, and 7f");
  tap_int (count[BYTE_HIGH], 128, "non-ASCII: 80-ff");
  for (int c = 0; c < BYTE_CLASSES; c++)
    tap_str (byte_class_name ((enum byte_class) c), names[c], "class %d is called %s", c,
             names[c]);
}

/* The bytes a legend's text names ("01-08 0e-1f 7f"), marked in IN.
   Returns 0, or -1 for text that is not hex bytes and ranges. */
static int
parse_bytes (const char *s, unsigned char in[256])
{
  memset (in, 0, 256);
  while (*s)
    {
      char *end;
      unsigned long lo = strtoul (s, &end, 16), hi = lo;
      if (end == s || lo > 255)
        return -1;
      if (*end == '-')
        {
          s = end + 1;
          hi = strtoul (s, &end, 16);
          if (end == s || hi > 255 || hi < lo)
            return -1;
        }
      for (unsigned long b = lo; b <= hi; b++)
        in[b] = 1;
      s = end;
      while (*s == ' ')
        s++;
    }
  return 0;
}

static void
test_legend (void)
{
  for (int c = 0; c < BYTE_CLASSES; c++)
    {
      unsigned char in[256];
      const char *text = byte_class_bytes ((enum byte_class) c);
      int ok = parse_bytes (text, in) == 0, bad = -1;
      for (unsigned b = 0; ok && b < 256 && bad < 0; b++)
        if (in[b] != (byte_class ((unsigned char) b) == (enum byte_class) c))
          bad = (int) b;
      if (!tap_ok (ok && bad < 0, "the legend's bytes of %s, '%s', are that class, all of it",
                   names[c], text))
        tap_diag ("byte %02x", (unsigned) bad);
    }
}

/* The glyph G is one character, not ASCII, of one column (when the
   locale is UTF-8, so that its width can be asked). */
static int
one_column (const char *g)
{
  mbstate_t st;
  wchar_t wc;
  memset (&st, 0, sizeof st);
  if ((unsigned char) g[0] < 0x80)
    return 0;
  if (MB_CUR_MAX == 1)
    return 1;
  size_t n = mbrtowc (&wc, g, strlen (g), &st);
  return n == strlen (g) && wcwidth (wc) == 1;
}

static void
test_glyphs (void)
{
  const char *glyph[BYTE_CLASSES];
  for (int c = 0; c < BYTE_CLASSES; c++)
    {
      glyph[c] = byte_class_glyph ((enum byte_class) c);
      if (c == BYTE_PRINT)
        {
          tap_ok (!glyph[c], "printable bytes have no glyph: they show as themselves");
          continue;
        }
      tap_ok (glyph[c] && one_column (glyph[c]), "%s has a glyph of one column, not ASCII, "
              "in UTF-8", names[c]);
      for (int d = 0; d < c; d++)
        if (d != BYTE_PRINT && glyph[c] && glyph[d])
          tap_ok (strcmp (glyph[c], glyph[d]) != 0, "the glyphs of %s and %s differ", names[d],
                  names[c]);
    }

  int bad_utf8 = -1, bad_plain = -1;
  for (unsigned b = 0; b < 256; b++)
    {
      char own[2], want[2] = { (char) b, '\0' };
      enum byte_class c = byte_class ((unsigned char) b);
      const char *u = byte_cell ((unsigned char) b, 1, own);
      if (strcmp (u, c == BYTE_PRINT ? want : glyph[c] ? glyph[c] : "?") != 0 && bad_utf8 < 0)
        bad_utf8 = (int) b;
      const char *p = byte_cell ((unsigned char) b, 0, own);
      if (strcmp (p, b >= 0x20 && b < 0x7f ? want : ".") != 0 && bad_plain < 0)
        bad_plain = (int) b;
    }
  if (!tap_ok (bad_utf8 < 0, "in UTF-8 a printable byte shows as itself, any other as its "
               "class's glyph"))
    tap_diag ("byte %02x", (unsigned) bad_utf8);
  if (!tap_ok (bad_plain < 0, "without UTF-8 the cells are hexdump -C's: 20-7e as themselves, "
               "the rest '.'"))
    tap_diag ("byte %02x", (unsigned) bad_plain);
}

/* A row keeps the bytes themselves, and its text stays hexdump -C's. */
static void
test_row (void)
{
  unsigned char buf[HEX_PER_ROW];
  struct hex_row row;
  for (int i = 0; i < HEX_PER_ROW; i++)
    buf[i] = (unsigned char) (i * 17);
  tap_int (hex_format_row (buf, NULL, sizeof buf, 0, &row), 0, "a row of 00 11 .. ff");
  tap_ok (memcmp (row.bytes, buf, sizeof buf) == 0, "the row holds its bytes");
  tap_str (row.text + row.ascii_col[0], "..\"3DUfw........", "its ASCII column is hexdump -C's");
}

int
main (void)
{
  if (!setlocale (LC_ALL, "C.UTF-8") || MB_CUR_MAX == 1)
    tap_diag ("no UTF-8 locale: the glyphs' widths are not checked");
  test_classes ();
  test_legend ();
  test_glyphs ();
  test_row ();
  return tap_done ();
}
