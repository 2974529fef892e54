/* plain-exercise.c - the exercises in the line mode: the list with each
   one's state, and one exercise checked, its report printed.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "exercise-list.h"
#include "exercise-report.h"
#include "exercise-work.h"
#include "exercise.h"
#include "grade.h"
#include "plain-exercise.h"
#include "progress.h"
#include "status.h"
#include "store.h"
#include "visible.h"

#define WIDTH 76

static void
put_line (void *arg, const char *s, size_t n)
{
  text_printf_visible (stdout, "%*s%.*s\n", *(int *) arg, "", (int) n, s);
}

/* S wrapped to the width, each line indented by N. */
static void
para (int n, const char *s)
{
  draw_wrap (s, WIDTH - n, put_line, &n);
}

static void
print_list (const struct exercise_list *c, const struct store *st)
{
  size_t done = report_passed (c, st);
  char state[64];
  text_printf_visible (stdout, "shmtutor: %zu exercises, %zu passed\n\n", c->n, done);
  for (size_t i = 0; i < c->n; i++)
    text_printf_visible (stdout, "  %2zu  %-18s %-22s %s\n", i + 1, c->e[i].name,
                         report_state_text (st, c->e[i].name, state, sizeof state), c->e[i].title);
  text_printf_visible (stdout, "\nshmtutor --plain exercise NAME checks one.\n");
}

/* The report's lines, printed as they are; a page's rows come as lines. */
static void
put_report (void *ctx, enum report_kind kind, int indent, const char *text)
{
  (void) ctx;
  (void) kind;
  text_printf_visible (stdout, "%*s%s\n", indent, "", text);
}

/* Check exercise E (number K of N) with WORK as the work folder. */
static int
check_one (const struct exercise_entry *e, size_t k, size_t n, const char *work,
           struct store *st)
{
  struct exercise x;
  if (exercise_load (e->path, &x, parse_error_print, NULL) != 0)
    {
      exercise_free (&x);
      return EXIT_DATAERR;
    }
  char path[EXERCISE_PATH_MAX], err[EXERCISE_PATH_MAX + 200];
  int made;
  if (exercise_learner_file (&x, work, path, sizeof path, &made, err, sizeof err) != 0)
    {
      text_printf_visible (stderr, "shmtutor: %s\n", err);
      exercise_free (&x);
      return EXIT_CANTCREAT;
    }
  text_printf_visible (stdout, "shmtutor: exercise %zu of %zu, %s: %s\n\n", k, n, x.name, x.title);
  for (size_t i = 0; i < x.ntask; i++)
    para (2, x.task[i]);
  text_printf_visible (stdout, "\nYour file: %s%s\n", path,
                       made ? " (made now from the starting file: edit it, then check again)"
                            : "");
  struct grade g;
  int rc = grade_exercise (&x, path, &g);
  const struct report_sink sink = { put_report, NULL, NULL };
  if (rc == 0)
    {
      report_build (&g, &sink);
      report_runs (&x, &g, &sink);
    }
  if (rc == 0 && g.nruns)
    {
      text_printf_visible (stdout, "\n");
      report_checks (&x, &g, &sink);
    }
  text_printf_visible (stdout, "\n");
  report_verdict (&x, &g, rc, &sink);
  int passed = rc == 0 && g.passed;
  if (!passed && x.nhints)
    {
      text_printf_visible (stdout, "A hint (1 of %zu):\n", x.nhints);
      para (2, x.hints[0]);
    }
  if (rc == 0 && !g.build.no_compiler)
    {
      progress_exercise_checked (st, x.name, passed, (long long) time (NULL));
      if (store_save (st) != 0 && st->save)
        text_printf_visible (stderr, "shmtutor: the check's result is not saved: %s\n",
                             st->warning);
    }
  grade_free (&g);
  exercise_free (&x);
  /* Not checked at all (the file cannot be read): not the same as "not yet". */
  return passed ? EXIT_SUCCESS : rc != 0 ? EXIT_NOINPUT : EXIT_TROUBLE;
}

int
plain_exercises_run (const struct exercise_list *c, const char *work_dir, const char *name,
                     int save)
{
  char work[EXERCISE_PATH_MAX], sdir[1024];
  struct store st;
  if (store_default_dir (sdir, sizeof sdir))
    store_open (&st, sdir, save);
  else
    store_open (&st, "/nonexistent", 0);
  int rc = EXIT_SUCCESS;
  if (!name)
    print_list (c, &st);
  else
    {
      const struct exercise_entry *e = exercise_list_lookup (c, name);
      if (!work_dir)
        work_dir = exercise_work_default (work, sizeof work);
      if (!e)
        {
          text_printf_visible (stderr, "shmtutor: no exercise '%s' (shmtutor --plain exercises "
                               "lists them)\n", name);
          rc = EXIT_DATAERR;
        }
      else
        rc = check_one (e, (size_t) (e - c->e) + 1, c->n, work_dir, &st);
    }
  store_close (&st);
  return rc;
}
