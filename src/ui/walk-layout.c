/* walk-layout.c - where the walkthrough's parts go for the terminal's size
   and what they hold now: the rows of the call, the state, the page, the
   pane under it and the notice, and from WALK_WIDE columns two columns.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "input.h"
#include "walk.h"

/* What the explanation's rows say while the write prompt is up. */
static const char prompt_help[] =
  "Type the text for sprintf() to write into the page; Enter alone takes the lesson's; "
  "Ctrl-G gives it up (Esc is readline's: vi mode, or Meta).";

const struct call_record *
walk_record (const struct walk *w)
{
  return &w->run.rec[w->run.done - 1];
}

const struct lesson_step *
walk_step (const struct walk *w)
{
  return &w->L->steps[w->run.done - 1];
}

/* ---- what takes rows -------------------------------------------------- */

/* The notice above the key bar, in BUF (LEN bytes), or NULL for none;
   *BOLD says whether it is news (the last step's reminder is not).  The
   write prompt takes that row too (see walk_layout). */
const char *
walk_notice (const struct walk *w, char *buf, size_t len, int *bold)
{
  *bold = 1;
  if (input_active ())
    return NULL;
  if (w->resume)
    snprintf (buf, len, "You left this lesson at step %d. Resume there? (y/n)", w->resume);
  else if (w->asking && !w->msg[0])
    snprintf (buf, len, "Predict: press 1-%d, or Esc to run it without a guess.",
              walkthrough_upcoming (&w->run)->nchoices);
  else if (w->go)
    snprintf (buf, len, "go to step (1-%zu): %s", w->L->nsteps, w->go_buf);
  else if (w->msg[0])
    return w->msg;
  else if (w->run.done == w->L->nsteps)
    {
      *bold = 0;
      snprintf (buf, len, "The last step: p goes back, q %s.", w->app->from_lessons
                ? "returns to the lessons" : w->app->direct ? "quits" : "returns to the menu");
    }
  else
    return NULL;
  return buf;
}

enum walk_pane
walk_pane_kind (const struct walk *w)
{
  if (w->asking)
    return PANE_PREDICT;
  return w->notes && !input_active () ? PANE_NOTES : PANE_EXPLAIN;
}

const char *
walk_pane_text (const struct walk *w)
{
  if (walk_pane_kind (w) == PANE_NOTES)
    return walk_step (w)->note ? walk_step (w)->note : "No notes for this step.";
  if (input_active ())
    return prompt_help;
  return walk_step (w)->explain ? walk_step (w)->explain : "";
}

/* The rows the pane needs at WIDTH columns: every line of it, so that
   nothing is cut where the terminal has the rows (a choice cut off could
   not be chosen knowingly). */
static int
pane_lines (const struct walk *w, int width)
{
  enum walk_pane k = walk_pane_kind (w);
  if (k != PANE_PREDICT)
    return (k == PANE_NOTES) + draw_lines (walk_pane_text (w), width);
  const struct lesson_step *up = walkthrough_upcoming (&w->run);
  char line[300];
  snprintf (line, sizeof line, "Next: %s. %s", up->name, up->ask);
  int n = 1 + draw_lines (line, width);
  for (int i = 0; i < up->nchoices; i++)
    {
      snprintf (line, sizeof line, "%d) %s", i + 1, up->choices[i]);
      n += draw_lines (line, width - 2);
    }
  return n;
}

/* Does the call and its result fit one line of WIDTH columns? */
int
walk_call_one_line (const struct call_record *r, int width)
{
  return draw_width (r->call, strlen (r->call)) + 1 + draw_width (r->result, strlen (r->result))
    <= width;
}

/* The rows of the call, its result and the detail under them: the result
   wraps rather than vanishes. */
static int
call_lines (const struct walk *w, int width)
{
  const struct call_record *r = walk_record (w);
  int n = walk_call_one_line (r, width) ? 1 : draw_lines (r->call, width) + draw_lines (r->result,
                                                                                     width);
  return n + (w->rep.detail[0] ? draw_lines (w->rep.detail, width - 2) : 0);
}

/* The state lines under the call, in order. */
int
walk_state_lines (const struct walk *w, const char *lines[WALK_STATE_MAX])
{
  int n = 0;
  /* A kernel step has no fd or mapping to tell of: no row for them. */
  lines[n++] = w->rep.nlines && !w->rep.state[0] ? NULL : w->rep.state;
  lines[n++] = w->rep.kernel;
  if (w->rep.nlines)
    {
      for (int i = 0; i < w->rep.nlines && n < WALK_STATE_MAX; i++)
        lines[n++] = w->rep.lines[i];
      return n;
    }
  lines[n++] = w->rep.smaps;
  /* On a short terminal the panes' own maps lines and frames say it: the
     rows go to them. */
  int panes_say = w->rep.panes && LINES < WALK_PANES_TALL;
  lines[n++] = panes_say ? NULL : w->rep.pagemap;
  lines[n++] = panes_say ? NULL : w->rep.maps;
  return n;
}

const struct page_view *
walk_view (const struct walk *w)
{
  return walkthrough_on_kernel (&w->run) ? &w->run.ks.view : &w->run.shm.view;
}

const struct page_view *
walk_child_view (const struct walk *w)
{
  const struct twin *t = &w->run.twin;
  return w->rep.panes && !t->show_stranger && t->alive ? &t->child.view : NULL;
}

size_t
walk_hex_rows (const struct walk *w)
{
  int per = w->lay.per ? w->lay.per : HEX_PER_ROW;
  size_t n = pview_nrows_n (walk_view (w), per);
  const struct page_view *c = walk_child_view (w);
  size_t m = c ? pview_nrows_n (c, per) : 0;
  return n > m ? n : m;
}

int
walk_hex_sight (const struct walk *w)
{
  int n = w->lay.hex_h - w->lay.pane_hdr;
  return n < 1 ? 1 : n;
}

size_t
walk_hex_changed (const struct walk *w)
{
  int per = w->lay.per ? w->lay.per : HEX_PER_ROW;
  size_t r = pview_first_changed_row_n (walk_view (w), per);
  const struct page_view *c = walk_child_view (w);
  size_t q = c ? pview_first_changed_row_n (c, per) : (size_t) -1;
  return q < r ? q : r;
}

/* Where the panes go in the page's column, and the rows their words
   take; the hex rows hold 16 bytes where they fit, else 8 or 4. */
static void
pane_places (struct walk *w)
{
  struct walk_places *l = &w->lay;
  l->per = HEX_PER_ROW;
  l->panes = w->rep.panes == 2;
  l->pane_hdr = 0;
  if (!l->panes)
    return;
  int half = l->w / 2;
  l->pane_x[0] = l->x;
  l->pane_w[0] = half;
  l->pane_x[1] = l->x + half;
  l->pane_w[1] = l->w - half;
  int inner = l->pane_w[0] - 1;
  l->per = inner >= 4 + 2 + 3 * 16 + 1 + 16 ? 16 : inner >= WALK_PANE_MIN - 1 ? 8 : 4;
  for (int i = 0; i < 2; i++)
    {
      const struct report_pane *p = &w->rep.pane[i];
      int width = l->pane_w[i] - 2, n = 0;
      n += p->maps[0] ? draw_lines (p->maps, width) : 0;
      n += p->figures[0] ? draw_lines (p->figures, width) : 0;
      n += p->said[0] ? draw_lines (p->said, width) : 0;
      l->pane_hdr = n > l->pane_hdr ? n : l->pane_hdr;
    }
}

/* Their rows at WIDTH columns: a long one wraps (a maps line with a long
   path, a frame's flags); an empty one keeps its row. */
static int
state_rows (const struct walk *w, int width)
{
  const char *lines[WALK_STATE_MAX];
  int n = 0, count = walk_state_lines (w, lines);
  for (int i = 0; i < count; i++)
    n += !lines[i] ? 0 : lines[i][0] ? draw_lines (lines[i], width) : 1;
  return n;
}

static int
clamp (int v, int lo, int hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

void
walk_layout (struct walk *w)
{
  struct walk_places *l = &w->lay;
  /* At least five program lines from 24 rows, three at 23. */
  int nprog = (int) w->L->nprogram, minc = LINES >= 24 ? 5 : 3;
  minc = minc < nprog ? minc : nprog;
  char buf[200];
  int bold;

  memset (l, 0, sizeof *l);
  l->wide = COLS >= WALK_WIDE;
  l->code_w = COLS;
  l->w = COLS;
  /* Two panes want two columns of 8-byte rows beside the program. */
  int right_min = w->rep.panes ? 2 * WALK_PANE_MIN : WALK_RIGHT_MIN;
  if (l->wide && COLS - right_min - 1 < 30)
    l->wide = 0;
  if (l->wide)
    {
      int widest = 0;
      for (int i = 0; i < nprog; i++)
        {
          int c = draw_width (w->L->program[i], strlen (w->L->program[i]));
          widest = c > widest ? c : widest;
        }
      l->code_w = clamp (widest + 4, 20, COLS - right_min - 1);
      l->x = l->code_w + 1;         /* a line between the two columns */
      l->w = COLS - l->x;
    }
  l->expl_x = 1;
  l->expl_w = l->code_w - 2;

  l->keys_y = LINES - 1;
  const char *n = walk_notice (w, buf, sizeof buf, &bold);
  l->msg_h = input_active () ? 1 : n ? clamp (draw_lines (n, COLS - 2), 1, 3) : 0;
  l->msg_y = l->keys_y - l->msg_h;

  pane_places (w);
  int call_h = call_lines (w, l->w - 2);
  l->state_h = state_rows (w, l->w - 2);
  int need = pane_lines (w, l->expl_w);
  /* A kernel step's many lines give rows to the page's live bytes (four
     at least) and the explanation on a short terminal; the last row they
     keep says how many are not shown. */
  if (walkthrough_on_kernel (&w->run) && !l->wide)
    {
      int fixed = 1 + minc + 1 + call_h + 1 + 1 + l->msg_h;
      int keep = LINES - fixed - need - 4;
      keep = keep < 3 ? 3 : keep;
      l->state_h = l->state_h < keep ? l->state_h : keep;
    }
  l->code_y = 1;
  l->call_h = call_h;
  if (l->wide)
    {
      /* Right: the call, the state and the page down to the notice. */
      l->call_y = 1;
      l->state_y = l->call_y + call_h;
      l->hex_y = l->state_y + l->state_h;
      l->hex_h = l->msg_y - l->hex_y - 1;
      /* Left: the program, a rule, the pane. */
      int room = l->msg_y - l->code_y - 1;
      l->code_h = clamp (room - need, minc, nprog);
      l->expl_h = room - l->code_h < need ? room - l->code_h : need;
    }
  else
    {
      /* Title, the rule under the program, the call, the state and the
         page's rule are fixed; the program and the page share the rest. */
      int avail = l->msg_y - (2 + call_h + l->state_h + 1) - need;
      int want = 5 + (LINES > 24 ? (LINES - 24) / 3 : 0);
      l->code_h = clamp (avail - 1, minc, want < nprog ? want : nprog);
      l->hex_h = avail - l->code_h;
      l->expl_h = need;
      if (l->hex_h < 1)
        {
          /* Too few rows for it all: the pane gives up its last rows,
             marked; then the program gives up rows to the pane. */
          l->expl_h += l->hex_h - 1;
          l->hex_h = 1;
          while (l->expl_h < 2 && l->code_h > (minc < 3 ? minc : 3) && l->expl_h < need)
            l->code_h--, l->expl_h++;
          /* Still short (a long call, long state lines and a long notice
             at 80x23): the notice, then the state lines give up rows,
             marked, so that nothing draws over anything and the pane
             keeps a row for its mark. */
          int short_by = 1 - l->expl_h;
          int give = l->msg_h - 1 < short_by ? l->msg_h - 1 : short_by;
          if (short_by > 0 && give > 0)
            {
              l->msg_h -= give;
              l->msg_y += give;
              l->expl_h += give;
              short_by -= give;
            }
          const char *lines[WALK_STATE_MAX];
          int count = walk_state_lines (w, lines);
          give = l->state_h - count < short_by ? l->state_h - count : short_by;
          if (short_by > 0 && give > 0)
            {
              l->state_h -= give;
              l->expl_h += give;
            }
        }
      /* Two panes need their words and a few rows of bytes: the program
         gives rows down to three, then the explanation, marked where it
         is cut. */
      if (l->panes)
        {
          int want_hex = l->pane_hdr + 3;
          while (l->hex_h < want_hex && l->code_h > 3 && l->code_h > minc - 2)
            l->code_h--, l->hex_h++;
          while (l->hex_h < want_hex && l->expl_h > 2)
            l->expl_h--, l->hex_h++;
        }
      /* Rows the page has no row for go to the program. */
      int rows = (int) walk_hex_rows (w) + l->pane_hdr;
      rows = rows < 1 ? 1 : rows;
      if (l->hex_h > rows && l->code_h < nprog)
        {
          int give = l->hex_h - rows < nprog - l->code_h ? l->hex_h - rows : nprog - l->code_h;
          l->code_h += give;
          l->hex_h -= give;
        }
      l->call_y = l->code_y + l->code_h + 1;
      l->state_y = l->call_y + call_h;
      l->hex_y = l->state_y + l->state_h;
    }
  l->rule_y = l->code_y + l->code_h;
  l->expl_y = l->wide ? l->rule_y + 1 : l->hex_y + 1 + l->hex_h;
  if (l->expl_h < 0)
    l->expl_h = 0;
  if (l->hex_h < 1)
    l->hex_h = 1;
}

