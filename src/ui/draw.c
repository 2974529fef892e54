/* draw.c - small drawing helpers over curses, shared by the screens.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "byteclass.h"
#include "draw.h"
#include "hexdump.h"
#include "tty.h"
#include "visible.h"
#include "xalloc.h"

/* Bytes of S (at most N) that fit in W columns; *COLS gets their width. */
static size_t
fit (const char *s, size_t n, int w, int *cols)
{
  mbstate_t st;
  size_t i = 0;
  int c = 0;

  memset (&st, 0, sizeof st);
  while (i < n)
    {
      wchar_t wc;
      size_t k = mbrtowc (&wc, s + i, n - i, &st);
      int cw;
      if (k == (size_t) -1 || k == (size_t) -2)
        {
          /* A broken sequence shows as one cell per byte. */
          memset (&st, 0, sizeof st);
          k = 1;
          cw = 1;
        }
      else
        {
          if (k == 0)
            break;
          cw = wcwidth (wc);
          if (cw < 0)
            cw = 1;
        }
      if (c + cw > w)
        break;
      c += cw;
      i += k;
    }
  *cols = c;
  return i;
}

/* The N bytes of S as they are shown (visible.h, with FLAGS): S itself
   when nothing in it would change, else a copy left in *COPY (to be freed;
   NULL when S is given back); *LEN gets the length. */
static const char *
shown (const char *s, size_t n, int flags, size_t *len, char **copy)
{
  *copy = NULL;
  *len = n;
  if (text_is_visible (s, n, flags))
    return s;
  size_t need = text_visible (s, n, NULL, 0, flags);
  *copy = xmalloc (need + 1);
  text_visible (s, n, *copy, need + 1, flags);
  *len = need;
  return *copy;
}

int
draw_width (const char *s, size_t n)
{
  int c;
  char *copy;
  s = shown (s, n, 0, &n, &copy);
  fit (s, n, 1 << 30, &c);
  free (copy);
  return c;
}

/* The first LEN bytes of S at (Y, X) in at most W columns; when they do not
   fit, or MORE says that something follows them, the last column is a
   mark. */
static int
text_part (int y, int x, int w, const char *s, size_t len, int more, int attr)
{
  int cols;
  char *copy;
  if (w <= 0)
    return 0;
  /* No byte of the text acts on the terminal: a control character shows
     as an escape (visible.h). */
  s = shown (s, len, 0, &len, &copy);
  size_t n = fit (s, len, w, &cols);
  int cut = (n < len && s[n]) || more;
  if (cut)
    {
      /* Cut: one column fewer, and a mark that says so. */
      n = fit (s, len, w - 1, &cols);
    }
  attron (attr);
  mvaddnstr (y, x, s, (int) n);
  if (cut)
    {
      addstr (draw_cut_mark ());
      cols++;
    }
  attroff (attr);
  free (copy);
  return cols;
}

int
draw_text (int y, int x, int w, const char *s, int attr)
{
  return text_part (y, x, w, s, strlen (s), 0, attr);
}

const char *
draw_cut_mark (void)
{
  return MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : ">";
}

void
draw_rule (int y, int x, int w, const char *title)
{
  mvhline (y, x, ACS_HLINE, w);
  if (title && *title && w > 6)
    {
      mvaddch (y, x + 1, ' ');
      int n = draw_text (y, x + 2, w - 4, title, A_BOLD);
      mvaddch (y, x + 2 + n, ' ');
    }
}

void
draw_fill (int y, int x, int w, int attr)
{
  attron (attr);
  mvhline (y, x, ' ', w);
  attroff (attr);
}

void
draw_box (int y, int x, int h, int w, const char *title)
{
  mvaddch (y, x, ACS_ULCORNER);
  mvhline (y, x + 1, ACS_HLINE, w - 2);
  mvaddch (y, x + w - 1, ACS_URCORNER);
  mvvline (y + 1, x, ACS_VLINE, h - 2);
  mvvline (y + 1, x + w - 1, ACS_VLINE, h - 2);
  mvaddch (y + h - 1, x, ACS_LLCORNER);
  mvhline (y + h - 1, x + 1, ACS_HLINE, w - 2);
  mvaddch (y + h - 1, x + w - 1, ACS_LRCORNER);
  if (title && *title)
    {
      mvaddch (y, x + 1, ' ');
      int n = draw_text (y, x + 2, w - 5, title, A_BOLD);
      mvaddch (y, x + 2 + n, ' ');
    }
}

int
draw_wrap (const char *s, int w, void (*line)(void *arg, const char *p, size_t n),
           void *arg)
{
  int count = 0;
  char *copy;
  size_t len;
  /* Wrapped as it is shown, so that an escape takes its room. */
  s = shown (s, strlen (s), VISIBLE_KEEP_NL, &len, &copy);
  (void) len;
  while (*s)
    {
      const char *nl = strchr (s, '\n');
      size_t para = nl ? (size_t) (nl - s) : strlen (s);
      int cols;
      size_t n = fit (s, para, w, &cols);
      if (n < para)
        {
          /* Break at the last space that fits, when there is one. */
          size_t b = n;
          while (b > 0 && s[b] != ' ')
            b--;
          if (b > 0)
            n = b;
        }
      if (n == 0 && para > 0)
        n = 1;
      line (arg, s, n);
      count++;
      s += n;
      while (*s == ' ')
        s++;
      if (*s == '\n')
        s++;
    }
  free (copy);
  return count;
}

void
draw_too_small (int rows, int cols)
{
  char msg[200];
  erase ();
  snprintf (msg, sizeof msg, "shmtutor needs a terminal of at least %dx%d;\nthis one is "
            "%dx%d.\nMake it larger to go on, or press q to quit.\nshmtutor --plain "
            "needs no screen at all: plain lines, any size.", TTY_MIN_COLS, TTY_MIN_ROWS,
            cols, rows);
  /* Wrapped, so that even a very narrow terminal shows all of it. */
  draw_para (0, 0, cols, rows, msg, A_BOLD);
  refresh ();
}

int
draw_big_enough (void)
{
  if (LINES >= TTY_MIN_ROWS && COLS >= TTY_MIN_COLS)
    return 1;
  draw_too_small (LINES, COLS);
  return 0;
}

static void
count_line (void *arg, const char *p, size_t n)
{
  (void) arg, (void) p, (void) n;
}

int
draw_lines (const char *s, int w)
{
  return w > 0 ? draw_wrap (s, w, count_line, NULL) : 0;
}

struct para {
  int y, x, w, left, attr;
  int total;                    /* the lines the text takes */
};

static void
para_line (void *arg, const char *p, size_t n)
{
  struct para *c = arg;
  if (c->left <= 0)
    return;
  /* The last row of a text that goes on below it ends in the mark. */
  int more = c->left == 1 && c->total > 1;
  text_part (c->y++, c->x, c->w, p, n, more, c->attr);
  c->left--;
  c->total--;
}

int
draw_para (int y, int x, int w, int rows, const char *s, int attr)
{
  struct para c = { y, x, w, rows, attr, 0 };
  if (rows <= 0 || w <= 0)
    return 0;
  c.total = draw_lines (s, w);
  int n = c.total;
  draw_wrap (s, w, para_line, &c);
  return n < rows ? n : rows;
}

/* The colour pair of each byte class. */
static const enum tty_pair class_pair[BYTE_CLASSES] = {
  [BYTE_NUL] = PAIR_NUL, [BYTE_PRINT] = PAIR_PRINT, [BYTE_SPACE] = PAIR_SPACE,
  [BYTE_OTHER] = PAIR_OTHER, [BYTE_HIGH] = PAIR_HIGH,
};

int
draw_class_attr (enum byte_class c)
{
  return tty_attr (class_pair[c]);
}

/* ROW as the screen shows it, in BUF (LEN bytes) when it differs from its
   text: in UTF-8 the ASCII column has each class's glyph (byte_cell);
   otherwise it is hexdump -C's, as the text has it. */
static const char *
hex_line (const struct hex_row *row, char *buf, size_t len)
{
  if (!row->nbytes || !tty_utf8 ())
    return row->text;
  size_t used = (size_t) row->ascii_col[0];
  memcpy (buf, row->text, used);
  for (int i = 0; i < row->nbytes; i++)
    {
      char own[2];
      const char *cell = byte_cell (row->bytes[i], 1, own);
      size_t n = strlen (cell);
      if (used + n >= len)
        break;
      memcpy (buf + used, cell, n);
      used += n;
    }
  buf[used] = '\0';
  return buf;
}

/* Each run of bytes of one class in its colour, one attribute for the
   run: its hex digits with the blanks between them and the blank before
   the run (so that the blank after a changed byte needs no switch of its
   own), the last run's up to the ASCII column (so that a row all of one
   class, as a page of zeros, is one run); then its ASCII cells. */
static void
colour_classes (int y, int x, const struct hex_row *row)
{
  for (int b = 0, e; b < row->nbytes; b = e + 1)
    {
      enum byte_class c = byte_class (row->bytes[b]);
      for (e = b; e + 1 < row->nbytes && byte_class (row->bytes[e + 1]) == c; e++)
        ;
      int attr = draw_class_attr (c);
      int from = b ? row->hex_col[b] - 1 : row->hex_col[0];
      int end = e + 1 < row->nbytes ? row->hex_col[e] + 2 : row->ascii_col[0];
      mvchgat (y, x + from, end - from, attr, PAIR_NUMBER (attr), NULL);
      mvchgat (y, x + row->ascii_col[b], e - b + 1, attr, PAIR_NUMBER (attr), NULL);
    }
}

/* One highlight per run of changed bytes, the spaces inside a run
   included: switching the attribute off and on around every byte would
   cost more than the bytes themselves.  It replaces the class's colour,
   and it is bold and reversed: "changed" is never said by colour alone. */
static void
mark_changed (int y, int x, const struct hex_row *row)
{
  int changed = tty_attr (PAIR_CHANGED);
  for (int b = 0; b < row->nbytes && row->nchanged; b++)
    if (row->changed[b])
      {
        int e = b;
        while (e + 1 < row->nbytes && row->changed[e + 1])
          e++;
        mvchgat (y, x + row->hex_col[b], row->hex_col[e] + 2 - row->hex_col[b], changed,
                 PAIR_NUMBER (changed), NULL);
        mvchgat (y, x + row->ascii_col[b], e - b + 1, changed, PAIR_NUMBER (changed), NULL);
        b = e;
      }
}

void
draw_hex (int y, int x, int rows, const struct page_view *v, size_t top)
{
  draw_hex_n (y, x, COLS - x - 2, rows, v, top, HEX_PER_ROW);
}

void
draw_hex_n (int y, int x, int width, int rows, const struct page_view *v, size_t top, int per)
{
  for (int i = 0; i < rows; i++)
    {
      struct hex_row row;
      char buf[sizeof row.text + 3 * HEX_PER_ROW];
      if (pview_row_n (v, top + (size_t) i, per, &row) != 0)
        break;
      /* A page not read is told in words, dim: it holds no bytes to show. */
      draw_text (y + i, x, width, hex_line (&row, buf, sizeof buf),
                 row.nbytes ? 0 : tty_attr (PAIR_DIM));
      if (tty_color ())
        colour_classes (y + i, x, &row);
      mark_changed (y + i, x, &row);
    }
}
