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
#include "input.h"

static int active;
static int stash = EOF;          /* the byte readline reads next */
static enum input_state state;
static char *line;
static char prompt_text[64];
static void (*redraw_fn)(void);
static FILE *devnull;
static int initialised;

/* Completion, for the prompts that have it (the call console). */
static const char *(*complete_name) (int i, void *ctx);
static void (*empty_tab) (void *ctx);
static void *complete_ctx;
static char matches_text[512];
static void (*page_fn) (int dir, void *ctx);    /* PgUp / PgDn at the prompt */
static void *page_ctx;

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
  if (redraw_fn)
    redraw_fn ();
}

static void
on_line (char *l)
{
  free (line);
  line = l;
  state = l ? INPUT_DONE : INPUT_EOF;
  if (l && *l)
    add_history (l);
  /* No more lines: removing the handler here keeps readline from printing
     a prompt of its own. */
  rl_callback_handler_remove ();
  active = 0;
}

static char *
generate (const char *text, int state)
{
  static int i;
  static size_t len;
  const char *n;
  if (!state)
    {
      i = 0;
      len = strlen (text);
    }
  while ((n = complete_name (i++, complete_ctx)))
    if (strncmp (n, text, len) == 0)
      return strdup (n);
  return NULL;
}

static char **
attempt (const char *text, int start, int end)
{
  (void) start, (void) end;
  rl_attempted_completion_over = 1;     /* never file names */
  return complete_name ? rl_completion_matches (text, generate) : NULL;
}

/* Readline would print the candidates on the terminal; they go to a line
   of the screen instead. */
static void
show_matches (char **m, int n, int longest)
{
  size_t used = 0;
  (void) longest;
  matches_text[0] = '\0';
  for (int i = 1; i <= n; i++)
    if (used + strlen (m[i]) + 2 < sizeof matches_text)
      used += (size_t) snprintf (matches_text + used, sizeof matches_text - used, "%s%s",
                                 i > 1 ? "  " : "", m[i]);
  redisplay ();
}

/* PgUp and PgDn reach readline as escape sequences (the prompt has keypad
   mode off): they go to the screen's paging, not into the line. */
static int
page_up (int count, int key)
{
  (void) count, (void) key;
  if (page_fn)
    page_fn (-1, page_ctx);
  redisplay ();
  return 0;
}

static int
page_down (int count, int key)
{
  (void) count, (void) key;
  if (page_fn)
    page_fn (1, page_ctx);
  redisplay ();
  return 0;
}

/* Tab: complete, or on an empty line hand it to the screen. */
static int
tab (int count, int key)
{
  if (rl_end == 0 && empty_tab)
    {
      empty_tab (complete_ctx);
      redisplay ();
      return 0;
    }
  if (!complete_name)
    return 0;
  /* A second Tab lists the candidates, as readline's own Tab does. */
  if (rl_last_func == tab)
    return rl_possible_completions (count, key);
  return rl_complete (count, key);
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
  rl_attempted_completion_function = attempt;
  rl_completion_display_matches_hook = show_matches;
  rl_bind_key ('\t', tab);
  rl_bind_keyseq ("\033[5~", page_up);
  rl_bind_keyseq ("\033[6~", page_down);
  using_history ();
  stifle_history (100);
}

void
input_start (const char *prompt, void (*redraw)(void))
{
  setup ();
  free (line);
  line = NULL;
  snprintf (prompt_text, sizeof prompt_text, "%s", prompt);
  redraw_fn = redraw;
  state = INPUT_ACTIVE;
  active = 1;
  keypad (stdscr, FALSE);      /* readline reads the raw escape sequences */
  curs_set (1);
  rl_callback_handler_install (prompt_text, on_line);
}

enum input_state
input_feed (int byte, int next_pending)
{
  if (!active)
    return state;
  if (byte == 27 && !next_pending)
    {
      input_stop ();
      state = INPUT_CANCEL;
      return state;
    }
  stash = byte & 0xff;
  rl_callback_read_char ();
  return state;
}

enum input_state
input_key (int ch)
{
  int nx = ERR;
  if (ch == 27)
    {
      /* An Esc alone cancels; one that starts a sequence goes to readline. */
      nx = demo_getch (50);
    }
  enum input_state st = input_feed (ch, nx != ERR);
  if (nx != ERR && st == INPUT_ACTIVE)
    st = input_feed (nx, 1);
  return st;
}

void
input_completion (const char *(*name) (int i, void *ctx), void (*on_empty_tab) (void *ctx),
                  void *ctx)
{
  complete_name = name;
  empty_tab = on_empty_tab;
  complete_ctx = ctx;
  matches_text[0] = '\0';
}

void
input_paging (void (*fn) (int dir, void *ctx), void *ctx)
{
  page_fn = fn;
  page_ctx = ctx;
}

const char *
input_matches (void)
{
  return matches_text;
}

const char *
input_line (void)
{
  return line;
}

int
input_active (void)
{
  return active;
}

void
input_draw (int y, int x, int w)
{
  if (!active)
    return;
  const char *buf = rl_line_buffer ? rl_line_buffer : "";
  int pw = draw_text (y, x, w, prompt_text, A_BOLD);
  int room = w - pw - 1;
  int before = draw_width (buf, (size_t) (rl_point > 0 ? rl_point : 0));
  /* Scroll the line so that the cursor stays in sight. */
  size_t skip = 0;
  while (before - draw_width (buf, skip) > room && buf[skip])
    {
      skip++;
      while (((unsigned char) buf[skip] & 0xc0) == 0x80)
        skip++;           /* never start inside a UTF-8 sequence */
    }
  mvhline (y, x + pw, ' ', w - pw);
  draw_text (y, x + pw, room, buf + skip, 0);
  move (y, x + pw + before - draw_width (buf, skip));
}

void
input_stop (void)
{
  matches_text[0] = '\0';
  if (active)
    {
      rl_callback_handler_remove ();
      active = 0;
    }
  keypad (stdscr, TRUE);
  curs_set (0);
}

void
input_cleanup (void)
{
  input_stop ();
  free (line);
  line = NULL;
  if (initialised)
    clear_history ();
  if (devnull)
    fclose (devnull);
  devnull = NULL;
  rl_outstream = NULL;
}
