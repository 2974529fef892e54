/* byteclass.h - the classes of bytes the hex view tells apart (NUL,
   printable ASCII, whitespace, other ASCII, non-ASCII), the glyph each
   shows as in the ASCII column, and the words of its legend.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_BYTECLASS_H
#define SHMTUTOR_BYTECLASS_H

enum byte_class {
  BYTE_NUL,         /* 00 */
  BYTE_PRINT,       /* 21-7e: shown as themselves */
  BYTE_SPACE,       /* 09-0d and 20: ASCII whitespace */
  BYTE_OTHER,       /* 01-08, 0e-1f, 7f: the other ASCII control bytes */
  BYTE_HIGH,        /* 80-ff: not ASCII */
};
#define BYTE_CLASSES 5

/* The class of B. */
enum byte_class byte_class(unsigned char b);

/* What stands for a byte of class C in the ASCII column of a UTF-8
   terminal: one glyph a class, one column wide, in UTF-8.  NULL for
   BYTE_PRINT, whose bytes show as themselves. */
const char *byte_class_glyph(enum byte_class c);

/* B in the ASCII column, as a string: in UTF-8 (UTF8 non-zero) a
   printable byte as itself, any other as its class's glyph; without
   UTF-8, as hexdump -C shows it: 20-7e as themselves, the rest '.'.
   The string is a constant, or for a byte shown as itself OWN. */
const char *byte_cell(unsigned char b, int utf8, char own[2]);

/* The bytes of class C, in hex, as the legend gives them ("09-0d 20"). */
const char *byte_class_bytes(enum byte_class c);

/* The name of class C ("whitespace"). */
const char *byte_class_name(enum byte_class c);

#endif
