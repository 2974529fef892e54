/* byteclass.c - the classes of bytes the hex view tells apart, their
   glyphs and their legend, as tables.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>

#include "byteclass.h"

/* The classes by ranges of bytes, in order, covering 00-ff. */
static const struct {
  unsigned char last;           /* the range ends here (it starts after the one before) */
  enum byte_class c;
} ranges[] = {
  { 0x00, BYTE_NUL }, { 0x08, BYTE_OTHER }, { 0x0d, BYTE_SPACE }, { 0x1f, BYTE_OTHER },
  { 0x20, BYTE_SPACE }, { 0x7e, BYTE_PRINT }, { 0x7f, BYTE_OTHER }, { 0xff, BYTE_HIGH },
};

/* Each class: its glyph (UTF-8; one column, in the fonts terminals
   ship), its bytes as the legend says them, and its name. */
static const struct {
  const char *glyph, *bytes, *name;
} classes[BYTE_CLASSES] = {
  [BYTE_NUL] = { "\xc2\xb0", "00", "NUL" },                      /* U+00B0 degree sign */
  [BYTE_PRINT] = { NULL, "21-7e", "printable" },
  [BYTE_SPACE] = { "\xc2\xb7", "09-0d 20", "whitespace" },       /* U+00B7 middle dot */
  [BYTE_OTHER] = { "\xe2\x80\xa2", "01-08 0e-1f 7f", "other ASCII" },   /* U+2022 bullet */
  [BYTE_HIGH] = { "\xc3\x97", "80-ff", "non-ASCII" },            /* U+00D7 multiplication sign */
};

enum byte_class
byte_class (unsigned char b)
{
  size_t i = 0;
  while (b > ranges[i].last)
    i++;
  return ranges[i].c;
}

const char *
byte_class_glyph (enum byte_class c)
{
  return (unsigned) c < BYTE_CLASSES ? classes[c].glyph : NULL;
}

const char *
byte_cell (unsigned char b, int utf8, char own[2])
{
  const char *g = utf8 ? byte_class_glyph (byte_class (b)) : (b >= 0x20 && b < 0x7f ? NULL : ".");
  if (g)
    return g;
  own[0] = (char) b;
  own[1] = '\0';
  return own;
}

const char *
byte_class_bytes (enum byte_class c)
{
  return (unsigned) c < BYTE_CLASSES ? classes[c].bytes : "";
}

const char *
byte_class_name (enum byte_class c)
{
  return (unsigned) c < BYTE_CLASSES ? classes[c].name : "";
}
