/* walk.c - the walkthrough screen: the program, the call and its result,
   what the kernel says, and a hex view of the page, one step at a time.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "help.h"
#include "hexdump.h"
#include "input.h"
#include "report.h"
#include "tty.h"
#include "tour.h"
#include "screens.h"

enum cmd {
  CMD_NONE, CMD_NEXT, CMD_PREV, CMD_GOTO, CMD_PAGE_UP, CMD_PAGE_DOWN, CMD_ROW_UP,
  CMD_ROW_DOWN, CMD_TOP, CMD_BOTTOM, CMD_REDRAW, CMD_HELP, CMD_NOTES, CMD_QUIT
};

/* The keys, and below them the lines of the help overlay that name them. */
static const struct key {
  int key;
  enum cmd cmd;
} keys[] = {
  { '\r', CMD_NEXT }, { '\n', CMD_NEXT }, { KEY_ENTER, CMD_NEXT }, { ' ', CMD_NEXT },
  { KEY_RIGHT, CMD_NEXT }, { 'n', CMD_NEXT },
  { KEY_LEFT, CMD_PREV }, { 'p', CMD_PREV }, { KEY_BACKSPACE, CMD_PREV },
  { 'g', CMD_GOTO },
  { KEY_PPAGE, CMD_PAGE_UP }, { KEY_NPAGE, CMD_PAGE_DOWN },
  { KEY_UP, CMD_ROW_UP }, { 'k', CMD_ROW_UP }, { KEY_DOWN, CMD_ROW_DOWN }, { 'j', CMD_ROW_DOWN },
  { KEY_HOME, CMD_TOP }, { KEY_END, CMD_BOTTOM },
  { 12 /* Ctrl-L */, CMD_REDRAW }, { '?', CMD_HELP }, { KEY_F (1), CMD_HELP },
  { 'N', CMD_NOTES },
  { 'q', CMD_QUIT }, { 'Q', CMD_QUIT },
};

static const struct help_line help[] = {
  { "Enter Space Right n", "next step (makes its call)" },
  { "Left p", "previous step (replays up to it on a fresh mapping)" },
  { "g then a number", "go to that step" },
  { "PgUp PgDn", "scroll the hex view a screen" },
  { "Up Down j k", "scroll the hex view a row" },
  { "Home End", "top or bottom of the page" },
  { "Ctrl-L", "redraw the screen" },
  { "Esc", "cancel a prompt or a go-to; else back to the menu" },
  { "?", "this help" },
  { "N", "the instructor's notes for this step, on or off" },
  { "q", "quit" },
};

/* Where everything goes, worked out from the terminal's size. */
struct layout {
  int code_y, code_h;       /* the code box, and the program lines in it */
  int call_y, state_y;
  int hex_y, hex_h;         /* the hex box, and the rows in it */
  int expl_y, expl_h;
  int prompt_y, keys_y;
};

struct walk {
  struct app *app;
  const struct lesson *L;
  struct tour tour;
  struct layout lay;
  size_t hex_top;           /* first hex row shown */
  int help;                 /* the help overlay is up */
  int go;                   /* reading a step number after g */
  char go_buf[8];
  char msg[2100];           /* a one-line notice, until the next key */
  struct report rep;        /* the step in words, made once per step */
  int quit;
  int resume;               /* asking whether to resume at this step; 0 = not */
  int notes;                /* the notes pane is open */
  size_t furthest;          /* the furthest step made, for --no-skip */
};

static struct walk *current;    /* for readline's redisplay callback */

static void
layout (struct walk *w)
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
  l->hex_y = l->state_y + 3;
  l->keys_y = LINES - 1;
  l->prompt_y = LINES - 2;
  l->expl_y = l->prompt_y - l->expl_h;
  l->hex_h = l->expl_y - l->hex_y - 2;
}

static const struct shm_record *
record (const struct walk *w)
{
  return &w->tour.rec[w->tour.done - 1];
}

static const struct lesson_step *
step (const struct walk *w)
{
  return &w->L->steps[w->tour.done - 1];
}

/* After a step: ask the kernel about the mapping and bring the first
   changed row into sight. */
static void
after_step (struct walk *w)
{
  const struct shm *s = &w->tour.shm;
  report_step (&w->tour, &w->rep);
  if (s->view_ok)
    {
      size_t r = hex_first_changed_row (s->cur, s->prev_ok ? s->prev : NULL, s->view_len);
      if (r != (size_t) -1 && (r < w->hex_top || r >= w->hex_top + (size_t) w->lay.hex_h))
        w->hex_top = r;
    }
  else
    w->hex_top = 0;
}

static void
scroll_to (struct walk *w, long long top)
{
  const struct shm *s = &w->tour.shm;
  long long rows = s->view_ok ? (long long) hex_nrows (s->view_len) : 0;
  long long max = rows - w->lay.hex_h;
  if (top > max)
    top = max;
  if (top < 0)
    top = 0;
  w->hex_top = (size_t) top;
}

/* The progress key of this lesson: "walk NAME", NAME with no blanks. */
static void
walk_key (const struct walk *w, char *key, size_t len)
{
  snprintf (key, len, "walk %s", w->app->lesson_name);
  for (char *p = key + 5; *p; p++)
    if ((unsigned char) *p <= ' ' || *p == 0x7f)
      *p = '_';
}

static void
goto_step (struct walk *w, size_t n)
{
  char skey[STORE_MAX_KEY];
  tour_goto (&w->tour, n);
  if (w->tour.done > w->furthest)
    w->furthest = w->tour.done;
  after_step (w);
  scroll_to (w, (long long) w->hex_top);
  /* Remember where the learner is, for the next start. */
  walk_key (w, skey, sizeof skey);
  struct store_item *it = store_get (w->app->store, skey);
  if (it && it->step != (int) w->tour.done)
    {
      it->step = (int) w->tour.done;
      it->dirty = 1;
    }
}

/* ---- drawing ------------------------------------------------------------ */

static void
draw_title (struct walk *w)
{
  char right[64];
  int a = tty_attr (PAIR_TITLE);
  draw_fill (0, 0, COLS, a);
  snprintf (right, sizeof right, "step %zu/%zu  ? help  q quit ", w->tour.done,
            w->L->nsteps);
  int rw = (int) strlen (right);
  int x = draw_text (0, 0, COLS - rw - 1, " shmtutor \xc2\xb7 ", a | A_BOLD);
  draw_text (0, x, COLS - rw - x - 1, w->L->title, a);
  draw_text (0, COLS - rw, rw, right, a);
}

static void
draw_code (struct walk *w)
{
  const struct layout *l = &w->lay;
  const struct lesson_step *st = step (w);
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
      draw_text (l->code_y + 1 + i, 1, 2, cur ? ">" : " ", a | (cur ? A_BOLD : 0));
      draw_text (l->code_y + 1 + i, 3, COLS - 4, w->L->program[top + i], a);
    }
}

static void
draw_call (struct walk *w)
{
  const struct layout *l = &w->lay;
  const struct shm_record *r = record (w);
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
  draw_text (l->state_y, 1, COLS - 2, w->rep.state, 0);
  draw_text (l->state_y + 1, 1, COLS - 2, w->rep.kernel, 0);
  draw_text (l->state_y + 2, 1, COLS - 2, w->rep.maps, 0);
}

static void
draw_hex (struct walk *w)
{
  const struct layout *l = &w->lay;
  const struct shm *s = &w->tour.shm;
  char title[128];

  if (s->view_ok)
    {
      size_t rows = hex_nrows (s->view_len);
      size_t last = w->hex_top + (size_t) l->hex_h;
      if (last > rows)
        last = rows;
      snprintf (title, sizeof title, "page 0x%04zx-0x%04zx of %p, rows %zu-%zu of %zu",
                (size_t) 0, s->view_len - 1, s->map, w->hex_top + 1, last, rows);
    }
  else
    snprintf (title, sizeof title, "page");
  draw_box (l->hex_y, 0, l->hex_h + 2, COLS, title);
  if (!s->view_ok)
    {
      draw_text (l->hex_y + 1 + l->hex_h / 2, 3, COLS - 6, s->view_why, A_BOLD);
      return;
    }
  int changed = tty_attr (PAIR_CHANGED);
  for (int i = 0; i < l->hex_h; i++)
    {
      struct hex_row row;
      if (hex_format_row (s->cur, s->prev_ok ? s->prev : NULL, s->view_len,
                          w->hex_top + (size_t) i, &row) != 0)
        break;
      int y = l->hex_y + 1 + i;
      draw_text (y, 2, COLS - 4, row.text, 0);
      for (int b = 0; b < row.nbytes && row.nchanged; b++)
        if (row.changed[b])
          {
            mvchgat (y, 2 + row.hex_col[b], 2, changed, PAIR_NUMBER (changed), NULL);
            mvchgat (y, 2 + row.ascii_col[b], 1, changed, PAIR_NUMBER (changed), NULL);
          }
    }
}

static void
draw_bottom (struct walk *w)
{
  const struct layout *l = &w->lay;
  char line[128];

  if (input_active ())
    input_draw (l->prompt_y, 1, COLS - 2);
  else if (w->resume)
    {
      snprintf (line, sizeof line, "You left this lesson at step %d. Resume there? (y/n)",
                w->resume);
      draw_text (l->prompt_y, 1, COLS - 2, line, A_BOLD);
    }
  else if (w->go)
    {
      snprintf (line, sizeof line, "go to step (1-%zu): %s", w->L->nsteps, w->go_buf);
      draw_text (l->prompt_y, 1, COLS - 2, line, A_BOLD);
    }
  else if (w->msg[0])
    draw_text (l->prompt_y, 1, COLS - 2, w->msg, A_BOLD);
  else if (w->tour.done == w->L->nsteps)
    draw_text (l->prompt_y, 1, COLS - 2, "The last step: p goes back, q quits.", 0);
  draw_text (l->keys_y, 1, COLS - 2,
             "Enter next  p back  g go to  PgUp/PgDn scroll  ? help  q quit",
             tty_attr (PAIR_DIM));
}

static void
draw (struct walk *w)
{
  if (!draw_big_enough ())
    return;
  erase ();
  draw_title (w);
  draw_code (w);
  draw_call (w);
  draw_state (w);
  draw_hex (w);
  const char *ex = input_active ()
    ? "Type the text for sprintf() to write into the page; Enter alone takes the "
      "lesson's; Esc cancels."
    : step (w)->explain;
  if (w->notes && !input_active ())
    {
      /* The instructor's notes take the explanation's place, framed and
         titled, so that nobody mistakes one for the other. */
      const char *n = step (w)->note;
      draw_box (w->lay.expl_y - 1, 0, w->lay.expl_h + 1, COLS, "instructor's notes (N hides)");
      draw_para (w->lay.expl_y, 2, COLS - 4, w->lay.expl_h - 1,
                 n ? n : "No notes for this step.", n ? 0 : A_DIM);
    }
  else if (ex)
    draw_para (w->lay.expl_y, 1, COLS - 2, w->lay.expl_h, ex, 0);
  draw_bottom (w);
  if (w->help)
    help_draw ("keys", help, (int) (sizeof help / sizeof help[0]));
  if (!input_active ())
    curs_set (0);
  refresh ();
}

static void
redraw_input (void)
{
  if (current)
    draw (current);
}

/* ---- keys ------------------------------------------------------------- */

static void
next (struct walk *w)
{
  const struct lesson_step *up = tour_upcoming (&w->tour);
  if (!up)
    {
      snprintf (w->msg, sizeof w->msg, "This is the last step: p goes back, q quits.");
      return;
    }
  if (up->action == SHM_WRITE && up->prompt)
    {
      input_start ("write> ", redraw_input);
      return;
    }
  goto_step (w, w->tour.done + 1);
}

static void
prompt_key (struct walk *w, int ch)
{
  enum input_state st = input_key (ch);
  if (st == INPUT_DONE)
    {
      const char *t = input_line ();
      input_stop ();
      tour_set_text (&w->tour, w->tour.done, t && *t ? t : NULL);
      goto_step (w, w->tour.done + 1);
    }
  else if (st != INPUT_ACTIVE)
    {
      input_stop ();
      snprintf (w->msg, sizeof w->msg, "Cancelled: the page is as it was.");
    }
}

static void
go_key (struct walk *w, int ch)
{
  size_t len = strlen (w->go_buf);
  if (ch >= '0' && ch <= '9' && len + 1 < sizeof w->go_buf)
    {
      w->go_buf[len++] = (char) ch;
      w->go_buf[len] = '\0';
      if (w->L->nsteps < 10)
        ch = '\r';          /* one digit says it all */
      else
        return;
    }
  if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len)
    {
      w->go_buf[len - 1] = '\0';
      return;
    }
  if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
    {
      unsigned long n = strtoul (w->go_buf, NULL, 10);
      if (w->app->no_skip && n > w->furthest + 1 && n <= w->L->nsteps)
        snprintf (w->msg, sizeof w->msg, "No skipping ahead (--no-skip): step %zu comes "
                  "first.", w->furthest + 1);
      else if (n >= 1 && n <= w->L->nsteps)
        goto_step (w, n);
      else
        snprintf (w->msg, sizeof w->msg, "No step %s: the steps are 1 to %zu.", w->go_buf,
                  w->L->nsteps);
    }
  w->go = 0;
  w->go_buf[0] = '\0';
}

static void
command (struct walk *w, enum cmd c)
{
  switch (c)
    {
    case CMD_NEXT: next (w); break;
    case CMD_PREV:
      if (w->tour.done > 1)
        goto_step (w, w->tour.done - 1);
      else
        snprintf (w->msg, sizeof w->msg, "This is the first step.");
      break;
    case CMD_GOTO: w->go = 1; w->go_buf[0] = '\0'; break;
    case CMD_PAGE_UP: scroll_to (w, (long long) w->hex_top - w->lay.hex_h); break;
    case CMD_PAGE_DOWN: scroll_to (w, (long long) w->hex_top + w->lay.hex_h); break;
    case CMD_ROW_UP: scroll_to (w, (long long) w->hex_top - 1); break;
    case CMD_ROW_DOWN: scroll_to (w, (long long) w->hex_top + 1); break;
    case CMD_TOP: scroll_to (w, 0); break;
    case CMD_BOTTOM: scroll_to (w, 1LL << 40); break;
    case CMD_REDRAW: clearok (curscr, TRUE); break;
    case CMD_HELP: w->help = 1; break;
    case CMD_NOTES: w->notes = !w->notes; break;
    case CMD_QUIT: w->quit = 1; break;   /* to the menu, or out */
    case CMD_NONE: break;
    }
}

static void
key (struct walk *w, int ch)
{
  if (input_active ())
    {
      prompt_key (w, ch);
      return;
    }
  w->msg[0] = '\0';
  if (w->resume)
    {
      if (ch == 'y' || ch == 'Y' || ch == '\r' || ch == '\n')
        goto_step (w, (size_t) w->resume);
      w->resume = 0;
      return;
    }
  if (w->help)
    {
      w->help = 0;
      return;
    }
  if (w->go)
    {
      if (ch == 27)
        w->go = 0;
      else
        go_key (w, ch);
      return;
    }
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (keys[i].key == ch)
      {
        command (w, keys[i].cmd);
        return;
      }
  if (ch == 27)
    w->quit = 1;          /* Esc: back to the menu */
  else
    snprintf (w->msg, sizeof w->msg, "That key does nothing here: ? lists the keys.");
}

enum screen_id
walk_run (struct app *a)
{
  struct walk w;
  char skey[STORE_MAX_KEY];

  memset (&w, 0, sizeof w);
  w.app = a;
  w.L = a->L;
  if (tour_init (&w.tour, w.L) != 0)
    return SCREEN_ERROR;
  current = &w;
  layout (&w);
  walk_key (&w, skey, sizeof skey);
  /* Where the learner left off, read before step 1 overwrites it. */
  const struct store_item *left = store_find (a->store, skey);
  int left_at = left ? left->step : 0;
  w.notes = a->notes;
  size_t first = a->start_step > 0 ? (size_t) a->start_step : 1;
  if (first > w.L->nsteps)
    first = w.L->nsteps;
  goto_step (&w, first);
  snprintf (w.msg, sizeof w.msg, "%s", screen_warning (a));
  /* --step says where to start: then there is nothing to offer. */
  if (left_at > 1 && (size_t) left_at <= w.L->nsteps && !a->start_step)
    w.resume = left_at;
  draw (&w);
  while (!w.quit)
    {
      int ch = screen_key (a);
      if (ch < 0)
        break;
      if (ch == KEY_RESIZE)
        {
          layout (&w);
          scroll_to (&w, (long long) w.hex_top);
        }
      else if (LINES < TTY_MIN_ROWS || COLS < TTY_MIN_COLS)
        {
          if (ch == 'q' || ch == 'Q')
            break;
          continue;
        }
      else
        key (&w, ch);
      if (!w.quit)
        draw (&w);
    }
  input_stop ();
  current = NULL;
  tour_free (&w.tour);
  screen_save (a, NULL, 0);
  return a->sig ? SCREEN_QUIT : SCREEN_MENU;
}
