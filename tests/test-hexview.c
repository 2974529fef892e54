/* test-hexview.c - the hex view's byte classes as a user sees them, the
   real program in a pseudo-terminal: each class in its colours and, in a
   UTF-8 locale, its glyph in the ASCII column; changed bytes bold and
   reversed over them; glyphs without colour, hexdump -C's '.' without
   UTF-8; and the legend in the walkthrough's ? and the console's help.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#define QUIET_MS 40
#include "vt-tap.h"

#ifdef HAVE_VTERM

#define ROWS 24
#define COLS 80

/* The palette indexes of the classes' colours (src/ui/theme.h): white,
   cyan, green, magenta, yellow, all on black. */
enum { FG_NUL = 7, FG_PRINT = 6, FG_SPACE = 2, FG_OTHER = 5, FG_HIGH = 3, BG = 0 };

#define NUL4 GLYPH_NUL GLYPH_NUL GLYPH_NUL GLYPH_NUL
#define NUL11 NUL4 NUL4 GLYPH_NUL GLYPH_NUL GLYPH_NUL

static const char *const colour_env[] = { data_env, "NO_COLOR", "LINES", "COLUMNS", NULL };
static const char *const mono_env[] = { data_env, "NO_COLOR=1", "LINES", "COLUMNS", NULL };
static const char *const c_env[] = { data_env, "NO_COLOR", "LINES", "COLUMNS", "LC_ALL=C",
                                     NULL };

static struct vt *
start (const char *what, const char *screen, const char *const env[])
{
  const char *const args[] = { screen, NULL };
  return start_program (what, args, ROWS, COLS, env, NULL);
}

/* The walkthrough at step 3, the lesson's text just written. */
static struct vt *
walk_to_step3 (const char *what, const char *const env[])
{
  struct vt *vt = start (what, "walkthrough", env);
  if (!vt)
    return NULL;
  shows (vt, what, "step 1/6");
  vt_send (vt, "\r");
  shows (vt, what, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, what, "write> ");
  vt_send (vt, "\r");
  shows (vt, what, "step 3/6");
  settle (vt);
  return vt;
}

/* One assertion: the cell at R, C has foreground FG on BG (-1: the
   terminal's default), and is reversed exactly when REV. */
static void
cell_is (struct vt *vt, const char *what, int r, int c, int fg, int bg, int rev,
         const char *desc)
{
  int f = -9, b = -9, bold = 0, v = 0;
  vt_cell_colors (vt, r, c, &f, &b);
  vt_cell_attrs (vt, r, c, &bold, &v);
  if (!tap_ok (f == fg && b == bg && !v == !rev, "%s: %s: colour %d on %d%s", what, desc, fg, bg,
               rev ? ", reversed" : ""))
    {
      tap_diag ("row %d, column %d: colour %d on %d, bold %d, reverse %d", r, c, f, b, bold, v);
      vt_dump (vt);
    }
}

/* One assertion: no cell of row R has a colour. */
static void
row_uncoloured (struct vt *vt, const char *what, int r)
{
  int bad = -1;
  for (int c = 0; c < COLS && bad < 0; c++)
    {
      int fg = -1, bg = -1;
      vt_cell_colors (vt, r, c, &fg, &bg);
      if (fg != -1 || bg != -1)
        bad = c;
    }
  if (!tap_ok (bad < 0, "%s: row %d is in the terminal's default colours", what, r))
    vt_dump (vt);
}

/* The legend: every class with its glyph (DOT for all but the printable
   without UTF-8, NULL in UTF-8) and bytes; with COLOUR each glyph in its
   class's colour and each name in the terminal's own. */
static void
legend_shows (struct vt *vt, const char *what, const char *dot, int colour)
{
  static const struct {
    const char *glyph, *rest;
    int fg;
  } items[] = {
    { GLYPH_NUL, " 00 NUL", FG_NUL }, { "A", " 21-7e printable", FG_PRINT },
    { GLYPH_SPACE, " 09-0d 20 whitespace", FG_SPACE },
    { GLYPH_OTHER, " 01-08 0e-1f 7f other ASCII", FG_OTHER },
    { GLYPH_HIGH, " 80-ff non-ASCII", FG_HIGH },
  };
  shows_now (vt, what, "hex view bytes");
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
    {
      char want[80];
      int r, c;
      snprintf (want, sizeof want, "%s%s", dot && i != 1 ? dot : items[i].glyph, items[i].rest);
      if (!shows_now (vt, what, want) || !vt_find (vt, want, &r, &c))
        continue;
      if (colour)
        {
          cell_is (vt, what, r, c, items[i].fg, BG, 0, "the legend's glyph");
          cell_is (vt, what, r, c + (int) strlen (items[i].rest), -1, -1, 0,
                   "the end of the class's name");
        }
    }
}

/* Step 3 in colour: "space", then the NUL and zeros that stayed; step 4
   changes nothing, and the text is in its classes' colours. */
static void
walk_colours (void)
{
  const char *w = "walk in colour";
  int r, c;
  struct vt *vt = walk_to_step3 (w, colour_env);
  if (!vt)
    return;
  shows_now (vt, w, "0010  73 70 61 63 65 00 00 00 00 00 00 00 00 00 00 00  space" NUL11);
  if (vt_find (vt, "0010  73 70", &r, &c))
    {
      cell_is (vt, w, r, byte_col (c, 0), 3, 0, 1, "the changed 73: PAIR_CHANGED, reversed");
      tap_ok (marked (vt, r, byte_col (c, 0)) && marked (vt, r, char_col (c, 0)),
              "%s: the changed s, hex and ASCII, is bold or reversed", w);
      cell_is (vt, w, r, byte_col (c, 5), FG_NUL, BG, 0, "the NUL at 0x15");
      cell_is (vt, w, r, byte_col (c, 15) + 1, FG_NUL, BG, 0, "the last digit of 00 at 0x1f");
      cell_is (vt, w, r, char_col (c, 5), FG_NUL, BG, 0, "the NUL at 0x15 in the ASCII column");
      tap_ok (!marked (vt, r, byte_col (c, 5)) && !marked (vt, r, char_col (c, 5)),
              "%s: the unchanged NUL is neither bold nor reversed", w);
      cell_is (vt, w, r, c, -1, -1, 0, "the offset 0010");
    }
  vt_send (vt, "\r");
  shows (vt, w, "step 4/6");
  settle (vt);
  shows_now (vt, w, "Hello" GLYPH_SPACE "from" GLYPH_SPACE "user" GLYPH_SPACE);
  if (vt_find (vt, "0000  48 65", &r, &c))
    {
      cell_is (vt, w, r, byte_col (c, 0), FG_PRINT, BG, 0, "the printable 48, unchanged now");
      cell_is (vt, w, r, char_col (c, 0), FG_PRINT, BG, 0, "H in the ASCII column");
      cell_is (vt, w, r, byte_col (c, 5), FG_SPACE, BG, 0, "the space at 0x05");
      cell_is (vt, w, r, char_col (c, 5), FG_SPACE, BG, 0, "the space in the ASCII column");
    }

  w = "walk: ? in colour";
  vt_send (vt, "?");
  if (shows (vt, w, "Press any key to close this help."))
    {
      legend_shows (vt, w, NULL, 1);
      shows_now (vt, w, "back to the menu, or quit");
    }
  vt_send (vt, "x");
  lacks (vt, w, "hex view bytes");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* NO_COLOR: no class has a colour, the glyphs still tell them apart and
   the changed bytes are bold and reversed. */
static void
walk_mono (void)
{
  const char *w = "walk, NO_COLOR";
  int r, c;
  struct vt *vt = walk_to_step3 (w, mono_env);
  if (!vt)
    return;
  shows_now (vt, w, "Hello" GLYPH_SPACE "from" GLYPH_SPACE "user" GLYPH_SPACE);
  shows_now (vt, w, "space" NUL11);
  if (vt_find (vt, "0010  73 70", &r, &c))
    {
      row_uncoloured (vt, w, r);
      int bold = 0, rev = 0;
      vt_cell_attrs (vt, r, char_col (c, 0), &bold, &rev);
      tap_ok (bold && rev, "%s: the changed s is bold and reversed", w);
      tap_ok (!marked (vt, r, char_col (c, 5)), "%s: the unchanged NUL is plain", w);
    }
  vt_send (vt, "?");
  if (shows (vt, w, "Press any key to close this help."))
    legend_shows (vt, w, NULL, 0);
  vt_send (vt, "x");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* Without UTF-8 the ASCII column is hexdump -C's, and so is the legend. */
static void
walk_c_locale (void)
{
  const char *w = "walk, LC_ALL=C";
  struct vt *vt = walk_to_step3 (w, c_env);
  if (!vt)
    return;
  shows_now (vt, w, "20  Hello from user ");
  shows_now (vt, w, "00  space...........");
  vt_send (vt, "?");
  if (shows (vt, w, "Press any key to close this help."))
    legend_shows (vt, w, ".", 1);
  vt_send (vt, "x");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* Type LINE and Enter, and wait for its result to start with RESULT. */
static void
run (struct vt *vt, const char *what, const char *line, const char *result)
{
  char want[160];
  snprintf (want, sizeof want, "> %s  %s", line, result);
  vt_send (vt, line);
  vt_send (vt, "\r");
  shows (vt, what, want);
}

/* The console: one run of each class in a row, then its help. */
static void
console_classes (void)
{
  const char *w = "console";
  int r, c;
  struct vt *vt = start (w, "console", colour_env);
  if (!vt)
    return;
  shows (vt, w, "console> ");
  run (vt, w, "fd = open(\"/dev/zero\", O_RDWR)", "= ");
  run (vt, w, "p = mmap(0, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)", "= 0x");
  run (vt, w, "memset(p, 1, 4)", "= 0x");
  run (vt, w, "memset(p + 4, 255, 4)", "= 0x");
  run (vt, w, "memset(p + 8, 9, 4)", "= 0x");
  run (vt, w, "memset(p + 12, 65, 4)", "= 0x");
  run (vt, w, "msync(p, 4096, MS_SYNC)", "= 0");
  settle (vt);
  shows_now (vt, w, "0000  01 01 01 01 ff ff ff ff 09 09 09 09 41 41 41 41  "
             GLYPH_OTHER GLYPH_OTHER GLYPH_OTHER GLYPH_OTHER GLYPH_HIGH GLYPH_HIGH GLYPH_HIGH
             GLYPH_HIGH GLYPH_SPACE GLYPH_SPACE GLYPH_SPACE GLYPH_SPACE "AAAA");
  if (vt_find (vt, "0000  01 01", &r, &c))
    {
      static const struct {
        int byte, fg;
        const char *what;
      } at[] = {
        { 0, FG_OTHER, "01, other ASCII" }, { 4, FG_HIGH, "ff, non-ASCII" },
        { 8, FG_SPACE, "09, whitespace" }, { 12, FG_PRINT, "41, printable" },
      };
      for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        {
          char desc[80];
          snprintf (desc, sizeof desc, "the byte %s", at[i].what);
          cell_is (vt, w, r, byte_col (c, at[i].byte), at[i].fg, BG, 0, desc);
          snprintf (desc, sizeof desc, "the byte %s, in the ASCII column", at[i].what);
          cell_is (vt, w, r, char_col (c, at[i].byte), at[i].fg, BG, 0, desc);
        }
      cell_is (vt, w, r + 1, byte_col (c, 0), FG_NUL, BG, 0, "the NUL at 0x10");
    }

  /* Its prompt is always open (? is typed there): F1 shows its keys and
     the legend. */
  w = "console F1";
  vt_send (vt, "\033OP");
  if (shows (vt, w, "keys of the call console"))
    {
      legend_shows (vt, w, NULL, 1);
      shows_now (vt, w, "help (typed)");
      shows_now (vt, w, "Press any key to close this help.");
    }
  vt_send (vt, "z");
  lacks (vt, w, "hex view bytes");
  vt_send (vt, "\004");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  walk_colours ();
  walk_mono ();
  walk_c_locale ();
  console_classes ();
  return tap_done ();
}

#endif
