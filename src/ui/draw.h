/* draw.h - small drawing helpers over curses, shared by the screens.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_DRAW_H
#define SHMTUTOR_DRAW_H

#include <stddef.h>

#include "byteclass.h"
#include "pageview.h"

/* Put S at (Y, X) in at most W columns, with attribute ATTR; multibyte
   text is measured in columns.  Returns the columns used. */
int draw_text(int y, int x, int w, const char *s, int attr);

/* The mark a cut ends in: "…" in a UTF-8 locale (one column), else ">". */
const char *draw_cut_mark(void);

/* A horizontal rule over W columns at (Y, X) with TITLE near its left. */
void draw_rule(int y, int x, int w, const char *title);

/* A frame of H rows and W columns at (Y, X) with TITLE in its top edge. */
void draw_box(int y, int x, int h, int w, const char *title);

/* Fill a row from X for W columns with spaces in ATTR. */
void draw_fill(int y, int x, int w, int attr);

/* Break S into lines of at most W columns; '\n' in S starts a new line.
   Calls LINE(ARG, start, bytes) for each.  Returns the number of lines. */
int draw_wrap(const char *s, int w, void (*line)(void *arg, const char *p, size_t n),
              void *arg);

/* The lines S takes wrapped to W columns. */
int draw_lines(const char *s, int w);

/* Draw S wrapped to W columns from (Y, X), at most ROWS lines, in ATTR;
   when it takes more, the last row drawn ends in the cut mark.  Returns
   the lines drawn. */
int draw_para(int y, int x, int w, int rows, const char *s, int attr);

/* The number of terminal columns the first N bytes of S take. */
int draw_width(const char *s, size_t n);

/* ROWS rows of the page view V from row TOP at (Y, X): each byte in its
   class's colour (with colour) and, in a UTF-8 locale, its class's glyph
   in the ASCII column; the bytes that changed in the last step stand
   out, bold and reversed; a page not read (not present) is one row that
   says so. */
void draw_hex(int y, int x, int rows, const struct page_view *v, size_t top);
/* The same WIDTH columns wide with PER bytes a row (1 to 16), for a pane
   of its own. */
void draw_hex_n(int y, int x, int width, int rows, const struct page_view *v, size_t top,
                int per);

/* The attribute of byte class C: its colour pair with colour, else none
   (the glyphs tell the classes apart). */
int draw_class_attr(enum byte_class c);

/* Tell the user the terminal is too small (ROWS x COLS now). */
void draw_too_small(int rows, int cols);

/* Is the terminal at least 80x24?  When not, the notice is drawn. */
int draw_big_enough(void);

#endif
