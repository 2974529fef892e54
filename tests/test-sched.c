/* test-sched.c - the Leitner boxes: where a card goes after each grade and
   when it is due again, exactly as sched.h says.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "schedule.h"
#include "tap.h"

#define MIN 60LL
#define DAY (24 * 60 * MIN)
#define T0 1767225600LL         /* 2026-01-01 00:00:00 UTC */

/* The card a fresh start gives. */
static struct sched_card
fresh (void)
{
  struct sched_card c = { 0, 0, 0, 0, 0 };
  return c;
}

/* A card already in BOX, as a grade long ago would have left it. */
static struct sched_card
in_box (int box)
{
  struct sched_card c = { box, T0 - 100 * DAY, 5, 5, 0 };
  return c;
}

/* Grade C with G at NOW and check box, due, and the counters. */
static void
check (struct sched_card c, enum sched_grade g, long long now, int box, long long due,
       unsigned seen, unsigned right, unsigned lapses, const char *what)
{
  sched_grade (&c, g, now);
  int ok = tap_ok (c.box == box && c.due == due && c.seen == seen && c.right == right
                   && c.lapses == lapses, "%s: box %d, due now+%lld s, seen %u right %u lapses %u",
                   what, box, due - now, seen, right, lapses);
  if (!ok)
    tap_diag ("got box %d, due now+%lld s, seen %u right %u lapses %u", c.box, c.due - now,
              c.seen, c.right, c.lapses);
}

static void
test_intervals (void)
{
  static const long long want[SCHED_BOXES] = { MIN, DAY, 3 * DAY, 7 * DAY, 16 * DAY, 35 * DAY };
  for (int b = 0; b < SCHED_BOXES; b++)
    tap_int (sched_interval (b), want[b], "box %d: interval %lld s", b, want[b]);
  tap_int (sched_interval (-1), MIN, "a box below 0 counts as box 0");
  tap_int (sched_interval (SCHED_BOXES), 35 * DAY, "a box past 5 counts as box 5");
  tap_int (sched_interval (1000), 35 * DAY, "box 1000 counts as box 5");
}

static void
test_grades (void)
{
  /* A new card. */
  check (fresh (), GRADE_GOOD, T0, 1, T0 + DAY, 1, 1, 0, "new card, Good");
  check (fresh (), GRADE_EASY, T0, 2, T0 + 3 * DAY, 1, 1, 0, "new card, Easy");
  check (fresh (), GRADE_HARD, T0, 1, T0 + DAY, 1, 1, 0, "new card, Hard");
  check (fresh (), GRADE_AGAIN, T0, 0, T0 + MIN, 1, 0, 0, "new card, Again: no lapse");

  /* Good climbs one box at a time: 1, 3, 7, 16, 35 days, then stays. */
  static const long long climb[] = { DAY, 3 * DAY, 7 * DAY, 16 * DAY, 35 * DAY, 35 * DAY,
                                     35 * DAY };
  struct sched_card c = fresh ();
  long long now = T0;
  for (int i = 0; i < 7; i++)
    {
      sched_grade (&c, GRADE_GOOD, now);
      int box = i + 1 < SCHED_BOXES - 1 ? i + 1 : SCHED_BOXES - 1;
      tap_ok (c.box == box && c.due == now + climb[i] && c.seen == (unsigned) i + 1
              && c.right == (unsigned) i + 1 && c.lapses == 0,
              "Good x%d: box %d, due +%lld days", i + 1, box, climb[i] / DAY);
      now = c.due + 3600;     /* graded an hour after it was due */
    }
  check (in_box (5), GRADE_GOOD, T0, 5, T0 + 35 * DAY, 6, 6, 0, "box 5, Good: stays 5");

  /* Easy: two boxes up, no further than box 5. */
  c = fresh ();
  sched_grade (&c, GRADE_GOOD, T0);
  check (c, GRADE_EASY, T0 + DAY, 3, T0 + DAY + 7 * DAY, 2, 2, 0, "Good then Easy: box 3");
  check (in_box (3), GRADE_EASY, T0, 5, T0 + 35 * DAY, 6, 6, 0, "box 3, Easy: box 5");
  check (in_box (4), GRADE_EASY, T0, 5, T0 + 35 * DAY, 6, 6, 0, "box 4, Easy: box 5, not 6");
  check (in_box (5), GRADE_EASY, T0, 5, T0 + 35 * DAY, 6, 6, 0, "box 5, Easy: stays 5");

  /* Again: back to box 0, a lapse when it was higher, due in a minute. */
  check (in_box (3), GRADE_AGAIN, T0, 0, T0 + MIN, 6, 5, 1, "box 3, Again");
  check (in_box (1), GRADE_AGAIN, T0, 0, T0 + MIN, 6, 5, 1, "box 1, Again");
  check (in_box (5), GRADE_AGAIN, T0, 0, T0 + MIN, 6, 5, 1, "box 5, Again");
  check (in_box (0), GRADE_AGAIN, T0, 0, T0 + MIN, 6, 5, 0, "box 0, Again: no lapse");

  /* Hard: the same box (at least 1), half its interval, at least a day. */
  check (in_box (0), GRADE_HARD, T0, 1, T0 + DAY, 6, 6, 0, "box 0, Hard: box 1, a day");
  check (in_box (1), GRADE_HARD, T0, 1, T0 + DAY, 6, 6, 0, "box 1, Hard: half a day is a day");
  check (in_box (2), GRADE_HARD, T0, 2, T0 + 3 * DAY / 2, 6, 6, 0, "box 2, Hard: 1.5 days");
  check (in_box (3), GRADE_HARD, T0, 3, T0 + 7 * DAY / 2, 6, 6, 0, "box 3, Hard: 3.5 days");
  check (in_box (4), GRADE_HARD, T0, 4, T0 + 8 * DAY, 6, 6, 0, "box 4, Hard: 8 days");
  check (in_box (5), GRADE_HARD, T0, 5, T0 + 35 * DAY / 2, 6, 6, 0, "box 5, Hard: 17.5 days");

  /* Sequences. */
  c = fresh ();
  sched_grade (&c, GRADE_GOOD, T0);
  sched_grade (&c, GRADE_GOOD, T0 + DAY);
  tap_ok (c.box == 2 && c.due == T0 + DAY + 3 * DAY && c.seen == 2 && c.right == 2,
          "Good, Good: box 2, due 3 days after the second");
  sched_grade (&c, GRADE_GOOD, T0 + 4 * DAY);
  sched_grade (&c, GRADE_AGAIN, T0 + 11 * DAY);
  tap_ok (c.box == 0 && c.due == T0 + 11 * DAY + MIN && c.lapses == 1 && c.seen == 4
          && c.right == 3, "Good x3, Again: box 0, due in a minute, 1 lapse, 3 of 4 right");
  sched_grade (&c, GRADE_AGAIN, T0 + 11 * DAY + MIN);
  tap_ok (c.box == 0 && c.lapses == 1 && c.seen == 5 && c.right == 3,
          "... Again in box 0 is no second lapse");
  sched_grade (&c, GRADE_HARD, T0 + 12 * DAY);
  tap_ok (c.box == 1 && c.due == T0 + 13 * DAY && c.seen == 6 && c.right == 4,
          "... Hard: box 1, a day");
  sched_grade (&c, GRADE_EASY, T0 + 13 * DAY);
  tap_ok (c.box == 3 && c.due == T0 + 20 * DAY && c.seen == 7 && c.right == 5
          && c.lapses == 1, "... Easy: box 3, a week; seen 7, right 5, lapses 1");

  /* A box out of range (a hand-edited file) starts again from box 0. */
  c = in_box (9);
  sched_grade (&c, GRADE_GOOD, T0);
  tap_ok (c.box == 1 && c.due == T0 + DAY, "box 9, Good: taken as box 0, so box 1");
  c = in_box (-2);
  sched_grade (&c, GRADE_AGAIN, T0);
  tap_ok (c.box == 0 && c.lapses == 0, "box -2, Again: taken as box 0, no lapse");
}

static void
test_due (void)
{
  struct sched_card c = fresh ();
  tap_ok (sched_is_due (&c, T0), "a new card (due 0) is due");
  tap_ok (sched_is_due (&c, 0), "... even at time 0");
  sched_grade (&c, GRADE_GOOD, T0);
  tap_ok (!sched_is_due (&c, T0), "after Good it is not due at once");
  tap_ok (!sched_is_due (&c, T0 + DAY - 1), "... nor a second before a day");
  tap_ok (sched_is_due (&c, T0 + DAY), "... but at a day");
  tap_ok (sched_is_due (&c, T0 + 30 * DAY), "... and later");
  c = fresh ();
  sched_grade (&c, GRADE_AGAIN, T0);
  tap_ok (!sched_is_due (&c, T0 + 59) && sched_is_due (&c, T0 + 60),
          "after Again: due after 60 s, not 59");
}

int
main (void)
{
  test_intervals ();
  test_grades ();
  test_due ();
  return tap_done ();
}
