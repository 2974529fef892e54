/* exercise-report.c - a check's report as lines.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exercise-report.h"
#include "hexdump.h"
#include "xalloc.h"
#include "progress.h"

#define MAX_CALLS_SHOWN 30
#define MAX_OUTPUT_LINES 20
#define MAX_PAGE_ROWS 4

static void
say (const struct report_sink *s, enum report_kind k, int indent, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

static void
say (const struct report_sink *s, enum report_kind k, int indent, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *buf = xvasprintf (fmt, ap);   /* whole: a line of output is not cut here */
  va_end (ap);
  s->line (s->ctx, k, indent, buf);
  free (buf);
}

static const char *
plural (long n)
{
  return n == 1 ? "" : "s";
}

/* The lines of TEXT under WHAT, at most MAX_OUTPUT_LINES. */
static void
say_lines (const struct report_sink *s, const char *what, const char *text, int cut)
{
  if (!*text)
    {
      say (s, REPORT_TEXT, 2, "%s: nothing", what);
      return;
    }
  say (s, REPORT_TEXT, 2, "%s:", what);
  int n = 0;
  for (const char *p = text; *p; n++)
    {
      size_t len = strcspn (p, "\n");
      if (n == MAX_OUTPUT_LINES)
        {
          say (s, REPORT_TEXT, 4, "... (more lines)");
          return;
        }
      say (s, REPORT_CODE, 4, "| %.*s", (int) len, p);
      p += len + (p[len] == '\n');
    }
  if (cut)
    say (s, REPORT_TEXT, 4, "... (cut at %d bytes)", TRACE_MAX_OUTPUT);
}

void
report_build (const struct grade *g, const struct report_sink *s)
{
  const struct grade_build *b = &g->build;
  if (b->no_compiler)
    {
      say (s, REPORT_FAIL, 0, "Build: no C compiler: '%s' cannot be run. On Debian: apt-get "
           "install gcc (or build-essential, which has make too); or set CC.", b->cc);
      return;
    }
  say (s, b->errors || b->warnings ? REPORT_FAIL : REPORT_HEAD, 0,
       "Build: %s -Wall -Wextra -g: %d error%s, %d warning%s%s", b->cc, b->errors,
       plural (b->errors), b->warnings, plural (b->warnings), !b->errors && b->warnings
       ? " (a warning fails the build here: a program builds without one)" : "");
  say_lines (s, "what the compiler said", b->diag ? b->diag : "", 0);
}

/* Is call C one the report shows: of /dev/zero, one that makes or waits
   for a process, or a write of its output (printf's, at the end: a pipe is
   not a terminal, so stdio keeps it all until then)? */
static int
shown_call (const struct trace_call *c)
{
  if (strncmp (c->path, "/dev/zero", 9) == 0)
    return 1;
  if (strcmp (c->name, "write") == 0 && (c->args[0] == 1 || c->args[0] == 2))
    return 1;
  return strcmp (c->name, "clone") == 0 || strcmp (c->name, "clone3") == 0
         || strcmp (c->name, "fork") == 0 || strcmp (c->name, "vfork") == 0
         || strcmp (c->name, "wait4") == 0 || strcmp (c->name, "waitid") == 0;
}

/* The bytes of a page read at its munmap: its rows that are not all zero,
   at most MAX_PAGE_ROWS. */
static void
say_page (const struct report_sink *s, const struct trace_call *c)
{
  int shown = 0, more = 0;
  size_t rows = hex_nrows (c->npage);
  if (s->page)
    s->page (s->ctx, c->proc, c->page, c->npage);
  say (s, REPORT_TEXT, 6, "the page at this munmap, read from the stopped process:");
  for (size_t r = 0; r < rows; r++)
    {
      struct hex_row row;
      if (hex_format_row (c->page, NULL, c->npage, r, &row) != 0)
        break;
      int zero = 1;
      for (int i = 0; i < row.nbytes; i++)
        zero &= row.bytes[i] == 0;
      if (zero)
        continue;
      if (shown == MAX_PAGE_ROWS)
        more++;
      else
        {
          say (s, REPORT_HEX, 8, "%s", row.text);
          shown++;
        }
    }
  if (more)
    say (s, REPORT_TEXT, 8, "(and %d more rows that are not all zero; the other rows: all "
         "zero)", more);
  else if (shown)
    say (s, REPORT_TEXT, 8, "(the other rows: all zero)");
  else
    say (s, REPORT_TEXT, 8, "all %zu bytes zero", c->npage);
}

static void
say_run (const struct report_sink *s, const struct exercise *x, const struct trace_run *r,
         int k)
{
  char buf[400];
  say (s, REPORT_TEXT, 0, "%s", "");
  if (k == 0)
    say (s, REPORT_HEAD, 0, "Run%s: it %s, in %ld ms under the tracer",
         x->inject.line ? " 1 (as it is)" : "",
         grade_end_text (r, buf, sizeof buf), r->elapsed_ms);
  else
    say (s, REPORT_HEAD, 0, "Run 2 (the tracer makes '%s' fail): it %s, in %ld ms under the "
         "tracer",
         x->inject.text, grade_end_text (r, buf, sizeof buf), r->elapsed_ms);
  int n = 0;
  say (s, REPORT_TEXT, 2, "its calls of /dev/zero, of processes and its writes, as strace shows them:");
  for (size_t i = 0; i < r->ncalls; i++)
    if (shown_call (&r->calls[i]) && n++ < MAX_CALLS_SHOWN)
      {
        say (s, REPORT_CODE, 4, "%s%s", r->calls[i].proc ? "[child] " : "",
             grade_call_text (&r->calls[i], buf, sizeof buf));
        if (r->calls[i].page)
          say_page (s, &r->calls[i]);
      }
  if (n == 0)
    say (s, REPORT_TEXT, 4, "none");
  if (n > MAX_CALLS_SHOWN)
    say (s, REPORT_TEXT, 4, "... and %d more", n - MAX_CALLS_SHOWN);
  say_lines (s, "its output", r->out, r->out_cut);
  say_lines (s, "its standard error", r->err, r->err_cut);
  if (r->fds_left > 0 || r->maps_left > 0)
    say (s, REPORT_TEXT, 2, "a note: at its end it still had %d descriptor%s open and %d "
         "mapping%s of /dev/zero; the kernel closes and unmaps them when a process ends "
         "(exit(2)), so this is no failure", r->fds_left, plural (r->fds_left), r->maps_left,
         plural (r->maps_left));
}

void
report_runs (const struct exercise *x, const struct grade *g, const struct report_sink *s)
{
  for (int r = 0; r < g->nruns; r++)
    say_run (s, x, &g->runs[r], r);
}

void
report_checks (const struct exercise *x, const struct grade *g, const struct report_sink *s)
{
  if (!g->nruns)
    return;
  say (s, REPORT_HEAD, 0, "Checks:");
  for (size_t i = 0; i < x->nchecks; i++)
    {
      const struct ex_check *c = &x->checks[i];
      /* The check as the file words it: its kind, then its text. */
      int worded = c->kind == EX_SOURCE_HAS || c->kind == EX_SOURCE_LACKS
                   || c->kind == EX_PRINTS || c->kind == EX_PRINTS_NO || c->kind == EX_ERRORS;
      int pass = g->results[i].pass;
      say (s, pass ? REPORT_PASS : REPORT_FAIL, 2, "%s  %s%s%s%s: %s", pass ? "pass" : "FAIL",
           c->run ? "(run 2) " : "", worded ? exercise_kind_name (c->kind) : "",
           worded ? " " : "", c->text, g->results[i].said);
    }
}

void
report_verdict (const struct exercise *x, const struct grade *g, int rc,
                const struct report_sink *s)
{
  if (rc != 0)
    say (s, REPORT_FAIL, 0, "Not checked: %s", g->why);
  else if (g->passed)
    say (s, REPORT_PASS, 0, "Passed: every check, %zu of %zu.", g->npass, x->nchecks);
  else
    say (s, REPORT_FAIL, 0, "Not yet: %zu of %zu checks pass%s.", g->npass, x->nchecks,
         g->nruns ? "" : " (the program must build first)");
}

const char *
report_state_text (const struct store *st, const char *name, char *buf, size_t len)
{
  long long when;
  int s = progress_exercise_state (st, name, &when);
  char date[32] = "";
  time_t t = (time_t) when;
  struct tm tm;
  if (s != PROGRESS_NOT_STARTED && when > 0 && localtime_r (&t, &tm))
    strftime (date, sizeof date, " %Y-%m-%d", &tm);
  snprintf (buf, len, "%s%s", s == PROGRESS_PASSED ? "passed" : s == PROGRESS_FAILING
            ? "failing" : "not started", date);
  return buf;
}

size_t
report_passed (const struct exercise_list *c, const struct store *st)
{
  size_t done = 0;
  for (size_t i = 0; i < c->n; i++)
    done += progress_exercise_state (st, c->e[i].name, NULL) == PROGRESS_PASSED;
  return done;
}
