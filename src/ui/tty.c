/* tty.c - the terminal: checks before curses, start, stop, signals.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>   /* terminfo: setupterm, tigetstr */
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "theme.h"
#include "tty.h"

static SCREEN *screen;
static enum tty_color_mode color_mode = TTY_COLOR_AUTO;
static volatile sig_atomic_t pending;
static int colour;

_Static_assert (sizeof theme / sizeof theme[0] == PAIR_END - 1,
                "theme.h has one entry for each pair of enum tty_pair");

/* Saved for the crash handler, which may only write bytes and set termios. */
static struct termios saved_tio;
static int have_tio;
static char restore_seq[128];
static size_t restore_len;
static const char *cnorm;       /* the terminal's "cursor visible" */

#ifdef __SANITIZE_ADDRESS__
/* LeakSanitizer: a newterm that fails (an unknown TERM) keeps the screen
   it began to make, and ncurses gives no way to free it; the program exits
   right after.  (tests/valgrind.supp says the same to valgrind.) */
const char *__lsan_default_suppressions (void);
const char *
__lsan_default_suppressions (void)
{
  return "leak:new_prescr\n";
}

const char *__lsan_default_options (void);
const char *
__lsan_default_options (void)
{
  return "print_suppressions=0";
}
#endif

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };

int
tty_check (char *msg, size_t len)
{
  const char *t = getenv ("TERM");

  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    {
      snprintf (msg, len, "standard %s is not a terminal: the full screen needs one; "
                "--plain gives plain lines of text instead",
                isatty (STDIN_FILENO) ? "output" : "input");
      return -1;
    }
  if (!t || !*t)
    {
      snprintf (msg, len, "TERM is not set: set it to your terminal's type "
                "(for example TERM=xterm-256color)");
      return -1;
    }
  if (strcmp (t, "dumb") == 0)
    {
      snprintf (msg, len, "TERM=dumb cannot move the cursor: use a terminal that can "
                "(for example TERM=xterm-256color)");
      return -1;
    }
  /* Whether terminfo knows it, and whether it can move the cursor, is
     asked once curses has read the entry (tty_start): reading it twice
     costs start-up time. */
  return 0;
}

static void
on_stop_signal (int sig)
{
  struct sigaction ign;
  pending = sig;
  /* Ended from the background (kill %1): a read or a mode set of the
     terminal on the way out must fail, not stop the program again.
     sigaction is async-signal-safe. */
  memset (&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction (SIGTTIN, &ign, NULL);
  sigaction (SIGTTOU, &ign, NULL);
}

static volatile sig_atomic_t suspend_asked;

/* Ctrl-Z: the main loop suspends, outside the handler. */
static void
on_tstp (int sig)
{
  (void) sig;
  suspend_asked = 1;
}

/* A crash: put the terminal back with async-signal-safe calls only, then
   die of the same signal (SA_RESETHAND made it the default again). */
static void
on_crash (int sig)
{
  if (restore_len)
    {
      ssize_t w = write (STDOUT_FILENO, restore_seq, restore_len);
      (void) w;
    }
  if (have_tio)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_tio);
  raise (sig);
}

static void
save_cap (const char *name)
{
  char *s = tigetstr ((char *) name);
  if (!s || s == (char *) -1)
    return;
  size_t n = strlen (s);
  if (restore_len + n < sizeof restore_seq)
    {
      memcpy (restore_seq + restore_len, s, n);
      restore_len += n;
    }
}

int
tty_start (char *msg, size_t len)
{
  struct sigaction sa;

  /* Ours first: ncurses installs its own only where the default stands. */
  memset (&sa, 0, sizeof sa);
  sigemptyset (&sa.sa_mask);
  sa.sa_handler = on_stop_signal;
  for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
    sigaction (stop_signals[i], &sa, NULL);
  /* Ours for Ctrl-Z too: ncurses' own flushes input when it resumes,
     which stops the program again when it was resumed in the background
     only to be killed (kill %1). */
  sa.sa_handler = on_tstp;
  sigaction (SIGTSTP, &sa, NULL);
  sa.sa_handler = on_crash;
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
    sigaction (crash_signals[i], &sa, NULL);

  /* Started in the background (shmtutor &): touch nothing of the
     terminal, which is the shell's, until brought to the foreground; stop
     as vim and less do (the shell says "Stopped (tty output)").  Ended
     meanwhile (kill %1 continues it), leave without a trace. */
  for (int tries = 0;; tries++)
    {
      pid_t fg = tcgetpgrp (STDIN_FILENO);
      if (fg == -1 || fg == getpgrp ())
        break;
      if (pending || tries >= 600)
        {
          snprintf (msg, len, pending ? "ended in the background, before it came to the "
                    "foreground" : "the terminal stays another process group's (no job "
                    "control to bring shmtutor to the foreground)");
          return -1;
        }
      signal (SIGTTOU, SIG_DFL);
      kill (0, SIGTTOU);        /* stopped here until fg, or a SIGCONT */
      if (tries)
        usleep (100 * 1000);    /* an orphaned group is not stopped: do not spin */
    }
  if (tcgetattr (STDIN_FILENO, &saved_tio) == 0)
    have_tio = 1;

  const char *t = getenv ("TERM") ? getenv ("TERM") : "";
  screen = newterm (NULL, stdout, stdin);
  if (!screen)
    {
      snprintf (msg, len, "unknown terminal type '%s' (no terminfo entry)", t);
      return -1;
    }
  set_term (screen);
  char *cup = tigetstr ((char *) "cup");
  if (!cup || cup == (char *) -1)
    {
      /* Nothing has been drawn yet: let go of curses without a trace. */
      delscreen (screen);
      screen = NULL;
      snprintf (msg, len, "terminal type '%s' cannot address the cursor", t);
      return -1;
    }
  save_cap ("sgr0");
  /* Bracketed paste, which the prompts turn on, goes off again. */
  static const char paste_off[] = "\033[?2004l";
  memcpy (restore_seq + restore_len, paste_off, sizeof paste_off - 1);
  restore_len += sizeof paste_off - 1;
  save_cap ("rmcup");
  save_cap ("cnorm");       /* last: leaving the alternate screen may restore
                               the cursor state saved on entering it */
  char *cn = tigetstr ((char *) "cnorm");
  cnorm = cn && cn != (char *) -1 ? cn : NULL;
  /* Raw: Ctrl-C, Ctrl-Z and Ctrl-\ come as keys, not as signals, so that
     Ctrl-C can clear a prompt's line and leave a screen as q does, while a
     SIGINT sent from outside still ends the program (screens.c). */
  raw ();
  noecho ();
  nonl ();
  intrflush (stdscr, FALSE);
  keypad (stdscr, TRUE);
  /* An Esc alone should not wait the default second to count as a key. */
  set_escdelay (100);
  wtimeout (stdscr, 100);
  curs_set (0);

  /* --color=always|never decide; auto (the default) follows NO_COLOR,
     then whether the terminal has colours at all. */
  const char *nc = getenv ("NO_COLOR");
  colour = has_colors () && (color_mode == TTY_COLOR_ALWAYS
                             || (color_mode == TTY_COLOR_AUTO && !(nc && *nc)));
  if (colour)
    {
      start_color ();
      use_default_colors ();
      for (size_t i = 0; i < sizeof theme / sizeof theme[0]; i++)
        init_pair ((short) theme[i].pair, (short) theme[i].fg, (short) theme[i].bg);
    }
  return 0;
}

int
tty_suspend_if_asked (void)
{
  struct sigaction sa, old;
  if (!suspend_asked || !screen)
    return 0;
  suspend_asked = 0;
  endwin ();
  if (have_tio)
    tcsetattr (STDIN_FILENO, TCSADRAIN, &saved_tio);
  memset (&sa, 0, sizeof sa);
  sigemptyset (&sa.sa_mask);
  sa.sa_handler = SIG_DFL;
  sigaction (SIGTSTP, &sa, &old);
  raise (SIGTSTP);                /* stopped here until SIGCONT */
  sigaction (SIGTSTP, &old, NULL);
  if (pending)
    {
      /* Resumed to be ended: whatever follows may run in the background,
         where touching the terminal would stop the program again. */
      signal (SIGTTOU, SIG_IGN);
      return 1;
    }
  /* Back in the foreground: the screen again, at the size it has now. */
  struct winsize ws;
  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
    resize_term (ws.ws_row, ws.ws_col);
  clearok (curscr, TRUE);
  return 1;
}

void
tty_hand_over (void)
{
  if (!screen)
    return;
  def_prog_mode ();
  endwin ();
  if (have_tio)
    tcsetattr (STDIN_FILENO, TCSADRAIN, &saved_tio);
  fflush (stdout);
}

void
tty_take_back (void)
{
  if (!screen)
    return;
  suspend_asked = 0;            /* a Ctrl-Z that was the other program's */
  reset_prog_mode ();
  struct winsize ws;
  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
    resize_term (ws.ws_row, ws.ws_col);
  clearok (curscr, TRUE);
  refresh ();
}

void
tty_stop (void)
{
  if (!screen)
    return;
  /* Restoring the terminal from the background (killed while stopped)
     must not stop the program. */
  signal (SIGTTOU, SIG_IGN);
  signal (SIGTTIN, SIG_IGN);
  /* Nor touch the terminal at all: its modes and its screen are the
     foreground's now (the shell's), not ours to put back. */
  pid_t fg = tcgetpgrp (STDIN_FILENO);
  if (fg != -1 && fg != getpgrp ())
    {
      delscreen (screen);
      screen = NULL;
      return;
    }
  curs_set (1);
  endwin ();
  /* Some terminals give back, on leaving the alternate screen, the cursor
     state saved on entering it (hidden): show it once more. */
  if (cnorm)
    {
      fputs (cnorm, stdout);
      fflush (stdout);
    }
  delscreen (screen);
  screen = NULL;
  if (have_tio)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_tio);
}

int
tty_pending_signal (void)
{
  return pending;
}

void
tty_ask_suspend (void)
{
  suspend_asked = 1;
}

void
tty_ask_stop (int sig)
{
  pending = sig;
}

void
tty_reraise (int sig)
{
  signal (sig, SIG_DFL);
  raise (sig);
}

int
tty_color (void)
{
  return colour;
}

int
tty_utf8 (void)
{
  static int utf8 = -1;
  if (utf8 < 0)
    utf8 = strcmp (nl_langinfo (CODESET), "UTF-8") == 0;
  return utf8;
}

int
tty_strong (enum tty_pair pair)
{
  /* Bold black reads as grey in many terminals: such a pair gets none. */
  if (!colour || (theme[pair - 1].flags & (THEME_MAY_BOLD | THEME_BOLD)))
    return tty_attr (pair) | A_BOLD;
  return tty_attr (pair);
}

void
tty_set_color_mode (enum tty_color_mode m)
{
  color_mode = m;
}

int
tty_attr (enum tty_pair pair)
{
  /* What carries the meaning in monochrome. */
  static const int mono[PAIR_END] = {
    [PAIR_TITLE] = A_REVERSE, [PAIR_CHANGED] = A_REVERSE | A_BOLD,
    [PAIR_CURRENT] = A_REVERSE, [PAIR_ERROR] = A_BOLD, [PAIR_DIM] = 0,
    /* The byte classes: their glyphs tell them apart. */
    [PAIR_NUL] = 0, [PAIR_PRINT] = 0, [PAIR_SPACE] = 0, [PAIR_OTHER] = 0, [PAIR_HIGH] = 0,
  };
  if (!colour)
    return mono[pair];
  int flags = theme[pair - 1].flags;
  return COLOR_PAIR (pair) | (flags & THEME_BOLD ? A_BOLD : 0)
    | (flags & THEME_REVERSE ? A_REVERSE : 0);
}
