/* vt.h - run a program in a pseudo-terminal and read its screen back
   through libvterm, for terminal-level tests.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Every wait takes a deadline in milliseconds and polls the terminal
   until what it waits for shows up or the deadline passes: no fixed
   sleeps.  Include <config.h> before this header; the functions exist
   only when HAVE_VTERM is defined. */
#ifndef SHMTUTOR_VT_H
#define SHMTUTOR_VT_H

#include <stddef.h>

struct vt;

/* Start ARGV[0] (a path, not searched in PATH) with arguments ARGV (NULL
   terminated) on a new pseudo-terminal of ROWS x COLS.  The child gets
   TERM=xterm-256color, LC_ALL=C.UTF-8 and INPUTRC=/dev/null, then ENV
   (NULL terminated, may be NULL) is applied in order: "NAME=value" sets
   a variable, "NAME" alone unsets it.  Core dumps are off in the child.

   So that no child ever reads or writes the progress of whoever runs the
   tests, each child also gets a private folder of its own, made with
   mkdtemp and removed by vt_free, as both its HOME and its
   XDG_STATE_HOME: every child starts with no progress.  A test that
   restarts the program on the same progress passes XDG_STATE_HOME in ENV
   (a folder from vt_tempdir, say), which overrides the private one.

   Returns NULL when the private folder, the pseudo-terminal or the fork
   cannot be made. */
struct vt *vt_start (const char *const argv[], int rows, int cols, const char *const env[]);

/* As vt_start, with the program started in the folder CWD (the test's own
   current folder when CWD is NULL): for a program that writes files where
   it runs.  A CWD that cannot be entered ends the child with status 127. */
struct vt *vt_start_in (const char *const argv[], int rows, int cols, const char *const env[],
                        const char *cwd);

/* The XDG_STATE_HOME the program got: its private folder, or the value
   ENV gave; NULL when ENV unset it. */
const char *vt_state_home (const struct vt *vt);

/* A new empty private folder (mkdtemp, under $TMPDIR or /tmp) for progress
   that must outlive one child; it and all it holds are removed by
   vt_cleanup, which runs at exit too.  Returns its path (the harness's,
   valid until vt_cleanup), or NULL. */
const char *vt_tempdir (void);

/* Remove every folder vt_tempdir made, with all it holds. */
void vt_cleanup (void);

/* Type the NUL-terminated BYTES (a "\r" is the Enter key).  Returns 0, or
   -1 when they could not all be written. */
int vt_send (struct vt *vt, const char *bytes);

/* Read whatever the program wrote within TIMEOUT_MS (0: only what is
   there already) into the screen.  Returns the number of bytes read, or
   -1 once the program's side of the terminal is closed. */
long vt_pump (struct vt *vt, int timeout_ms);

/* Wait until NEEDLE appears in some row of the screen.  Returns 1 when it
   does, 0 when the deadline passes first. */
int vt_wait_text (struct vt *vt, const char *needle, int timeout_ms);

/* Wait until no row of the screen contains NEEDLE.  Returns 1 or 0. */
int vt_wait_gone (struct vt *vt, const char *needle, int timeout_ms);

/* Whether NEEDLE is on the screen now; *ROW and *COL (either may be NULL)
   get the row and the column of its first cell.  Returns 1 or 0. */
int vt_find (struct vt *vt, const char *needle, int *row, int *col);

/* The text of row R as UTF-8, trailing blanks removed, in BUF of LEN
   bytes (always NUL-terminated when LEN > 0).  Returns the length, or
   -1 for a row off the screen. */
int vt_row (struct vt *vt, int r, char *buf, size_t len);

/* Print the screen as TAP comments ("# " and the row), for a failure. */
void vt_dump (struct vt *vt);

/* Whether the cell at ROW, COL is bold and whether it is reversed.
   Returns 0, or -1 for a cell off the screen. */
int vt_cell_attrs (struct vt *vt, int row, int col, int *bold, int *reverse);

/* The colours of the cell at ROW, COL: a palette index (0-255), -1 for the
   terminal's default colour, -2 for a direct (RGB) colour.  FG and BG may
   be NULL.  Returns 0, or -1 for a cell off the screen. */
int vt_cell_colors (struct vt *vt, int row, int col, int *fg, int *bg);

/* Where the cursor is (whether shown or hidden).  Returns 0. */
int vt_cursor (struct vt *vt, int *row, int *col);

/* Read the program's output until it has written nothing for QUIET_MS,
   but no longer than TIMEOUT_MS: for reading a screen whose redraw has
   begun to arrive, once the whole redraw is in.  Returns 1 when it went
   quiet (or the program's side is closed), 0 when the deadline passed. */
int vt_settle (struct vt *vt, int quiet_ms, int timeout_ms);

/* Resize the terminal: the screen first, then the kernel's window size,
   which sends the program SIGWINCH.  Returns 0 or -1. */
int vt_resize (struct vt *vt, int rows, int cols);

/* Send signal SIG to the program.  Returns 0 or -1. */
int vt_kill (struct vt *vt, int sig);

/* Hang the terminal up, as closing a terminal window does: close the
   pseudo-terminal's master side, so that the kernel sends the program
   SIGHUP and its reads and writes fail from then on.  Nothing more can
   be sent or read; the screen stays as it was.  Returns 0 or -1. */
int vt_hangup (struct vt *vt);

/* Wait for the program to end, reading its output all the while, then
   read what it left in the terminal.  *STATUS (may be NULL) gets the
   wait status.  Returns 1 when it ended, 0 when the deadline passed: the
   program is then killed with SIGKILL and reaped, and *STATUS says so. */
int vt_wait_exit (struct vt *vt, int timeout_ms, int *status);

/* Whether the program is still running (not yet reaped). */
int vt_running (const struct vt *vt);

/* The process id of the program. */
int vt_pid (const struct vt *vt);

/* What the program left behind, for after vt_wait_exit:
   vt_altscreen: 1 while the screen shows the alternate buffer;
   vt_cursor_visible: 1 while the cursor is shown;
   vt_output: every byte the program wrote, *LEN gets how many;
   vt_tail_restores: 1 when the last switch to the alternate screen
     (\033[?1049h) was undone by a later \033[?1049l, the last hiding of
     the cursor (\033[?25l) by a later \033[?25h, and both of these
     are among the last TAIL bytes written;
   vt_termios_restored: 1 when the terminal modes (the input, output and
     local flags and the control characters) are as they were when the
     program started; on Linux the pseudo-terminal master reports the
     modes of its slave even after the program has closed it.  -1 when
     they cannot be read. */
int vt_altscreen (const struct vt *vt);
int vt_cursor_visible (const struct vt *vt);
const char *vt_output (const struct vt *vt, size_t *len);
int vt_tail_restores (const struct vt *vt, size_t tail);
int vt_termios_restored (struct vt *vt);

/* Kill the program if it still runs (SIGKILL), reap it, remove its
   private folder, free it all. */
void vt_free (struct vt *vt);

#endif
