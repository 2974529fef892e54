/* glossary.c - every term, key concept and memory aid, scrollable and
   searchable.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "input.h"
#include "screens.h"
#include "text.h"
#include "tty.h"
#include "xalloc.h"

struct gline {
  char *text;
  int attr;
  int indent;
};

struct glossary {
  struct app *app;
  struct gline *lines;
  size_t n, cap;
  size_t top;
  int width;                /* the lines were wrapped for this width */
  char query[128];
  size_t match;             /* the line of the last match */
  char msg[2100];
};


static void
add_line (struct glossary *g, int indent, int attr, const char *p, size_t n)
{
  g->lines = xgrow (g->lines, &g->cap, g->n, sizeof *g->lines, 64);
  char *t = xstrndup (p, n);
  g->lines[g->n++] = (struct gline) { t, attr, indent };
}

struct wrapping {
  struct glossary *g;
  int indent, attr;
};

static void
wrapped (void *arg, const char *p, size_t n)
{
  struct wrapping *w = arg;
  add_line (w->g, w->indent, w->attr, p, n);
}

/* Add S wrapped to the screen's width at INDENT. */
static void
para (struct glossary *g, int indent, int attr, const char *s)
{
  struct wrapping w = { g, indent, attr };
  draw_wrap (s, g->width - indent - 2, wrapped, &w);
}

static void
blank (struct glossary *g)
{
  add_line (g, 0, 0, "", 0);
}

static void
free_lines (struct glossary *g)
{
  for (size_t i = 0; i < g->n; i++)
    free (g->lines[i].text);
  free (g->lines);
  g->lines = NULL;
  g->n = g->cap = 0;
}

static void
build (struct glossary *g)
{
  static const char *const section[] = { "Glossary", "Key concepts" };
  static const char *const aid_names[] = {
    [AID_RHYME] = "Rhyme", [AID_STORY] = "Story", [AID_TOOL] = "Memory tool",
    [AID_ACRONYM] = "Acronym",
  };
  const struct deck *D = g->app->D;
  char buf[256];

  free_lines (g);
  g->width = COLS;
  for (int kind = DECK_TERM; kind <= DECK_CONCEPT; kind++)
    {
      para (g, 0, A_BOLD | A_UNDERLINE, section[kind]);
      for (size_t i = 0; i < D->nentries; i++)
        if ((int) D->entries[i].kind == kind)
          {
            para (g, 2, A_BOLD, D->entries[i].word);
            para (g, 6, 0, D->entries[i].means);
          }
      blank (g);
    }
  para (g, 0, A_BOLD | A_UNDERLINE, "Memory aids");
  for (size_t i = 0; i < D->naids; i++)
    {
      const struct deck_aid *a = &D->aids[i];
      snprintf (buf, sizeof buf, "%s%s%s", aid_names[a->kind], a->name ? ": " : "",
                a->name ? a->name : "");
      para (g, 2, A_BOLD, buf);
      if (a->text)
        para (g, 6, 0, a->text);
      for (size_t j = 0; j < a->nparts; j++)
        {
          snprintf (buf, sizeof buf, "%s - %s", a->parts[j].letter, a->parts[j].stands_for);
          para (g, 6, 0, buf);
        }
    }
  if (D->norder)
    {
      blank (g);
      para (g, 0, A_BOLD | A_UNDERLINE, "The calls, in order");
      size_t used = 0;
      buf[0] = '\0';
      for (size_t i = 0; i < D->norder; i++)
        text_append (buf, sizeof buf, &used, "%s%s()", i ? " -> " : "", D->order[i]);
      para (g, 2, 0, buf);
    }
  if (D->source)
    {
      /* Where the words come from, as a book ends with its sources. */
      blank (g);
      para (g, 0, A_BOLD | A_UNDERLINE, "Source");
      para (g, 2, 0, D->source);
    }
}

static int
rows (void)
{
  return LINES - 3;
}

static void
scroll_to (struct glossary *g, long long top)
{
  long long max = (long long) g->n - rows ();
  if (top > max)
    top = max;
  if (top < 0)
    top = 0;
  g->top = (size_t) top;
}

static void
draw (void *ctx)
{
  struct glossary *g = ctx;
  char title[160];
  if (g->width != COLS)
    build (g);
  scroll_to (g, (long long) g->top);      /* a taller terminal: no empty rows below */
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  snprintf (title, sizeof title, " shmtutor \xc2\xb7 Glossary \xc2\xb7 %s", g->app->D->title
            ? g->app->D->title : "");
  draw_text (0, 0, COLS - 22, title, tty_strong (PAIR_TITLE));
  snprintf (title, sizeof title, "%zu-%zu/%zu  q back ", g->n ? g->top + 1 : 0,
            g->top + (size_t) rows () < g->n ? g->top + (size_t) rows () : g->n, g->n);
  draw_text (0, COLS - (int) strlen (title), (int) strlen (title), title,
             tty_attr (PAIR_TITLE));
  for (int r = 0; r < rows () && g->top + (size_t) r < g->n; r++)
    {
      const struct gline *l = &g->lines[g->top + (size_t) r];
      draw_text (1 + r, 1 + l->indent, COLS - 2 - l->indent, l->text, l->attr);
      const char *m = g->query[0] ? strcasestr (l->text, g->query) : NULL;
      if (m)
        {
          /* The match stands out in reverse, in colour or not. */
          int x = 1 + l->indent + draw_width (l->text, (size_t) (m - l->text));
          int w = draw_width (m, strlen (g->query));
          mvchgat (1 + r, x, w, A_REVERSE | l->attr, 0, NULL);
        }
    }
  if (input_active ())
    ;                       /* drawn last: the cursor stays in it */
  else if (g->msg[0])
    draw_text (LINES - 2, 1, COLS - 2, g->msg, A_BOLD);
  /* The keys that work now: at the search prompt, the prompt's. */
  draw_text (LINES - 1, 1, COLS - 2, input_active () ? input_keys ()
             : "Up/Down PgUp/PgDn Home/End scroll  / search  n/N next/previous  q back",
             tty_attr (PAIR_DIM));
  if (input_active ())
    input_draw (LINES - 2, 1, COLS - 2);
  else
    {
      curs_set (0);
      move (1, 1);        /* the top line shown, for a braille display */
    }
}


/* Find the query from line FROM on, going by STEP (1 or -1), wrapping. */
static void
find (struct glossary *g, size_t from, int step)
{
  if (!g->query[0] || !g->n)
    return;
  for (size_t k = 0; k < g->n; k++)
    {
      size_t i = step > 0 ? (from + k) % g->n : (from + g->n - k % g->n) % g->n;
      if (strcasestr (g->lines[i].text, g->query))
        {
          /* The match goes to the top, or as near it as scrolling allows. */
          scroll_to (g, (long long) i);
          g->match = i;
          g->msg[0] = '\0';
          return;
        }
    }
  snprintf (g->msg, sizeof g->msg, "Not found: %s", g->query);
}

static void *
open_glossary (struct app *a)
{
  struct glossary *g = xcalloc (1, sizeof *g);
  g->app = a;
  g->width = -1;
  snprintf (g->msg, sizeof g->msg, "%s", screen_warning (a));
  return g;
}

static void
close_glossary (void *ctx)
{
  struct glossary *g = ctx;
  input_stop ();
  free_lines (g);
  free (g);
}

static int
key (void *ctx, int ch)
{
  struct glossary *g = ctx;
  if (input_active ())
    {
      enum input_state st = input_key (ch);
      if (st == INPUT_DONE)
        {
          snprintf (g->query, sizeof g->query, "%s", input_line () ? input_line () : "");
          input_stop ();
          find (g, g->top, 1);
        }
      else if (st != INPUT_ACTIVE)
        input_stop ();
      return SCREEN_STAY;
    }
  g->msg[0] = '\0';
  switch (ch)
    {
    case 'q': case 'Q': return SCREEN_MENU;
    case 27:
      if (screen_esc (g->app, g->msg, sizeof g->msg))
        return SCREEN_MENU;
      break;
    case KEY_UP: case 'k': scroll_to (g, (long long) g->top - 1); break;
    case KEY_DOWN: case 'j': scroll_to (g, (long long) g->top + 1); break;
    case KEY_PPAGE: scroll_to (g, (long long) g->top - rows ()); break;
    case KEY_NPAGE: case ' ': scroll_to (g, (long long) g->top + rows ()); break;
    case KEY_HOME: case 'g': scroll_to (g, 0); break;
    case KEY_END: case 'G': scroll_to (g, 1LL << 40); break;
    case '/': input_start (INPUT_SEARCH, "search: ", sizeof g->query - 1); break;
    case 'n': find (g, g->match + 1, 1); break;
    case 'N': find (g, g->match ? g->match - 1 : g->n - 1, -1); break;
    default:
      snprintf (g->msg, sizeof g->msg, "Keys: arrows scroll, / searches, ? lists the keys, "
                "q goes back.");
    }
  return SCREEN_STAY;
}

static const struct help_line keys[] = {
  { "Up Down k j", "scroll a line" },
  { "PgUp PgDn Space", "scroll a screen" },
  { "Home End g G", "the top, the bottom" },
  { "/", "search (Enter searches; Ctrl-G gives up)" },
  { "n N", "the next, the previous match" },
  { "Ctrl-L", "redraw the screen" },
  { "? F1", "these keys" },
  { "q Q Esc Ctrl-C", "back to the menu" },
};

static const struct screen glossary = {
  "glossary", SCREEN_MENU, keys, (int) (sizeof keys / sizeof keys[0]),
  open_glossary, close_glossary, NULL, draw, key, NULL,
};

enum screen_id
glossary_run (struct app *a)
{
  return screen_run (a, &glossary);
}
