/* test-keys.c - keys as readline and vim users type them, through the real
   program in a pseudo-terminal: Esc, Ctrl-C and Ctrl-G at the prompts and
   outside them, vi mode, escape sequences read whole, bracketed and long
   pastes, history kept between runs, one key one action in the quiz,
   Ctrl-L on the screens.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <fcntl.h>

static char state_env[4200], inputrc_env[4200];

/* Start ARGS at 24x80 with the lessons from the source tree; STATE: the
   progress and history folder (NULL: the harness's private one); VI: an
   inputrc that sets vi mode. */
static struct vt *
start (const char *what, const char *const args[], const char *state, int vi)
{
  const char *env[8] = { data_env, "NO_COLOR", "LINES", "COLUMNS" };
  int n = 4;
  if (state)
    {
      snprintf (state_env, sizeof state_env, "XDG_STATE_HOME=%s", state);
      env[n++] = state_env;
    }
  if (vi)
    env[n++] = inputrc_env;
  env[n] = NULL;
  return start_program (what, args, 24, 80, env, NULL);
}

static const char *const walk_args[] = { "walkthrough", NULL };

/* The walkthrough at its write prompt (step 2, then Enter). */
static struct vt *
at_write_prompt (const char *what, const char *state, int vi)
{
  struct vt *vt = start (what, walk_args, state, vi);
  if (!vt)
    return NULL;
  shows (vt, what, "step 1/6");
  /* A run on the same progress offers to resume: no, from step 1. */
  settle (vt);
  if (vt_find (vt, "Resume there?", NULL, NULL))
    vt_send (vt, "n");
  vt_send (vt, "\r");
  shows (vt, what, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, what, "write> ");
  return vt;
}

/* Ctrl-C at a prompt empties the line and keeps the prompt; Ctrl-G gives
   it up; Esc outside a prompt goes back or says q quits, never ends. */
static void
ctrl_c_and_esc (void)
{
  const char *w = "Ctrl-C at write>";
  struct vt *vt = at_write_prompt (w, NULL, 0);
  if (!vt)
    return;
  vt_send (vt, "some text");
  shows (vt, w, "write> some text");
  vt_send (vt, "\003");
  lacks (vt, w, "some text");
  shows_now (vt, w, "write> ");
  tap_ok (vt_running (vt), "%s: the program still runs", w);
  vt_send (vt, "Hi");
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  shows_now (vt, w, "0000  48 69 00");

  w = "Esc outside a prompt";
  vt_send (vt, "\033");
  shows (vt, w, "q quits");
  tap_ok (vt_running (vt), "%s: the program still runs", w);
  shows_now (vt, w, "step 3/6");

  w = "Ctrl-C outside a prompt";
  vt_send (vt, "\003");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* vi mode from the user's inputrc: Esc is vi's command mode, the typed
   text is kept and edited, the mode is shown. */
static void
vi_mode (void)
{
  const char *w = "vi mode";
  struct vt *vt = at_write_prompt (w, NULL, 1);
  if (!vt)
    return;
  shows (vt, w, "(ins) write> ");
  vt_send (vt, "hello world");
  shows (vt, w, "write> hello world");
  vt_send (vt, "\033");
  shows (vt, w, "(cmd) write> hello world");
  tap_ok (vt_running (vt), "%s: Esc ended nothing", w);
  vt_send (vt, "0iX");
  shows (vt, w, "(ins) write> Xhello world");
  /* An arrow key's sequence starts with Esc: read whole, it moves the
     cursor, not into command mode.  (Its bytes were once split: the hook's
     peeked byte was lost to the next key.) */
  vt_send (vt, "\033[D");
  vt_send (vt, "Y");
  shows (vt, w, "(ins) write> YXhello world");
  /* F1 is bound in vi's keymaps too: the keys, and the line kept. */
  vt_send (vt, "\033OP");
  shows (vt, w, "keys of the walkthrough");
  vt_send (vt, " ");
  lacks (vt, w, "keys of the walkthrough");
  shows_now (vt, w, "(ins) write> YXhello world");
  /* A bracketed paste in insert mode goes in as text, j and k too. */
  vt_send (vt, "\033[200~ j k\033[201~");
  shows (vt, w, "(ins) write> Y j kXhello world");
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  shows_now (vt, w, "kXhello world");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* Escape sequences the screen has no use for are read whole: none quits,
   none leaves a byte behind as a key. */
static void
sequences (void)
{
  static const struct { const char *name, *bytes; } seqs[] = {
    { "F12", "\033[24~" }, { "F5", "\033[15~" }, { "Shift-F3", "\033[1;2R" },
    { "Insert", "\033[2~" }, { "an SGR mouse click", "\033[<0;10;5M\033[<0;10;5m" },
    { "an X10 mouse click", "\033[M !!" }, { "End (xterm)", "\033[F" },
    { "End (vt220)", "\033[4~" }, { "Home (rxvt)", "\033[7~" }, { "End (SS3)", "\033OF" },
  };
  const char *w = "escape sequences";
  struct vt *vt = start (w, walk_args, NULL, 0);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
    {
      vt_send (vt, seqs[i].bytes);
      settle (vt);
      if (!tap_ok (vt_running (vt) && vt_find (vt, "step 2/6", NULL, NULL)
                   && !vt_find (vt, "That key does nothing", NULL, NULL)
                   && !vt_find (vt, "q quits", NULL, NULL),
                   "%s: %s ends nothing, moves no step, leaves no key behind", w, seqs[i].name))
        vt_dump (vt);
    }
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* A bracketed paste is one insertion, its newline kept in the line; a
   paste longer than the mapping holds is cut, and the screen says so. */
static void
pastes (void)
{
  const char *w = "bracketed paste";
  struct vt *vt = at_write_prompt (w, NULL, 0);
  if (!vt)
    return;
  size_t len;
  const char *out = vt_output (vt, &len);
  tap_ok (memmem (out, len, "\033[?2004h", 8) != NULL, "%s: the prompt turns it on", w);
  vt_send (vt, "\033[200~alpha beta\rgamma\033[201~");
  shows (vt, w, "write> alpha beta gamma");
  tap_ok (vt_running (vt) && vt_find (vt, "step 2/6", NULL, NULL),
          "%s: the newline in it did not end the line", w);
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  /* The ASCII column: whitespace, the pasted line end too, is a middle dot. */
  shows_now (vt, w, "alpha" GLYPH_SPACE "beta" GLYPH_SPACE "gamma");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  out = vt_output (vt, &len);
  tap_ok (memmem (out, len, "\033[?2004l", 8) != NULL, "%s: and off again", w);
  vt_free (vt);

  w = "a long paste";
  vt = at_write_prompt (w, NULL, 0);
  if (!vt)
    return;
  static char big[10000 + 16];
  memcpy (big, "\033[200~", 6);
  for (int i = 0; i < 10000; i++)
    big[6 + i] = (char) ('a' + i % 26);
  memcpy (big + 6 + 10000, "\033[201~", 7);
  long long t0 = now_ms ();
  vt_send (vt, big);
  vt_send (vt, "\r");
  int got = vt_wait_text (vt, "step 3/6", 20000);
  tap_ok (got, "%s: 10000 characters pasted, then Enter: the step runs (%lld ms)", w,
          now_ms () - t0);
  long pg = sysconf (_SC_PAGESIZE);
  char want[128];
  snprintf (want, sizeof want, "%ld bytes past what the mapping holds", 10000 - (pg - 1));
  shows (vt, w, "The text was cut");
  shows_now (vt, w, want);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* History: kept per kind of prompt between runs, in the state folder;
   --no-save keeps it in memory. */
static void
history (void)
{
  const char *w = "history";
  const char *state = vt_tempdir ();
  if (!state)
    {
      tap_ok (0, "%s: a state folder", w);
      return;
    }
  struct vt *vt = at_write_prompt (w, state, 0);
  if (!vt)
    return;
  vt_send (vt, "remembered text\r");
  shows (vt, w, "step 3/6");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  char path[4200];
  snprintf (path, sizeof path, "%s/shmtutor/history", state);
  tap_ok (access (path, R_OK) == 0, "%s: kept in $XDG_STATE_HOME/shmtutor/history", w);

  w = "history, the next run";
  vt = at_write_prompt (w, state, 0);
  if (!vt)
    return;
  vt_send (vt, "\033[A");         /* Up */
  shows (vt, w, "write> remembered text");
  /* Ctrl-C on a recalled line leaves the entry as it was (it once
     emptied it, in memory and on disk). */
  vt_send (vt, " edited\003");
  lacks (vt, w, "remembered text");
  vt_send (vt, "other\r");
  shows (vt, w, "step 3/6");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  char hist[8192];
  FILE *hf = fopen (path, "r");
  size_t hn = hf ? fread (hist, 1, sizeof hist - 1, hf) : 0;
  if (hf)
    fclose (hf);
  hist[hn] = '\0';
  tap_ok (strstr (hist, "write\tremembered text\n") && strstr (hist, "write\tother\n")
          && !strstr (hist, "edited"), "%s: the recalled entry is kept as it was", w);
  vt = at_write_prompt (w, state, 0);
  if (!vt)
    return;
  vt_send (vt, "\003\007");       /* Ctrl-C, then Ctrl-G */
  shows (vt, w, "Cancelled");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);

  /* The console's history is its own. */
  w = "history, another prompt";
  static const char *const console[] = { "console", NULL };
  vt = start (w, console, state, 0);
  if (vt && shows (vt, w, "console>"))
    {
      vt_send (vt, "\033[A");
      settle (vt);
      if (!tap_ok (!vt_find (vt, "remembered text", NULL, NULL),
                   "%s: the console does not offer the write prompt's text", w))
        vt_dump (vt);
      vt_send (vt, "\004");
      ends_restored (vt, w, 0);
    }
  vt_free (vt);

  w = "history, --no-save";
  struct stat before, after;
  stat (path, &before);
  static const char *const nosave[] = { "--no-save", "walkthrough", NULL };
  vt = start (w, nosave, state, 0);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  settle (vt);
  if (vt_find (vt, "Resume there?", NULL, NULL))
    vt_send (vt, "n");
  vt_send (vt, "\r\r");
  shows (vt, w, "write> ");
  vt_send (vt, "not kept\r");
  shows (vt, w, "step 3/6");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  tap_ok (stat (path, &after) == 0 && after.st_ino == before.st_ino
          && after.st_mtime == before.st_mtime, "%s: the history file is untouched", w);
}

/* The quiz: an empty Enter answers nothing. */
static void
quiz_double_enter (void)
{
  const char *w = "quiz, a second Enter";
  /* A seed whose first question is typed (Name it). */
  static const char *const args[] = { "quiz", "--seed", "5", NULL };
  struct vt *vt = start (w, args, NULL, 0);
  if (!vt)
    return;
  if (shows (vt, w, "answer> "))
    {
      vt_send (vt, "\r");
      settle (vt);
      shows_now (vt, w, "Type an answer");
      if (!tap_ok (vt_find (vt, "question 1/", NULL, NULL), "%s: still the first question", w))
        vt_dump (vt);
    }
  vt_send (vt, "\007q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* Ctrl-L redraws on every screen. */
static void
ctrl_l (void)
{
  static const struct { const char *screen, *shows; } screens[] = {
    { "menu", "Quiz" }, { "walkthrough", "step 1/6" }, { "quiz", "question 1/" },
    { "flashcards", "card" }, { "glossary", "Shared Memory" }, { "console", "console>" },
  };
  for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
    {
      char w[64];
      snprintf (w, sizeof w, "Ctrl-L on %s", screens[i].screen);
      const char *args[] = { screens[i].screen, NULL };
      const char *const *a = strcmp (screens[i].screen, "menu") == 0 ? NULL : args;
      static const char *const none[] = { NULL };
      struct vt *vt = start (w, a ? a : none, NULL, 0);
      if (!vt)
        continue;
      if (shows (vt, w, screens[i].shows))
        {
          settle (vt);
          size_t before;
          vt_output (vt, &before);
          vt_send (vt, "\014");
          settle (vt);
          size_t len;
          const char *out = vt_output (vt, &len);
          /* A redraw from scratch clears the screen first. */
          if (!tap_ok (len > before && memmem (out + before, len - before, "\033[H\033[2J", 7),
                       "%s: the screen is drawn again from a clear screen", w))
            tap_diag ("%zu bytes after Ctrl-L", len - before);
          shows_now (vt, w, screens[i].shows);
        }
      vt_send (vt, strcmp (screens[i].screen, "console") == 0 ? "\004" : "\007q");
      ends_restored (vt, w, 0);
      vt_free (vt);
    }
}

/* --color=always wins over NO_COLOR; --color=never over a colour
   terminal.  (The title bar's background: blue in the theme.) */
static void
color_option (void)
{
  static const struct { const char *opt, *nocolor; int bg; } cases[] = {
    { "--color=always", "NO_COLOR=1", 4 }, { "--color=never", "NO_COLOR", -1 },
    { "--color", "NO_COLOR=1", 4 }, { "--color=auto", "NO_COLOR=1", -1 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char w[80];
      snprintf (w, sizeof w, "%s with %s", cases[i].opt, cases[i].nocolor);
      const char *args[] = { cases[i].opt, "walkthrough", NULL };
      const char *env[] = { data_env, cases[i].nocolor, "LINES", "COLUMNS", NULL };
      struct vt *vt = start_program (w, args, 24, 80, env, NULL);
      if (!vt)
        continue;
      int fg = 0, bg = 0;
      if (shows (vt, w, "step 1/6"))
        {
          settle (vt);
          vt_cell_colors (vt, 0, 0, &fg, &bg);
          tap_int (bg, cases[i].bg, "%s: the title bar's background", w);
        }
      vt_send (vt, "q");
      ends_restored (vt, w, 0);
      vt_free (vt);
    }
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  /* An inputrc of the test's own, in vi mode. */
  const char *dir = vt_tempdir ();
  char rc[4096];
  snprintf (rc, sizeof rc, "%s/inputrc", dir ? dir : "/tmp");
  FILE *f = fopen (rc, "w");
  if (f)
    {
      fputs ("set editing-mode vi\n", f);
      fclose (f);
    }
  snprintf (inputrc_env, sizeof inputrc_env, "INPUTRC=%s", rc);

  ctrl_c_and_esc ();
  vi_mode ();
  sequences ();
  pastes ();
  history ();
  quiz_double_enter ();
  ctrl_l ();
  color_option ();
  vt_cleanup ();
  return tap_done ();
}

#endif
