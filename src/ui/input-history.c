/* input-history.c - the prompts' history: one list a kind of prompt,
   readline's own while its prompt is open, kept here otherwise, and on
   disk in the state folder (core/histfile).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>

#include "histfile.h"
#include "input-history.h"
#include "input.h"
#include "xalloc.h"

#define HIST_KEEP 100           /* entries kept a kind */

static const char *const kind_names[INPUT_NKINDS] = {
  [INPUT_WRITE] = "write", [INPUT_ANSWER] = "answer", [INPUT_CONSOLE] = "console",
  [INPUT_SEARCH] = "search",
};
static HISTORY_STATE *kept[INPUT_NKINDS];
static int cur_kind = -1;
static char hist_path[1100];
static int hist_save;

/* ---- history ---------------------------------------------------------------- */

/* Make KIND's list readline's own. */
void
input_history_use (int kind)
{
  HISTORY_STATE empty;
  if (kind == cur_kind)
    return;
  if (cur_kind >= 0)
    {
      free (kept[cur_kind]);
      kept[cur_kind] = history_get_history_state ();
    }
  memset (&empty, 0, sizeof empty);
  history_set_history_state (kept[kind] ? kept[kind] : &empty);
  free (kept[kind]);
  kept[kind] = NULL;
  /* history_set_history_state only ever sets the stifled flag: set it
     again for this list. */
  unstifle_history ();
  stifle_history (HIST_KEEP);
  cur_kind = kind;
}

static void
add_entry (void *ctx, const char *kind, const char *text)
{
  (void) ctx;
  for (int k = 0; k < INPUT_NKINDS; k++)
    if (strcmp (kind, kind_names[k]) == 0)
      {
        input_history_use (k);
        add_history (text);
      }
}

/* Write every kind's list to the file, whole. */
void
input_history_save (void)
{
  if (!hist_save || !hist_path[0])
    return;
  int back = cur_kind;
  size_t n = 0, cap = 0;
  const char **kinds = NULL, **texts = NULL;
  /* Each kind in turn as readline's own, to read its entries. */
  for (int k = 0; k < INPUT_NKINDS; k++)
    {
      input_history_use (k);
      HIST_ENTRY **list = history_list ();
      for (int i = 0; list && list[i]; i++)
        {
          if (n == cap)
            {
              size_t nc = cap ? 2 * cap : 64;
              const char **a = xreallocarray (kinds, nc, sizeof *a), **b;
              kinds = a;
              if (!(b = xreallocarray (texts, nc, sizeof *b)))
                goto out;
              texts = b;
              cap = nc;
            }
          kinds[n] = kind_names[k];
          texts[n++] = list[i]->line;
        }
    }
  char msg[256];
  histfile_save (hist_path, n, kinds, texts, msg, sizeof msg);
out:
  free (kinds);
  free (texts);
  if (back >= 0)
    input_history_use (back);
}

void
input_history (const char *path, int save, char *msg, size_t len)
{
  snprintf (hist_path, sizeof hist_path, "%s", path);
  hist_save = save;
  using_history ();
  if (histfile_load (path, add_entry, NULL, msg, len) < 0)
    hist_save = 0;          /* never write over a file we could not read */
}

void
input_history_free (void)
{
  for (int k = 0; k < INPUT_NKINDS; k++)
    {
      /* Each list's entries, then the array that held them. */
      input_history_use (k);
      clear_history ();
      HISTORY_STATE *st = history_get_history_state (), empty;
      if (st)
        free (st->entries);
      free (st);
      memset (&empty, 0, sizeof empty);
      history_set_history_state (&empty);
    }
  for (int k = 0; k < INPUT_NKINDS; k++)
    {
      free (kept[k]);
      kept[k] = NULL;
    }
  cur_kind = -1;
}
