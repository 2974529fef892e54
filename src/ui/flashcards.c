/* flashcards.c - flashcards: a card's front, Space shows the back, 1-4 grade it;
   the Leitner boxes of sched.c decide when it comes again.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "flashcards.h"
#include "schedule.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

static const char *const grade_names[] = { "", "Again", "Hard", "Good", "Easy" };

struct cards {
  struct app *app;
  struct flash_deck deck;
  size_t *queue;            /* indices into deck, the cards still to show */
  size_t nqueue, head;
  size_t cap;
  int flipped;
  int back_y;               /* the back's first row, for the cursor */
  int done;                 /* nothing due: the summary */
  int ahead;                /* studying cards that are not due yet */
  unsigned seen, right;
  char msg[2100];
};

/* Say when T is, from NOW: "in 3 days (2026-11-29 10:00)". */
static void
when (char *buf, size_t len, long long t, long long now)
{
  char date[32];
  time_t tt = (time_t) t;
  struct tm tm;
  long long d = t - now;
  strftime (date, sizeof date, "%Y-%m-%d %H:%M", localtime_r (&tt, &tm));
  if (d <= 0)
    snprintf (buf, len, "now");
  else if (d < 3570)
    snprintf (buf, len, "in %lld minute%s (%s)", (d + 59) / 60, d > 60 ? "s" : "", date);
  else if (d < 86400 - 1800)
    snprintf (buf, len, "in %lld hour%s (%s)", (d + 1800) / 3600, d >= 5400 ? "s" : "", date);
  else
    {
      /* Rounded: a card due a day from a moment ago is due "in 1 day". */
      long long days = (d + 43200) / 86400;
      snprintf (buf, len, "in %lld day%s (%s)", days, days == 1 ? "" : "s", date);
    }
}

static void
draw (void *ctx)
{
  struct cards *c = ctx;
  char line[256];
  if (!draw_big_enough ())
    return;
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  draw_text (0, 0, COLS - 30, " shmtutor \xc2\xb7 Flashcards", tty_strong (PAIR_TITLE));
  snprintf (line, sizeof line, "%zu to go  q back ", c->done ? 0 : c->nqueue - c->head);
  draw_text (0, COLS - (int) strlen (line), (int) strlen (line), line, tty_attr (PAIR_TITLE));

  if (c->done)
    {
      long long now = (long long) time (NULL);
      long long next = flash_next_due (&c->deck, c->app->store, now);
      int y = 3;
      draw_text (y++, 4, COLS - 8, "Nothing is due now.", A_BOLD);
      y++;
      snprintf (line, sizeof line, "This session: %u card%s seen, %u right.", c->seen,
                c->seen == 1 ? "" : "s", c->right);
      draw_text (y++, 4, COLS - 8, line, 0);
      if (next)
        {
          char w[96];
          when (w, sizeof w, next, now);
          snprintf (line, sizeof line, "The next card is due %s.", w);
          draw_text (y++, 4, COLS - 8, line, 0);
        }
      y++;
      draw_text (y++, 4, COLS - 8, "Press a to study ahead (the cards due soonest first), "
                 "or q to go back.", 0);
    }
  else
    {
      const struct flash_card *fc = &c->deck.c[c->queue[c->head]];
      const struct store_item *it = store_find (c->app->store, fc->key);
      int w = COLS - 12;
      snprintf (line, sizeof line, "%s%s", fc->label,
                it ? "" : "  (new)");
      draw_text (2, 6, w, line, tty_strong (PAIR_DIM));
      /* Each box as tall as its text (at least 4 lines, as before); what
         the rows cannot hold is cut with a mark.  Under them the rating,
         above the notice row. */
      int fl = draw_lines (fc->front, w), bl = draw_lines (fc->back, w);
      int room = LINES - 7;     /* rows 3 to LINES - 5, a blank, the rating */
      int fh = (fl < 4 ? 4 : fl) + 2, bh = (bl < 4 ? 4 : bl) + 2;
      if (fh + 1 + bh > room)
        {
          bh = room - 1 - fh < 4 ? 4 : room - 1 - fh;
          fh = room - 1 - bh < 3 ? 3 : room - 1 - bh;
        }
      draw_box (3, 4, fh, COLS - 8, "front");
      draw_para (4, 6, w, fh - 2, fc->front, A_BOLD);
      int by = 3 + fh + 1;
      if (c->flipped)
        {
          draw_box (by, 4, bh, COLS - 8, "back");
          draw_para (by + 1, 6, w, bh - 2, fc->back, 0);
          draw_text (by + bh + 1, 4, COLS - 8, "How well did you know it?  1 Again  2 Hard  3 Good  "
                     "4 Easy", A_BOLD);
        }
      else
        draw_text (by, 6, w, "Think of the answer, then press Space to turn the card over.", 0);
      c->back_y = by + 1;
      if (it && it->card.seen)
        {
          snprintf (line, sizeof line, "box %d of %d, seen %u, right %u ", it->card.box,
                    SCHED_BOXES - 1, it->card.seen, it->card.right);
          draw_text (2, COLS - 4 - (int) strlen (line), (int) strlen (line), line,
                     tty_attr (PAIR_DIM));
        }
    }
  if (c->msg[0])
    draw_text (LINES - 2, 1, COLS - 2, c->msg, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, c->done ? "a study ahead  q back"
             : "Space flip  1 Again  2 Hard  3 Good  4 Easy  q back",
             tty_attr (PAIR_DIM));
  curs_set (0);
  /* The hardware cursor on what is being studied, for a braille display. */
  move (c->done ? 3 : c->flipped ? c->back_y : 4, c->done ? 4 : 6);
}

static void
fill (struct cards *c, int ahead)
{
  c->nqueue = flash_due (&c->deck, c->app->store, (long long) time (NULL), ahead, c->queue);
  c->head = 0;
  c->flipped = 0;
  c->ahead = ahead;
  c->done = c->nqueue == 0;
}

static void
grade (struct cards *c, enum sched_grade g)
{
  size_t i = c->queue[c->head];
  long long now = (long long) time (NULL);
  const struct sched_card *card = flash_grade (c->app->store, &c->deck.c[i], g, now);
  if (!card)
    {
      snprintf (c->msg, sizeof c->msg, "The grade was not kept: the card's key is too long for the progress file.");
      return;
    }
  c->seen++;
  c->right += g >= GRADE_HARD;
  snprintf (c->msg, sizeof c->msg, "%s: ", grade_names[g]);
  char w[96];
  when (w, sizeof w, card->due, now);
  size_t used = strlen (c->msg);
  snprintf (c->msg + used, sizeof c->msg - used, "this card comes back %s.", w);
  screen_save (c->app, c->msg, sizeof c->msg);
  c->head++;
  /* Forgotten cards come back before the session ends. */
  if (g == GRADE_AGAIN && c->nqueue < c->cap)
    c->queue[c->nqueue++] = i;
  c->flipped = 0;
  if (c->head >= c->nqueue)
    c->done = 1;
}

static void *
open_cards (struct app *a)
{
  struct cards *c = xcalloc (1, sizeof *c);
  c->app = a;
  flash_build (a->D, &c->deck);
  /* Room for every card, and for each to come back once more per grade. */
  c->cap = c->deck.n * 8 + 1;
  c->queue = xcalloc (c->cap, sizeof *c->queue);
  fill (c, 0);
  snprintf (c->msg, sizeof c->msg, "%s", screen_warning (a));
  return c;
}

static void
close_cards (void *ctx)
{
  struct cards *c = ctx;
  screen_save (c->app, NULL, 0);
  free (c->queue);
  flash_free (&c->deck);
  free (c);
}

static int
key (void *ctx, int ch)
{
  struct cards *c = ctx;
  if (ch == 'q' || ch == 'Q')
    return SCREEN_MENU;
  c->msg[0] = '\0';
  if (ch == 27)
    return screen_esc (c->app, c->msg, sizeof c->msg) ? SCREEN_MENU : SCREEN_STAY;
  if (c->done)
    {
      if (ch == 'a')
        {
          fill (c, 1);
          if (c->done)
            snprintf (c->msg, sizeof c->msg, "This deck has no cards.");
        }
    }
  else if (ch == ' ' || ch == '\r' || ch == '\n' || ch == KEY_ENTER)
    c->flipped = !c->flipped;
  else if (ch >= '1' && ch <= '4')
    {
      if (c->flipped)
        grade (c, (enum sched_grade) (ch - '0'));
      else
        snprintf (c->msg, sizeof c->msg, "Turn the card over with Space first.");
    }
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "Space Enter", "turn the card over" },
  { "1 2 3 4", "grade it: Again, Hard, Good, Easy" },
  { "a", "when nothing is due: study ahead" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Q Esc Ctrl-C", "back to the menu" },
};

static const struct screen cards = {
  "flashcards", SCREEN_MENU, keys, (int) (sizeof keys / sizeof keys[0]),
  open_cards, close_cards, NULL, draw, key, NULL,
};

enum screen_id
flashcards_run (struct app *a)
{
  return screen_run (a, &cards);
}
