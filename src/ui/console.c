/* console.c - the call console: the learner types calls at a GNU readline
   prompt, each runs for real (core/sandbox.c), and the hex view, the state
   and the maps line follow.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cparse.h"
#include "draw.h"
#include "hexdump.h"
#include "input.h"
#include "inspect.h"
#include "kview.h"
#include "names.h"
#include "sandbox.h"
#include "screens.h"
#include "text.h"
#include "tty.h"

#define HISTORY 5

struct console {
  struct app *app;
  struct sandbox sb;
  char past[HISTORY][440];  /* the last statements with their results */
  int npast;
  struct shm_record last;
  int have_last;
  char note[600];           /* a parse error's caret, save's answer, help */
  char caret[600];
  size_t hex_top;
  int help;
  char maps[300];           /* "maps: " and the shown mapping's line, "" when none */
  char prot[300];           /* its protection, part by part (read_maps) */
};


static void
remember (struct console *c, const char *line)
{
  if (c->npast == HISTORY)
    {
      memmove (c->past[0], c->past[1], sizeof c->past[0] * (HISTORY - 1));
      c->npast--;
    }
  snprintf (c->past[c->npast++], sizeof c->past[0], "%s", line);
}

/* The state lines: fds and mappings, the shown one, mincore and faults,
   smaps, pagemap and frames, its maps line; then the hex box. */
#define STATE_Y 8
#define BOX_Y (STATE_Y + 6)

static int
hex_rows (void)
{
  return LINES - BOX_Y - 7;   /* room below the box for a note and a caret */
}

/* The shown mapping's protection, part by part when an mprotect of part of
   it split its maps line: "PROT_READ|PROT_WRITE" or "pages 0-1
   PROT_READ|PROT_WRITE, 2 PROT_READ". */
static void
prot_text (const struct sandbox *sb, const struct sb_map *m, char *buf, size_t len)
{
  struct maps_part parts[SB_MAX_PAGES];
  char prot[64];
  size_t used = 0;
  int n = inspect_maps_parts (m->addr, m->span, parts, SB_MAX_PAGES);

  buf[0] = '\0';
  if (n <= 1)
    {
      names_format (NAMES_PROT, m->prot, buf, len);
      return;
    }
  for (int i = 0; i < n; i++)
    {
      size_t first = (parts[i].start - (uintptr_t) m->addr) / sb->page;
      size_t last = (parts[i].end - (uintptr_t) m->addr) / sb->page - 1;
      long p = inspect_perms_prot (parts[i].perms);
      if (first == last)
        text_append (buf, len, &used, "%spage %zu %s", i ? ", " : "", first,
                     names_format (NAMES_PROT, p, prot, sizeof prot));
      else
        text_append (buf, len, &used, "%spages %zu-%zu %s", i ? ", " : "", first, last,
                     names_format (NAMES_PROT, p, prot, sizeof prot));
    }
}

static void
draw_state (struct console *c)
{
  const struct sandbox *sb = &c->sb;
  char line[512], flags[96];
  size_t used = 0;

  text_append (line, sizeof line, &used, "fds:");
  for (int i = 0; i < sb->nfds; i++)
    text_append (line, sizeof line, &used, " %d", sb->fds[i]);
  if (!sb->nfds)
    text_append (line, sizeof line, &used, " none");
  text_append (line, sizeof line, &used, "   mappings:");
  int any = 0;
  for (int i = 0; i < sb->nmaps; i++)
    if (sb->maps[i].live)
      {
        any = 1;
        text_append (line, sizeof line, &used, " %s%p", i == sb->current ? "*" : "",
                     (void *) sb->maps[i].addr);
      }
  if (!any)
    text_append (line, sizeof line, &used, " none");
  draw_text (STATE_Y, 1, COLS - 2, line, 0);

  used = 0;
  if (sb->current >= 0 && sb->maps[sb->current].live)
    {
      const struct sb_map *m = &sb->maps[sb->current];
      char more[300];
      text_append (line, sizeof line, &used, "shown: %p  %zu B  %s  %s", (void *) m->addr,
                   m->len, c->prot, names_format (NAMES_MAP, m->flags, flags, sizeof flags));
      draw_text (STATE_Y + 1, 1, COLS - 2, line, 0);
      used = 0;
      text_append (line, sizeof line, &used, "%s",
                   kview_resident_text (&sb->kv, more, sizeof more));
      if (c->have_last && c->last.minflt >= 0 && !c->last.refused)
        text_append (line, sizeof line, &used, "  minor faults: %+ld%s", c->last.minflt,
                     c->last.minflt_own ? ", the tutor's own too (fork)" : "");
      draw_text (STATE_Y + 2, 1, COLS - 2, line, 0);
      used = 0;
      text_append (line, sizeof line, &used, "smaps (kB): %s",
                   kview_smaps_text (&sb->kv.sm, more, sizeof more));
      draw_text (STATE_Y + 3, 1, COLS - 2, line, 0);
      draw_text (STATE_Y + 4, 1, COLS - 2, kview_frames_text (&sb->kv, more, sizeof more), 0);
      draw_text (STATE_Y + 5, 1, COLS - 2, c->maps, 0);
    }
  else if (sb->current >= 0)
    {
      draw_text (STATE_Y + 1, 1, COLS - 2, "shown: nothing (munmap removed it)", 0);
      draw_text (STATE_Y + 2, 1, COLS - 2, c->maps, 0);
    }
  else
    draw_text (STATE_Y + 1, 1, COLS - 2, "shown: nothing mapped yet: try p = mmap(...) (help "
               "lists the calls)", 0);
}

static void
draw_page (struct console *c)
{
  const struct page_view *v = &c->sb.view;
  int h = hex_rows ();
  char title[128];
  size_t rows = pview_nrows (v);
  if (v->ok)
    snprintf (title, sizeof title, "%p, rows %zu-%zu of %zu  (Tab on an empty line: next "
              "mapping)", (void *) c->sb.maps[c->sb.current].addr, c->hex_top + 1,
              c->hex_top + (size_t) h < rows ? c->hex_top + (size_t) h : rows, rows);
  else
    snprintf (title, sizeof title, "page");
  draw_box (BOX_Y, 0, h + 2, COLS, title);
  if (v->ok)
    draw_hex (BOX_Y + 1, 2, h, v, c->hex_top);
}

static void
draw_help (void)
{
  int n = 0;
  while (sb_help (n))
    n++;
  int w = COLS - 4, legend = help_legend_lines (w - 20);
  int h = n + legend + 4;
  int y = (LINES - h) / 2;
  for (int r = 0; r < h; r++)
    draw_fill (y + r, 2, w, 0);
  draw_box (y, 2, h, w, "the console understands");
  for (int i = 0; i < n; i++)
    draw_text (y + 1 + i, 4, w - 4, sb_help (i), 0);
  /* ? is a character at the prompt: the hex view's legend is here. */
  draw_text (y + 1 + n, 4, 15, "hex view bytes", A_BOLD);
  help_legend (y + 1 + n, 20, w - 20);
  draw_text (y + h - 2, 4, w - 4, "Press any key to close this help.", A_BOLD);
}

static void
draw (void *ctx)
{
  struct console *c = ctx;
  char line[160];
  erase ();
  draw_fill (0, 0, COLS, tty_attr (PAIR_TITLE));
  draw_text (0, 0, COLS - 40, " shmtutor \xc2\xb7 Call console", tty_strong (PAIR_TITLE));
  snprintf (line, sizeof line, "help  Ctrl-D or quit leaves ");
  draw_text (0, COLS - (int) strlen (line), (int) strlen (line), line, tty_attr (PAIR_TITLE));
  for (int i = 0; i < c->npast; i++)
    draw_text (1 + i, 1, COLS - 2, c->past[i], i == c->npast - 1 ? A_BOLD : 0);
  if (c->have_last)
    {
      const struct shm_record *r = &c->last;
      int bad = r->err || r->refused || r->fault;
      char what[600];
      snprintf (what, sizeof what, "%s%s", bad ? (r->refused ? "refused: " : "-> ") : "",
                bad ? r->explain : r->output);
      /* Two lines: the verdicts (shows it, is gone) come at the end. */
      draw_para (6, 3, COLS - 4, 2, what, bad ? tty_attr (PAIR_ERROR) : 0);
    }
  draw_state (c);
  draw_page (c);
  int y = LINES - 4;
  const char *m = input_matches ();
  if (c->caret[0])
    {
      draw_text (y - 1, 1, COLS - 2, c->note, 0);
      draw_text (y, 1, COLS - 2, c->caret, tty_attr (PAIR_ERROR));
    }
  else if (m[0])
    draw_text (y, 1, COLS - 2, m, 0);
  else if (c->note[0])
    draw_para (y - 1, 1, COLS - 2, 2, c->note, A_BOLD);
  draw_text (LINES - 1, 1, COLS - 2, "Enter run  Ctrl-C clear  Up/Down history  Tab complete "
             "(empty: next map)  help", tty_attr (PAIR_DIM));
  if (c->help)
    draw_help ();
  input_draw (LINES - 2, 1, COLS - 2);

}


static const char *
name_at (int i, void *ctx)
{
  return sb_name (&((struct console *) ctx)->sb, i);
}

/* PgUp / PgDn at the prompt: the hex view a screen up or down. */
static void
page (int dir, void *ctx)
{
  struct console *c = ctx;
  long long top = (long long) c->hex_top + dir * hex_rows ();
  long long max = (long long) pview_nrows (&c->sb.view) - hex_rows ();
  c->hex_top = (size_t) (top > max ? (max > 0 ? max : 0) : top < 0 ? 0 : top);
}

/* Ask the kernel for the shown mapping's line of /proc/self/maps and its
   protection, part by part: after a statement or a switch, not on every
   redraw (each key at the prompt). */
static void
read_maps (struct console *c)
{
  const struct sandbox *sb = &c->sb;
  char line[256];
  c->maps[0] = c->prot[0] = '\0';
  if (sb->current < 0)
    return;
  const struct sb_map *m = &sb->maps[sb->current];
  int found = inspect_maps_line (NULL, m->addr, line, sizeof line);
  if (found == 1 && m->live)
    snprintf (c->maps, sizeof c->maps, "maps: %s", line);
  else if (found == 1)
    snprintf (c->maps, sizeof c->maps, "maps: %p is in another mapping now: %s",
              (void *) m->addr, line);
  else if (found == 0)
    snprintf (c->maps, sizeof c->maps, "maps: no line holds %p%s", (void *) m->addr,
              m->live ? "" : " any more: that mapping is gone");
  else
    snprintf (c->maps, sizeof c->maps, "maps: /proc/self/maps cannot be read");
  if (m->live)
    prot_text (sb, m, c->prot, sizeof c->prot);
}

static void
next_map (void *ctx)
{
  struct console *c = ctx;
  if (sb_next_map (&c->sb) < 0)
    snprintf (c->note, sizeof c->note, "No mapping to show: map one with mmap.");
  /* The last statement's faults belong beside the mapping it touched. */
  c->last.minflt = -1;
  c->hex_top = 0;
  read_maps (c);
}

/* Run one line; returns 1 when the console should close. */
static int
run_line (struct console *c, const char *line)
{
  struct cp_stmt st;
  int col;
  char err[200];

  c->note[0] = c->caret[0] = '\0';
  if (cp_parse (line, &st, &col, err, sizeof err) != 0)
    {
      /* The line again, and a caret under where parsing stopped. */
      snprintf (c->note, sizeof c->note, "  %s", line);
      snprintf (c->caret, sizeof c->caret, "  %*s^ column %d: %s", col - 1, "", col, err);
      cp_free (&st);
      return 0;
    }
  int quit = 0;
  switch (st.kind)
    {
    case CP_EMPTY: break;
    case CP_QUIT: quit = 1; break;
    case CP_HELP: c->help = 1; break;
    case CP_SAVE:
      sb_save (&c->sb, st.file, c->note, sizeof c->note);
      break;
    case CP_CALL:
    case CP_STORE:
      {
        char done[sizeof c->last.call + sizeof c->last.result + 8];
        sb_run (&c->sb, &st, &c->last);
        c->have_last = 1;
        read_maps (c);
        snprintf (done, sizeof done, "> %s  %s", c->last.call, c->last.result);
        remember (c, done);
        /* The first changed row into sight. */
        size_t r = pview_first_changed_row (&c->sb.view);
        if (r != (size_t) -1 && (r < c->hex_top || r >= c->hex_top + (size_t) hex_rows ()))
          c->hex_top = r;
        page (0, c);            /* clamped to the rows there are now */
        break;
      }
    }
  cp_free (&st);
  return quit;
}

static void *
open_console (struct app *a)
{
  struct console *c = calloc (1, sizeof *c);
  if (!c)
    return NULL;
  c->app = a;
  sb_init (&c->sb, a->save_files);
  snprintf (c->note, sizeof c->note, "%s", screen_warning (a));
  if (!c->note[0])
    snprintf (c->note, sizeof c->note, "Type a call, such as fd = open(\"/dev/zero\", O_RDWR), "
              "and press Enter; help lists the calls.");
  input_completion (name_at, next_map, c);
  input_paging (page, c);
  input_start (INPUT_CONSOLE, "console> ", CP_MAX_LINE);
  return c;
}

static void
close_console (void *ctx)
{
  struct console *c = ctx;
  input_stop ();
  input_completion (NULL, NULL, NULL);
  input_paging (NULL, NULL);
  sb_free (&c->sb);
  free (c);
}

static int
key (void *ctx, int ch)
{
  struct console *c = ctx;
  if (c->help)
    {
      c->help = 0;              /* any key closes the list of calls */
      return SCREEN_STAY;
    }
  enum input_state st = input_key (ch);
  if (st == INPUT_DONE)
    {
      char line[CP_MAX_LINE + 8];
      size_t cut = input_cut ();
      snprintf (line, sizeof line, "%s", input_line () ? input_line () : "");
      input_stop ();
      if (run_line (c, line))
        return SCREEN_MENU;
      if (cut)
        snprintf (c->note, sizeof c->note, "The line was cut to %d bytes: %zu more were "
                  "dropped.", CP_MAX_LINE, cut);
      input_start (INPUT_CONSOLE, "console> ", CP_MAX_LINE);
    }
  else if (st == INPUT_EOF)
    return SCREEN_MENU;
  else if (st == INPUT_CANCEL)
    input_start (INPUT_CONSOLE, "console> ", CP_MAX_LINE);      /* Ctrl-G: a new line */
  return SCREEN_STAY;
}

static const struct screen console = {
  /* Its prompt is always open, so ? is a character there: the calls are
     listed by the statement help, the keys by the man page. */
  "call console", SCREEN_MENU, NULL, 0, open_console, close_console, NULL, draw, key,
};

enum screen_id
console_run (struct app *a)
{
  return screen_run (a, &console);
}
