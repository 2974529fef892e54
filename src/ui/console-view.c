/* console-view.c - what the call console shows: the kernel's side (the
   fds and mappings, the shown mapping's figures and maps line), the
   statements run, the output, the page and the help list, and where each
   part of the screen goes for the terminal's size.  console.c keeps the
   prompt and the running of statements.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "draw.h"
#include "input.h"
#include "inspect.h"
#include "kview.h"
#include "names.h"
#include "text.h"
#include "tty.h"

/* The shown mapping's protection, part by part when an mprotect of part of
   it split its maps line: "PROT_READ|PROT_WRITE" or "pages 0-1
   PROT_READ|PROT_WRITE, 2 PROT_READ". */
static void
prot_text (const struct evaluator *ev, const struct ev_map *m, char *buf, size_t len)
{
  struct maps_part parts[EV_MAX_PAGES];
  char prot[64];
  size_t used = 0;
  int n = inspect_maps_parts (m->addr, m->span, parts, EV_MAX_PAGES);

  buf[0] = '\0';
  if (n <= 1)
    {
      names_format (NAMES_PROT, m->prot, buf, len);
      return;
    }
  for (int i = 0; i < n; i++)
    {
      size_t first = (parts[i].start - (uintptr_t) m->addr) / ev->page;
      size_t last = (parts[i].end - (uintptr_t) m->addr) / ev->page - 1;
      long p = inspect_perms_prot (parts[i].perms);
      if (first == last)
        text_append (buf, len, &used, "%spage %zu %s", i ? ", " : "", first,
                     names_format (NAMES_PROT, p, prot, sizeof prot));
      else
        text_append (buf, len, &used, "%spages %zu-%zu %s", i ? ", " : "", first, last,
                     names_format (NAMES_PROT, p, prot, sizeof prot));
    }
}

void
console_read_maps (struct console *c)
{
  const struct evaluator *ev = &c->ev;
  char line[256];
  c->maps[0] = c->prot[0] = '\0';
  if (ev->current < 0)
    return;
  const struct ev_map *m = &ev->maps[ev->current];
  int found = inspect_maps_line (NULL, m->addr, line, sizeof line);
  struct maps_part parts[EV_MAX_PAGES];
  int records = m->live ? inspect_maps_parts (m->addr, m->span, parts, EV_MAX_PAGES) : 0;
  if (found == 1 && m->live && records > 1)
    snprintf (c->maps, sizeof c->maps, "maps: %s  [+%d more record%s: 'shown:' has each "
              "part]", line, records - 1, records > 2 ? "s" : "");
  else if (found == 1 && m->live)
    snprintf (c->maps, sizeof c->maps, "maps: %s", line);
  else if (found == 1 && m->reserved)
    snprintf (c->maps, sizeof c->maps, "maps: %s  (the console holds the freed addresses, "
              "PROT_NONE: the mapping itself is gone)", line);
  else if (found == 1)
    snprintf (c->maps, sizeof c->maps, "maps: %p is in another mapping now: %s",
              (void *) m->addr, line);
  else if (found == 0)
    snprintf (c->maps, sizeof c->maps, "maps: no line holds %p%s", (void *) m->addr,
              m->live ? "" : " any more: that mapping is gone");
  else
    snprintf (c->maps, sizeof c->maps, "maps: /proc/self/maps cannot be read");
  if (m->live)
    prot_text (ev, m, c->prot, sizeof c->prot);
}

void
console_state (const struct console *c, char lines[CONSOLE_STATE][512])
{
  const struct evaluator *ev = &c->ev;
  char flags[96], more[300];
  size_t used = 0;
  const size_t len = sizeof lines[0];

  for (int i = 0; i < CONSOLE_STATE; i++)
    lines[i][0] = '\0';
  text_append (lines[0], len, &used, "fds:");
  for (int i = 0; i < ev->nfds; i++)
    text_append (lines[0], len, &used, " %d", ev->fds[i]);
  if (!ev->nfds)
    text_append (lines[0], len, &used, " none");
  text_append (lines[0], len, &used, "   mappings:");
  int any = 0;
  for (int i = 0; i < ev->nmaps; i++)
    if (ev->maps[i].live)
      {
        any = 1;
        text_append (lines[0], len, &used, " %s%p", i == ev->current ? "*" : "",
                     (void *) ev->maps[i].addr);
      }
  if (!any)
    text_append (lines[0], len, &used, " none");

  if (ev->current >= 0 && ev->maps[ev->current].live)
    {
      const struct ev_map *m = &ev->maps[ev->current];
      snprintf (lines[1], len, "shown: %p  %zu B  %s  %s", (void *) m->addr, m->len, c->prot,
                names_format (NAMES_MAP, m->flags, flags, sizeof flags));
      used = 0;
      text_append (lines[2], len, &used, "%s", kview_resident_text (&ev->kv, more, sizeof more));
      if (c->have_last && c->last.minflt >= 0 && !c->last.refused)
        text_append (lines[2], len, &used, "  minor faults: %+ld%s", c->last.minflt,
                     c->last.minflt_own ? ", the tutor's own too (fork)" : "");
      snprintf (lines[3], len, "smaps (kB): %s", kview_smaps_text (&ev->kv.sm, more, sizeof more));
      snprintf (lines[4], len, "%s", kview_frames_text (&ev->kv, more, sizeof more));
      snprintf (lines[5], len, "%s", c->maps);
    }
  else if (ev->current >= 0)
    {
      snprintf (lines[1], len, "shown: nothing (munmap removed it)");
      snprintf (lines[2], len, "%s", c->maps);
    }
  else
    snprintf (lines[1], len, "shown: nothing mapped yet: try p = mmap(...) (help lists the "
              "calls)");
}

void
console_what (const struct console *c, char *buf, size_t len, int *bad)
{
  const struct call_record *r = &c->last;
  *bad = 0;
  buf[0] = '\0';
  if (!c->have_last)
    return;
  *bad = r->err || r->refused || r->fault;
  snprintf (buf, len, "%s%s", *bad ? (r->refused ? "refused: " : "-> ") : "",
            *bad ? r->explain : r->output);
}

const char *
console_past (const struct console *c, int n)
{
  if (n < 0 || n >= c->npast)
    return NULL;
  return c->past[(c->first + c->npast - 1 - n) % CONSOLE_HISTORY];
}

const char *
console_out (const struct console *c, int n)
{
  if (n < 0 || n >= c->nout)
    return NULL;
  return c->out[(c->out_first + c->nout - 1 - n) % CONSOLE_OUT];
}

void
console_printed (struct console *c, const char *text, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      if (!c->out_open)
        {
          if (c->nout == CONSOLE_OUT)
            {
              c->out_first = (c->out_first + 1) % CONSOLE_OUT;
              c->nout--;
            }
          c->out[(c->out_first + c->nout++) % CONSOLE_OUT][0] = '\0';
          c->out_open = 1;
        }
      if (text[i] == '\n')
        {
          c->out_open = 0;
          continue;
        }
      char *l = c->out[(c->out_first + c->nout - 1) % CONSOLE_OUT];
      size_t k = strlen (l);
      /* A line longer than a row can hold goes on in the next one. */
      if (k + 1 >= sizeof c->out[0])
        {
          c->out_open = 0;
          i--;
          continue;
        }
      l[k] = text[i];
      l[k + 1] = '\0';
    }
}

/* The rows of the note under the page: a parse error's line and caret,
   Tab's matches, or a note wrapped. */
static int
note_rows (const struct console *c)
{
  if (c->caret[0])
    return 2;
  if (input_matches ()[0])
    return 1;
  if (c->note[0])
    {
      int n = draw_lines (c->note, COLS - 2);
      return n < 3 ? n : 3;
    }
  return 0;
}

void
console_layout (struct console *c)
{
  struct console_layout *l = &c->lay;
  char lines[CONSOLE_STATE][512], what[600];
  int bad, w = COLS - 2;

  memset (l, 0, sizeof *l);
  console_what (c, what, sizeof what, &bad);
  console_state (c, lines);
  l->what_h = what[0] ? draw_lines (what, COLS - 4) : 0;
  for (int i = 0; i < CONSOLE_STATE; i++)
    l->state_h += draw_lines (lines[i], w);   /* an empty one takes no row */
  l->note_h = note_rows (c);
  /* The output: its rule and its newest lines, a few of them. */
  int out_rows = c->nout < 4 ? c->nout : 4;
  /* Title, the page's rule, the prompt and the key bar are fixed; the
     statements and the page share the rest, the newest statement whole. */
  int avail = LINES - 4 - l->what_h - l->state_h - l->note_h;
  if (out_rows && avail >= out_rows + 4)
    {
      l->out_h = out_rows;
      avail -= out_rows + 1;
    }
  else if (out_rows && avail >= 5)
    {
      l->out_h = 1;
      avail -= 2;
    }
  const char *newest = console_past (c, 0);
  int first = newest ? draw_lines (newest, w) : 0;
  int rows = (int) pview_nrows (&c->ev.view);
  rows = rows < 1 ? 1 : rows;
  l->hex_h = avail - first;
  if (l->hex_h > avail / 2 && avail / 2 >= 2)
    l->hex_h = avail / 2;          /* half each: more statements on a tall terminal */
  if (l->hex_h > rows)
    l->hex_h = rows;
  if (l->hex_h < 1)
    l->hex_h = 1;
  l->past_h = avail - l->hex_h;
  if (l->past_h < 0)
    {
      /* Too few rows: the verdict gives up rows, then the state lines,
         then the note, each cut marked; the title stays. */
      int short_by = -l->past_h;
      l->past_h = 0;
      for (int *part[] = { &l->what_h, &l->state_h, &l->note_h }, i = 0; short_by && i < 3; i++)
        {
          int give = *part[i] - 1 < short_by ? *part[i] - 1 : short_by;
          if (give > 0)
            *part[i] -= give, short_by -= give;
        }
    }
  /* The statements, what the last one did, then what they printed under
     its own rule: the console's words apart from the program's output. */
  l->past_y = 1;
  l->what_y = l->past_y + l->past_h;
  l->out_y = l->what_y + l->what_h;
  l->state_y = l->out_y + (l->out_h ? l->out_h + 1 : 0);
  l->hex_y = l->state_y + l->state_h;
  l->note_y = l->hex_y + 1 + l->hex_h;
}

/* A statement for the list of those run: on one row, its blanks and
   newlines as one blank each. */
void
console_one_row (const char *in, char *out, size_t len)
{
  size_t k = 0;
  for (; *in && k + 1 < len; in++)
    if (*in == '\n' || *in == '\t' || *in == '\r' || *in == ' ')
      {
        if (k && out[k - 1] != ' ')
          out[k++] = ' ';
      }
    else
      out[k++] = *in;
  out[k] = '\0';
}

/* The statement again in the note, and a caret under column COL. */
void
console_mark_column (struct console *c, const char *stmt, int col, const char *why)
{
  char row[CP_MAX_LINE + 1];
  snprintf (row, sizeof row, "%s", stmt);
  for (char *q = row; *q; q++)
    if (*q == '\n' || *q == '\t' || *q == '\r')
      *q = ' ';
  snprintf (c->note, sizeof c->note, "  %s", row);
  snprintf (c->caret, sizeof c->caret, "  %*s^ column %d%s%s", col - 1, "", col,
            why[0] ? ": " : "", why);
}

/* The output: what printf, puts and perror printed, and the values
   shown, newest last. */
void
console_draw_out (struct console *c)
{
  const struct console_layout *l = &c->lay;
  char title[96];
  if (!l->out_h)
    return;
  snprintf (title, sizeof title, "output%s", c->nout > l->out_h ? " (newest lines)" : "");
  draw_rule (l->out_y, 0, COLS, title);
  for (int i = 0; i < l->out_h; i++)
    {
      const char *o = console_out (c, l->out_h - 1 - i);
      if (o)
        draw_text (l->out_y + 1 + i, 2, COLS - 3, o, 0);
    }
}

void
console_draw_help (void)
{
  int n = 0;
  while (ev_help (n))
    n++;
  /* Above the prompt and the key bar, which stay in sight. */
  int w = COLS - 4, h = n + 4 < LINES - 2 ? n + 4 : LINES - 2;
  int shown = h - 4 < n ? h - 5 : n;
  int y = (LINES - 2 - h) / 2;
  for (int r = 0; r < h; r++)
    draw_fill (y + r, 2, w, 0);
  draw_box (y, 2, h, w, "the console understands");
  for (int i = 0; i < shown; i++)
    draw_text (y + 1 + i, 4, w - 4, ev_help (i), 0);
  if (shown < n)
    {
      char more[96];
      snprintf (more, sizeof more, "%s %d more: a taller terminal shows them all.",
                draw_cut_mark (), n - shown);
      draw_text (y + 1 + shown, 4, w - 4, more, A_DIM);
    }
  draw_text (y + h - 2, 4, w - 4, "Any key closes this; F1 lists the keys and the hex view's "
             "byte classes.", A_BOLD);
}

void
console_remember (struct console *c, const char *line)
{
  if (c->npast == CONSOLE_HISTORY)
    {
      c->first = (c->first + 1) % CONSOLE_HISTORY;
      c->npast--;
    }
  char *to = c->past[(c->first + c->npast++) % CONSOLE_HISTORY];
  size_t n = strlen (line);
  n = n < sizeof c->past[0] ? n : sizeof c->past[0] - 1;
  memcpy (to, line, n);
  to[n] = '\0';
}

/* How many of the newest statements fit whole in ROWS rows. */
static int
past_fit (const struct console *c, int rows)
{
  int n = 0, h;
  const char *p;
  while ((p = console_past (c, n)) && (h = draw_lines (p, COLS - 2)) <= rows)
    rows -= h, n++;
  return n;
}

/* The statements, newest at the bottom, as many as fit, each whole; when
   some do not fit, the top row says how many are above. */
void
console_draw_past (struct console *c)
{
  const struct console_layout *l = &c->lay;
  int n = past_fit (c, l->past_h), y = l->past_y + l->past_h;
  if (n < c->npast && l->past_h > 0)
    {
      char more[80];
      n = past_fit (c, l->past_h - 1);
      snprintf (more, sizeof more, "(%d earlier statement%s: Up recalls them)", c->npast - n,
                c->npast - n == 1 ? "" : "s");
      draw_text (l->past_y, 1, COLS - 2, more, tty_attr (PAIR_DIM));
    }
  for (int i = 0; i < n; i++)
    {
      const char *p = console_past (c, i);
      int h = draw_lines (p, COLS - 2);
      y -= h;
      draw_para (y, 1, COLS - 2, h, p, i == 0 ? A_BOLD : 0);
    }
}

void
console_draw_page (struct console *c)
{
  const struct console_layout *l = &c->lay;
  const struct page_view *v = &c->ev.view;
  int h = l->hex_h;
  char title[128];
  size_t rows = pview_nrows (v);
  if (v->ok)
    snprintf (title, sizeof title, "%p, rows %zu-%zu of %zu  (Tab on an empty line: next "
              "mapping)", (void *) c->ev.maps[c->ev.current].addr, c->hex_top + 1,
              c->hex_top + (size_t) h < rows ? c->hex_top + (size_t) h : rows, rows);
  else
    snprintf (title, sizeof title, "page");
  draw_rule (l->hex_y, 0, COLS, title);
  if (v->ok)
    draw_hex (l->hex_y + 1, 2, h, v, c->hex_top);
}
