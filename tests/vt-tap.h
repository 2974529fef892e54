/* vt-tap.h - the helpers the terminal-level tests share: starting the
   program in a pseudo-terminal (vt.h), TAP assertions about its screen
   (tap.h), how it ended and what it left, and a few small file tools.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Everything here is static, so that each test, a translation unit of its
   own, counts its own assertions.  Include <config.h> first.  A test may
   define QUIET_MS (how long the program must write nothing for a redraw
   to count as complete) before it includes this header.

   Without libvterm this header gives the test a main that skips it all;
   the test's own code then goes inside #ifdef HAVE_VTERM. */
#ifndef SHMTUTOR_VT_TAP_H
#define SHMTUTOR_VT_TAP_H

#include "tap.h"

#ifndef HAVE_VTERM

/* Nothing to test with: skip the whole test. */
int
main (void)
{
  tap_skip_all ("libvterm not available");
}

#else

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vt.h"

#define WAIT_MS 5000            /* the longest any one wait may take */

/* The glyphs of the hex view's ASCII column in a UTF-8 locale (as
   core/byteclass.c has them): NUL, whitespace, other ASCII, non-ASCII. */
#define GLYPH_NUL "\xc2\xb0"
#define GLYPH_SPACE "\xc2\xb7"
#define GLYPH_OTHER "\xe2\x80\xa2"
#define GLYPH_HIGH "\xc3\x97"
#ifndef QUIET_MS
# define QUIET_MS 50            /* nothing written this long: a redraw is in */
#endif

/* The program under test (SHMTUTOR), the source tree (SHMTUTOR_DATA_DIR)
   and "SHMTUTOR_DATA_DIR=..." for a child's environment. */
static const char *program, *data_dir;
static char data_env[4200];

/* The start of every test: PROGRAM and DATA_DIR from the environment (the
   whole test is skipped without them), one assertion that the program can
   be run, DATA_ENV filled in, and SIGPIPE ignored so that a program that
   dies does not take the test with it.  Returns 1, or 0 when the program
   cannot be run. */
static __attribute__ ((unused)) int
program_ready (void)
{
  program = getenv ("SHMTUTOR");
  data_dir = getenv ("SHMTUTOR_DATA_DIR");
  if (!program || !*program)
    tap_skip_all ("SHMTUTOR is not set: run this test from 'make check'");
  if (!data_dir || !*data_dir)
    tap_skip_all ("SHMTUTOR_DATA_DIR is not set: run this test from 'make check'");
  if (!tap_ok (access (program, X_OK) == 0, "SHMTUTOR=%s can be run", program))
    return 0;
  snprintf (data_env, sizeof data_env, "SHMTUTOR_DATA_DIR=%s", data_dir);
  signal (SIGPIPE, SIG_IGN);
  return 1;
}

/* ---- time and waiting ---------------------------------------------------- */

/* Milliseconds on the monotonic clock. */
static __attribute__ ((unused)) long long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read the program's output until TEST (VT, ARG) returns non-zero or
   TIMEOUT_MS pass (0: look only at what is there already).  Returns what
   TEST returned last. */
static __attribute__ ((unused)) int
wait_until (struct vt *vt, int (*test) (struct vt *, void *), void *arg, int timeout_ms)
{
  long long deadline = now_ms () + timeout_ms;
  for (;;)
    {
      int r = test (vt, arg);
      if (r)
        return r;
      long long left = deadline - now_ms ();
      if (left <= 0 || vt_pump (vt, left < 50 ? (int) left : 50) < 0)
        return test (vt, arg);
    }
}

/* Wait until the redraw that is arriving is complete. */
static __attribute__ ((unused)) void
settle (struct vt *vt)
{
  vt_settle (vt, QUIET_MS, WAIT_MS);
}

/* ---- starting ------------------------------------------------------------ */

/* Start ARGV (ARGV[0] a path) on a terminal of ROWS x COLS with ENV in the
   folder CWD (NULL: here), as vt_start_in does, with a note of what runs.
   One failing assertion when it cannot start; returns the terminal or
   NULL. */
static __attribute__ ((unused)) struct vt *
launch (const char *what, const char *const argv[], int rows, int cols,
        const char *const env[], const char *cwd)
{
  char shown[512] = "";
  size_t used = 0;
  for (int i = 1; argv[i] && used < sizeof shown; i++)
    used += (size_t) snprintf (shown + used, sizeof shown - used, " %s", argv[i]);
  tap_diag ("%s: %s%s at %dx%d%s%s", what, argv[0], shown, cols, rows, cwd ? " in " : "",
            cwd ? cwd : "");
  struct vt *vt = vt_start_in (argv, rows, cols, env, cwd);
  if (!vt)
    tap_ok (0, "%s: start %s in a pseudo-terminal", what, argv[0]);
  return vt;
}

/* As launch, for the program under test with the arguments ARGS (NULL
   terminated, at most 22 of them). */
static __attribute__ ((unused)) struct vt *
start_program (const char *what, const char *const args[], int rows, int cols,
               const char *const env[], const char *cwd)
{
  const char *argv[24] = { program };
  int n = 1;
  for (; args[n - 1] && n < 23; n++)
    argv[n] = args[n - 1];
  argv[n] = NULL;
  return launch (what, argv, rows, cols, env, cwd);
}

/* ---- the screen ------------------------------------------------------------ */

/* One assertion: NEEDLE shows up in a row within MS. */
static __attribute__ ((unused)) int
shows_within (struct vt *vt, const char *what, const char *needle, int ms)
{
  int ok = vt_wait_text (vt, needle, ms);
  if (!tap_ok (ok, "%s: the screen shows '%s'", what, needle))
    vt_dump (vt);
  return ok;
}

/* One assertion: NEEDLE shows up in a row within the deadline. */
static __attribute__ ((unused)) int
shows (struct vt *vt, const char *what, const char *needle)
{
  return shows_within (vt, what, needle, WAIT_MS);
}
/* The walkthrough of LESSON at step STEP (--step), at ROWS x COLS with
   ENV, once it shows that step (one assertion); NULL when it does not. */
static __attribute__ ((unused)) struct vt *
start_lesson_at (const char *what, const char *lesson, int step, int rows, int cols,
                 const char *const env[])
{
  char n[16], want[32];
  snprintf (n, sizeof n, "%d", step);
  const char *args[] = { "--lesson", lesson, "--step", n, "walkthrough", NULL };
  struct vt *vt = start_program (what, args, rows, cols, env, NULL);
  snprintf (want, sizeof want, "step %d/", step);
  if (vt && !shows (vt, what, want))
    {
      vt_free (vt);
      return NULL;
    }
  if (vt)
    settle (vt);
  return vt;
}


/* One assertion: NEEDLE is on the screen once the redraw is complete (for
   what is drawn with something already waited for: a miss fails fast). */
static __attribute__ ((unused)) int
shows_now (struct vt *vt, const char *what, const char *needle)
{
  settle (vt);
  int ok = vt_find (vt, needle, NULL, NULL);
  if (!tap_ok (ok, "%s: the screen shows '%s'", what, needle))
    vt_dump (vt);
  return ok;
}

/* One assertion: no row shows NEEDLE (after a wait for it to go). */
static __attribute__ ((unused)) int
lacks (struct vt *vt, const char *what, const char *needle)
{
  int ok = vt_wait_gone (vt, needle, WAIT_MS);
  if (!tap_ok (ok, "%s: no row of the screen shows '%s'", what, needle))
    vt_dump (vt);
  return ok;
}

/* One assertion: no row shows NEEDLE once the redraw is complete (for
   what must not appear: a wait would always succeed at once). */
static __attribute__ ((unused)) int
lacks_now (struct vt *vt, const char *what, const char *needle)
{
  settle (vt);
  int ok = !vt_find (vt, needle, NULL, NULL);
  if (!tap_ok (ok, "%s: no row of the screen shows '%s'", what, needle))
    vt_dump (vt);
  return ok;
}

/* Row R of the screen in BUF (LEN bytes), trailing blanks removed; the
   result skips the blanks it starts with when LEFT. */
static __attribute__ ((unused)) const char *
row (struct vt *vt, int r, char *buf, size_t len, int left)
{
  vt_row (vt, r, buf, len);
  const char *p = buf;
  while (left && *p == ' ')
    p++;
  return p;
}

/* What grab looks for and what it found. */
struct grab_arg {
  const char *prefix, *stop;
  char *out;
  size_t len;
};

/* The test of grab: whether a row shows the text G looks for. */
static __attribute__ ((unused)) int
grab_test (struct vt *vt, void *arg)
{
  struct grab_arg *g = arg;
  char buf[1024];
  for (int r = 0; vt_row (vt, r, buf, sizeof buf) >= 0; r++)
    {
      const char *p = strstr (buf, g->prefix), *q;
      if (!p)
        continue;
      p += strlen (g->prefix);
      q = g->stop ? strstr (p, g->stop) : p + strlen (p);
      if (q)
        {
          snprintf (g->out, g->len, "%.*s", (int) (q - p), p);
          return q > p;
        }
    }
  return 0;
}

/* Wait up to TIMEOUT_MS (0: only the screen as it is) until a row shows
   PREFIX followed by some text and then STOP (NULL: the end of the row,
   so that a STOP shows the text is complete); copy the text to OUT (LEN
   bytes).  Returns 1, or 0 when no such text shows. */
static __attribute__ ((unused)) int
grab (struct vt *vt, const char *prefix, const char *stop, char *out, size_t len,
      int timeout_ms)
{
  struct grab_arg g = { prefix, stop, out, len };
  out[0] = '\0';
  return wait_until (vt, grab_test, &g, timeout_ms);
}

/* Whether the cell at R, C is bold or reversed. */
static __attribute__ ((unused)) int
marked (struct vt *vt, int r, int c)
{
  int bold = 0, rev = 0;
  return vt_cell_attrs (vt, r, c, &bold, &rev) == 0 && (bold || rev);
}

/* Whether the cell stands out as a selection: reversed, or drawn on a
   colour. */
static __attribute__ ((unused)) int
highlighted (struct vt *vt, int r, int c)
{
  int rev = 0, bg = -1;
  vt_cell_attrs (vt, r, c, NULL, &rev);
  vt_cell_colors (vt, r, c, NULL, &bg);
  return rev || bg >= 0;
}

/* One assertion: the cell at R, C is bold or reversed exactly when WANT;
   DESC names it. */
static __attribute__ ((unused)) void
emphasis_is (struct vt *vt, const char *what, int r, int c, int want, const char *desc)
{
  if (!tap_ok (marked (vt, r, c) == want, "%s: %s is %s (row %d, column %d)", what, desc,
               want ? "drawn bold or reversed" : "drawn plain", r, c))
    {
      int bold = 0, rev = 0;
      vt_cell_attrs (vt, r, c, &bold, &rev);
      tap_diag ("bold %d, reverse %d", bold, rev);
      vt_dump (vt);
    }
}

/* Column of the first digit of byte I of a hex row ("0000  00 01 ...")
   that starts at column C. */
static __attribute__ ((unused)) int
byte_col (int c, int i)
{
  return c + 6 + 3 * i;
}

/* Column of byte I in the ASCII column of a hex row that starts at C. */
static __attribute__ ((unused)) int
char_col (int c, int i)
{
  return c + 6 + 3 * 16 + 1 + i;
}

/* ---- how the program ended, and what it left ---------------------------------- */

/* How a program is to end: exit status N (END_EXIT), death by signal N
   (END_SIGNAL, a core dump allowed), or any non-zero exit status
   (END_FAIL, N unused). */
enum end_kind { END_EXIT, END_SIGNAL, END_FAIL };

/* One assertion: the program ends within TIMEOUT_MS as KIND and N say.
   Shows the wait status and the screen when it does not.  Returns 1 or 0. */
static __attribute__ ((unused)) int
ends_as (struct vt *vt, const char *what, enum end_kind kind, int n, int timeout_ms)
{
  int status = 0;
  int ended = vt_wait_exit (vt, timeout_ms, &status);
  int ok;
  switch (kind)
    {
    case END_EXIT:
      ok = tap_ok (ended && WIFEXITED (status) && WEXITSTATUS (status) == n,
                   "%s: the program exits with status %d", what, n);
      break;
    case END_SIGNAL:
      ok = tap_ok (ended && WIFSIGNALED (status) && WTERMSIG (status) == n,
                   "%s: the program dies of %s", what, strsignal (n));
      break;
    default:
      ok = tap_ok (ended && WIFEXITED (status) && WEXITSTATUS (status) != 0,
                   "%s: the program exits with a non-zero status", what);
      break;
    }
  if (!ok)
    {
      tap_diag ("ended %d, wait status 0x%x", ended, (unsigned) status);
      vt_dump (vt);
    }
  return ok;
}

/* Print the last N bytes the program wrote as a TAP comment, the ones
   that are not printable as octal escapes. */
static __attribute__ ((unused)) void
show_last_bytes (struct vt *vt, size_t n)
{
  size_t len;
  const char *out = vt_output (vt, &len);
  printf ("#   last bytes: ");
  for (size_t i = len > n ? len - n : 0; i < len; i++)
    printf (out[i] >= 0x20 && out[i] < 0x7f ? "%c" : "\\%03o", (unsigned char) out[i]);
  putchar ('\n');
}

/* The terminal as the program found it, after it ended: normal screen,
   cursor shown, modes as before.  XTERM_ALT: the terminal switches
   screens with \033[?1049h/l, so the last bytes must also undo the switch
   and show the cursor.  Three assertions, four with XTERM_ALT. */
static __attribute__ ((unused)) void
left_restored (struct vt *vt, const char *what, int xterm_alt)
{
  if (!tap_ok (!vt_altscreen (vt), "%s: the terminal is back on its normal screen", what))
    vt_dump (vt);
  tap_ok (vt_cursor_visible (vt), "%s: the cursor is visible again", what);
  if (xterm_alt
      && !tap_ok (vt_tail_restores (vt, 128), "%s: the last bytes leave the alternate screen"
                  " and show the cursor", what))
    show_last_bytes (vt, 80);
  int t = vt_termios_restored (vt);
  if (!tap_ok (t == 1, "%s: the terminal modes are as they were before the program ran", what))
    tap_diag ("vt_termios_restored: %d", t);
}

/* The end of a full-screen run: the program exits with status 0 (SIG 0)
   or dies of SIG within the deadline, and leaves the terminal as it found
   it.  Five assertions. */
static __attribute__ ((unused)) void
ends_restored (struct vt *vt, const char *what, int sig)
{
  ends_as (vt, what, sig ? END_SIGNAL : END_EXIT, sig, WAIT_MS);
  left_restored (vt, what, 1);
}

/* ---- files ------------------------------------------------------------------- */

/* Whether PATH exists (a dangling link counts). */
static __attribute__ ((unused)) int
exists (const char *path)
{
  struct stat st;
  return lstat (path, &st) == 0;
}

/* The file PATH into BUF (NUL-terminated); returns its length or -1. */
static __attribute__ ((unused)) long
slurp (const char *path, char *buf, size_t len)
{
  FILE *f = fopen (path, "r");
  if (!f)
    return -1;
  size_t n = fread (buf, 1, len - 1, f);
  buf[n] = '\0';
  fclose (f);
  return (long) n;
}

/* Write TEXT to PATH, replacing it.  Returns 0 or -1. */
static __attribute__ ((unused)) int
write_file (const char *path, const char *text)
{
  FILE *f = fopen (path, "w");
  if (!f)
    return -1;
  fputs (text, f);
  return fclose (f);
}

/* Whether TEXT has a line that is exactly LINE. */
static __attribute__ ((unused)) int
has_line (const char *text, const char *line)
{
  size_t n = strlen (line);
  for (const char *p = text; p && *p; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    if (strncmp (p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
      return 1;
  return 0;
}

/* S without the blanks it starts with and the blanks and line ends it
   ends with (cut in place). */
static __attribute__ ((unused)) char *
trim (char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen (s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

#endif /* HAVE_VTERM */

#endif
