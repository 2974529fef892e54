/* walk-draw.c - the walkthrough screen laid out and drawn: the program, the
   call and its result, the state, the maps line, the page and the
   explanation; from WALK_WIDE columns the program stands beside the rest.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "hexdump.h"
#include "input.h"
#include "tty.h"
#include "walk.h"

static int
clamp (int v, int lo, int hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* ---- drawing ------------------------------------------------------------ */

static void
draw_title (struct walk *w)
{
  char right[64];
  int a = tty_attr (PAIR_TITLE);
  draw_fill (0, 0, COLS, a);
  char pred[32] = "";
  if (w->predict)
    snprintf (pred, sizeof pred, "predicted %u/%u  ", w->pred_right, w->pred_seen);
  snprintf (right, sizeof right, "%sstep %zu/%zu  ? help  q %s ", pred, w->run.done,
            w->L->nsteps, screen_up_word (w->app));
  int rw = (int) strlen (right);
  int x = draw_text (0, 0, COLS - rw - 1, " shmtutor \xc2\xb7 ", tty_strong (PAIR_TITLE));
  draw_text (0, x, COLS - rw - x - 1, w->L->title, a);
  draw_text (0, COLS - rw, rw, right, a);
}

/* Program line LN (1-based) at row Y from column X in W columns. */
static void
code_line (struct walk *w, int y, int x, int width, int ln)
{
  const struct lesson_step *st = walk_step (w);
  int cur = st->line && ln >= st->line && ln <= st->line_end;
  int a = cur ? tty_attr (PAIR_CURRENT) : 0;
  if (cur)
    draw_fill (y, x, width, a);
  draw_text (y, x, 2, cur ? ">" : " ", cur ? tty_strong (PAIR_CURRENT) : 0);
  if (cur && !w->cursor_y)
    w->cursor_y = y;
  draw_text (y, x + 2, width - 2, w->L->program[ln - 1], a);
}

static void
draw_code (struct walk *w)
{
  const struct walk_places *l = &w->lay;
  const struct lesson_step *st = walk_step (w);
  int n = (int) w->L->nprogram, h = l->code_h;
  int mid = st->line ? (st->line + st->line_end) / 2 - 1 : 0;
  int top = clamp (mid - h / 2, 0, n - h > 0 ? n - h : 0);
  char title[96];

  for (int i = 0; i < h && top + i < n; i++)
    code_line (w, l->code_y + i, 1, l->code_w - 1, top + i + 1);
  snprintf (title, sizeof title, "step %zu: %s%s", w->run.done, st->name,
            h < n ? "  (w: the whole program)" : "");
  draw_rule (l->rule_y, 0, l->code_w, title);
}

static void
draw_call (struct walk *w)
{
  const struct walk_places *l = &w->lay;
  const struct call_record *r = walk_record (w);
  int bad = w->rep.bad, x0 = l->x + 1, width = l->w - 2;
  int ra = bad ? tty_attr (PAIR_ERROR) : (int) A_BOLD;
  int y = l->call_y;

  if (walk_call_one_line (r, width))
    {
      int x = 1 + draw_text (y, x0, width, r->call, A_BOLD);
      draw_text (y++, x0 + x, width - x, r->result, ra);
    }
  else
    {
      y += draw_para (y, x0, width, l->call_h, r->call, A_BOLD);
      y += draw_para (y, x0, width, l->call_y + l->call_h - y, r->result, ra);
    }
  draw_para (y, x0 + 2, width - 2, l->call_y + l->call_h - y, w->rep.detail,
             bad ? tty_attr (PAIR_ERROR) : 0);
}

static void
draw_state (struct walk *w)
{
  const struct walk_places *l = &w->lay;
  const char *lines[WALK_STATE_MAX];
  int y = l->state_y, end = l->state_y + l->state_h;
  int count = walk_state_lines (w, lines), need = 0;
  for (int i = 0; i < count; i++)
    need += !lines[i] ? 0 : lines[i][0] ? draw_lines (lines[i], l->w - 2) : 1;
  /* More than the rows given (a kernel step's lines on a short
     terminal): the last row says how many are not shown. */
  if (need > l->state_h && l->state_h > 0)
    end--;
  int i = 0;
  for (; i < count && y < end; i++)
    if (lines[i])
      y += lines[i][0] ? draw_para (y, l->x + 1, l->w - 2, end - y, lines[i], 0) : 1;
  if (need > l->state_h && l->state_h > 0)
    {
      char more[120];
      snprintf (more, sizeof more, "%s %d more line%s: a taller terminal, or --plain, shows %s",
                draw_cut_mark (), count - i, count - i == 1 ? "" : "s",
                count - i == 1 ? "it" : "them");
      draw_text (end, l->x + 1, l->w - 2, more, tty_attr (PAIR_DIM));
    }
}

/* Pane I of the two: its rule titled with the process, its words, then
   its page (V) as that process sees it, or nothing. */
static void
draw_one_pane (struct walk *w, int i, const struct page_view *v)
{
  const struct walk_places *l = &w->lay;
  const struct report_pane *p = &w->rep.pane[i];
  int x = l->pane_x[i], width = l->pane_w[i], y = l->hex_y + 1;
  int end = l->hex_y + 1 + l->hex_h;
  draw_rule (l->hex_y, x, width, p->title);
  const char *words[3] = { p->maps, p->figures, p->said };
  int cut = 0;
  for (int k = 0; k < 3; k++)
    {
      if (!words[k][0])
        continue;
      if (y >= end)
        cut = 1;              /* no row left for it */
      else
        y += draw_para (y, x + 1, width - 2, end - y, words[k], k == 2 ? A_BOLD : 0);
    }
  y = l->hex_y + 1 + l->pane_hdr;
  cut |= v && y >= end;       /* nor for its page */
  if (cut)
    draw_text (end - 1, x + width - 2, 1, draw_cut_mark (), 0);
  if (v && v->ok && y < end)
    {
      draw_hex_n (y, x + 1, width - 1, end - y, v, w->hex_top, l->per);
      /* Rows above or below those in sight (PgUp and PgDn scroll both):
         a mark in the margin of its last row. */
      size_t rows = pview_nrows_n (v, l->per);
      if (w->hex_top > 0 || w->hex_top + (size_t) (end - y) < rows)
        draw_text (end - 1, x, 1, draw_cut_mark (), tty_attr (PAIR_DIM));
    }
  else if (v && y < end)
    draw_text (y, x + 1, width - 2, v->why, 0);
}

static void
draw_page (struct walk *w)
{
  const struct walk_places *l = &w->lay;
  if (l->panes)
    {
      draw_one_pane (w, 0, &w->run.shm.view);
      draw_one_pane (w, 1, walk_child_view (w));
      return;
    }
  const struct page_view *v = walk_view (w);
  const struct kshare *k = &w->run.ks;
  int kernel = walkthrough_on_kernel (&w->run);
  const void *at = !kernel ? w->run.shm.map
    : walk_step (w)->action == SHM_VVAR ? (const void *) k->vvar.start : (const void *) k->sq_ring;
  char title[128];

  if (v->ok)
    {
      size_t rows = pview_nrows (v);
      size_t last = w->hex_top + (size_t) l->hex_h;
      if (last > rows)
        last = rows;
      snprintf (title, sizeof title, "%s 0x%04zx-0x%04zx of %p, rows %zu-%zu of %zu",
                !kernel ? "page" : walk_step (w)->action == SHM_VVAR ? "[vvar]" : "ring",
                (size_t) 0, v->len - 1, at, w->hex_top + 1, last, rows);
    }
  else
    snprintf (title, sizeof title, "page");
  draw_rule (l->hex_y, l->x, l->w, title);
  if (!v->ok)
    draw_text (l->hex_y + 1, l->x + 3, l->w - 4, v->why, A_BOLD);
  else
    draw_hex (l->hex_y + 1, l->x + 2, l->hex_h, v, w->hex_top);
}

static void
draw_pane (struct walk *w)
{
  const struct walk_places *l = &w->lay;
  int x = l->expl_x, width = l->expl_w, y = l->expl_y, end = l->expl_y + l->expl_h;
  char line[300];

  switch (walk_pane_kind (w))
    {
    case PANE_PREDICT:
      {
        /* The question about the call to come: it has not been made yet. */
        const struct lesson_step *up = walkthrough_upcoming (&w->run);
        draw_rule (y++, x - 1, width + 2, "predict, then run");
        snprintf (line, sizeof line, "Next: %s. %s", up->name, up->ask);
        y += draw_para (y, x, width, end - y, line, A_BOLD);
        int i = 0;
        for (; i < up->nchoices && y < end; i++)
          {
            snprintf (line, sizeof line, "%d) %s", i + 1, up->choices[i]);
            y += draw_para (y, x + 2, width - 2, end - y, line, 0);
          }
        if (i < up->nchoices && end > l->expl_y + 1)
          {
            /* A choice with no row: say so on the last row, marked. */
            snprintf (line, sizeof line, "%s %d) to %d) do not fit: a taller terminal "
                      "shows them", draw_cut_mark (), i + 1,
                      up->nchoices);
            draw_fill (end - 1, x, width, 0);
            draw_text (end - 1, x + 2, width - 2, line, A_BOLD);
          }
        break;
      }
    case PANE_NOTES:
      /* Framed and titled, so that nobody takes them for the explanation. */
      draw_rule (y++, x - 1, width + 2, "instructor's notes (N hides)");
      draw_para (y, x, width, end - y, walk_pane_text (w), walk_step (w)->note ? 0 : A_DIM);
      break;
    case PANE_EXPLAIN:
      draw_para (y, x, width, end - y, walk_pane_text (w), 0);
      break;
    }
}

static void
draw_bottom (struct walk *w)
{
  const struct walk_places *l = &w->lay;
  char buf[200];
  int bold;
  const char *n = walk_notice (w, buf, sizeof buf, &bold);

  if (n && l->msg_h)
    draw_para (l->msg_y, 1, COLS - 2, l->msg_h, n, bold ? (int) A_BOLD : 0);
  /* The keys that work now: at the prompt, the prompt's. */
  char keys[120];
  if (w->asking)
    snprintf (keys, sizeof keys, "1-%d predict  Esc run it without a guess  ? help",
              walkthrough_upcoming (&w->run)->nchoices);
  else
    snprintf (keys, sizeof keys, "Enter next  p back  g go to  w program  PgUp/PgDn page  "
              "? help  q %s", screen_up_word (w->app));
  draw_text (l->keys_y, 1, COLS - 2, input_active () ? input_keys () : keys,
             tty_attr (PAIR_DIM));
}

/* The whole program (w), scrolled from w->whole_top. */
static void
draw_whole (struct walk *w)
{
  /* Rows 2 to the key bar, less the notice's row when there is one. */
  int n = (int) w->L->nprogram, h = LINES - 3 - (w->msg[0] != 0);
  char title[96];
  /* A taller terminal than when it was scrolled: no empty rows below. */
  if (w->whole_top > n - h)
    w->whole_top = n - h > 0 ? n - h : 0;
  snprintf (title, sizeof title, "the whole program, lines %d-%d of %d", w->whole_top + 1,
            w->whole_top + h < n ? w->whole_top + h : n, n);
  draw_rule (1, 0, COLS, title);
  for (int i = 0; i < h && w->whole_top + i < n; i++)
    code_line (w, 2 + i, 1, COLS - 2, w->whole_top + i + 1);
  if (w->msg[0])
    draw_text (LINES - 2, 1, COLS - 2, w->msg, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, "Up/Down j/k PgUp/PgDn scroll  w, Esc or q back  ? help",
             tty_attr (PAIR_DIM));
}

void
walk_draw (struct walk *w)
{
  erase ();
  w->cursor_y = 0;
  walk_layout (w);
  /* The notice or the pane may have taken page rows since the last key. */
  size_t rows = walk_hex_rows (w), sight = (size_t) walk_hex_sight (w);
  if (w->hex_top + sight > rows)
    w->hex_top = rows > sight ? rows - sight : 0;
  draw_title (w);
  if (w->whole)
    draw_whole (w);
  else
    {
      draw_code (w);
      if (w->lay.wide)
        {
          mvvline (1, w->lay.code_w, ACS_VLINE, w->lay.msg_y - 1);
          mvaddch (w->lay.hex_y, w->lay.code_w, ACS_LTEE);
          if (w->lay.rule_y < w->lay.msg_y)
            mvaddch (w->lay.rule_y, w->lay.code_w, ACS_RTEE);
        }
      draw_call (w);
      draw_state (w);
      draw_page (w);
      draw_pane (w);
      draw_bottom (w);
    }
  if (input_active () && !w->whole)
    input_draw (w->lay.msg_y, 1, COLS - 2);
  else
    {
      /* The hardware cursor on the current program line, which a braille
         display follows; it stays invisible on the screen. */
      curs_set (0);
      move (w->cursor_y ? w->cursor_y : w->lay.call_y, 1);
    }
}
