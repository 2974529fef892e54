/* walk-draw.c - the walkthrough screen drawn: the program, the call and
   its result, the state, the maps line, the page and the explanation.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "hexdump.h"
#include "input.h"
#include "tty.h"
#include "walk.h"

void
walk_layout (struct walk *w)
{
  struct layout *l = &w->lay;
  int extra = LINES - TTY_MIN_ROWS;
  int nprog = (int) w->L->nprogram;

  l->code_h = 3 + extra / 3;
  if (l->code_h > nprog)
    l->code_h = nprog > 3 ? nprog : 3;
  l->expl_h = 5 + (extra > 6 ? 1 : 0);
  l->code_y = 1;
  l->call_y = l->code_y + l->code_h + 2;
  l->state_y = l->call_y + 2;
  l->hex_y = l->state_y + WALK_STATE_LINES;
  l->keys_y = LINES - 1;
  l->prompt_y = LINES - 2;
  l->expl_y = l->prompt_y - l->expl_h;
  l->hex_h = l->expl_y - l->hex_y - 2;
}

const struct shm_record *
walk_record (const struct walk *w)
{
  return &w->tour.rec[w->tour.done - 1];
}

const struct lesson_step *
walk_step (const struct walk *w)
{
  return &w->L->steps[w->tour.done - 1];
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
  snprintf (right, sizeof right, "%sstep %zu/%zu  ? help  q %s ", pred, w->tour.done,
            w->L->nsteps, w->app->direct ? "quit" : "menu");
  int rw = (int) strlen (right);
  int x = draw_text (0, 0, COLS - rw - 1, " shmtutor \xc2\xb7 ", tty_strong (PAIR_TITLE));
  draw_text (0, x, COLS - rw - x - 1, w->L->title, a);
  draw_text (0, COLS - rw, rw, right, a);
}

static void
draw_code (struct walk *w)
{
  const struct layout *l = &w->lay;
  const struct lesson_step *st = walk_step (w);
  int n = (int) w->L->nprogram, h = l->code_h;
  int mid = st->line ? (st->line + st->line_end) / 2 - 1 : 0;
  int top = mid - h / 2;
  if (top > n - h)
    top = n - h;
  if (top < 0)
    top = 0;

  draw_box (l->code_y, 0, h + 2, COLS, "program");
  for (int i = 0; i < h && top + i < n; i++)
    {
      int ln = top + i + 1;
      int cur = st->line && ln >= st->line && ln <= st->line_end;
      int a = cur ? tty_attr (PAIR_CURRENT) : 0;
      if (cur)
        draw_fill (l->code_y + 1 + i, 1, COLS - 2, a);
      draw_text (l->code_y + 1 + i, 1, 2, cur ? ">" : " ", cur ? tty_strong (PAIR_CURRENT) : 0);
      if (cur && !w->cursor_y)
        w->cursor_y = l->code_y + 1 + i;
      draw_text (l->code_y + 1 + i, 3, COLS - 4, w->L->program[top + i], a);
    }
}

static void
draw_call (struct walk *w)
{
  const struct layout *l = &w->lay;
  const struct shm_record *r = walk_record (w);
  int bad = w->rep.bad;
  int x = 1 + draw_text (l->call_y, 1, COLS - 2, r->call, A_BOLD);

  draw_text (l->call_y, x + 1, COLS - x - 2, r->result,
             bad ? tty_attr (PAIR_ERROR) : (int) A_BOLD);
  draw_text (l->call_y + 1, 3, COLS - 4, w->rep.detail, bad ? tty_attr (PAIR_ERROR) : 0);
}

static void
draw_state (struct walk *w)
{
  const struct layout *l = &w->lay;
  const char *lines[WALK_STATE_LINES] = { w->rep.state, w->rep.kernel, w->rep.smaps,
                                          w->rep.pagemap, w->rep.maps };
  for (int i = 0; i < WALK_STATE_LINES; i++)
    draw_text (l->state_y + i, 1, COLS - 2, lines[i], 0);
}

static void
draw_page (struct walk *w)
{
  const struct layout *l = &w->lay;
  const struct shm *s = &w->tour.shm;
  const struct page_view *v = &s->view;
  char title[128];

  if (v->ok)
    {
      size_t rows = pview_nrows (v);
      size_t last = w->hex_top + (size_t) l->hex_h;
      if (last > rows)
        last = rows;
      snprintf (title, sizeof title, "page 0x%04zx-0x%04zx of %p, rows %zu-%zu of %zu",
                (size_t) 0, v->len - 1, s->map, w->hex_top + 1, last, rows);
    }
  else
    snprintf (title, sizeof title, "page");
  draw_box (l->hex_y, 0, l->hex_h + 2, COLS, title);
  if (!v->ok)
    {
      draw_text (l->hex_y + 1 + l->hex_h / 2, 3, COLS - 6, v->why, A_BOLD);
      return;
    }
  draw_hex (l->hex_y + 1, 2, l->hex_h, v, w->hex_top);
}

static void
draw_bottom (struct walk *w)
{
  const struct layout *l = &w->lay;
  char line[128];

  if (input_active ())
    ;                     /* drawn last, so that the cursor stays in it */
  else if (w->resume)
    {
      snprintf (line, sizeof line, "You left this lesson at step %d. Resume there? (y/n)",
                w->resume);
      draw_text (l->prompt_y, 1, COLS - 2, line, A_BOLD);
    }
  else if (w->asking)
    {
      snprintf (line, sizeof line, "Predict: press 1-%d, or Esc to run it without a guess.",
                tour_upcoming (&w->tour)->nchoices);
      draw_text (l->prompt_y, 1, COLS - 2, w->msg[0] ? w->msg : line, A_BOLD);
    }
  else if (w->go)
    {
      snprintf (line, sizeof line, "go to step (1-%zu): %s", w->L->nsteps, w->go_buf);
      draw_text (l->prompt_y, 1, COLS - 2, line, A_BOLD);
    }
  else if (w->msg[0])
    draw_text (l->prompt_y, 1, COLS - 2, w->msg, A_BOLD);
  else if (w->tour.done == w->L->nsteps)
    draw_text (l->prompt_y, 1, COLS - 2, w->app->direct ? "The last step: p goes back, q quits."
               : "The last step: p goes back, q returns to the menu.", 0);
  /* The keys that work now: at the prompt, the prompt's. */
  draw_text (l->keys_y, 1, COLS - 2, input_active () ? input_keys ()
             : w->app->direct ? "Enter next  p back  g go to  PgUp/PgDn scroll  ? help  q quit"
             : "Enter next  p back  g go to  PgUp/PgDn scroll  ? help  q menu",
             tty_attr (PAIR_DIM));
}

static void
count_line (void *arg, const char *p, size_t n)
{
  (void) p, (void) n;
  ++*(int *) arg;
}

/* How many lines S takes wrapped to W columns. */
static int
para_lines (const char *s, int w)
{
  int n = 0;
  draw_wrap (s, w, count_line, &n);
  return n;
}

void
walk_draw (struct walk *w)
{
  erase ();
  w->cursor_y = 0;
  draw_title (w);
  draw_code (w);
  draw_call (w);
  draw_state (w);
  draw_page (w);
  const char *ex = input_active ()
    ? "Type the text for sprintf() to write into the page; Enter alone takes the "
      "lesson's; Ctrl-G gives it up (Esc is readline's: vi mode, or Meta)."
    : walk_step (w)->explain;
  if (w->asking)
    {
      /* The question about the call to come, in the explanation's place:
         the call has not been made yet. */
      const struct lesson_step *up = tour_upcoming (&w->tour);
      char line[300];
      /* The pane grows up over the page as far as the question and every
         choice need: a choice cut off could not be chosen knowingly. */
      int need = 0;
      snprintf (line, sizeof line, "Next: %s. %s", up->name, up->ask);
      need += para_lines (line, COLS - 4);
      for (int i = 0; i < up->nchoices; i++)
        {
          char c[300];
          snprintf (c, sizeof c, "%d) %s", i + 1, up->choices[i]);
          need += para_lines (c, COLS - 8);
        }
      int h = need + 2 > w->lay.expl_h + 1 ? need + 2 : w->lay.expl_h + 1;
      int y = w->lay.prompt_y - h;
      if (y < w->lay.hex_y)
        y = w->lay.hex_y;
      draw_box (y, 0, w->lay.prompt_y - y, COLS, "predict, then run");
      for (int r = y + 1; r < w->lay.prompt_y - 1; r++)
        draw_fill (r, 1, COLS - 2, 0);
      y += 1 + draw_para (y + 1, 2, COLS - 4, 3, line, A_BOLD);
      for (int i = 0; i < up->nchoices && y < w->lay.prompt_y - 1; i++)
        {
          snprintf (line, sizeof line, "%d) %s", i + 1, up->choices[i]);
          y += draw_para (y, 4, COLS - 8, w->lay.prompt_y - 1 - y, line, 0);
        }
    }
  else if (w->notes && !input_active ())
    {
      /* The instructor's notes take the explanation's place, framed and
         titled, so that nobody mistakes one for the other. */
      const char *n = walk_step (w)->note;
      draw_box (w->lay.expl_y - 1, 0, w->lay.expl_h + 1, COLS, "instructor's notes (N hides)");
      draw_para (w->lay.expl_y, 2, COLS - 4, w->lay.expl_h - 1,
                 n ? n : "No notes for this step.", n ? 0 : A_DIM);
    }
  else if (ex)
    draw_para (w->lay.expl_y, 1, COLS - 2, w->lay.expl_h, ex, 0);
  draw_bottom (w);
  if (input_active ())
    input_draw (w->lay.prompt_y, 1, COLS - 2);
  else
    {
      /* The hardware cursor on the current program line, which a braille
         display follows; it stays invisible on the screen. */
      curs_set (0);
      move (w->cursor_y ? w->cursor_y : w->lay.call_y, 1);
    }

}

