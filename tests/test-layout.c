/* test-layout.c - the screens laid out for the terminal they get, through
   the real program in a pseudo-terminal: everything at 80x23, nothing cut
   without a mark (and nothing cut at all where the rows are there), five
   program lines at 80x24, the whole program on w, the program beside the
   rest from 120 columns, the console's statements whole, ? (F1 at the
   console's prompt) on every screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "vt-tap.h"

#ifdef HAVE_VTERM

#define CUT "\xe2\x80\xa6"      /* the cut mark in a UTF-8 locale */
#define RULE "\xe2\x94\x80"     /* a rule's line */

static struct vt *
start (const char *what, const char *const args[], int rows, int cols)
{
  const char *const env[] = { data_env, "NO_COLOR", "LINES", "COLUMNS", NULL };
  return start_program (what, args, rows, cols, env, NULL);
}

/* No row of the screen holds the cut mark: nothing was cut. */
static void
nothing_cut (struct vt *vt, const char *what)
{
  int r, c;
  settle (vt);
  if (!tap_ok (!vt_find (vt, CUT, &r, &c), "%s: nothing on the screen is cut", what))
    {
      tap_diag ("a cut mark at row %d, column %d", r, c);
      vt_dump (vt);
    }
}

/* The row of the rule under the program ("─ step N: ..."), or -1. */
static int
step_rule (struct vt *vt)
{
  char buf[1024];
  for (int r = 1; r < 80; r++)
    {
      vt_row (vt, r, buf, sizeof buf);
      if (strncmp (buf, RULE " step ", strlen (RULE " step ")) == 0)
        return r;
    }
  return -1;
}

/* The walkthrough at 80x23 and 80x24, every step: all of it there, the
   explanation whole, the key bar on the last row, nothing cut. */
static void
walk_small (int rows)
{
  char w[64], want[32];
  snprintf (w, sizeof w, "walkthrough at 80x%d", rows);
  static const char *const args[] = { "--no-save", "walkthrough", NULL };
  struct vt *vt = start (w, args, rows, 80);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  lacks (vt, w, "needs a terminal");
  /* The last words of step 1's explanation. */
  shows (vt, w, "nothing is mapped yet.");
  for (int k = 1; k <= 6; k++)
    {
      char at[80];
      snprintf (at, sizeof at, "%s, step %d", w, k);
      snprintf (want, sizeof want, "step %d/6", k);
      if (!shows (vt, at, want))
        break;
      settle (vt);
      char last[1024];
      vt_row (vt, rows - 1, last, sizeof last);
      tap_ok (strstr (last, "Enter next") != NULL, "%s: the key bar is the last row", at);
      tap_ok (vt_find (vt, "maps: ", NULL, NULL) && vt_find (vt, RULE " page", NULL, NULL),
              "%s: the maps line and the page are there", at);
      int rule = step_rule (vt);
      if (rows >= 24)
        tap_ok (rule - 1 >= 5, "%s: %d program lines above the call (5 wanted)", at, rule - 1);
      else
        tap_ok (rule - 1 >= 3, "%s: %d program lines above the call", at, rule - 1);
      nothing_cut (vt, at);
      vt_send (vt, k == 2 ? "\r\r" : "\r");
    }
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* Notes and the predict question at 80x23: under a rule of their own,
   nothing cut, nothing drawn over the page. */
static void
panes_small (void)
{
  const char *w = "notes and predict at 80x23";
  static const char *const args[] = { "--no-save", "--predict", "walkthrough", NULL };
  struct vt *vt = start (w, args, 23, 80);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "N");
  shows (vt, w, RULE " instructor's notes (N hides) " RULE);
  nothing_cut (vt, w);
  vt_send (vt, "N\r");
  shows (vt, w, RULE " predict, then run " RULE);
  shows (vt, w, "3) a page-aligned address");
  int pr, pc, qr, qc;
  if (vt_find (vt, RULE " page", &pr, &pc) && vt_find (vt, "predict, then run", &qr, &qc))
    tap_ok (pr < qr, "%s: the question comes under the page, not over it", w);
  nothing_cut (vt, w);
  vt_send (vt, "3");
  shows (vt, w, "You predicted 3) a page-aligned address: right.");
  nothing_cut (vt, w);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* w: the whole program, scrolled to its end, and back. */
static void
whole_program (void)
{
  const char *w = "w at 80x24";
  static const char *const args[] = { "--no-save", "walkthrough", NULL };
  struct vt *vt = start (w, args, 24, 80);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  shows (vt, w, "(w: the whole program)");
  vt_send (vt, "w");
  shows (vt, w, "the whole program, lines 1-");
  shows (vt, w, "#include <fcntl.h>");
  vt_send (vt, "\033[F");       /* End */
  shows (vt, w, "of 27");
  shows (vt, w, "return 0;");
  lacks (vt, w, "#include <fcntl.h>");
  vt_send (vt, "w");
  shows (vt, w, "step 1/6");
  lacks (vt, w, "the whole program, lines");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* From 120 columns: the program left, the call and the page right, on the
   same rows; more rows of the page. */
static void
side_by_side (void)
{
  const char *w = "walkthrough at 132x30";
  static const char *const args[] = { "--no-save", "walkthrough", NULL };
  struct vt *vt = start (w, args, 30, 132);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "\r\r\r");
  shows (vt, w, "step 3/6");
  settle (vt);
  int cr, cc, pr, pc;
  char buf[1024];
  if (vt_find (vt, "> ", &pr, &pc) && vt_find (vt, "sprintf((char *)0x", &cr, &cc))
    {
      vt_row (vt, cr, buf, sizeof buf);
      tap_ok (cr == 1 && cc > 40 && strstr (buf, "\xe2\x94\x82") && pc < 4,
              "%s: the call on row 1 right of the program's column line, the current "
              "program line at the left (call at %d,%d; > at %d,%d)", w, cr, cc, pr, pc);
    }
  else
    tap_ok (0, "%s: the call and the program are there", w);
  int first = 0, last = 0;
  if (vt_find (vt, ", rows ", &pr, NULL))
    {
      vt_row (vt, pr, buf, sizeof buf);
      sscanf (strstr (buf, ", rows "), ", rows %d-%d", &first, &last);
    }
  tap_ok (last - first + 1 >= 10, "%s: the page shows %d rows", w, last - first + 1);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* The mmap statement just run wraps onto a second row: the address it
   gave is there whole, the one "shown:" names. */
static void
whole_address (struct vt *vt, const char *w)
{
  int r, sr;
  char row1[1024], row2[1024], both[2100], shown[1024];
  settle (vt);
  if (!vt_find (vt, "> a_long_name_for_a_shared_map = mmap(", &r, NULL)
      || !vt_find (vt, "shown: 0x", &sr, NULL))
    {
      tap_ok (0, "%s: the mmap and the mapping shown are there", w);
      return;
    }
  vt_row (vt, r, row1, sizeof row1);
  vt_row (vt, r + 1, row2, sizeof row2);
  snprintf (both, sizeof both, "%s %s", row1, row2);
  vt_row (vt, sr, shown, sizeof shown);
  const char *addr = strstr (both, "= 0x");
  const char *sh = strstr (shown, "shown: ") + 7;
  size_t n = addr ? strcspn (addr + 2, " ") : 0;
  tap_ok (addr && n >= 3 && strncmp (addr + 2, sh, n) == 0 && sh[n] == ' ',
          "%s: the result is the whole address shown (%.*s)", w, (int) n, addr ? addr + 2 : "");
}

/* The console at 80x24: a dozen statements, long ones too; each shown is
   whole, the newest last, and the count of those above. */
static void
console_whole (void)
{
  const char *w = "console at 80x24";
  static const char *const args[] = { "--no-save", "console", NULL };
  static const char *const lines[] = {
    "fd = open(\"/dev/zero\", O_RDWR)",
    "a_long_name_for_a_shared_map = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)",
    "a_long_name_for_a_shared_map[0] = 'x'",
    "strcpy(a_long_name_for_a_shared_map + 4096, \"a second page, written\")",
    "memset(a_long_name_for_a_shared_map, 0x41, 32)",
    "b = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0)",
    "b[0] = 1",
    "c = mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE, fd, 0)",
    "c[1] = 2",
    "mprotect(c, 4096, PROT_READ)",
    "munmap(b, 4096)",
    "a_long_name_for_a_shared_map[1] = 'y'",
  };
  struct vt *vt = start (w, args, 24, 80);
  if (!vt)
    return;
  shows (vt, w, "console>");
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    {
      vt_send (vt, lines[i]);
      vt_send (vt, "\r");
      char want[200];
      snprintf (want, sizeof want, "> %.40s", lines[i]);
      shows (vt, w, want);
      if (i == 1)
        whole_address (vt, w);
    }
  shows (vt, w, "> a_long_name_for_a_shared_map[1] = 'y'  = 121");
  shows (vt, w, "earlier statements: Up recalls them)");
  nothing_cut (vt, w);
  nothing_cut (vt, w);
  vt_send (vt, "\004");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* ? on every screen, F1 at the console's prompt (where ? is typed): the
   screen's keys, titled; any key closes them. */
static void
help_everywhere (void)
{
  static const struct { const char *screen, *shows, *key, *title; } screens[] = {
    { NULL, "Quiz", "?", "keys of the menu" },
    { "walkthrough", "step 1/6", "?", "keys of the walkthrough" },
    { "quiz", "question 1/", "?", "keys of the quiz" },
    { "flashcards", "to go", "?", "keys of the" },
    { "glossary", "Shared Memory", "?", "keys of the glossary" },
    { "console", "console>", "\033OP", "keys of the call console" },
    { "lessons", "Choose a lesson", "?", "keys of the" },
  };
  for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
    {
      char w[64];
      snprintf (w, sizeof w, "help on %s", screens[i].screen ? screens[i].screen : "menu");
      const char *args[] = { "--no-save", screens[i].screen, NULL };
      struct vt *vt = start (w, args, 23, 80);
      if (!vt)
        continue;
      if (shows (vt, w, screens[i].shows))
        {
          /* A typed question of the quiz opens a prompt, where ? is text:
             F1 there, ? everywhere else (no falling back from one to the
             other, so that a ? that does nothing fails). */
          settle (vt);
          int prompt = vt_find (vt, "answer> ", NULL, NULL);
          vt_send (vt, prompt ? "\033OP" : screens[i].key);
          shows (vt, w, screens[i].title);
          vt_send (vt, " ");
          lacks (vt, w, screens[i].title);
          shows (vt, w, screens[i].shows);
        }
      vt_send (vt, !screens[i].screen ? "q" : strcmp (screens[i].screen, "console") == 0
               ? "\004" : "\007q");
      ends_restored (vt, w, 0);
      vt_free (vt);
    }
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  walk_small (23);
  walk_small (24);
  panes_small ();
  whole_program ();
  side_by_side ();
  console_whole ();
  help_everywhere ();
  vt_cleanup ();
  return tap_done ();
}

#endif
