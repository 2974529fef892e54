/* tap.h - a few macros to write tests in the Test Anything Protocol.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_TAP_H
#define SHMTUTOR_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

/* Report one result; DESC is a printf format.  Returns COND. */
static int tap_ok(int cond, const char *desc, ...) __attribute__ ((format (printf, 2, 3), unused));
static int
tap_ok (int cond, const char *desc, ...)
{
  va_list ap;
  printf ("%sok %d - ", cond ? "" : "not ", ++tap_n);
  va_start (ap, desc);
  vprintf (desc, ap);
  va_end (ap);
  putchar ('\n');
  fflush (stdout);
  if (!cond)
    tap_failed++;
  return cond;
}

/* Compare two strings, showing both when they differ. */
#define tap_str(got, want, ...)                                              \
  do {                                                                       \
    const char *tap_g_ = (got), *tap_w_ = (want);                            \
    if (!tap_ok (tap_g_ && strcmp (tap_g_, tap_w_) == 0, __VA_ARGS__))      \
      printf ("#   got:  \"%s\"\n#   want: \"%s\"\n", tap_g_ ? tap_g_ : "(null)", tap_w_); \
  } while (0)

/* Compare two integers. */
#define tap_int(got, want, ...)                                              \
  do {                                                                       \
    long long tap_g_ = (long long) (got), tap_w_ = (long long) (want);      \
    if (!tap_ok (tap_g_ == tap_w_, __VA_ARGS__))                             \
      printf ("#   got:  %lld\n#   want: %lld\n", tap_g_, tap_w_);          \
  } while (0)

static void tap_diag(const char *fmt, ...) __attribute__ ((format (printf, 1, 2), unused));
static void
tap_diag (const char *fmt, ...)
{
  va_list ap;
  fputs ("# ", stdout);
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  putchar ('\n');
}

/* Print the plan at the end and exit: 0 when everything passed. */
static int tap_done(void) __attribute__ ((unused));
static int
tap_done (void)
{
  printf ("1..%d\n", tap_n);
  return tap_failed ? 1 : 0;
}

/* Skip the whole test. */
/* One result not tested, and why: the harness counts it as skipped. */
static void tap_skip(const char *why) __attribute__ ((unused));
static void
tap_skip (const char *why)
{
  printf ("ok %d # SKIP %s\n", ++tap_n, why);
}

static void tap_skip_all(const char *why) __attribute__ ((noreturn, unused));
static void
tap_skip_all (const char *why)
{
  printf ("1..0 # SKIP %s\n", why);
  exit (0);
}

#endif
