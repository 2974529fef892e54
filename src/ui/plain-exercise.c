/* plain-exercise.c - the exercises in the line mode: the list with each
   one's state, and one exercise checked, its report printed.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "exercise-list.h"
#include "exercise.h"
#include "grade.h"
#include "hexdump.h"
#include "outfile.h"
#include "plain-exercise.h"
#include "progress.h"
#include "status.h"
#include "store.h"
#include "visible.h"
#include "xalloc.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/shmtutor"
#endif

#define WIDTH 76
#define MAX_CALLS_SHOWN 30
#define MAX_OUTPUT_LINES 20

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

/* $XDG_DATA_HOME/shmtutor (or ~/.local/share/shmtutor) into BUF; NULL
   when neither is set. */
static const char *
user_dir (char *buf, size_t len)
{
  const char *x = getenv ("XDG_DATA_HOME"), *home = getenv ("HOME");
  int n;
  if (x && x[0] == '/')
    n = snprintf (buf, len, "%s/shmtutor", x);
  else if (home && *home)
    n = snprintf (buf, len, "%s/.local/share/shmtutor", home);
  else
    return NULL;
  return n > 0 && (size_t) n < len ? buf : NULL;
}

/* Make DIR and the folders above it (0700).  0, or -1 with errno. */
static int
make_dirs (const char *dir)
{
  char *tmp = xstrdup (dir);
  int rc = 0;
  for (char *p = tmp + 1; *p && rc == 0; p++)
    if (*p == '/')
      {
        *p = '\0';
        if (mkdir (tmp, 0700) != 0 && errno != EEXIST)
          rc = -1;
        *p = '/';
      }
  if (rc == 0 && mkdir (tmp, 0700) != 0 && errno != EEXIST)
    rc = -1;
  free (tmp);
  return rc;
}

/* The state of exercise NAME in words, into BUF. */
static const char *
state_text (const struct store *st, const char *name, char *buf, size_t len)
{
  long long when;
  int s = progress_exercise_state (st, name, &when);
  char date[32] = "";
  time_t t = (time_t) when;
  struct tm tm;
  if (when > 0 && localtime_r (&t, &tm))
    strftime (date, sizeof date, " %Y-%m-%d", &tm);
  snprintf (buf, len, "%s%s", s == PROGRESS_PASSED ? "passed" : s == PROGRESS_FAILING
            ? "failing" : "not started", date);
  return buf;
}

static void
print_list (const struct exercise_list *c, const struct store *st)
{
  size_t done = 0;
  char state[64];
  for (size_t i = 0; i < c->n; i++)
    done += progress_exercise_state (st, c->e[i].name, NULL) == PROGRESS_PASSED;
  text_printf_visible (stdout, "shmtutor: %zu exercises, %zu passed\n\n", c->n, done);
  for (size_t i = 0; i < c->n; i++)
    text_printf_visible (stdout, "  %2zu  %-18s %-22s %s\n", i + 1, c->e[i].name,
                         state_text (st, c->e[i].name, state, sizeof state), c->e[i].title);
  text_printf_visible (stdout, "\nshmtutor --plain exercise NAME checks one.\n");
}

/* Is call C one the report shows: of /dev/zero, or one that makes or
   waits for a process? */
static int
shown_call (const struct trace_call *c)
{
  if (strncmp (c->path, "/dev/zero", 9) == 0)
    return 1;
  return strcmp (c->name, "clone") == 0 || strcmp (c->name, "clone3") == 0
         || strcmp (c->name, "fork") == 0 || strcmp (c->name, "vfork") == 0
         || strcmp (c->name, "wait4") == 0;
}

/* The lines of TEXT, each with PREFIX, at most MAX_OUTPUT_LINES. */
static void
print_lines (const char *what, const char *text, int cut)
{
  if (!*text)
    {
      text_printf_visible (stdout, "  %s: nothing\n", what);
      return;
    }
  text_printf_visible (stdout, "  %s:\n", what);
  int n = 0;
  for (const char *p = text; *p; n++)
    {
      size_t len = strcspn (p, "\n");
      if (n == MAX_OUTPUT_LINES)
        {
          text_printf_visible (stdout, "    ... (more lines)\n");
          return;
        }
      text_printf_visible (stdout, "    | %.*s\n", (int) len, p);
      p += len + (p[len] == '\n');
    }
  if (cut)
    text_printf_visible (stdout, "    ... (cut at %d bytes)\n", TRACE_MAX_OUTPUT);
}

/* The bytes of a /dev/zero page read at its munmap: its rows that are not
   all zero, at most four. */
static void
print_page (const struct trace_call *c)
{
  int shown = 0;
  size_t rows = hex_nrows (c->npage);
  text_printf_visible (stdout, "      the page at this munmap, read from the stopped "
                       "process:\n");
  for (size_t r = 0; r < rows && shown < 4; r++)
    {
      struct hex_row row;
      if (hex_format_row (c->page, NULL, c->npage, r, &row) != 0)
        break;
      int zero = 1;
      for (int i = 0; i < row.nbytes; i++)
        zero &= row.bytes[i] == 0;
      if (zero)
        continue;
      text_printf_visible (stdout, "        %s\n", row.text);
      shown++;
    }
  if (shown)
    text_printf_visible (stdout, "        (the other rows: all zero)\n");
  else
    text_printf_visible (stdout, "        all %zu bytes zero\n", c->npage);
}

static void
print_run (const struct exercise *x, const struct trace_run *r, int k)
{
  char buf[400];
  if (k == 0)
    text_printf_visible (stdout, "\nRun%s: it %s, in %ld ms\n", x->inject.line ? " 1 (as it is)" : "",
                         grade_end_text (r, buf, sizeof buf), r->elapsed_ms);
  else
    text_printf_visible (stdout, "\nRun 2 (the tracer makes '%s' fail): it %s, in %ld ms\n",
                         x->inject.text, grade_end_text (r, buf, sizeof buf), r->elapsed_ms);
  int n = 0, more = 0;
  text_printf_visible (stdout, "  its calls of /dev/zero and of processes, as strace shows "
                       "them:\n");
  for (size_t i = 0; i < r->ncalls; i++)
    if (shown_call (&r->calls[i]))
      {
        if (n++ == MAX_CALLS_SHOWN)
          {
            more = 1;
            continue;
          }
        if (n > MAX_CALLS_SHOWN)
          continue;
        text_printf_visible (stdout, "    %s%s\n", r->calls[i].proc ? "[child] " : "",
                             grade_call_text (&r->calls[i], buf, sizeof buf));
        if (r->calls[i].page)
          print_page (&r->calls[i]);
      }
  if (n == 0)
    text_printf_visible (stdout, "    none\n");
  if (more)
    text_printf_visible (stdout, "    ... and %d more\n", n - MAX_CALLS_SHOWN);
  print_lines ("its output", r->out, r->out_cut);
  print_lines ("its standard error", r->err, r->err_cut);
  if (r->fds_left > 0 || r->maps_left > 0)
    text_printf_visible (stdout, "  a note: at its end it still had %d descriptor%s open and %d "
                         "mapping%s of /dev/zero; the kernel closes and unmaps them when a "
                         "process ends (exit(2)), so this is no failure\n",
                         r->fds_left, r->fds_left == 1 ? "" : "s", r->maps_left,
                         r->maps_left == 1 ? "" : "s");
}

/* The learner's file of X in WORK, made from the starting file when it is
   not there yet; into PATH.  0 (*MADE 1 when made now), or -1 (said). */
static int
learner_file (const struct exercise *x, const char *work, char *path, size_t len, int *made)
{
  *made = 0;
  if ((size_t) snprintf (path, len, "%s/%s", work, x->file) >= len)
    {
      text_printf_visible (stderr, "shmtutor: %s: the work folder's name is too long\n", work);
      return -1;
    }
  if (make_dirs (work) != 0)
    {
      text_printf_visible (stderr, "shmtutor: cannot make the work folder %s: %s\n", work,
                           strerror (errno));
      return -1;
    }
  /* Made once, never written over: the learner's work is theirs. */
  struct outfile o;
  if (outfile_new (&o, path, 0644) != 0)
    {
      if (errno == EEXIST)
        return 0;
      text_printf_visible (stderr, "shmtutor: cannot make %s: %s\n", path, strerror (errno));
      return -1;
    }
  char *start = exercise_start_text (x);
  outfile_printf (&o, "%s", start);
  free (start);
  if (outfile_commit (&o) != 0)
    {
      text_printf_visible (stderr, "shmtutor: cannot write %s: %s\n", path, strerror (errno));
      return -1;
    }
  *made = 1;
  return 0;
}

static void
print_error (void *ctx, const char *file, int line, const char *msg)
{
  (void) ctx;
  if (line > 0)
    text_printf_visible (stderr, "%s:%d: %s\n", file, line, msg);
  else
    text_printf_visible (stderr, "%s: %s\n", file, msg);
}

/* Check exercise E (number K of N) with WORK as the work folder. */
static int
check_one (const struct exercise_entry *e, size_t k, size_t n, const char *work,
           struct store *st)
{
  struct exercise x;
  if (exercise_load (e->path, &x, print_error, NULL) != 0)
    {
      exercise_free (&x);
      return EXIT_DATAERR;
    }
  char path[4400];
  int made;
  if (learner_file (&x, work, path, sizeof path, &made) != 0)
    {
      exercise_free (&x);
      return EXIT_TROUBLE;
    }
  text_printf_visible (stdout, "shmtutor: exercise %zu of %zu, %s: %s\n\n", k, n, x.name, x.title);
  for (size_t i = 0; i < x.ntask; i++)
    para (2, x.task[i]);
  text_printf_visible (stdout, "\nYour file: %s%s\n", path,
                       made ? " (made now from the starting file: edit it, then check again)"
                            : "");
  struct grade g;
  int rc = grade_exercise (&x, path, &g);
  const struct grade_build *b = &g.build;
  if (rc != 0)
    text_printf_visible (stdout, "Not checked: %s\n", g.why);
  else if (b->no_compiler)
    text_printf_visible (stdout, "Build: no C compiler: '%s' cannot be run. On Debian: apt-get "
                         "install gcc (or build-essential, which has make too); or set CC.\n",
                         b->cc);
  else
    {
      text_printf_visible (stdout, "Build: %s -Wall -Wextra -g: %d error%s, %d warning%s%s\n",
                           b->cc, b->errors, b->errors == 1 ? "" : "s", b->warnings,
                           b->warnings == 1 ? "" : "s", !b->errors && b->warnings
                           ? " (a warning fails the build here: a program builds without one)"
                           : "");
      print_lines ("what the compiler said", b->diag, 0);
      for (int r = 0; r < g.nruns; r++)
        print_run (&x, &g.runs[r], r);
    }
  if (g.nruns)
    {
      text_printf_visible (stdout, "\nChecks:\n");
      for (size_t i = 0; i < x.nchecks; i++)
        {
          const struct ex_check *c = &x.checks[i];
          /* The check as the file words it: its kind, then its text. */
          int worded = c->kind == EX_SOURCE_HAS || c->kind == EX_SOURCE_LACKS
                       || c->kind == EX_PRINTS || c->kind == EX_PRINTS_NO || c->kind == EX_ERRORS;
          text_printf_visible (stdout, "  %s  %s%s%s%s: %s\n", g.results[i].pass ? "pass" : "FAIL",
                               c->run ? "(run 2) " : "", worded ? exercise_kind_name (c->kind) : "",
                               worded ? " " : "", c->text, g.results[i].said);
        }
    }
  int passed = rc == 0 && g.passed;
  if (passed)
    text_printf_visible (stdout, "\nPassed: every check, %zu of %zu.\n", g.npass, x.nchecks);
  else
    {
      text_printf_visible (stdout, "\nNot yet: %zu of %zu checks pass%s.\n", g.npass, x.nchecks,
                           g.nruns ? "" : " (the program must build first)");
      if (x.nhints)
        {
          text_printf_visible (stdout, "A hint (1 of %zu):\n", x.nhints);
          para (2, x.hints[0]);
        }
    }
  if (rc == 0 && !b->no_compiler)
    {
      progress_exercise_checked (st, x.name, passed, (long long) time (NULL));
      if (store_save (st) != 0 && st->save)
        text_printf_visible (stderr, "shmtutor: the check's result is not saved: %s\n",
                             st->warning);
    }
  grade_free (&g);
  exercise_free (&x);
  return passed ? EXIT_SUCCESS : EXIT_TROUBLE;
}

int
plain_exercises_run (const char *data_dir, const char *work_dir, const char *name, int save)
{
  struct exercise_list c = { 0 };
  char user[1024], work[1200], sdir[1024];
  exercise_list_add_dir (&c, data_dir);
  if (user_dir (user, sizeof user))
    exercise_list_add_dir (&c, user);
  exercise_list_add_dir (&c, PKGDATADIR);
  exercise_list_sort (&c);
  struct store st;
  if (store_default_dir (sdir, sizeof sdir))
    store_open (&st, sdir, save);
  else
    store_open (&st, "/nonexistent", 0);
  int rc = EXIT_SUCCESS;
  if (!name)
    print_list (&c, &st);
  else
    {
      const struct exercise_entry *e = exercise_list_find (&c, name);
      if (!work_dir)
        {
          if (user_dir (user, sizeof user))
            snprintf (work, sizeof work, "%s/work", user);
          else
            work[0] = '\0';
          work_dir = work;
        }
      if (!e)
        {
          text_printf_visible (stderr, "shmtutor: no exercise '%s' (shmtutor --plain exercises "
                               "lists them)\n", name);
          rc = EXIT_DATAERR;
        }
      else if (!*work_dir)
        {
          text_printf_visible (stderr, "shmtutor: no work folder: set XDG_DATA_HOME or HOME, or "
                               "give --work-dir DIR\n");
          rc = EXIT_TROUBLE;
        }
      else
        {
          size_t k = (size_t) (e - c.e) + 1;
          rc = check_one (e, k, c.n, work_dir, &st);
        }
    }
  store_close (&st);
  exercise_list_free (&c);
  return rc;
}
