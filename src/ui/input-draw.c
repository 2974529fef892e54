/* input-draw.c - the open prompt drawn: its mark in vi mode, the prompt
   (readline's own during a search), and the line scrolled to keep the
   cursor in sight, a mark where it is cut; one pass over the line.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <readline/readline.h>

#include "draw.h"
#include "input.h"
#include "xalloc.h"

/* The columns of the character at S (a UTF-8 locale: mbrtowc and
   wcwidth), and its length in *N. */
static int
char_cols (const char *s, size_t left, size_t *n)
{
  mbstate_t ps;
  wchar_t wc;
  memset (&ps, 0, sizeof ps);
  size_t k = mbrtowc (&wc, s, left, &ps);
  if (k == (size_t) -1 || k == (size_t) -2 || k == 0)
    {
      *n = 1;
      return 1;
    }
  *n = k;
  int w = wcwidth (wc);
  return w < 0 ? 1 : w;
}

void
input_draw (int y, int x, int w)
{
  if (!input_active ())
    return;
  const char *buf = rl_line_buffer ? rl_line_buffer : "";
  size_t end = rl_end > 0 ? (size_t) rl_end : 0, point = rl_point > 0 ? (size_t) rl_point : 0;
  const char *mark = rl_editing_mode == 0
    ? (rl_get_keymap () == vi_movement_keymap ? "(cmd) " : "(ins) ") : "";
  /* During Ctrl-R readline's own prompt says what is searched for. */
  const char *prompt = RL_ISSTATE (RL_STATE_ISEARCH | RL_STATE_NSEARCH) && rl_display_prompt
    ? rl_display_prompt : input_prompt ();
  const char *more = draw_cut_mark ();
  int pw = draw_text (y, x, w, mark, A_BOLD);
  pw += draw_text (y, x + pw, w - pw, prompt, A_BOLD);
  int room = w - pw - 1;
  mvhline (y, x + pw, ' ', w - pw);
  if (room < 2)
    return;
  /* The columns before the cursor, then as many characters dropped from
     the start as keep the cursor in sight: one pass over the line. */
  int before = 0;
  for (size_t i = 0, n; i < point && i < end; i += n)
    before += char_cols (buf + i, end - i, &n);
  size_t skip = 0;
  int dropped = 0;
  while (before - dropped > room - 1 && skip < point)
    {
      size_t n;
      dropped += char_cols (buf + skip, end - skip, &n);
      skip += n;
    }
  int col = x + pw, left = room;
  if (skip)
    {
      draw_text (y, col, 1, more, A_BOLD);      /* text cut on the left */
      col++;
      left--;
    }
  /* The text from SKIP, as far as it fits; a mark where it is cut. */
  size_t i = skip;
  int used = 0;
  while (i < end)
    {
      size_t n;
      int c = char_cols (buf + i, end - i, &n);
      if (used + c > left - 1 && i + n < end)
        break;
      if (used + c > left)
        break;
      i += n;
      used += c;
    }
  char *shown = xstrndup (buf + skip, i - skip);
  if (shown)
    {
      /* A pasted newline or tab is one cell, shown as a space. */
      for (char *p = shown; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
          *p = ' ';
      draw_text (y, col, left, shown, 0);
      free (shown);
    }
  if (i < end)
    draw_text (y, col + used, 1, more, A_BOLD);  /* and on the right */
  move (y, col + before - dropped);
}

