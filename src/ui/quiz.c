/* quiz.c - the quiz screen: a round of questions, feedback at once, the
   missed ones again at the end, and a score.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "input.h"
#include "quiz.h"
#include "screens.h"
#include "tty.h"
#include "xalloc.h"

#define ROUND 12

static const char *const kind_names[QUIZ_NKINDS] = {
  [QUIZ_MEANING] = "Meaning", [QUIZ_TERM] = "Name it", [QUIZ_LETTER] = "Letters",
  [QUIZ_RHYME] = "Rhyme", [QUIZ_STORY] = "Story", [QUIZ_ORDER] = "Order of the calls",
  [QUIZ_FACT] = "True or false",
};

struct quizscr {
  struct app *app;
  struct quiz z;
  size_t order[ROUND * 2];  /* questions to ask: the round, then the missed */
  size_t n, at;
  unsigned char missed[ROUND];
  size_t asked;             /* questions answered the first time */
  size_t right_first;
  int sel;                  /* the highlighted choice */
  int shown;                /* feedback is up for the current question */
  int was_right;
  int finished;
  uint64_t seed;
  const char *warning;      /* the store's, or a notice: shown until the next key */
  char note[128];
  int choice_y[QUIZ_MAX_CHOICES];   /* where each choice was drawn */
  int input_y;              /* the answer prompt's row */
  size_t review_top;        /* the first missed question shown at the end */
  int review_more;          /* ... and more below it */
};


static int
new_round (struct quizscr *s)
{
  quiz_free (&s->z);
  memset (s->missed, 0, sizeof s->missed);
  s->at = s->asked = s->right_first = 0;
  s->sel = s->shown = s->finished = 0;
  s->review_top = 0;
  if (quiz_make (s->app->D, s->seed, ROUND, &s->z) != 0)
    return -1;
  s->n = s->z.n;
  for (size_t i = 0; i < s->n; i++)
    s->order[i] = i;
  return 0;
}

static const struct quiz_question *
question (const struct quizscr *s)
{
  return &s->z.q[s->order[s->at]];
}

/* The review line of missed question I into LINE (LEN bytes). */
static void
review_line (const struct quizscr *s, size_t i, char *line, size_t len)
{
  snprintf (line, len, "%s  ->  %s", s->z.q[i].prompt, s->z.q[i].answer);
}

/* Whether the missed questions from the FROM'th to the last fit in ROWS
   rows of W columns (one row kept for the count when it is not all). */
static int
review_fits (const struct quizscr *s, size_t from, int rows, int w)
{
  char line[600];
  size_t k = 0;
  int need = 0;
  for (size_t i = 0; i < s->z.n; i++)
    if (s->missed[i] && k++ >= from)
      {
        review_line (s, i, line, sizeof line);
        need += draw_lines (line, w);
      }
  return need + (from > 0) <= rows;
}

static void
draw_score (struct quizscr *s)
{
  char line[600];
  int y = 3, end = LINES - 4, w = COLS - 12;
  if (s->z.n == 0)
    {
      draw_para (y, 4, COLS - 8, end - y, "This deck makes no question: it has no term, key "
                 "concept, memory aid, order of calls or fact to ask about "
                 "(shmtutor --check DECK says what it holds).", A_BOLD);
      draw_text (LINES - 3, 4, COLS - 8, "Press q to go back.", A_BOLD);
      return;
    }
  snprintf (line, sizeof line, "Score: %zu of %zu right the first time.", s->right_first,
            s->z.n);
  draw_text (y++, 4, COLS - 8, line, A_BOLD);
  y++;
  size_t nmissed = 0, shown = 0;
  for (size_t i = 0; i < s->z.n; i++)
    nmissed += s->missed[i];
  if (!nmissed)
    draw_text (y++, 4, COLS - 8, "Every question right the first time.", 0);
  else
    {
      draw_text (y++, 4, COLS - 8, "To look at again:", 0);
      /* Each whole, wrapped, from the review_top'th; what is below is
         counted on the last row, and Down scrolls to it.  A taller
         terminal than when it was scrolled scrolls back up as far as the
         rest still fits. */
      while (s->review_top && review_fits (s, s->review_top - 1, end - y, w))
        s->review_top--;
      size_t k = 0;
      for (size_t i = 0; i < s->z.n; i++)
        if (s->missed[i] && k++ >= s->review_top)
          {
            review_line (s, i, line, sizeof line);
            int h = draw_lines (line, w);
            int last = shown + 1 == nmissed - s->review_top;
            if (y + h > end - (last ? 0 : 1))
              break;
            draw_text (y, 6, 2, "-", 0);
            y += draw_para (y, 8, w, h, line, 0);
            shown++;
          }
      if (s->review_top || s->review_top + shown < nmissed)
        {
          snprintf (line, sizeof line, "missed %zu-%zu of %zu: Up/Down scroll",
                    s->review_top + 1, s->review_top + shown, nmissed);
          draw_text (y, 6, w, line, tty_attr (PAIR_DIM));
        }
    }
  s->review_more = s->review_top + shown < nmissed;
  draw_text (LINES - 3, 4, COLS - 8, "Press r for a new round, or q to go back.", A_BOLD);
}

/* The verdict on the answer given, in LINE (LEN bytes). */
static const char *
verdict (const struct quizscr *s, const struct quiz_question *q, char *line, size_t len)
{
  if (s->was_right)
    snprintf (line, len, "Right!");
  else
    snprintf (line, len, "Not quite. The answer: %s", q->answer);
  return line;
}

static void
draw (void *ctx)
{
  struct quizscr *s = ctx;
  char line[600];
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  draw_text (0, 0, COLS - 30, " shmtutor \xc2\xb7 Quiz", tty_strong (PAIR_TITLE));
  if (s->finished)
    snprintf (line, sizeof line, "done  q back ");
  else
    snprintf (line, sizeof line, "question %zu/%zu  q back ", s->at + 1, s->n);
  draw_text (0, COLS - (int) strlen (line), (int) strlen (line), line, tty_attr (PAIR_TITLE));
  if (s->finished)
    draw_score (s);
  else
    {
      const struct quiz_question *q = question (s);
      snprintf (line, sizeof line, "%s%s", kind_names[q->kind],
                s->at >= s->z.n ? "  (again: missed before)" : "");
      draw_text (2, 4, COLS - 8, line, tty_strong (PAIR_DIM));
      /* The question, its choices, the verdict, one after the other, each
         whole: the question gives up rows (marked) only when the rest
         could not be shown. */
      int w = COLS - 8, end = LINES - 2, rest = 0;
      for (int i = 0; i < q->nchoices; i++)
        rest += draw_lines (q->choices[i], w - 5);
      if (s->shown)
        rest += 1 + draw_lines (verdict (s, q, line, sizeof line), w) + 1;
      if (!q->nchoices)
        rest += 2;              /* a blank, and the answer prompt */
      int room = end - 4 - 1 - rest;
      int y = 4 + draw_para (4, 4, w, room < 1 ? 1 : room, q->prompt, A_BOLD) + 1;
      for (int i = 0; i < q->nchoices; i++)
        {
          s->choice_y[i] = y;
          int mark = s->shown && i == q->right;
          int attr = i == s->sel && !s->shown ? tty_attr (PAIR_CURRENT) : 0;
          snprintf (line, sizeof line, "%c %d) ", i == s->sel ? '>' : ' ', i + 1);
          int h = draw_lines (q->choices[i], w - 5);
          for (int r = 0; attr && r < h && y + r < end; r++)
            draw_fill (y + r, 3, COLS - 6, attr);
          draw_text (y, 4, 5, line, attr | (mark ? A_BOLD : 0));
          y += draw_para (y, 9, w - 5, end - y, q->choices[i], attr | (mark ? A_BOLD : 0));
        }
      if (!q->nchoices)
        s->input_y = ++y, y++;
      if (s->shown)
        {
          y++;
          y += draw_para (y, 4, w, end - y, verdict (s, q, line, sizeof line),
                          s->was_right ? (int) A_BOLD : tty_attr (PAIR_ERROR));
          draw_text (y < end ? y : end - 1, 4, w, "Press Enter for the next question.", 0);
        }
      /* A typed answer's prompt is drawn last, below. */
    }
  if (s->warning && *s->warning)
    draw_text (LINES - 2, 1, COLS - 2, s->warning, A_BOLD);
  char keys[80];
  if (!s->finished && question (s)->nchoices)
    snprintf (keys, sizeof keys, "1-%d or Up/Down and Enter answer  q back",
              question (s)->nchoices);
  draw_text (LINES - 1, 1, COLS - 2, s->finished ? (s->review_more || s->review_top
                                                    ? "r new round  Up/Down scroll  q back"
                                                    : "r new round  q back")
             : s->shown ? "Enter or Space next question  q back"
             : question (s)->nchoices ? keys
             : "type the answer, Enter  Ctrl-G shows the answer  Ctrl-D back",
             tty_attr (PAIR_DIM));
  if (input_active ())
    input_draw (s->input_y, 4, COLS - 8);
  else
    {
      /* The hardware cursor sits on the chosen answer. */
      curs_set (0);
      if (!s->finished && question (s)->nchoices)
        move (s->choice_y[s->sel], 4);
    }

}

static void
start_question (struct quizscr *s)
{
  s->sel = 0;
  s->shown = 0;
  if (question (s)->nchoices == 0)
    input_start (INPUT_ANSWER, "answer> ", 200);
}

static void
answer (struct quizscr *s, int right)
{
  size_t qi = s->order[s->at];
  s->shown = 1;
  s->was_right = right;
  if (s->at < s->z.n)
    {
      s->asked++;
      s->right_first += right;
      /* A miss comes back at the end of the round, once. */
      if (!right)
        {
          s->missed[qi] = 1;
          s->order[s->n++] = qi;
        }
    }
}

static void
advance (struct quizscr *s)
{
  s->at++;
  if (s->at >= s->n)
    s->finished = 1;
  else
    start_question (s);
}

static void *
open_quiz (struct app *a)
{
  struct quizscr *s = xcalloc (1, sizeof *s);
  s->app = a;
  s->seed = a->seed++;          /* the next visit gets another round */
  if (new_round (s) == 0)
    start_question (s);
  else
    s->finished = 1;            /* no question: the score screen says why */
  s->warning = screen_warning (a);
  return s;
}

static void
close_quiz (void *ctx)
{
  struct quizscr *s = ctx;
  input_stop ();
  quiz_free (&s->z);
  free (s);
}

static int
key (void *ctx, int ch)
{
  struct quizscr *s = ctx;
  s->warning = NULL;
  if (input_active ())
    {
      enum input_state st = input_key (ch);
      const char *typed = input_line ();
      if (st == INPUT_DONE && (!typed || !*typed))
        {
          /* An empty Enter answers nothing (a second Enter after the last
             answer, say): the question waits. */
          input_stop ();
          input_start (INPUT_ANSWER, "answer> ", 200);
          s->warning = "Type an answer and press Enter; Ctrl-G shows the answer.";
        }
      else if (st == INPUT_DONE)
        {
          int right = quiz_check (question (s), typed);
          input_stop ();
          answer (s, right);
        }
      else if (st == INPUT_CANCEL)
        answer (s, 0);          /* Ctrl-G: given up, the answer shown */
      else if (st == INPUT_EOF)
        return SCREEN_MENU;     /* Ctrl-D on an empty line: leave the quiz */
      return SCREEN_STAY;
    }
  if (ch == 'q' || ch == 'Q')
    return SCREEN_MENU;
  if (ch == 27)
    {
      if (screen_esc (s->app, s->note, sizeof s->note))
        return SCREEN_MENU;
      s->warning = s->note;     /* until the next key */
      return SCREEN_STAY;
    }
  if (s->finished)
    {
      if ((ch == KEY_DOWN || ch == 'j') && s->review_more)
        s->review_top++;
      else if ((ch == KEY_UP || ch == 'k') && s->review_top)
        s->review_top--;
      else if (ch == 'r')
        {
          s->seed++;
          if (new_round (s) == 0)
            start_question (s);
          else
            s->finished = 1;
        }
    }
  else if (s->shown)
    {
      if (ch == '\r' || ch == '\n' || ch == KEY_ENTER || ch == ' ')
        advance (s);
    }
  else
    {
      const struct quiz_question *q = question (s);
      if (ch >= '1' && ch < '1' + q->nchoices)
        answer (s, quiz_check_choice (q, ch - '1'));
      else if ((ch == KEY_UP || ch == 'k') && s->sel > 0)
        s->sel--;
      else if ((ch == KEY_DOWN || ch == 'j') && s->sel + 1 < q->nchoices)
        s->sel++;
      else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
        answer (s, quiz_check_choice (q, s->sel));
    }
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "1-4", "answer with that choice" },
  { "Up Down k j", "choose; Enter answers" },
  { "answer> Enter", "a typed answer; Ctrl-G shows the answer" },
  { "Enter Space", "after the verdict: the next question" },
  { "r", "when the round is done: a new round" },
  { "Up Down k j", "when the round is done: scroll the missed questions" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys (F1 at the answer prompt, where ? is typed)" },
  { "q Q Esc Ctrl-C", "back to the menu" },
};

static const struct screen quiz = {
  "quiz", SCREEN_MENU, keys, (int) (sizeof keys / sizeof keys[0]),
  open_quiz, close_quiz, NULL, draw, key, NULL,
};

enum screen_id
quiz_run (struct app *a)
{
  return screen_run (a, &quiz);
}
