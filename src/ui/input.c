/* input.c - a GNU readline prompt inside the curses screen, through
   readline's callback interface: curses reads the keys, readline edits.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "demo.h"
#include "draw.h"
#include "input-history.h"
#include "input-keys.h"
#include "input.h"


static int active;
static int stash = EOF;          /* the byte readline reads next */
static int resized;              /* a KEY_RESIZE came while readline read */
static enum input_state state;
static char *line;
static char prompt_text[64];
static size_t max_len;
static size_t cut_bytes;
static FILE *devnull;
static int initialised;
static int cleared;              /* Ctrl-C emptied the line (input_take_clear) */
static int added;                /* history entries added since input_history_join */
static int paste_on;             /* bracketed paste asked of the terminal */


/* ---- bytes for readline ------------------------------------------------- */

/* readline's getc: the byte the screen's loop read, else the terminal's.
   Readline asks for more only when the hook said more is there, or while
   it reads a bracketed paste to its end: wait for it then, but not
   forever (a paste whose end never comes). */
static int
get_byte (FILE *f)
{
  (void) f;
  int c = stash;
  stash = EOF;
  while (c == EOF)
    {
      c = demo_getch (2000);
      if (c == ERR)
        return EOF;
      if (c == KEY_RESIZE)
        {
          resized = 1;
          c = EOF;
        }
      else if (c > 0xff)
        c = EOF;                /* a key code: not for readline */
    }
  return c;
}

/* Is another byte there already?  For telling an Esc alone from the start
   of a sequence (vi mode), and for taking typed-ahead text in one go. */
static int
byte_ready (void)
{
  if (stash != EOF)
    return 1;
  int c = demo_getch (0);
  if (c == KEY_RESIZE)
    resized = 1;
  if (c == ERR || c > 0xff)
    return 0;
  if (c == 3 || c == 7)
    {
      /* Ctrl-C and Ctrl-G are the prompt's, not readline's: back to the
         screen's loop, which hands them to input_key. */
      demo_unget (c);
      return 0;
    }
  stash = c;
  return 1;
}

/* The screen draws after every key it hands over: readline's own redraw
   has nothing to do. */
static void
redisplay (void)
{
}

/* ---- readline's keys ---------------------------------------------------------- */

static void
on_line (char *l)
{
  free (line);
  line = l;
  state = l ? INPUT_DONE : INPUT_EOF;
  if (l && *l)
    {
      HIST_ENTRY *last = history_length ? history_get (history_base + history_length - 1)
        : NULL;
      if (!last || strcmp (last->line, l) != 0)
        {
          add_history (l);
          added++;
          input_history_save ();
        }
    }
  /* No more lines: removing the handler here keeps readline from printing
     a prompt of its own. */
  rl_callback_handler_remove ();
  active = 0;
}

static void
setup (void)
{
  if (initialised)
    return;
  initialised = 1;
  rl_readline_name = "shmtutor";
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_change_environment = 0;
  rl_prep_term_function = NULL;
  rl_deprep_term_function = NULL;
  rl_getc_function = get_byte;
  rl_input_available_hook = byte_ready;
  rl_redisplay_function = redisplay;
  /* Readline's output stream, kept out of the way of the lesson's and the
     console's descriptors: open(2) gives the lowest free number, and the
     learner should see 3 for the first open, not a number the tutor's own
     /dev/null pushed up. */
  int fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      int high = fcntl (fd, F_DUPFD_CLOEXEC, 100);
      if (high >= 0)
        {
          close (fd);
          fd = high;
        }
      devnull = fdopen (fd, "w");
      if (!devnull)
        close (fd);
    }
  if (devnull)
    rl_outstream = devnull;
  rl_variable_bind ("bell-style", "none");
  rl_variable_bind ("horizontal-scroll-mode", "on");
  /* An Esc in vi mode waits this long for the rest of a sequence. */
  rl_variable_bind ("keyseq-timeout", "50");
  input_keys_bind ();
  using_history ();
}

void
input_start (enum input_kind kind, const char *prompt, size_t max)
{
  setup ();
  input_history_use (kind);
  free (line);
  line = NULL;
  snprintf (prompt_text, sizeof prompt_text, "%s", prompt);
  max_len = max;
  cut_bytes = 0;
  state = INPUT_ACTIVE;
  active = 1;
  keypad (stdscr, FALSE);      /* readline reads the raw escape sequences */
  curs_set (1);
  /* Bracketed paste: a pasted newline stays in the line, and the whole
     paste is one insertion.  (With its own redisplay, readline does not
     turn it on itself.) */
  fputs ("\033[?2004h", stdout);
  fflush (stdout);
  paste_on = 1;
  rl_callback_handler_install (prompt_text, on_line);
}

/* Is readline in the middle of something Ctrl-G should end (a search, a
   key sequence, a count, a vi operator), rather than the prompt? */
static int
readline_busy (void)
{
  return RL_ISSTATE (RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_MULTIKEY
                     | RL_STATE_NUMERICARG | RL_STATE_VIMOTION | RL_STATE_CHARSEARCH);
}

static void bound_line (void);

/* Ctrl-C: empty the line and stay at the prompt, as bash does. */
static void
clear_line (void)
{
  rl_callback_sigcleanup ();
  /* As readline does on SIGINT: drop the line's undo list, and untie a
     line recalled from the history from it, so that the entry stays as it
     was; then a new line at the end of the history. */
  rl_free_line_state ();
  using_history ();
  rl_replace_line ("", 0);
  rl_point = rl_mark = 0;
  if (rl_editing_mode == 0)
    rl_vi_insertion_mode (1, 'i');
  cut_bytes = 0;
  cleared = 1;
}

void
input_history_join (const char *text)
{
  /* The lines of one statement typed at a continuation prompt: one
     entry, as bash keeps a command of many lines.  Only the entries its
     lines added go (a line already last in the history added none). */
  for (; added > 0 && history_length > 0; added--)
    {
      HIST_ENTRY *e = remove_history (history_length - 1);
      if (e)
        free_history_entry (e);
    }
  added = 0;
  if (text && *text)
    add_history (text);
  /* Up goes from the end again, where the entry is now. */
  using_history ();
  input_history_save ();
}

void
input_history_mark (void)
{
  added = 0;
}

int
input_take_clear (void)
{
  int was = cleared;
  cleared = 0;
  return was;
}

void
input_set_text (const char *text)
{
  if (!active)
    return;
  rl_replace_line (text, 1);
  rl_point = rl_end;
  bound_line ();
}

/* Keep the line to the prompt's most, cut at a character's start. */
static void
bound_line (void)
{
  if (!active || !max_len || (size_t) rl_end <= max_len)
    return;
  size_t cut = max_len;
  while (cut > 0 && ((unsigned char) rl_line_buffer[cut] & 0xc0) == 0x80)
    cut--;
  cut_bytes += (size_t) rl_end - cut;
  rl_delete_text ((int) cut, rl_end);
  if (rl_point > rl_end)
    rl_point = rl_end;
}

enum input_state
input_key (int ch)
{
  if (!active)
    return state;
  if (ch == 3)
    {
      clear_line ();
      return state;
    }
  if (ch == 7 && !readline_busy ())
    {
      input_stop ();
      state = INPUT_CANCEL;
      return state;
    }
  if (ch < 0 || ch > 0xff)
    return state;               /* a key code: the prompt has none to give */
  stash = ch;
  /* A byte the input hook peeked at (the rest of an escape sequence, say)
     is readline's next: feed it now, or the next key would take its
     place.  Once the line is done, one left over goes back to the screen. */
  do
    rl_callback_read_char ();
  while (active && stash != EOF);
  if (stash != EOF)
    {
      demo_unget (stash);
      stash = EOF;
    }
  bound_line ();
  if (resized)
    {
      resized = 0;
      demo_unget (KEY_RESIZE);  /* for the screen's loop, once readline is done */
    }
  return state;
}




const char *
input_line (void)
{
  return line;
}

size_t
input_cut (void)
{
  return cut_bytes;
}

int
input_active (void)
{
  return active;
}

const char *
input_keys (void)
{
  return "Enter done  Ctrl-G give up  Ctrl-C clear  Up/Down  Ctrl-R search  F1 keys";
}

const char *
input_prompt (void)
{
  return prompt_text;
}

void
input_paste_off (void)
{
  if (paste_on)
    {
      /* write(2): this runs when memory ran out too. */
      static const char off[] = "\033[?2004l";
      if (write (STDOUT_FILENO, off, sizeof off - 1) < 0)
        {
          /* The terminal is gone: nothing to restore. */
        }
      paste_on = 0;
    }
}

void
input_stop (void)
{
  input_matches_clear ();
  if (active)
    {
      rl_callback_handler_remove ();
      active = 0;
    }
  fflush (stdout);
  input_paste_off ();
  keypad (stdscr, TRUE);
  curs_set (0);
}

void
input_cleanup (void)
{
  if (active)
    input_stop ();
  free (line);
  line = NULL;
  input_history_free ();
  if (devnull)
    fclose (devnull);
  devnull = NULL;
  rl_outstream = NULL;
}
