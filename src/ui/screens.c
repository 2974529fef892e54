/* screens.c - what the screens share: waiting for keys, saving progress.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo.h"
#include "draw.h"
#include "input.h"
#include "screens.h"
#include "tty.h"

/* The keys an escape sequence that curses did not know may still be: its
   final bytes after "\033[" or "\033O" (the parameters before them
   dropped: modifiers, "1;5"). */
static const struct {
  const char *tail;
  int key;
} sequences[] = {
  { "A", KEY_UP }, { "B", KEY_DOWN }, { "C", KEY_RIGHT }, { "D", KEY_LEFT },
  { "H", KEY_HOME }, { "F", KEY_END }, { "1~", KEY_HOME }, { "7~", KEY_HOME },
  { "4~", KEY_END }, { "8~", KEY_END }, { "5~", KEY_PPAGE }, { "6~", KEY_NPAGE },
  { "2~", KEY_IC }, { "3~", KEY_DC }, { "P", KEY_F (1) },
};

/* The rest of an escape sequence, after its Esc: read whole, however
   long, so that no byte of it is taken as a key of its own (an unknown
   F-key, a modified arrow, a mouse report).  Returns the key it stands
   for, 27 for an Esc alone, or ERR for a sequence that means nothing
   here. */
static int
escape_rest (void)
{
  char seq[40];
  size_t n = 0;
  int ch = demo_getch (0);
  if (ch == ERR)
    return 27;                  /* Esc alone */
  if (ch != '[' && ch != 'O')
    {
      /* Esc, then a key typed at once (vi's habit): both count. */
      demo_unget (ch);
      return 27;
    }
  int csi = ch == '[';
  for (;;)
    {
      ch = demo_getch (30);
      if (ch == ERR || ch > 0xff)
        return ERR;             /* cut short: drop what came */
      if (n + 1 < sizeof seq)
        seq[n++] = (char) ch;
      if (csi && n == 1 && ch == 'M')
        {
          /* An old-style mouse report: three bytes follow. */
          for (int i = 0; i < 3; i++)
            demo_getch (30);
          return ERR;
        }
      if (!csi || (ch >= 0x40 && ch <= 0x7e))
        break;                  /* SS3 is one byte; CSI ends with a final byte */
    }
  seq[n] = '\0';
  if (seq[0] == '<')
    return ERR;                 /* an SGR mouse report */
  /* "5~" or "5;3~": the key is the first number; "1;5A" or "A": the final
   letter.  What follows ';' is a modifier, which no key here needs. */
  char want[8];
  char last = n ? seq[n - 1] : 0;
  if (last == '~')
    snprintf (want, sizeof want, "%ld~", strtol (seq, NULL, 10));
  else
    snprintf (want, sizeof want, "%c", last);
  for (size_t i = 0; i < sizeof sequences / sizeof sequences[0]; i++)
    if (strcmp (want, sequences[i].tail) == 0)
      return sequences[i].key;
  return ERR;
}

int
screen_key (struct app *a)
{
  struct timespec t0, t1;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  for (;;)
    {
      if (tty_suspend_if_asked () && !tty_pending_signal ())
        return KEY_RESIZE;      /* back from Ctrl-Z: redraw it all */
      int sig = tty_pending_signal ();
      if (sig)
        {
          a->sig = sig;
          return -1;
        }
      /* Up to 100 ms at a time, and no longer than the tick has left. */
      int wait = 100;
      if (a->tick_ms > 0)
        {
          clock_gettime (CLOCK_MONOTONIC, &t1);
          long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
          if (ms >= a->tick_ms)
            return SCREEN_TICK;
          wait = a->tick_ms - ms < wait ? (int) (a->tick_ms - ms) : wait;
        }
      int ch = demo_getch (wait);
      if (ch == ERR)
        continue;
      /* The terminal is raw: the keys that would be signals come as bytes. */
      if (ch == 0x1a)
        {
          tty_ask_suspend ();   /* Ctrl-Z */
          continue;
        }
      if (ch == 0x1c)
        {
          tty_ask_stop (SIGQUIT);       /* Ctrl-\ */
          continue;
        }
      if (ch == 12)
        {
          clearok (curscr, TRUE);       /* Ctrl-L, on every screen */
          return KEY_RESIZE;
        }
      if (input_active ())
        return ch;              /* the prompt reads escape sequences itself */
      if (ch == 3)
        return 'q';             /* Ctrl-C leaves the screen, as q does */
      if (ch == 27 && (ch = escape_rest ()) == ERR)
        continue;
      if (ch == KEY_MOUSE)
        {
          /* curses knew the report's start (terminfo's kmous), not the
             rest: an SGR report's numbers up to M or m, or an old one's
             three bytes.  No screen takes the mouse. */
          int c = demo_getch (30);
          if (c >= '0' && c <= '9')
            for (int i = 0; i < 32 && c != ERR && c != 'M' && c != 'm'; i++)
              c = demo_getch (30);
          else
            for (int i = 0; i < 2 && c != ERR; i++)
              c = demo_getch (30);
          continue;
        }
      return ch;
    }
}

int
screen_esc (struct app *a, char *msg, size_t len)
{
  if (!a->direct || a->from_lessons)
    return 1;
  snprintf (msg, len, "Esc goes back, and there is nothing to go back to here: q quits.");
  return 0;
}

const char *
screen_up_word (const struct app *a)
{
  return a->from_lessons ? "lessons" : a->direct ? "quit" : "menu";
}

int
screen_next_key (struct app *a)
{
  for (;;)
    {
      int ch = screen_key (a);
      if (ch < 0 || ch == KEY_RESIZE || draw_big_enough ())
        return ch;
      /* Too small: the notice is up, and only q or Ctrl-D does anything. */
      if (ch == 'q' || ch == 'Q' || ch == 4)
        return SCREEN_LEAVE;
    }
}

/* Is another key there already?  (Read, then given back.)  A demo being
   played is there to be seen: each of its keys is drawn. */
static int
key_pending (void)
{
  if (demo_playing ())
    return 0;
  int ch = demo_getch (0);
  if (ch == ERR)
    return 0;
  demo_unget (ch);
  return 1;
}

void
screen_drop_sequence (int ch)
{
  /* At a prompt the keys come as bytes: the rest of an F1 or an arrow
     would go into the line. */
  if (ch == 27 && input_active ())
    (void) escape_rest ();
}

enum screen_id
screen_run (struct app *a, const struct screen *s)
{
  void *ctx = s->open (a);
  int help = 0;
  enum screen_id next = s->up;

  if (s->layout)
    s->layout (ctx);
  a->tick_ms = s->tick ? SCREEN_TICK_MS : 0;
  for (int ch = KEY_RESIZE;; ch = screen_next_key (a))
    {
      if (ch == -1)
        {
          next = SCREEN_QUIT;
          break;
        }
      if (ch == SCREEN_LEAVE)
        break;
      if (ch == SCREEN_TICK)
        {
          /* Something live: redrawn only when it changed, and never under
             the help or a too small terminal's notice. */
          if (help || !s->tick (ctx) || !draw_big_enough ())
            continue;
        }
      else if (ch == KEY_RESIZE)
        {
          if (s->layout)
            s->layout (ctx);
        }
      else if (help)
        {
          help = 0;             /* any key closes the help */
          screen_drop_sequence (ch);
        }
      else if ((ch == KEY_F (1) || (ch == '?' && !input_active ())) && s->keys)
        help = 1;
      else
        {
          int r = s->key (ctx, ch);
          if (r != SCREEN_STAY)
            {
              next = (enum screen_id) r;
              break;
            }
          if (input_take_help () && s->keys)
            help = 1;           /* F1 at the prompt */
        }
      /* A burst of keys (typed ahead, pasted) is drawn once, at its end. */
      if (ch != KEY_RESIZE && ch != SCREEN_TICK && key_pending ())
        continue;
      if (!draw_big_enough ())
        continue;
      s->draw (ctx);
      if (help)
        {
          char title[80];
          snprintf (title, sizeof title, "keys of the %s", s->title);
          curs_set (0);
          help_draw (title, s->keys, s->nkeys);
        }
      refresh ();
    }
  a->tick_ms = 0;
  s->close (ctx);
  return next;
}

void
screen_save (struct app *a, char *msg, unsigned long len)
{
  if (store_save (a->store) != 0 && msg && len)
    snprintf (msg, len, "%s", a->store->warning);
}

const char *
screen_warning (struct app *a)
{
  if (a->warned || !a->store->warning[0])
    return "";
  a->warned = 1;
  return a->store->warning;
}
