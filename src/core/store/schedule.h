/* schedule.h - when a card is due: Leitner boxes (named so as not to hide
   the system's <sched.h>).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_SCHED_H
#define SHMTUTOR_SCHED_H

/* A card starts in box 0 (new, or forgotten) and moves up a box when
   remembered; each box has an interval before the card is due again:
     box 0: 1 minute (again in this session), 1: 1 day, 2: 3 days,
     3: 7 days, 4: 16 days, 5: 35 days.
   Grades: 1 Again: back to box 0 (a lapse, when it was higher).
           2 Hard:  stays in its box (at least box 1), due after half the
                    box's interval, but no sooner than a day.
           3 Good:  up one box.   4 Easy: up two boxes. */
#define SCHED_BOXES 6

enum sched_grade { GRADE_AGAIN = 1, GRADE_HARD, GRADE_GOOD, GRADE_EASY };

/* What is remembered of one card. */
struct sched_card {
  int box;
  long long due;            /* seconds since the epoch; 0 = new, due now */
  unsigned seen, right, lapses;
};

/* The interval of BOX, in seconds. */
long long sched_interval(int box);

/* Record GRADE given at time NOW. */
void sched_grade(struct sched_card *c, enum sched_grade grade, long long now);

/* Is C due at NOW? */
int sched_is_due(const struct sched_card *c, long long now);

#endif
