/* test-walk.c - the walkthrough screen, tested as a user sees it: the real
   program in a pseudo-terminal, its screen read back through libvterm.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Needs SHMTUTOR (the program, an absolute path) and SHMTUTOR_DATA_DIR
   (the source tree, where lessons/ is) in the environment.  Each child
   gets a fresh private HOME and XDG_STATE_HOME from the harness, so no
   progress left by an earlier run (or by whoever runs the tests) makes
   the walkthrough offer to resume. */
#include <config.h>

#include "tap.h"

#ifndef HAVE_VTERM

int
main (void)
{
  tap_skip_all ("libvterm not available");
}

#else

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vt.h"

#define WAIT_MS 5000            /* the longest any one wait may take */

static const char *program, *data_dir;
static char data_env[4200];

/* The environment tweaks every child gets: the lessons from the source
   tree, colours on, and the size from the terminal, not from variables a
   caller may have exported. */
static const char *const child_env[] = {
  data_env, "NO_COLOR", "LINES", "COLUMNS", NULL
};
/* The same in monochrome. */
static const char *const mono_env[] = {
  data_env, "NO_COLOR=1", "LINES", "COLUMNS", NULL
};

static struct vt *
start_env (const char *what, int rows, int cols, const char *const env[])
{
  const char *argv[] = { program, "walkthrough", NULL };
  tap_diag ("%s: %s walkthrough at %dx%d", what, program, cols, rows);
  struct vt *vt = vt_start (argv, rows, cols, env);
  if (!vt)
    {
      tap_ok (0, "%s: start the program in a pseudo-terminal", what);
      return NULL;
    }
  return vt;
}

static struct vt *
start (const char *what, int rows, int cols)
{
  return start_env (what, rows, cols, child_env);
}

/* One assertion: NEEDLE shows up on the screen within the deadline. */
static int
shows (struct vt *vt, const char *what, const char *needle)
{
  int ok = vt_wait_text (vt, needle, WAIT_MS);
  if (!tap_ok (ok, "%s: the screen shows '%s'", what, needle))
    vt_dump (vt);
  return ok;
}

/* One assertion: no row contains NEEDLE (after a wait for it to go). */
static int
lacks (struct vt *vt, const char *what, const char *needle)
{
  int ok = vt_wait_gone (vt, needle, WAIT_MS);
  if (!tap_ok (ok, "%s: no row of the screen shows '%s'", what, needle))
    vt_dump (vt);
  return ok;
}

/* Wait until a row shows PREFIX, then the text up to STOP (a string that
   must follow, so that the text is complete); copy that text to OUT.
   Returns 1, or 0 when the deadline passes. */
static int
grab (struct vt *vt, const char *prefix, const char *stop, char *out, size_t len)
{
  char buf[1024];
  struct timespec t0, t;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  out[0] = '\0';
  for (;;)
    {
      for (int r = 0; vt_row (vt, r, buf, sizeof buf) >= 0; r++)
        {
          const char *p = strstr (buf, prefix), *q;
          if (p && (q = strstr (p + strlen (prefix), stop)))
            {
              p += strlen (prefix);
              snprintf (out, len, "%.*s", (int) (q - p), p);
              return 1;
            }
        }
      clock_gettime (CLOCK_MONOTONIC, &t);
      if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 >= WAIT_MS
          || vt_pump (vt, 50) < 0)
        return 0;
    }
}

/* Whether S is all digits (at least one); with HEX, "0x" and hex digits. */
static int
is_number (const char *s, int hex)
{
  if (hex && strncmp (s, "0x", 2) != 0)
    return 0;
  s += hex ? 2 : 0;
  if (!*s)
    return 0;
  for (; *s; s++)
    if (!(hex ? isxdigit ((unsigned char) *s) : isdigit ((unsigned char) *s)))
      return 0;
  return 1;
}

/* The row and column where NEEDLE starts, waiting for it; -1 when absent. */
static int
locate (struct vt *vt, const char *needle, int *row, int *col)
{
  if (!vt_wait_text (vt, needle, WAIT_MS))
    return -1;
  return vt_find (vt, needle, row, col) ? 0 : -1;
}

/* One assertion: the cell at ROW, COL is highlighted (bold or reversed)
   exactly when WANT says so. */
static void
highlight_is (struct vt *vt, const char *what, int row, int col, int want, const char *desc)
{
  int bold = 0, rev = 0;
  int got = vt_cell_attrs (vt, row, col, &bold, &rev) == 0 && (bold || rev);
  if (!tap_ok (got == want, "%s: %s is %s (row %d, column %d)", what, desc,
               want ? "drawn bold or reversed" : "drawn plain", row, col))
    {
      tap_diag ("bold %d, reverse %d", bold, rev);
      vt_dump (vt);
    }
}

/* One assertion: the cell at ROW, COL is drawn bold and reversed. */
static void
bold_reverse (struct vt *vt, const char *what, int row, int col, const char *desc)
{
  int bold = 0, rev = 0;
  int got = vt_cell_attrs (vt, row, col, &bold, &rev) == 0 && bold && rev;
  if (!tap_ok (got, "%s: %s is drawn bold and reversed (row %d, column %d)", what, desc,
               row, col))
    {
      tap_diag ("bold %d, reverse %d", bold, rev);
      vt_dump (vt);
    }
}

/* Column of byte I of a hex row that starts at column C ("0000  00 ..."). */
static int
hex_col (int c, int i)
{
  return c + 6 + 3 * i;
}

/* The end: the program is gone and the terminal is as it found it. */
static void
ends_restored (struct vt *vt, const char *what, int sig)
{
  int status = 0;
  int ended = vt_wait_exit (vt, WAIT_MS, &status);
  if (sig == 0)
    {
      if (!tap_ok (ended && WIFEXITED (status) && WEXITSTATUS (status) == 0,
                   "%s: the program exits with status 0", what))
        tap_diag ("ended %d, wait status 0x%x", ended, (unsigned) status);
    }
  else if (!tap_ok (ended && WIFSIGNALED (status) && WTERMSIG (status) == sig,
                    "%s: the program dies of %s", what, strsignal (sig)))
    tap_diag ("ended %d, wait status 0x%x", ended, (unsigned) status);
  if (!tap_ok (!vt_altscreen (vt), "%s: the terminal is back on its normal screen", what))
    vt_dump (vt);
  tap_ok (vt_cursor_visible (vt), "%s: the cursor is visible again", what);
  if (!tap_ok (vt_tail_restores (vt, 128), "%s: the last bytes leave the alternate screen"
               " (\\033[?1049l) and show the cursor (\\033[?25h)", what))
    {
      size_t len;
      const char *out = vt_output (vt, &len);
      size_t from = len > 64 ? len - 64 : 0;
      printf ("#   last bytes:");
      for (size_t i = from; i < len; i++)
        printf (out[i] >= 0x20 && out[i] < 0x7f ? "%c" : "\\%03o", (unsigned char) out[i]);
      putchar ('\n');
    }
  tap_ok (vt_termios_restored (vt) == 1,
          "%s: the terminal modes are as they were before the program ran", what);
}

/* Start, and wait for the first step. */
static struct vt *
start_walk (const char *what)
{
  struct vt *vt = start (what, 24, 80);
  if (vt && !vt_wait_text (vt, "step 1/6", WAIT_MS))
    {
      tap_ok (0, "%s: the first step shows", what);
      vt_dump (vt);
    }
  return vt;
}

/* ---- the cases ------------------------------------------------------------ */

static void
walk_all_steps (void)
{
  const char *w = "walk";
  int row, col;
  struct vt *vt = start (w, 24, 80);
  if (!vt)
    return;

  char fd[32], addr[64], want[256];
  shows (vt, w, "step 1/6");
  if (!tap_ok (grab (vt, "fd ", " now refers to /dev/zero", fd, sizeof fd) && is_number (fd, 0),
               "%s: step 1 says which descriptor open returned", w))
    vt_dump (vt);
  snprintf (want, sizeof want, "open(\"/dev/zero\", O_RDWR) = %s", fd);
  shows (vt, w, want);

  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  if (!tap_ok (grab (vt, "the mapping starts at ", ":", addr, sizeof addr)
               && is_number (addr, 1), "%s: step 2 says where the mapping starts", w))
    vt_dump (vt);
  snprintf (want, sizeof want, "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, %s, 0) = %s",
            fd, addr);
  shows (vt, w, want);
  shows (vt, w, "0000  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
  shows (vt, w, "/dev/zero (deleted)");
  if (vt_find (vt, "/dev/zero (deleted)", &row, NULL))
    {
      char buf[1024];
      vt_row (vt, row, buf, sizeof buf);
      if (!tap_ok (strstr (buf, "maps: ") && strstr (buf, " rw-s "),
                   "%s: the maps line of the mapping says rw-s", w))
        tap_diag ("row %d: %s", row, buf);
    }
  else
    tap_ok (0, "%s: the maps line of the mapping says rw-s", w);

  vt_send (vt, "\r");
  shows (vt, w, "write> ");
  shows (vt, w, "Enter alone takes the");

  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  lacks (vt, w, "write> ");
  shows (vt, w, "0000  48 65 6c 6c 6f 20 66 72 6f 6d 20 75 73 65 72 20");
  shows (vt, w, "20  Hello from user  ");
  if (locate (vt, "0000  48 65 6c 6c 6f", &row, &col) == 0)
    {
      char buf[1024];
      vt_row (vt, row, buf, sizeof buf);
      /* The ASCII column starts after the offset, 16 bytes and two blanks. */
      if (!tap_ok (strstr (buf, "0000  48 65") && strstr (buf, "  Hello from user")
                   && strstr (buf, "  Hello from user") - strstr (buf, "0000  48 65") == 53,
                   "%s: the ASCII column of row 0000 shows 'Hello from user'", w))
        tap_diag ("row %d: %s", row, buf);
      highlight_is (vt, w, row, col + 55, 1, "the changed character H in the ASCII column");
      highlight_is (vt, w, row, col + 55 + 15, 1,
                    "the changed character ' ' at 0x0f in the ASCII column");
      highlight_is (vt, w, row, hex_col (col, 0), 1, "the changed byte 48");
      highlight_is (vt, w, row, hex_col (col, 0) + 1, 1, "the second digit of 48");
      highlight_is (vt, w, row, hex_col (col, 15), 1, "the changed byte 20 at 0x0f");
      highlight_is (vt, w, row, col, 0, "the offset 0000");
    }
  else
    {
      tap_ok (0, "%s: row 0000 shows the lesson's text", w);
      vt_dump (vt);
    }
  /* Row 0010 holds "space", the NUL and then bytes that stayed 00. */
  if (locate (vt, "0010  73 70 61 63 65 00 00 00", &row, &col) == 0)
    {
      highlight_is (vt, w, row, hex_col (col, 0), 1, "the changed byte 73 at 0x10");
      highlight_is (vt, w, row, hex_col (col, 5), 0, "the unchanged byte 00 at 0x15");
      highlight_is (vt, w, row, hex_col (col, 9), 0, "the unchanged byte 00 at 0x19");
      highlight_is (vt, w, row, col + 55 + 9, 0, "the unchanged '.' at 0x19 in the ASCII column");
    }
  else
    {
      tap_ok (0, "%s: row 0010 shows 'space' and unchanged zeros", w);
      vt_dump (vt);
    }

  vt_send (vt, "\r");
  shows (vt, w, "step 4/6");
  shows (vt, w, "stdout: Shared Memory: Hello from user space");

  vt_send (vt, "\r");
  shows (vt, w, "step 5/6");
  snprintf (want, sizeof want, "munmap(%s, 4096) = 0", addr);
  shows (vt, w, want);
  shows (vt, w, "the mapping is gone");
  lacks (vt, w, "/dev/zero (deleted)");

  vt_send (vt, "\r");
  shows (vt, w, "step 6/6");
  snprintf (want, sizeof want, "close(%s) = 0", fd);
  shows (vt, w, want);

  vt_send (vt, "\r");
  shows (vt, w, "This is the last step");
  if (!tap_ok (vt_find (vt, "step 6/6", NULL, NULL) && !vt_find (vt, "step 7", NULL, NULL),
               "%s: Enter on the last step stays on step 6/6", w))
    vt_dump (vt);

  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
typed_text (void)
{
  const char *w = "typed text";
  int row, col;
  struct vt *vt = start_walk (w);
  if (!vt)
    return;
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, w, "write> ");
  vt_send (vt, "Hi there");
  shows (vt, w, "write> Hi there");
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  shows (vt, w, "0000  48 69 20 74 68 65 72 65 00 00");
  shows (vt, w, "Hi there");
  if (locate (vt, "0000  48 69 20 74", &row, &col) == 0)
    {
      highlight_is (vt, w, row, hex_col (col, 7), 1, "the changed byte 65 at 0x07");
      highlight_is (vt, w, row, hex_col (col, 8), 0, "the byte 00 at 0x08 (the NUL, unchanged)");
      highlight_is (vt, w, row, hex_col (col, 12), 0, "the unchanged byte 00 at 0x0c");
    }
  else
    {
      tap_ok (0, "%s: row 0000 shows the typed text", w);
      vt_dump (vt);
    }
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
back_and_goto (void)
{
  const char *w = "go to";
  struct vt *vt = start_walk (w);
  if (!vt)
    return;
  vt_send (vt, "g");
  shows (vt, w, "go to step (1-6):");
  vt_send (vt, "5");
  shows (vt, w, "step 5/6");
  shows (vt, w, "the mapping is gone");
  vt_send (vt, "p");
  shows (vt, w, "step 4/6");
  shows (vt, w, "0000  48 65 6c 6c 6f 20 66 72 6f 6d 20 75 73 65 72 20");
  shows (vt, w, "stdout: Shared Memory: Hello from user space");
  shows (vt, w, "/dev/zero (deleted)");
  vt_send (vt, "g2");
  shows (vt, w, "step 2/6");
  shows (vt, w, "0000  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
  lacks (vt, w, "48 65 6c 6c 6f");
  vt_send (vt, "g9");
  shows (vt, w, "No step 9: the steps are 1 to 6.");
  if (!tap_ok (vt_find (vt, "step 2/6", NULL, NULL), "%s: g9 stays on step 2/6", w))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
help_overlay (void)
{
  const char *w = "help";
  struct vt *vt = start_walk (w);
  if (!vt)
    return;
  vt_send (vt, "?");
  shows (vt, w, "previous step");
  shows (vt, w, "Press any key to close this help.");
  shows (vt, w, "redraw the screen");
  vt_send (vt, "x");
  lacks (vt, w, "previous step");
  if (!tap_ok (vt_find (vt, "step 1/6", NULL, NULL), "%s: closing the help stays on step 1/6", w))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
cancel_with_esc (void)
{
  const char *w = "Esc";
  struct vt *vt = start_walk (w);
  if (!vt)
    return;
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, w, "write> ");
  vt_send (vt, "abc");
  shows (vt, w, "write> abc");
  vt_send (vt, "\033");
  shows (vt, w, "Cancelled: the page is as it was.");
  lacks (vt, w, "write> ");
  if (!tap_ok (vt_find (vt, "step 2/6", NULL, NULL)
               && vt_find (vt, "0000  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", NULL, NULL),
               "%s: after the cancel the page is still step 2's zeros", w))
    vt_dump (vt);
  /* A go-to cancelled with Esc (curses may wait ESCDELAY, a second by
     default, to tell a lone Esc from a key's sequence). */
  vt_send (vt, "g");
  shows (vt, w, "go to step (1-6):");
  vt_send (vt, "\033");
  lacks (vt, w, "go to step (1-6):");
  vt_send (vt, "4");
  shows (vt, w, "That key does nothing here");
  if (!tap_ok (vt_find (vt, "step 2/6", NULL, NULL), "%s: a digit after the cancelled go-to"
               " stays on step 2/6", w))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
monochrome (void)
{
  const char *w = "NO_COLOR";
  int row, col;
  struct vt *vt = start_env (w, 24, 80, mono_env);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, w, "write> ");
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  if (locate (vt, "0000  48 65 6c 6c 6f", &row, &col) == 0)
    {
      bold_reverse (vt, w, row, hex_col (col, 0), "the changed byte 48");
      bold_reverse (vt, w, row, col + 55, "the changed character H in the ASCII column");
    }
  else
    {
      tap_ok (0, "%s: row 0000 shows the lesson's text", w);
      vt_dump (vt);
    }
  if (locate (vt, "0010  73 70 61 63 65 00 00 00", &row, &col) == 0)
    highlight_is (vt, w, row, hex_col (col, 9), 0, "the unchanged byte 00 at 0x19");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
too_small (void)
{
  const char *w = "too small";
  struct vt *vt = start (w, 20, 60);
  if (!vt)
    return;
  shows (vt, w, "80x24");
  shows (vt, w, "this one is 60x20.");
  vt_resize (vt, 24, 80);
  shows (vt, w, "step 1/6");
  lacks (vt, w, "80x24");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
killed (const char *w, int sig, int on_prompt)
{
  struct vt *vt = start_walk (w);
  if (!vt)
    return;
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  shows (vt, w, "rw-s");
  if (on_prompt)
    {
      vt_send (vt, "\r");
      shows (vt, w, "write> ");
      vt_send (vt, "abc");
      shows (vt, w, "write> abc");
    }
  vt_kill (vt, sig);
  ends_restored (vt, w, sig);
  vt_free (vt);
}

static void
typed_signal (const char *w, const char *byte, int sig, int on_prompt)
{
  struct vt *vt = start_walk (w);
  if (!vt)
    return;
  if (on_prompt)
    {
      vt_send (vt, "\r");
      shows (vt, w, "step 2/6");
      vt_send (vt, "\r");
      shows (vt, w, "write> ");
    }
  vt_send (vt, byte);
  ends_restored (vt, w, sig);
  vt_free (vt);
}

int
main (void)
{
  program = getenv ("SHMTUTOR");
  data_dir = getenv ("SHMTUTOR_DATA_DIR");
  if (!program || !*program)
    tap_skip_all ("SHMTUTOR is not set: run this test from 'make check'");
  if (!data_dir || !*data_dir)
    tap_skip_all ("SHMTUTOR_DATA_DIR is not set: run this test from 'make check'");
  if (!tap_ok (access (program, X_OK) == 0, "SHMTUTOR=%s can be run", program))
    return tap_done ();
  snprintf (data_env, sizeof data_env, "SHMTUTOR_DATA_DIR=%s", data_dir);

  /* A program that dies must not take this test with it. */
  signal (SIGPIPE, SIG_IGN);

  walk_all_steps ();
  typed_text ();
  back_and_goto ();
  help_overlay ();
  cancel_with_esc ();
  monochrome ();
  too_small ();
  killed ("SIGTERM on step 2", SIGTERM, 0);
  killed ("SIGINT on step 2", SIGINT, 0);
  killed ("SIGHUP on step 2", SIGHUP, 0);
  killed ("SIGTERM at the write prompt", SIGTERM, 1);
  typed_signal ("Ctrl-C typed", "\003", SIGINT, 0);
  typed_signal ("Ctrl-C typed at the write prompt", "\003", SIGINT, 1);
  typed_signal ("Ctrl-\\ typed", "\034", SIGQUIT, 0);
  return tap_done ();
}

#endif
