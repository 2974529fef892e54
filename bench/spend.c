/* spend.c - what a program's bytes do: the cells of the screen they
   change, and where they go: the text it draws, the cursor moves,
   attributes and colours, erasing and editing, and the rest (modes, the
   cursor shown or hidden, titles).  Each escape sequence counts whole for
   the kind its final byte says.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "bench.h"

const char *const spend_name[SP_N] = { "text", "moves", "attributes", "erase/edit", "other" };

enum { GROUND, ESC, CSI, CHARSET, STRING, STRING_ESC };

/* What a CSI sequence does, by its final byte; PRIVATE when its
   parameters start with ? > = or <. */
static enum spend_kind
csi_kind (unsigned char final, int private)
{
  if (private)
    return SP_OTHER;
  if (final == 'm')
    return SP_ATTR;
  if (strchr ("HfdGABCDEF`ae", final))
    return SP_MOVE;
  if (strchr ("KJXP@LMST", final))
    return SP_ERASE;
  return SP_OTHER;
}

void
spend_feed (struct spend *s, const char *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) p[i];
      switch (s->state)
        {
        case GROUND:
          if (c == 033)
            s->state = ESC, s->len = 1;
          else if (c == '\r' || c == '\b' || c == '\n' || c == '\t' || c == 013)
            s->n[SP_MOVE]++;
          else if (c == 016 || c == 017)        /* SO, SI: the line-drawing set */
            s->n[SP_ATTR]++;
          else if (c < ' ' || c == 0x7f)
            s->n[SP_OTHER]++;
          else
            s->n[SP_TEXT]++;                    /* UTF-8 bytes too */
          break;
        case ESC:
          s->len++;
          if (c == '[')
            s->state = CSI, s->priv = 0;
          else if (c == '(' || c == ')' || c == '*' || c == '+')
            s->state = CHARSET;
          else if (c == ']' || c == 'P' || c == '_' || c == '^')
            s->state = STRING;
          else
            {
              s->n[c && strchr ("78DEM", c) ? SP_MOVE : SP_OTHER] += s->len;
              s->state = GROUND;
            }
          break;
        case CSI:
          s->len++;
          if (s->len == 3 && c && strchr ("?>=<", c))
            s->priv = 1;
          if (c >= 0x40 && c <= 0x7e)
            {
              s->n[csi_kind (c, s->priv)] += s->len;
              s->state = GROUND;
            }
          break;
        case CHARSET:
          s->n[SP_ATTR] += ++s->len;
          s->state = GROUND;
          break;
        case STRING:                            /* up to BEL or ESC \ */
          s->len++;
          if (c == 7)
            s->n[SP_OTHER] += s->len, s->state = GROUND;
          else if (c == 033)
            s->state = STRING_ESC;
          break;
        case STRING_ESC:
          s->len++;
          if (c == '\\')
            s->n[SP_OTHER] += s->len, s->state = GROUND;
          else
            s->state = STRING;                  /* not the end after all */
          break;
        }
    }
}

/* ---- the cells a key changed --------------------------------------------- */

void
term_snap (struct term *t, struct snap *s)
{
  memset (s, 0, sizeof *s);
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++)
      {
        VTermPos pos = { .row = r, .col = c };
        vterm_screen_get_cell (t->vs, pos, &s->cell[r * COLS + c]);
      }
}

/* The screen of a terminal nothing was written to yet. */
void
snap_blank (struct snap *s)
{
  VTerm *vt = vterm_new (ROWS, COLS);
  VTermScreen *vs = vterm_obtain_screen (vt);
  vterm_screen_reset (vs, 1);
  memset (s, 0, sizeof *s);
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++)
      {
        VTermPos pos = { .row = r, .col = c };
        vterm_screen_get_cell (vs, pos, &s->cell[r * COLS + c]);
      }
  vterm_free (vt);
}

/* The same character, width, attributes and colours. */
static int
cell_same (const VTermScreenCell *a, const VTermScreenCell *b)
{
  for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL; i++)
    {
      if (a->chars[i] != b->chars[i])
        return 0;
      if (!a->chars[i])
        break;
    }
  const VTermScreenCellAttrs *x = &a->attrs, *y = &b->attrs;
  return a->width == b->width && x->bold == y->bold && x->underline == y->underline
    && x->italic == y->italic && x->blink == y->blink && x->reverse == y->reverse
    && x->strike == y->strike && x->font == y->font && x->dwl == y->dwl && x->dhl == y->dhl
    && vterm_color_is_equal (&a->fg, &b->fg) && vterm_color_is_equal (&a->bg, &b->bg);
}

int
snap_diff (const struct snap *a, const struct snap *b)
{
  int n = 0;
  for (int i = 0; i < ROWS * COLS; i++)
    n += !cell_same (&a->cell[i], &b->cell[i]);
  return n;
}
