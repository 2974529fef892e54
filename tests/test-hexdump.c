/* test-hexdump.c - rows of hex text, their columns and change marks.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hexdump.h"
#include "kview.h"
#include "pageview.h"
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
  cur[3] = 'a';
  cur[17] = 'b';
  cur[18] = 'c';
  cur[39] = 'd';

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
  hex_format_row (cur, prev, sizeof cur, 0, &row);
  tap_int (row.nchanged, 0, "a zero over a zero is no change");
  cur[3] = 'A';
  hex_format_row (cur, prev, sizeof cur, 0, &row);
  tap_ok (row.nchanged == 1 && row.changed[3] && strstr (row.text, "  ...A") != NULL,
          "a changed byte is marked and shown: %s", row.text);
}

/* The page view on a real mapping: only pages in the page table are read,
   every other page is one row that says what it is. */
static void
test_pview (void)
{
  size_t pg = (size_t) sysconf (_SC_PAGESIZE);
  size_t rows = pg / HEX_PER_ROW;
  struct kview k;
  struct page_view v;
  struct hex_row row;
  char want[96];
  /* Of /dev/zero, as the lessons do: plain MAP_ANONYMOUS memory may be
     merged with a neighbour, whose pages smaps would count too. */
  int fd = open ("/dev/zero", O_RDWR);
  unsigned char *m = fd < 0 ? MAP_FAILED
    : mmap (NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (fd >= 0)
    close (fd);
  if (!tap_ok (m != MAP_FAILED, "pview: three private pages of /dev/zero mapped"))
    return;
  m[3] = 'a';
  m[2 * pg + 5] = 'x';
  kview_take (&k, m, 3 * pg, pg);
  tap_ok (k.pages == 3 && k.resident == 2, "pview: mincore finds pages 0 and 2 of 3");
  tap_ok (k.mapped == -1 || k.mapped == 2, "pview: pagemap finds 2 in the page table (%ld)",
          k.mapped);
  tap_ok (k.sm.ok && !k.sm.wider && k.sm.rss == (long) (2 * pg / 1024)
          && k.sm.anonymous == k.sm.rss, "pview: smaps Rss %ld kB, Anonymous %ld kB: the two "
          "pages written", k.sm.rss, k.sm.anonymous);

  pview_init (&v, pg, "nothing yet");
  pview_update (&v, m, 3 * pg, &k, 0);
  tap_ok (v.ok && v.state[0] == PV_SHOWN && v.state[1] == PV_ABSENT && v.state[2] == PV_SHOWN,
          "pview: pages 0 and 2 shown, page 1 absent");
  kview_take (&k, m, 3 * pg, pg);
  tap_int (k.resident, 2, "pview: the view's reading brought page 1 in nowhere");
  tap_int (pview_nrows (&v), 2 * rows + 1, "pview: two pages of rows and one row for page 1");
  tap_int (pview_row (&v, rows, &row), 0, "pview: row %zu is page 1's", rows);
  snprintf (want, sizeof want, "%04zx-%04zx  not present: reads as zeros until touched", pg,
            2 * pg - 1);
  tap_str (row.text, want, "pview: page 1 is told, not drawn as zeros");
  tap_ok (row.nbytes == 0 && row.offset == pg, "pview: that row holds no bytes");
  tap_ok (pview_row (&v, rows + 1, &row) == 0 && row.offset == 2 * pg && row.nbytes == 16,
          "pview: the next row is page 2's first");
  tap_ok (pview_row (&v, 2 * rows + 1, &row) == -1, "pview: past the end, no row");
  tap_ok (pview_first_changed_row (&v) == (size_t) -1, "pview: nothing before, nothing changed");

  /* A store into page 1: shown now, its bytes marked against zeros. */
  m[pg + 0x21] = 'y';
  kview_take (&k, m, 3 * pg, pg);
  pview_update (&v, m, 3 * pg, &k, 1);
  tap_ok (v.state[1] == PV_SHOWN && pview_changed (&v, pg + 0x21) && !pview_changed (&v, 3),
          "pview: the byte stored into page 1 is marked, page 0's are not");
  tap_int (pview_first_changed_row (&v), rows + 2, "pview: its row is brought into sight");

  /* PROT_NONE on page 2: in the page table, not readable; no fault kept. */
  tap_int (mprotect (m + 2 * pg, pg, PROT_NONE), 0, "pview: page 2 made PROT_NONE");
  kview_take (&k, m, 3 * pg, pg);
  tap_int (k.sm.records, 2, "pview: smaps has the mapping in two records now");
  tap_ok (k.sm.rss == (long) (3 * pg / 1024), "pview: their Rss adds up to 3 pages (%ld kB)",
          k.sm.rss);
  pview_update (&v, m, 3 * pg, &k, 1);
  if (k.mapped >= 0)
    tap_ok (v.state[2] == PV_UNREADABLE, "pview: page 2 is told unreadable");
  else
    tap_ok (v.state[2] != PV_SHOWN, "pview: page 2 is not shown");
  tap_int (mprotect (m + 2 * pg, pg, PROT_READ), 0, "pview: page 2 readable again");
  kview_take (&k, m, 3 * pg, pg);
  pview_update (&v, m, 3 * pg, &k, 1);
  tap_ok (v.state[2] == PV_SHOWN && !pview_changed (&v, 2 * pg + 5),
          "pview: page 2 shown again, and not called changed: it was not read before");
  pview_clear (&v, "done");
  tap_ok (!v.ok && v.cur == NULL && strcmp (v.why, "done") == 0, "pview: cleared, saying why");
  munmap (m, 3 * pg);
}

int
main (void)
{
  test_rows ();
  test_width ();
  test_changes ();
  test_pview ();
  return tap_done ();
}
