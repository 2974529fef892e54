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

#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <ctype.h>

#define HELLO "Hello" GLYPH_SPACE "from" GLYPH_SPACE "user" GLYPH_SPACE /* row 0000, ASCII */
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

/* The walkthrough at ROWS x COLS with ENV. */
static struct vt *
start_env (const char *what, int rows, int cols, const char *const env[])
{
  static const char *const args[] = { "walkthrough", NULL };
  return start_program (what, args, rows, cols, env, NULL);
}

static struct vt *
start (const char *what, int rows, int cols)
{
  return start_env (what, rows, cols, child_env);
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
  if (!tap_ok (grab (vt, "fd ", " now refers to /dev/zero", fd, sizeof fd, WAIT_MS)
               && is_number (fd, 0), "%s: step 1 says which descriptor open returned", w))
    vt_dump (vt);
  snprintf (want, sizeof want, "open(\"/dev/zero\", O_RDWR) = %s", fd);
  shows (vt, w, want);

  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  if (!tap_ok (grab (vt, "the mapping starts at ", ":", addr, sizeof addr, WAIT_MS)
               && is_number (addr, 1), "%s: step 2 says where the mapping starts", w))
    vt_dump (vt);
  snprintf (want, sizeof want, "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, %s, 0) = %s",
            fd, addr);
  shows (vt, w, want);
  shows (vt, w, "0000-0fff  not present: reads as zeros until touched");
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
  shows (vt, w, "20  " HELLO);
  if (locate (vt, "0000  48 65 6c 6c 6f", &row, &col) == 0)
    {
      char buf[1024];
      vt_row (vt, row, buf, sizeof buf);
      /* The ASCII column starts after the offset, 16 bytes and two blanks. */
      if (!tap_ok (strstr (buf, "0000  48 65") && strstr (buf, "  " HELLO)
                   && strstr (buf, "  " HELLO) - strstr (buf, "0000  48 65") == 53,
                   "%s: the ASCII column of row 0000 shows 'Hello from user'", w))
        tap_diag ("row %d: %s", row, buf);
      emphasis_is (vt, w, row, char_col (col, 0), 1,
                   "the changed character H in the ASCII column");
      emphasis_is (vt, w, row, char_col (col, 15), 1,
                    "the changed character ' ' at 0x0f in the ASCII column");
      emphasis_is (vt, w, row, byte_col (col, 0), 1, "the changed byte 48");
      emphasis_is (vt, w, row, byte_col (col, 0) + 1, 1, "the second digit of 48");
      emphasis_is (vt, w, row, byte_col (col, 15), 1, "the changed byte 20 at 0x0f");
      emphasis_is (vt, w, row, col, 0, "the offset 0000");
    }
  else
    {
      tap_ok (0, "%s: row 0000 shows the lesson's text", w);
      vt_dump (vt);
    }
  /* Row 0010 holds "space", the NUL and then bytes that stayed 00. */
  if (locate (vt, "0010  73 70 61 63 65 00 00 00", &row, &col) == 0)
    {
      emphasis_is (vt, w, row, byte_col (col, 0), 1, "the changed byte 73 at 0x10");
      emphasis_is (vt, w, row, byte_col (col, 5), 0, "the unchanged byte 00 at 0x15");
      emphasis_is (vt, w, row, byte_col (col, 9), 0, "the unchanged byte 00 at 0x19");
      emphasis_is (vt, w, row, char_col (col, 9), 0, "the unchanged NUL at 0x19 in the ASCII column");
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
      emphasis_is (vt, w, row, byte_col (col, 7), 1, "the changed byte 65 at 0x07");
      emphasis_is (vt, w, row, byte_col (col, 8), 0, "the byte 00 at 0x08 (the NUL, unchanged)");
      emphasis_is (vt, w, row, byte_col (col, 12), 0, "the unchanged byte 00 at 0x0c");
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
  shows (vt, w, "0000-0fff  not present: reads as zeros until touched");
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
  /* Esc is readline's (Meta in emacs mode): the text stays. */
  vt_send (vt, "\033");
  settle (vt);
  shows_now (vt, w, "write> abc");
  /* Ctrl-G ends the pending Meta, a second Ctrl-G gives the prompt up. */
  vt_send (vt, "\007");
  settle (vt);
  shows_now (vt, w, "write> abc");
  vt_send (vt, "\007");
  shows (vt, w, "Cancelled: the page is as it was.");
  lacks (vt, w, "write> ");
  if (!tap_ok (vt_find (vt, "step 2/6", NULL, NULL)
               && vt_find (vt, "0000-0fff  not present: reads as zeros until touched", NULL, NULL),
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
      bold_reverse (vt, w, row, byte_col (col, 0), "the changed byte 48");
      bold_reverse (vt, w, row, char_col (col, 0), "the changed character H in the ASCII column");
    }
  else
    {
      tap_ok (0, "%s: row 0000 shows the lesson's text", w);
      vt_dump (vt);
    }
  if (locate (vt, "0010  73 70 61 63 65 00 00 00", &row, &col) == 0)
    emphasis_is (vt, w, row, byte_col (col, 9), 0, "the unchanged byte 00 at 0x19");
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
  shows (vt, w, "80x23");
  shows (vt, w, "this one is 60x20.");
  shows (vt, w, "--plain");
  vt_resize (vt, 23, 80);
  shows (vt, w, "step 1/6");
  lacks (vt, w, "80x23");
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
  if (!program_ready ())
    return tap_done ();

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
  /* Typed, Ctrl-C leaves the screen as q does (started on the walkthrough:
     the program ends, status 0); sent from outside, SIGINT still ends it
     with 130 (killed, above).  Ctrl-\\ still ends it as SIGQUIT. */
  typed_signal ("Ctrl-C typed", "\003", 0, 0);
  typed_signal ("Ctrl-\\ typed", "\034", SIGQUIT, 0);
  return tap_done ();
}

#endif
