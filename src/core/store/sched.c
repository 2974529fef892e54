/* sched.c - when a card is due: Leitner boxes.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "schedule.h"

#define MINUTE 60LL
#define DAY (24 * 60 * MINUTE)

static const long long intervals[SCHED_BOXES] = {
  MINUTE, DAY, 3 * DAY, 7 * DAY, 16 * DAY, 35 * DAY,
};

long long
sched_interval (int box)
{
  if (box < 0)
    box = 0;
  if (box >= SCHED_BOXES)
    box = SCHED_BOXES - 1;
  return intervals[box];
}

void
sched_grade (struct sched_card *c, enum sched_grade grade, long long now)
{
  long long wait;

  if (c->box < 0 || c->box >= SCHED_BOXES)
    c->box = 0;
  c->seen++;
  switch (grade)
    {
    case GRADE_AGAIN:
      if (c->box > 0)
        c->lapses++;
      c->box = 0;
      wait = sched_interval (0);
      break;
    case GRADE_HARD:
      if (c->box < 1)
        c->box = 1;
      wait = sched_interval (c->box) / 2;
      if (wait < DAY)
        wait = DAY;
      c->right++;
      break;
    case GRADE_EASY:
      c->box += 2;
      if (c->box >= SCHED_BOXES)
        c->box = SCHED_BOXES - 1;
      wait = sched_interval (c->box);
      c->right++;
      break;
    case GRADE_GOOD:
    default:
      if (c->box < SCHED_BOXES - 1)
        c->box++;
      wait = sched_interval (c->box);
      c->right++;
      break;
    }
  c->due = now + wait;
}

int
sched_is_due (const struct sched_card *c, long long now)
{
  return c->due <= now;
}
