/* exercise-text.c - the exercise screen's text: kept, wrapped, drawn.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "exercise-text.h"
#include "tty.h"
#include "xalloc.h"

static void
keep_line (void *ctx, enum report_kind kind, int indent, const char *text)
{
  struct ex_text *t = ctx;
  t->lines = xreallocarray (t->lines, t->n + 1, sizeof *t->lines);
  t->lines[t->n++] = (struct ex_line) { kind, indent, xstrdup (text) };
}

static void
keep_page (void *ctx, int proc, const unsigned char *bytes, size_t n)
{
  struct ex_text *t = ctx;
  (void) proc;
  /* The last page read wins; of the same size as the one before, what
     changed since then stands out. */
  pview_load (t->pv, bytes, n, t->pv->ok);
  t->pages++;
}

struct report_sink
ex_text_sink (struct ex_text *t)
{
  return (struct report_sink) { keep_line, keep_page, t };
}

int
ex_text_pop (struct ex_text *t, struct ex_line *out)
{
  if (!t->n)
    return -1;
  *out = t->lines[--t->n];
  return 0;
}

void
ex_text_clear (struct ex_text *t)
{
  for (size_t i = 0; i < t->n; i++)
    free (t->lines[i].text);
  free (t->lines);
  t->lines = NULL;
  t->n = 0;
  t->pages = 0;
}

int
ex_text_attr (enum report_kind k)
{
  switch (k)
    {
    case REPORT_HEAD: return A_BOLD;
    case REPORT_PASS: return tty_strong (PAIR_PRINT);
    case REPORT_FAIL: return tty_strong (PAIR_ERROR);
    case REPORT_HEX: return tty_attr (PAIR_PRINT);
    default: return 0;
    }
}

struct walker {
  int draw;                     /* 0: count only */
  size_t row, top;              /* rows so far; the first one drawn */
  int y0, nrows, w;
  int indent, attr;             /* of the line being wrapped */
};

static void
one_row (void *arg, const char *p, size_t n)
{
  struct walker *w = arg;
  if (w->draw && w->row >= w->top && w->row < w->top + (size_t) w->nrows)
    {
      char *s = xasprintf ("%.*s", (int) n, p);
      draw_text (w->y0 + (int) (w->row - w->top), 2 + w->indent, w->w - w->indent, s, w->attr);
      free (s);
    }
  w->row++;
}

static void
walk_line (struct walker *w, enum report_kind k, int indent, const char *text)
{
  w->indent = indent;
  w->attr = ex_text_attr (k);
  if (!*text)
    w->row++;
  else if (k == REPORT_CODE || k == REPORT_HEX)
    one_row (w, text, strlen (text));     /* as it is: cut, not wrapped */
  else
    draw_wrap (text, w->w - indent > 10 ? w->w - indent : 10, one_row, w);
}

size_t
ex_text_layout (const struct exercise *x, size_t hints, const struct ex_text *t, int draw,
                size_t top, int y0, int nrows, int w, size_t *check_row, size_t *hint_row)
{
  struct walker k = { draw, 0, top, y0, nrows, w, 0, 0 };
  if (hint_row)
    *hint_row = 0;
  for (size_t i = 0; i < x->ntask; i++)
    walk_line (&k, REPORT_TEXT, 0, x->task[i]);
  walk_line (&k, REPORT_TEXT, 0, "");
  for (size_t i = 0; i < hints && i < x->nhints; i++)
    {
      if (hint_row)
        *hint_row = k.row;
      char *h = xasprintf ("Hint %zu of %zu: %s", i + 1, x->nhints, x->hints[i]);
      walk_line (&k, REPORT_HEAD, 0, h);
      free (h);
    }
  if (hints)
    walk_line (&k, REPORT_TEXT, 0, "");
  if (check_row)
    *check_row = k.row;
  for (size_t i = 0; i < t->n; i++)
    walk_line (&k, t->lines[i].kind, t->lines[i].indent, t->lines[i].text);
  return k.row;
}
