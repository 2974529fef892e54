/* progress.c - a walkthrough's progress in the store: the keys "walk NAME"
   (the step reached) and "predict NAME" (predictions seen and right), NAME
   the lesson's with no blanks; and an exercise's: "exercise NAME" (its
   state and when its last check was).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "progress.h"

/* "KIND NAME" into KEY (STORE_MAX_KEY bytes), blanks and controls in NAME
   made '_' (a key is one word after its kind). */
static void
key_of (char *key, const char *kind, const char *name)
{
  int n = snprintf (key, STORE_MAX_KEY, "%s %s", kind, name);
  size_t start = strlen (kind) + 1;
  if (n < 0)
    {
      key[0] = '\0';
      return;
    }
  for (char *p = key + start; *p; p++)
    if ((unsigned char) *p <= ' ' || *p == 0x7f)
      *p = '_';
}

int
progress_walk_at (const struct store *st, const char *lesson)
{
  char key[STORE_MAX_KEY];
  key_of (key, "walk", lesson);
  const struct store_item *it = store_find (st, key);
  return it ? it->step : 0;
}

int
progress_walk_reached (struct store *st, const char *lesson, int step)
{
  char key[STORE_MAX_KEY];
  key_of (key, "walk", lesson);
  struct store_item *it = store_get (st, key);
  if (!it)
    return -1;
  if (it->step != step)
    {
      it->step = step;
      it->dirty = 1;
    }
  return 0;
}

int
progress_predicted (struct store *st, const char *lesson, int right)
{
  char key[STORE_MAX_KEY];
  key_of (key, "predict", lesson);
  struct store_item *it = store_get (st, key);
  if (!it)
    return -1;
  it->card.seen++;
  it->card.right += right != 0;
  it->dirty = 1;
  return 0;
}

int
progress_exercise_state (const struct store *st, const char *exercise, long long *when)
{
  char key[STORE_MAX_KEY];
  key_of (key, "exercise", exercise);
  const struct store_item *it = store_find (st, key);
  if (when)
    *when = it ? it->card.due : 0;
  return it ? it->step : PROGRESS_NOT_STARTED;
}

int
progress_exercise_checked (struct store *st, const char *exercise, int passed, long long when)
{
  char key[STORE_MAX_KEY];
  key_of (key, "exercise", exercise);
  struct store_item *it = key[0] ? store_get (st, key) : NULL;
  if (!it)
    return -1;
  it->step = passed ? PROGRESS_PASSED : PROGRESS_FAILING;
  it->card.due = when;
  it->dirty = 1;
  return 0;
}
