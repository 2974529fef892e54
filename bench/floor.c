/* floor.c - the floor of `make bench`: the least a full-screen ncurses and
   readline program does.  It starts curses the way shmtutor does (newterm,
   cbreak, noecho, nonl, keypad), initialises GNU readline's callback
   interface the way shmtutor's prompt does, draws one full 80x24 screen
   of text, waits for q and puts the terminal back.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <readline/history.h>
#include <readline/readline.h>

static int stash = EOF;

static int
get_byte (FILE *f)
{
  (void) f;
  int c = stash;
  stash = EOF;
  return c;
}

static int
byte_ready (void)
{
  return stash != EOF;
}

static void
redisplay (void)
{
}

static void
on_line (char *line)
{
  free (line);
}

int
main (void)
{
  setlocale (LC_ALL, "");
  SCREEN *s = newterm (NULL, stdout, stdin);
  if (!s)
    {
      fputs ("floor: cannot start curses\n", stderr);
      return 1;
    }
  set_term (s);
  cbreak ();
  noecho ();
  nonl ();
  intrflush (stdscr, FALSE);
  keypad (stdscr, TRUE);
  curs_set (0);

  rl_readline_name = "floor";
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_change_environment = 0;
  rl_prep_term_function = NULL;
  rl_deprep_term_function = NULL;
  rl_getc_function = get_byte;
  rl_input_available_hook = byte_ready;
  rl_redisplay_function = redisplay;
  FILE *devnull = fopen ("/dev/null", "w");
  if (devnull)
    rl_outstream = devnull;
  using_history ();
  rl_callback_handler_install ("> ", on_line);

  /* Every cell of the screen but the last row's end: text. */
  static const char text[] =
    "The quick brown fox jumps over the lazy dog; pack my box with five dozen "
    "liquor jugs. ";
  for (int y = 0; y < LINES - 1; y++)
    {
      char line[256];
      int n = 0;
      for (int x = 0; x < COLS && x < (int) sizeof line - 1; x++)
        line[n++] = text[(y * 7 + x) % (sizeof text - 1)];
      line[n] = '\0';
      mvaddstr (y, 0, line);
    }
  mvaddstr (LINES - 1, 0, "floor: one full screen of text; press q to quit");
  refresh ();

  int ch;
  while ((ch = getch ()) != 'q' && ch != ERR)
    ;
  rl_callback_handler_remove ();
  endwin ();
  delscreen (s);
  if (devnull)
    fclose (devnull);
  return 0;
}
