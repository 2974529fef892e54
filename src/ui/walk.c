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
#include "pages.h"
#include "progress.h"
#include "report.h"
#include "tty.h"
#include "walkthrough.h"
#include "walk.h"
#include "xalloc.h"

enum cmd {
  CMD_NONE, CMD_NEXT, CMD_PREV, CMD_GOTO, CMD_PAGE_UP, CMD_PAGE_DOWN, CMD_ROW_UP,
  CMD_ROW_DOWN, CMD_TOP, CMD_BOTTOM, CMD_NOTES, CMD_PREDICT, CMD_WHOLE, CMD_QUIT
};

/* The keys, and below them the lines of the help overlay that name them. */
static const struct binding {
  int code;
  enum cmd cmd;
} walk_keys[] = {
  { '\r', CMD_NEXT }, { '\n', CMD_NEXT }, { KEY_ENTER, CMD_NEXT }, { ' ', CMD_NEXT },
  { KEY_RIGHT, CMD_NEXT }, { 'n', CMD_NEXT },
  { KEY_LEFT, CMD_PREV }, { 'p', CMD_PREV }, { KEY_BACKSPACE, CMD_PREV },
  { 'g', CMD_GOTO },
  { KEY_PPAGE, CMD_PAGE_UP }, { KEY_NPAGE, CMD_PAGE_DOWN },
  { KEY_UP, CMD_ROW_UP }, { 'k', CMD_ROW_UP }, { KEY_DOWN, CMD_ROW_DOWN }, { 'j', CMD_ROW_DOWN },
  { KEY_HOME, CMD_TOP }, { KEY_END, CMD_BOTTOM },
  { 'N', CMD_NOTES }, { 'P', CMD_PREDICT }, { 'w', CMD_WHOLE },
  { 'q', CMD_QUIT }, { 'Q', CMD_QUIT },
};

static const struct help_line walk_help[] = {
  { "Enter Space Right n", "next step (makes its call)" },
  { "Left p Backspace", "previous step (replays up to it on a fresh mapping)" },
  { "g then a number", "go to that step" },
  { "w", "the whole program, on or off (Up/Down/PgUp/PgDn scroll it)" },
  { "PgUp PgDn", "scroll the hex view a screen" },
  { "Up Down j k", "scroll the hex view a row" },
  { "Home End", "top or bottom of the page" },
  { "Ctrl-L", "redraw the screen" },
  { "Esc", "cancel a go-to; else back to the menu (or say that q quits)" },
  { "write> Ctrl-G", "give the prompt up (Ctrl-C empties it)" },
  { "? F1", "this help" },
  { "N", "the instructor's notes for this step, on or off" },
  { "P", "predict each call's result before it runs: on or off" },
  { "q Q Ctrl-C", "back to the menu, or quit (started on it)" },
  HELP_BYTE_CLASSES,
};


/* After a step: ask the kernel about the mapping and bring the first
   changed row into sight. */
static void
scroll_to (struct walk *w, long long top)
{
  walk_layout (w);
  long long max = (long long) walk_hex_rows (w) - walk_hex_sight (w);
  if (top > max)
    top = max;
  if (top < 0)
    top = 0;
  w->hex_top = (size_t) top;
}

static void
after_step (struct walk *w)
{
  report_step (&w->run, &w->rep);
  walk_layout (w);          /* the page's rows for the step's own texts */
  size_t r = walk_hex_changed (w);
  if (r != (size_t) -1 && (r < w->hex_top || r >= w->hex_top + (size_t) walk_hex_sight (w)))
    w->hex_top = r;
  scroll_to (w, (long long) w->hex_top);
}

/* After a step made with a guess: say whether it was right, and count it. */
static void
predict_told (struct walk *w, const struct lesson_step *st)
{
  int right = w->guess == st->right;
  w->pred_seen++;
  w->pred_right += right;
  if (right)
    snprintf (w->msg, sizeof w->msg, "You predicted %d) %s: right.", w->guess,
              st->choices[w->guess - 1]);
  else
    snprintf (w->msg, sizeof w->msg, "You predicted %d); the lesson's answer is %d) %s.",
              w->guess, st->right, st->choices[st->right - 1]);
  progress_predicted (w->app->store, w->app->lesson_name, right);
}

static void
goto_step (struct walk *w, size_t n)
{
  size_t before = w->run.done;
  walkthrough_goto (&w->run, n);
  if (w->guess > 0 && n == before + 1)
    predict_told (w, &w->L->steps[n - 1]);
  w->guess = 0;
  if (w->run.done > w->furthest)
    w->furthest = w->run.done;
  after_step (w);
  /* Remember where the learner is, for the next start. */
  progress_walk_reached (w->app->store, w->app->lesson_name, (int) w->run.done);
}

/* ---- keys ------------------------------------------------------------- */

static void
step_next (struct walk *w)
{
  const struct lesson_step *up = walkthrough_upcoming (&w->run);
  if (!up)
    {
      snprintf (w->msg, sizeof w->msg, "This is the last step: p goes back, q %s.",
                w->app->from_lessons ? "returns to the lessons"
                : w->app->direct ? "quits" : "returns to the menu");
      return;
    }
  if (w->predict && up->ask && !w->guess && !w->asking)
    {
      w->asking = 1;
      return;
    }
  if (up->action == SHM_WRITE && up->prompt)
    {
      /* At most what sprintf can store there: the mapping's bytes from
         the offset on, less the NUL (a page, before anything is mapped). */
      const struct shm *s = &w->run.shm;
      size_t whole = s->map ? pages_round_up (s->map_len, s->page) : s->page;
      size_t off = up->args.offset > 0 ? (size_t) up->args.offset : 0;
      input_start (INPUT_WRITE, "write> ", off + 1 < whole ? whole - off - 1 : 1);
      return;
    }
  goto_step (w, w->run.done + 1);
}

/* A key while the prediction question is up. */
static void
predict_key (struct walk *w, int ch)
{
  const struct lesson_step *up = walkthrough_upcoming (&w->run);
  if (ch == 27)
    {
      w->asking = 0;
      w->guess = -1;          /* run it without a guess */
      step_next (w);
      return;
    }
  if (ch < '1' || ch >= '1' + up->nchoices)
    {
      snprintf (w->msg, sizeof w->msg, "Press 1 to %d to predict, or Esc.", up->nchoices);
      return;
    }
  w->asking = 0;
  w->guess = ch - '0';
  step_next (w);
}


static void
prompt_key (struct walk *w, int ch)
{
  enum input_state st = input_key (ch);
  if (st == INPUT_DONE)
    {
      const char *t = input_line ();
      size_t cut = input_cut ();
      input_stop ();
      walkthrough_set_text (&w->run, w->run.done, t && *t ? t : NULL);
      goto_step (w, w->run.done + 1);
      if (cut)
        {
          /* After the prediction's verdict, when there is one: both stay. */
          size_t used = strlen (w->msg);
          snprintf (w->msg + used, sizeof w->msg - used, "%sThe text was cut: %zu bytes past "
                    "what the mapping holds were dropped.", used ? " " : "", cut);
        }
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

/* Scroll the whole program's view to start at line TOP (0-based). */
static void
whole_scroll (struct walk *w, int top)
{
  int max = (int) w->L->nprogram - (LINES - 3 - (w->msg[0] != 0));
  w->whole_top = top > max ? max : top;
  if (w->whole_top < 0)
    w->whole_top = 0;
}

/* A key while the whole program is up: scroll it, or put it away. */
static void
whole_key (struct walk *w, int ch)
{
  int page = LINES - 4 > 1 ? LINES - 4 : 1;
  switch (ch)
    {
    case KEY_UP: case 'k': whole_scroll (w, w->whole_top - 1); break;
    case KEY_DOWN: case 'j': case '\r': case '\n': whole_scroll (w, w->whole_top + 1); break;
    case KEY_PPAGE: whole_scroll (w, w->whole_top - page); break;
    case KEY_NPAGE: case ' ': whole_scroll (w, w->whole_top + page); break;
    case KEY_HOME: whole_scroll (w, 0); break;
    case KEY_END: whole_scroll (w, 1 << 20); break;
    case 'w': case 27: case 'q': case 'Q': w->whole = 0; break;
    default:
      if (ch < KEY_MIN)
        snprintf (w->msg, sizeof w->msg, "The whole program is up: w, Esc or q puts it away.");
    }
}

static void
command (struct walk *w, enum cmd c)
{
  switch (c)
    {
    case CMD_NEXT: step_next (w); break;
    case CMD_PREV:
      if (w->run.done > 1)
        goto_step (w, w->run.done - 1);
      else
        snprintf (w->msg, sizeof w->msg, "This is the first step.");
      break;
    case CMD_GOTO: w->go = 1; w->go_buf[0] = '\0'; break;
    case CMD_PAGE_UP: scroll_to (w, (long long) w->hex_top - walk_hex_sight (w)); break;
    case CMD_PAGE_DOWN: scroll_to (w, (long long) w->hex_top + walk_hex_sight (w)); break;
    case CMD_ROW_UP: scroll_to (w, (long long) w->hex_top - 1); break;
    case CMD_ROW_DOWN: scroll_to (w, (long long) w->hex_top + 1); break;
    case CMD_TOP: scroll_to (w, 0); break;
    case CMD_BOTTOM: scroll_to (w, 1LL << 40); break;
    case CMD_NOTES: w->notes = !w->notes; break;
    case CMD_WHOLE:
      w->whole = 1;
      /* The current line in sight, a third of the way down. */
      whole_scroll (w, walk_step (w)->line - 1 - (LINES - 3) / 3);
      break;
    case CMD_PREDICT:
      w->predict = !w->predict;
      snprintf (w->msg, sizeof w->msg, "Predict, then run: %s.", w->predict
                ? "on: before each call with a question, guess what it will do" : "off");
      break;
    case CMD_QUIT: w->quit = 1; break;   /* to the menu, or out */
    case CMD_NONE: break;
    }
}

static void
walk_key (struct walk *w, int ch)
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
  if (w->asking)
    {
      predict_key (w, ch);
      return;
    }
  if (w->whole)
    {
      whole_key (w, ch);
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
  for (size_t i = 0; i < sizeof walk_keys / sizeof walk_keys[0]; i++)
    if (walk_keys[i].code == ch)
      {
        command (w, walk_keys[i].cmd);
        return;
      }
  if (ch == 27)
    w->quit = screen_esc (w->app, w->msg, sizeof w->msg);   /* back to the menu */
  else if (ch < KEY_MIN)
    snprintf (w->msg, sizeof w->msg, "That key does nothing here: ? lists the keys.");
  /* A function key or the like that means nothing here: nothing to say. */
}

static void *
open_walk (struct app *a)
{
  struct walk *w = xcalloc (1, sizeof *w);
  w->app = a;
  w->L = a->L;
  walkthrough_init (&w->run, w->L);
  /* Where the learner left off, read before step 1 overwrites it. */
  int left_at = progress_walk_at (a->store, a->lesson_name);
  w->notes = a->notes;
  w->predict = a->predict;
  size_t first = a->start_step > 0 ? (size_t) a->start_step : 1;
  if (first > w->L->nsteps)
    first = w->L->nsteps;
  goto_step (w, first);
  snprintf (w->msg, sizeof w->msg, "%s", screen_warning (a));
  /* --step says where to start: then there is nothing to offer. */
  if (left_at > 1 && (size_t) left_at <= w->L->nsteps && !a->start_step)
    w->resume = left_at;
  return w;
}

static void
close_walk (void *ctx)
{
  struct walk *w = ctx;
  input_stop ();
  w->app->from_lessons = 0;
  walkthrough_free (&w->run);
  screen_save (w->app, NULL, 0);
  free (w);
}

static void
on_layout (void *ctx)
{
  struct walk *w = ctx;
  walk_layout (w);
  /* A smaller terminal may leave the step's changed row out of sight:
     bring it back. */
  size_t r = walk_hex_changed (w);
  if (r != (size_t) -1 && (r < w->hex_top || r >= w->hex_top + (size_t) walk_hex_sight (w)))
    w->hex_top = r;
  scroll_to (w, (long long) w->hex_top);
}

static int
on_key (void *ctx, int ch)
{
  struct walk *w = ctx;
  walk_key (w, ch);
  if (!w->quit)
    return SCREEN_STAY;
  return w->app->from_lessons ? SCREEN_LESSONS : SCREEN_MENU;
}

static void
on_draw (void *ctx)
{
  walk_draw (ctx);
}

/* On the [vvar] step, its bytes again (and the clock): they change with
   no key pressed.  Nothing else is read. */
static int
on_tick (void *ctx)
{
  struct walk *w = ctx;
  const struct lesson_step *st = w->run.done ? walk_step (w) : NULL;
  if (!st || st->action != SHM_VVAR || w->whole || !kshare_refresh (&w->run.ks))
    return 0;
  report_step (&w->run, &w->rep);
  return 1;
}

static const struct screen walkthrough = {
  "walkthrough", SCREEN_MENU, walk_help, (int) (sizeof walk_help / sizeof walk_help[0]),
  open_walk, close_walk, on_layout, on_draw, on_key, on_tick,
};

enum screen_id
walk_run (struct app *a)
{
  return screen_run (a, &walkthrough);
}
