/* plain.c - the line mode (--plain): the walkthrough, the quiz, the cards
   and the glossary as plain lines of text with readline prompts; no cursor
   addressing, no escape sequences.  When input ends the defaults are taken,
   so `shmtutor --plain walkthrough </dev/null` writes a handout.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "draw.h"
#include "flashcards.h"
#include "hexdump.h"
#include "quiz.h"
#include "report.h"
#include "screens.h"
#include "status.h"
#include "walkthrough.h"
#include "visible.h"
#include "xalloc.h"

#define WIDTH 72

/* The longest line read from a standard input that is no terminal. */
#define PLAIN_MAX_LINE 4096

struct plain {
  int tty;                  /* stdin is a terminal: prompt with readline */
  int eof;                  /* input has ended: take the defaults */
  long lineno;              /* lines read from it */
  int bad;                  /* a line was too long: the status says so */
};

/* Ask PROMPT; returns the line (to be freed) or NULL when input has ended. */
static char *
ask (struct plain *p, const char *prompt)
{
  if (p->eof)
    return NULL;
  fflush (stdout);
  char *line = NULL;
  if (p->tty)
    {
      line = readline (prompt);
      if (line && *line)
        add_history (line);
    }
  else
    {
      /* A line at most PLAIN_MAX_LINE bytes: a longer one (or a file with
         no newline, /dev/zero) is an error with its line number, and the
         rest of the input is not read. */
      size_t n = 0;
      int ch = EOF;
      line = xmalloc (PLAIN_MAX_LINE + 1);
      p->lineno++;
      while (n < PLAIN_MAX_LINE && (ch = getchar ()) != EOF && ch != '\n')
        line[n++] = (char) ch;
      line[n] = '\0';
      if (n == PLAIN_MAX_LINE && ch != '\n' && (ch = getchar ()) != '\n' && ch != EOF)
        {
          text_printf_visible (stderr, "shmtutor: standard input, line %ld: longer than %d bytes; the "
                   "rest is not read\n", p->lineno, PLAIN_MAX_LINE);
          p->bad = 1;
          free (line);
          line = NULL;
        }
      else if (ch == EOF && n == 0)
        {
          free (line);
          line = NULL;
        }
    }
  if (!line)
    p->eof = 1;
  return line;
}

struct indent {
  int n;
};

static void
put_line (void *arg, const char *s, size_t n)
{
  text_printf_visible (stdout, "%*s%.*s\n", ((struct indent *) arg)->n, "", (int) n, s);
}

/* Print S wrapped to the width, each line indented by N. */
static void
para (int n, const char *s)
{
  struct indent in = { n };
  draw_wrap (s, WIDTH - n, put_line, &in);
}

/* Is row ROW of V all zero bytes, none of them changed by the step? */
static int
zero_row (const struct page_view *v, const struct hex_row *row)
{
  for (int i = 0; i < row->nbytes; i++)
    if (v->cur[row->offset + (size_t) i] || pview_changed (v, row->offset + (size_t) i))
      return 0;
  return row->nbytes > 0;
}

/* The page: its rows, runs of zero rows told in one line, pages not read
   in one line each, and which bytes the step changed. */
static void
print_page (const struct page_view *v, const void *map, const char *whose, const char *mark)
{
  if (!v->ok)
    {
      text_printf_visible (stdout, "  %spage: %s\n", mark, v->why);
      return;
    }
  size_t rows = pview_nrows (v), zero_from = (size_t) -1, zero_end = 0, zero_rows = 0;
  text_printf_visible (stdout, "  %spage (%zu bytes at %p)%s%s:\n", mark, v->len, map, whose[0] ? ", as " : "", whose);
  for (size_t r = 0; r <= rows; r++)
    {
      struct hex_row row;
      int zero = r < rows && pview_row (v, r, &row) == 0 && zero_row (v, &row)
        && row.offset % v->page != 0;
      if (zero)
        {
          if (zero_from == (size_t) -1)
            zero_from = row.offset, zero_rows = 0;
          zero_end = row.offset + (size_t) row.nbytes;
          zero_rows++;
          continue;
        }
      if (zero_from != (size_t) -1)
        {
          text_printf_visible (stdout, "    %s%04zx-%04zx  all zero (%zu rows)\n", mark, zero_from, zero_end - 1,
                  zero_rows);
          zero_from = (size_t) -1;
        }
      if (r == rows)
        break;
      text_printf_visible (stdout, "    %s%s\n", mark, row.text);
    }
  size_t first = (size_t) -1, last = 0, n = 0;
  for (size_t i = 0; i < v->len; i++)
    if (pview_changed (v, i))
      {
        if (first == (size_t) -1)
          first = i;
        last = i;
        n++;
      }
  if (n)
    text_printf_visible (stdout, "  %schanged by this step: %zu byte%s, offsets 0x%04zx-0x%04zx\n", mark, n,
            n == 1 ? "" : "s", first, last);
}

/* With a second process: each one's figures, and the child's page as
   the child sees it. */
static void
print_panes (const struct walkthrough *t, const struct report *rep)
{
  for (int i = 0; rep->panes && i < 2; i++)
    {
      const struct report_pane *pn = &rep->pane[i];
      text_printf_visible (stdout, "  [%s]", pn->title);
      if (pn->maps[0])
        text_printf_visible (stdout, " maps: %s", pn->maps);
      text_printf_visible (stdout, "\n");
      if (pn->figures[0])
        text_printf_visible (stdout, "    %s\n", pn->figures);
      if (pn->said[0])
        text_printf_visible (stdout, "    %s\n", pn->said);
    }
  if (rep->panes && !t->twin.show_stranger && t->twin.alive)
    print_page (&t->twin.child.view, t->twin.child.map, "the child sees it", "[child] ");
}

/* A step of the kernel's shared pages: its faults, its lines and the
   bytes it read ([vvar]'s, or the ring's). */
static void
print_kernel (const struct walkthrough *t, const struct report *rep, const struct lesson_step *st)
{
  const struct kshare *k = &t->ks;
  if (rep->kernel[0])
    text_printf_visible (stdout, "  %s\n", rep->kernel);
  for (int i = 0; i < rep->nlines; i++)
    text_printf_visible (stdout, "  %s\n", rep->lines[i]);
  if (st->action == SHM_CLOCK_COST)
    return;
  print_page (&k->view, st->action == SHM_VVAR ? (const void *) k->vvar.start
                                              : (const void *) k->sq_ring,
              "", st->action == SHM_VVAR ? "[vvar] " : "[ring] ");
}

int
plain_walk (struct app *a, struct plain *p)
{
  const struct lesson *L = a->L;
  struct walkthrough t;
  struct report rep;

  walkthrough_init (&t, L);
  text_printf_visible (stdout, "shmtutor: %s (%zu steps)\n", L->title, L->nsteps);
  if (L->source)
    {
      text_printf_visible (stdout, "Source:\n");
      para (2, L->source);
    }
  text_printf_visible (stdout, "\nThe program:\n");
  for (size_t i = 0; i < L->nprogram; i++)
    text_printf_visible (stdout, "  %3zu  %s\n", i + 1, L->program[i]);
  size_t n = a->start_step > 0 ? (size_t) a->start_step : 1;
  for (; n <= L->nsteps; n++)
    {
      const struct lesson_step *st = &L->steps[n - 1];
      if (st->action == SHM_WRITE && st->prompt && n > t.done + 0)
        {
          char prompt[256];
          snprintf (prompt, sizeof prompt, "Text for sprintf (Enter: \"%s\")> ",
                    st->text ? st->text : "");
          char *line = ask (p, prompt);
          walkthrough_set_text (&t, n - 1, line && *line ? line : NULL);
          free (line);
        }
      walkthrough_goto (&t, n);
      report_step (&t, &rep);
      const struct call_record *r = &t.rec[n - 1];
      text_printf_visible (stdout, "\nStep %zu of %zu: %s", n, L->nsteps, st->name);
      if (st->line)
        text_printf_visible (stdout, " (program line%s %d%s%.0d)", st->line_end > st->line ? "s" : "", st->line,
                st->line_end > st->line ? "-" : "", st->line_end > st->line ? st->line_end : 0);
      text_printf_visible (stdout, "\n");
      for (int l = st->line; l && l <= st->line_end; l++)
        text_printf_visible (stdout, "  > %s\n", L->program[l - 1]);
      text_printf_visible (stdout, "  %s %s\n", r->call, r->result);
      if (rep.detail[0])
        text_printf_visible (stdout, "    %s\n", rep.detail);
      if (walkthrough_on_kernel (&t))
        print_kernel (&t, &rep, st);
      else
        {
          text_printf_visible (stdout, "  %s\n  %s\n", rep.state, rep.kernel);
          if (rep.smaps[0])
            text_printf_visible (stdout, "  %s\n", rep.smaps);
          if (rep.pagemap[0])
            text_printf_visible (stdout, "  %s\n", rep.pagemap);
          text_printf_visible (stdout, "  %s\n", rep.maps);
          print_page (&t.shm.view, t.shm.map, rep.panes ? "the parent sees it" : "", "");
          print_panes (&t, &rep);
        }
      if (st->explain)
        {
          text_printf_visible (stdout, "\n");
          para (2, st->explain);
        }
      if (a->notes && st->note)
        {
          text_printf_visible (stdout, "\n  Instructor's notes:\n");
          para (4, st->note);
        }
      if (n < L->nsteps)
        {
          char *line = ask (p, "Enter: next step, q: quit> ");
          int quit = line && (line[0] == 'q' || line[0] == 'Q');
          free (line);
          if (quit)
            break;
        }
    }
  text_printf_visible (stdout, "\n");
  walkthrough_free (&t);
  return 0;
}

int
plain_quiz (struct app *a, struct plain *p)
{
  struct quiz z;
  size_t right = 0;
  if (quiz_make (a->D, a->seed, 12, &z) != 0)
    {
      text_printf_visible (stderr, "shmtutor: this deck makes no question: it has no term, key concept, "
               "memory aid, order of calls or fact to ask about\n");
      return EXIT_DATAERR;
    }
  text_printf_visible (stdout, "shmtutor: quiz, %zu questions\n", z.n);
  for (size_t i = 0; i < z.n; i++)
    {
      const struct quiz_question *q = &z.q[i];
      text_printf_visible (stdout, "\nQuestion %zu of %zu\n", i + 1, z.n);
      para (2, q->prompt);
      for (int c = 0; c < q->nchoices; c++)
        text_printf_visible (stdout, "    %d) %s\n", c + 1, q->choices[c]);
      char *line = ask (p, q->nchoices ? "answer (a number)> " : "answer> ");
      if (!line)
        {
          /* No more input: the answer key. */
          text_printf_visible (stdout, "  Answer: %s\n", q->answer);
          continue;
        }
      int ok = q->nchoices ? quiz_check_choice (q, atoi (line) - 1) : quiz_check (q, line);
      right += ok;
      text_printf_visible (stdout, "  %s%s\n", ok ? "Right!" : "Not quite. The answer: ", ok ? "" : q->answer);
      free (line);
    }
  text_printf_visible (stdout, "\nScore: %zu of %zu right.\n", right, z.n);
  quiz_free (&z);
  return 0;
}

int
plain_flashcards (struct app *a, struct plain *p)
{
  struct flash_deck f;
  flash_build (a->D, &f);
  size_t *due = xcalloc (f.n ? f.n : 1, sizeof *due);
  size_t n = flash_due (&f, a->store, (long long) time (NULL), 0, due);
  unsigned seen = 0, right = 0;
  text_printf_visible (stdout, "shmtutor: flashcards, %zu due\n", n);
  for (size_t k = 0; k < n; k++)
    {
      const struct flash_card *c = &f.c[due[k]];
      text_printf_visible (stdout, "\n%s\n", c->label);
      para (2, c->front);
      char *line = ask (p, "Enter shows the back> ");
      free (line);
      text_printf_visible (stdout, "  Back:\n");
      para (4, c->back);
      line = ask (p, "Grade: 1 Again, 2 Hard, 3 Good, 4 Easy (Enter: skip)> ");
      if (line && line[0] >= '1' && line[0] <= '4')
        {
          if (flash_grade (a->store, c, (enum sched_grade) (line[0] - '0'),
                           (long long) time (NULL)))
            {
              seen++;
              right += line[0] >= '2';
            }
        }
      free (line);
    }
  /* Grades that cannot be kept are said lost, and the status says so:
     a script must not take 18 cards graded for 18 cards saved. */
  int saved = store_save (a->store) == 0, rc = 0;
  text_printf_visible (stdout, "\n%u card%s graded, %u right.\n", seen, seen == 1 ? "" : "s", right);
  if (!saved || (seen && !a->store->save && a->save_files))
    {
      fflush (stdout);
      text_printf_visible (stderr, "shmtutor: %u grade%s not saved: %s\n", seen, seen == 1 ? "" : "s",
               a->store->warning[0] ? a->store->warning : "the progress cannot be written");
      rc = EXIT_TROUBLE;
    }
  free (due);
  flash_free (&f);
  return rc;
}

int
plain_glossary (struct app *a, struct plain *p)
{
  (void) p;
  static const char *const heads[] = { "Glossary", "Key concepts" };
  const struct deck *D = a->D;
  for (int k = DECK_TERM; k <= DECK_CONCEPT; k++)
    {
      text_printf_visible (stdout, "%s\n", heads[k]);
      for (size_t i = 0; i < D->nentries; i++)
        if ((int) D->entries[i].kind == k)
          {
            text_printf_visible (stdout, "  %s\n", D->entries[i].word);
            para (6, D->entries[i].means);
          }
      text_printf_visible (stdout, "\n");
    }
  text_printf_visible (stdout, "Memory aids\n");
  for (size_t i = 0; i < D->naids; i++)
    {
      const struct deck_aid *x = &D->aids[i];
      static const char *const kinds[] = { "Rhyme", "Story", "Memory tool", "Acronym" };
      text_printf_visible (stdout, "  %s%s%s\n", kinds[x->kind], x->name ? ": " : "", x->name ? x->name : "");
      if (x->text)
        para (6, x->text);
      for (size_t j = 0; j < x->nparts; j++)
        text_printf_visible (stdout, "      %s - %s\n", x->parts[j].letter, x->parts[j].stands_for);
    }
  if (D->source)
    {
      text_printf_visible (stdout, "\nSource\n");
      para (2, D->source);
    }
  return 0;
}

int
plain_run (struct app *a, int (*screen) (struct app *a, struct plain *p))
{
  struct plain p = { isatty (STDIN_FILENO), 0, 0, 0 };
  int rc;
  if (p.tty)
    {
      rl_readline_name = "shmtutor";
      /* Prompts go where the person is: the terminal, even when stdout is a
         file being written. */
      rl_outstream = isatty (STDOUT_FILENO) ? stdout : stderr;
    }
  rc = screen (a, &p);
  if (p.tty)
    clear_history ();
  return p.bad && rc == EXIT_SUCCESS ? EXIT_DATAERR : rc;
}
