/* input-keys.c - the prompt's own keys, bound into readline: Tab's
   completion (and Tab on an empty line), PgUp and PgDn for the screen's
   paging, F1 for the screen's keys; and where completion's candidates go.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "input-keys.h"
#include "input.h"
#include "xalloc.h"

/* Completion, for the prompts that have it (the call console). */
static const char *(*complete_name) (int i, void *ctx);
static void (*empty_tab) (void *ctx);
static void *complete_ctx;
static char matches_text[512];
static void (*page_fn) (int dir, void *ctx);    /* PgUp / PgDn at the prompt */
static void *page_ctx;

static char *
generate (const char *text, int st)
{
  static int i;
  static size_t len;
  const char *n;
  if (!st)
    {
      i = 0;
      len = strlen (text);
    }
  while ((n = complete_name (i++, complete_ctx)))
    if (strncmp (n, text, len) == 0)
      return xstrdup (n);
  return NULL;
}

static char **
attempt (const char *text, int start, int end)
{
  (void) start, (void) end;
  rl_attempted_completion_over = 1;     /* never file names */
  return complete_name ? rl_completion_matches (text, generate) : NULL;
}

/* Readline would print the candidates on the terminal; they go to a line
   of the screen instead. */
static void
show_matches (char **m, int n, int longest)
{
  size_t used = 0;
  (void) longest;
  matches_text[0] = '\0';
  for (int i = 1; i <= n; i++)
    if (used + strlen (m[i]) + 2 < sizeof matches_text)
      used += (size_t) snprintf (matches_text + used, sizeof matches_text - used, "%s%s",
                                 i > 1 ? "  " : "", m[i]);
}

/* PgUp and PgDn reach readline as escape sequences (the prompt has keypad
   mode off): they go to the screen's paging, not into the line. */
static int
page_up (int count, int key)
{
  (void) count, (void) key;
  if (page_fn)
    page_fn (-1, page_ctx);
  return 0;
}

static int
page_down (int count, int key)
{
  (void) count, (void) key;
  if (page_fn)
    page_fn (1, page_ctx);
  return 0;
}

/* F1 at a prompt, where ? is a character: the screen's keys. */
static int help_wanted;

static int
f1 (int count, int key)
{
  (void) count, (void) key;
  help_wanted = 1;
  return 0;
}

int
input_take_help (void)
{
  int h = help_wanted;
  help_wanted = 0;
  return h;
}

/* Tab: complete, or on an empty line hand it to the screen. */
static int
tab (int count, int key)
{
  if (rl_end == 0 && empty_tab)
    {
      empty_tab (complete_ctx);
      return 0;
    }
  if (!complete_name)
    return 0;
  /* A second Tab lists the candidates, as readline's own Tab does. */
  if (rl_last_func == tab)
    return rl_possible_completions (count, key);
  return rl_complete (count, key);
}


void
input_completion (const char *(*name) (int i, void *ctx), void (*on_empty_tab) (void *ctx),
                  void *ctx)
{
  complete_name = name;
  empty_tab = on_empty_tab;
  complete_ctx = ctx;
  matches_text[0] = '\0';
}

void
input_paging (void (*fn) (int dir, void *ctx), void *ctx)
{
  page_fn = fn;
  page_ctx = ctx;
}

const char *
input_matches (void)
{
  return matches_text;
}

void
input_matches_clear (void)
{
  matches_text[0] = '\0';
}

void
input_keys_bind (void)
{
  rl_attempted_completion_function = attempt;
  rl_completion_display_matches_hook = show_matches;
  rl_bind_key ('\t', tab);
  /* In every keymap: emacs, and vi's insert and command modes. */
  Keymap maps[] = { emacs_standard_keymap, vi_insertion_keymap, vi_movement_keymap };
  for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
    {
      rl_bind_keyseq_in_map ("\033[5~", page_up, maps[i]);
      rl_bind_keyseq_in_map ("\033[6~", page_down, maps[i]);
      rl_bind_keyseq_in_map ("\033OP", f1, maps[i]);
      rl_bind_keyseq_in_map ("\033[11~", f1, maps[i]);
    }
}
