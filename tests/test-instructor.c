/* test-instructor.c - what shmtutor offers whoever teaches with it: the
   instructor's notes, --step and --no-skip, predict-then-run, recorded
   sessions played back, the line mode (--plain), the lesson list and
   monochrome.  The real program, mostly in a pseudo-terminal of 80x24
   read back through libvterm; the line mode also through plain pipes.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Needs SHMTUTOR (the program, an absolute path) and SHMTUTOR_DATA_DIR
   (the source tree, where lessons/ and data/ are) in the environment.
   What the lessons say (the notes, the questions, the right answers) is
   read from the lesson files by this test itself, never written into it.
   Every child gets a private HOME and XDG_STATE_HOME; XDG_DATA_HOME is
   unset unless a case gives one, so that lessons of whoever runs the
   tests never show up in the lesson list.

   An assertion that fails with "(BUG: ...)" at the end of its
   description meets a bug of the program, described in the comment next
   to it (all found at commit b1aa78d). */
#include <config.h>

#define QUIET_MS 50             /* nothing written this long: a redraw is in */
#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>

#include <vterm.h>

#define ROWS 24
#define COLS 80
#define ROW_MAX 1024            /* bytes for one row of text */

/* The Esc key (the program waits 100 ms to tell it from a sequence). */
#define KEY_ESC_ "\033"

static char lesson_file[4200];

/* ---- the lesson, read the simple way ------------------------------------- */

#define MAX_STEPS 16
#define MAX_CHOICES 8

struct lstep {
  char name[64];
  char explain[2048];
  char note[1024];
  char ask[512];
  char choice[MAX_CHOICES][256];
  int nchoices;
  int right;                    /* 1-based; 0 when the step asks nothing */
};

static struct lstep steps[MAX_STEPS];
static int nsteps;

/* Append VAL to the text DST (of LEN bytes), a blank between. */
static void
append (char *dst, size_t len, const char *val)
{
  size_t used = strlen (dst);
  snprintf (dst + used, len - used, "%s%s", used ? " " : "", val);
}

/* Read the steps of PATH: name, explain, note, ask, choices, right.
   Returns the number of steps, or -1 when the file cannot be read. */
static int
lesson_read (const char *path)
{
  char line[2048];
  FILE *f = fopen (path, "r");
  if (!f)
    return -1;
  nsteps = 0;
  memset (steps, 0, sizeof steps);
  while (fgets (line, sizeof line, f))
    {
      if (line[0] == '|')
        continue;
      char *s = trim (line), *colon = strchr (s, ':');
      if (!*s || *s == '#' || !colon)
        continue;
      *colon = '\0';
      char *key = s, *val = trim (colon + 1);
      if (!strcmp (key, "step"))
        {
          if (nsteps == MAX_STEPS)
            break;
          snprintf (steps[nsteps++].name, sizeof steps[0].name, "%s", val);
          continue;
        }
      if (!nsteps)
        continue;
      struct lstep *st = &steps[nsteps - 1];
      if (!strcmp (key, "explain"))
        append (st->explain, sizeof st->explain, val);
      else if (!strcmp (key, "note"))
        append (st->note, sizeof st->note, val);
      else if (!strcmp (key, "ask"))
        snprintf (st->ask, sizeof st->ask, "%s", val);
      else if (!strcmp (key, "choice") && st->nchoices < MAX_CHOICES)
        snprintf (st->choice[st->nchoices++], sizeof st->choice[0], "%s", val);
      else if (!strcmp (key, "right"))
        st->right = atoi (val);
    }
  fclose (f);
  return nsteps;
}

/* The step called NAME, or NULL. */
static const struct lstep *
step_named (const char *name)
{
  for (int i = 0; i < nsteps; i++)
    if (!strcmp (steps[i].name, name))
      return &steps[i];
  return NULL;
}

/* The first words of S, at most MAX bytes, cut at a blank: text that a
   wrapped paragraph shows on its first row. */
static const char *
first_words (const char *s, size_t max, char *out, size_t len)
{
  size_t n = strlen (s);
  if (n > max)
    {
      n = max;
      while (n > 0 && s[n] != ' ')
        n--;
    }
  snprintf (out, len, "%.*s", (int) n, s);
  return out;
}

/* ---- files ----------------------------------------------------------------- */

static void
show_text (const char *title, const char *text, size_t len)
{
  tap_diag ("%s (%zu bytes):", title, len);
  const char *p = text, *end = text + len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      size_t n = nl ? (size_t) (nl - p) : (size_t) (end - p);
      printf ("#   |");
      for (size_t i = 0; i < n; i++)
        printf ((unsigned char) p[i] >= 0x20 && p[i] != 0x7f ? "%c" : "\\%03o",
                (unsigned char) p[i]);
      putchar ('\n');
      p += n + 1;
    }
  fflush (stdout);
}

/* STATE's progress file into BUF; returns its length or -1. */
static long
progress (const char *state, char *buf, size_t len)
{
  char path[4200];
  snprintf (path, sizeof path, "%s/shmtutor/progress", state);
  return slurp (path, buf, len);
}

/* ---- the program in a pseudo-terminal ----------------------------------- */

/* Start the program with ARGS (NULL terminated) at 80x24.  Every child
   gets the lessons of the source tree, colour, no XDG_DATA_HOME and the
   size from the terminal; EXTRA (NULL terminated, may be NULL) comes
   after and may change any of it. */
static struct vt *
start (const char *what, const char *const args[], const char *const extra[])
{
  const char *env[24] = { data_env, "NO_COLOR", "LINES", "COLUMNS", "XDG_DATA_HOME" };
  int e = 5;
  for (size_t i = 0; extra && extra[i] && e < 23; i++)
    env[e++] = extra[i];
  env[e] = NULL;
  return start_program (what, args, ROWS, COLS, env, NULL);
}

/* Whether the bytes the program wrote hold NEEDLE. */
static int
wrote (struct vt *vt, const char *needle)
{
  size_t len;
  const char *out = vt_output (vt, &len);
  return memmem (out, len, needle, strlen (needle)) != NULL;
}

static void
show_output (struct vt *vt)
{
  size_t len;
  const char *out = vt_output (vt, &len);
  show_text ("what the program wrote", out, len > 4000 ? 4000 : len);
}

static int
starts_with (const char *s, const char *p)
{
  return strncmp (s, p, strlen (p)) == 0;
}

static int
ends_with (const char *s, const char *p)
{
  size_t n = strlen (s), m = strlen (p);
  return n >= m && strcmp (s + n - m, p) == 0;
}

/* ---- 1: the instructor's notes ------------------------------------------- */

/* The notes pane is up under a rule with its title, the text right under
   it: set apart from the explanation. */
static void
notes_framed (struct vt *vt, const char *w, const char *text)
{
  int tr, tc, nr, nc;
  char title[ROW_MAX];
  if (!shows (vt, w, "instructor's notes (N hides)") || !shows (vt, w, text))
    return;
  settle (vt);
  vt_find (vt, "instructor's notes (N hides)", &tr, &tc);
  vt_find (vt, text, &nr, &nc);
  row (vt, tr, title, sizeof title, 0);
  int ok = starts_with (title, "\xe2\x94\x80 instructor's notes (N hides) \xe2\x94\x80")
    && ends_with (title, "\xe2\x94\x80") && nr == tr + 1;
  if (!tap_ok (ok, "%s: the notes are under a titled rule, the text right under it", w))
    {
      tap_diag ("title on row %d, text on row %d", tr, nr);
      vt_dump (vt);
    }
}

static void
notes (void)
{
  const char *w = "notes";
  const char *const args[] = { "walkthrough", "--notes", NULL };
  const struct lstep *open_ = step_named ("open");
  char note[128], expl[128];
  if (!tap_ok (open_ && open_->note[0] && open_->explain[0],
               "%s: the lesson's open step has a note and an explanation", w))
    return;
  first_words (open_->note, 60, note, sizeof note);
  first_words (open_->explain, 60, expl, sizeof expl);

  struct vt *vt = start (w, args, NULL);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  notes_framed (vt, w, note);
  lacks_now (vt, w, expl);

  vt_send (vt, "N");
  lacks (vt, "notes, N", "instructor's notes");
  shows (vt, "notes, N", expl);
  lacks_now (vt, "notes, N", note);
  if (!tap_ok (vt_find (vt, "step 1/6", NULL, NULL), "notes, N: still on step 1/6"))
    vt_dump (vt);

  vt_send (vt, "N");
  notes_framed (vt, "notes, N again", note);
  lacks_now (vt, "notes, N again", expl);

  /* The pane stays open from step to step, with each step's note. */
  const struct lstep *mmap_ = step_named ("mmap");
  if (mmap_ && mmap_->note[0])
    {
      char note2[128];
      first_words (mmap_->note, 60, note2, sizeof note2);
      vt_send (vt, "\r");
      shows (vt, "notes, Enter", "step 2/6");
      notes_framed (vt, "notes, Enter", note2);
      lacks_now (vt, "notes, Enter", note);
    }
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);

  /* A step without a note says so, in the same pane. */
  w = "notes, no note";
  const char *const args2[] = { "walkthrough", "private-cow", "--step", "4", "--notes", NULL };
  vt = start (w, args2, NULL);
  if (!vt)
    return;
  shows (vt, w, "step 4/12");
  shows (vt, w, "MAP_PRIVATE and copy-on-write");
  notes_framed (vt, w, "No notes for this step.");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

/* ---- 2: --step and --no-skip --------------------------------------------- */

/* One run that must end at once with CODE and a message holding WANT. */
static void
refused (const char *w, const char *const args[], int code, const char *want)
{
  struct vt *vt = start (w, args, NULL);
  if (!vt)
    return;
  ends_as (vt, w, END_EXIT, code, WAIT_MS);
  if (!tap_ok (wrote (vt, want), "%s: the message says '%s'", w, want))
    show_output (vt);
  if (!tap_ok (!wrote (vt, "\033[?1049h"), "%s: the full screen never started", w))
    show_output (vt);
  vt_free (vt);
}

static void
step_option (void)
{
  const char *w = "--step 3";
  const char *const args[] = { "walkthrough", "--step", "3", NULL };
  struct vt *vt = start (w, args, NULL);
  if (!vt)
    return;
  shows (vt, w, "step 3/6");
  shows (vt, w, "0000  48 65 6c 6c 6f 20 66 72 6f 6d 20 75 73 65 72 20");
  shows (vt, w, "Hello from user");
  lacks_now (vt, w, "write>");
  lacks_now (vt, w, "Resume there?");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);

  /* --step never offers to resume; without it the offer comes. */
  const char *state = vt_tempdir ();
  char state_env[4300];
  snprintf (state_env, sizeof state_env, "XDG_STATE_HOME=%s", state ? state : "/nonexistent");
  const char *const extra[] = { state_env, NULL };
  const char *const to5[] = { "walkthrough", NULL };
  w = "left at step 5";
  vt = start (w, to5, extra);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "g5");
  shows (vt, w, "step 5/6");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
  w = "--step 3 after step 5";
  vt = start (w, args, extra);
  if (!vt)
    return;
  shows (vt, w, "step 3/6");
  lacks_now (vt, w, "Resume there?");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
  w = "no --step after step 3";
  vt = start (w, to5, extra);
  if (!vt)
    return;
  shows (vt, w, "You left this lesson at step 3. Resume there? (y/n)");
  vt_send (vt, "n");
  lacks (vt, w, "Resume there?");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);

  const char *const past[] = { "walkthrough", "--step", "9", NULL };
  refused ("--step 9", past, 2, "--step");
  const char *const noskip3[] = { "walkthrough", "--step", "3", "--no-skip", NULL };
  refused ("--step 3 --no-skip", noskip3, 2, "--no-skip");

  w = "--no-skip";
  const char *const noskip[] = { "walkthrough", "--no-skip", NULL };
  vt = start (w, noskip, NULL);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "g5");
  if (shows (vt, "--no-skip, g5", "No skipping ahead"))
    {
      int r;
      char buf[ROW_MAX];
      settle (vt);
      vt_find (vt, "No skipping ahead", &r, NULL);
      row (vt, r, buf, sizeof buf, 0);
      if (!tap_ok (strstr (buf, "step 2 ") != NULL, "--no-skip, g5: the message names step 2"))
        tap_diag ("row %d: %s", r, buf);
    }
  lacks_now (vt, "--no-skip, g5", "step 5/6");
  if (!tap_ok (vt_find (vt, "step 1/6", NULL, NULL), "--no-skip, g5: stays on step 1/6"))
    vt_dump (vt);

  vt_send (vt, "\r");
  shows (vt, "--no-skip, Enter", "step 2/6");
  vt_send (vt, "\r");
  shows (vt, "--no-skip, Enter", "write> ");
  vt_send (vt, "\r");
  shows (vt, "--no-skip, Enter at the prompt", "step 3/6");
  vt_send (vt, "g2");
  shows (vt, "--no-skip, g2 back", "step 2/6");
  lacks_now (vt, "--no-skip, g2 back", "No skipping ahead");
  /* The furthest made is step 3: 4 is the first not made, so allowed. */
  vt_send (vt, "g4");
  shows (vt, "--no-skip, g4", "step 4/6");
  shows (vt, "--no-skip, g4", "stdout: Shared Memory: Hello from user space");
  lacks_now (vt, "--no-skip, g4", "No skipping ahead");
  /* Now 5 is the first not made: 6 is refused, naming 5. */
  vt_send (vt, "g6");
  shows (vt, "--no-skip, g6", "step 5 comes first");
  if (!tap_ok (vt_find (vt, "step 4/6", NULL, NULL), "--no-skip, g6: stays on step 4/6"))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

/* ---- 3: predict, then run ------------------------------------------------ */

/* The question about STEP is up, with its choices, the call not made:
   still on step AT. */
static void
asking (struct vt *vt, const char *w, const struct lstep *st, const char *at)
{
  char want[700], cut[128];
  shows (vt, w, "predict, then run");
  snprintf (want, sizeof want, "Next: %s. %s", st->name, st->ask);
  shows (vt, w, first_words (want, 70, cut, sizeof cut));
  for (int i = 0; i < st->nchoices; i++)
    {
      char c[300];
      snprintf (c, sizeof c, "%d) %s", i + 1, st->choice[i]);
      shows (vt, w, first_words (c, 70, cut, sizeof cut));
    }
  snprintf (want, sizeof want, "press 1-%d", st->nchoices);
  shows (vt, w, want);
  if (!tap_ok (vt_find (vt, at, NULL, NULL), "%s: the step has not advanced (%s)", w, at))
    vt_dump (vt);
}

static void
predict (void)
{
  const char *w = "predict";
  const struct lstep *mm = step_named ("mmap"), *wr = step_named ("write"),
    *rd = step_named ("read");
  if (!tap_ok (mm && wr && rd && mm->nchoices == 3 && mm->right >= 1
               && mm->right <= mm->nchoices && wr->nchoices >= 2 && wr->right >= 1
               && rd->ask[0], "%s: the lesson's mmap, write and read steps ask, with answers", w))
    return;
  tap_diag ("%s: from the lesson: mmap's answer is %d, write's %d", w, mm->right, wr->right);
  char want[400], state_env[4300];
  const char *state = vt_tempdir ();
  if (!tap_ok (state != NULL, "%s: a state folder for two sessions", w))
    return;
  snprintf (state_env, sizeof state_env, "XDG_STATE_HOME=%s", state);
  const char *const extra[] = { state_env, NULL };
  const char *const args[] = { "walkthrough", "--predict", NULL };
  struct vt *vt = start (w, args, extra);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  shows (vt, w, "predicted 0/0");

  /* Enter asks about mmap instead of making the call. */
  vt_send (vt, "\r");
  asking (vt, "predict, Enter", mm, "step 1/6");
  lacks_now (vt, "predict, Enter", "mmap(NULL, 4096, PROT_READ|PROT_WRITE");
  lacks_now (vt, "predict, Enter", "step 2/6");

  /* The right answer: the call is made, and the line says so. */
  snprintf (want, sizeof want, "%d", mm->right);
  vt_send (vt, want);
  shows (vt, "predict, right", "step 2/6");
  shows (vt, "predict, right", "mmap(NULL, 4096, PROT_READ|PROT_WRITE");
  snprintf (want, sizeof want, "You predicted %d) ", mm->right);
  if (shows (vt, "predict, right", want))
    {
      int r;
      char buf[ROW_MAX];
      settle (vt);              /* the rest of the line may still be coming */
      vt_find (vt, want, &r, NULL);
      row (vt, r, buf, sizeof buf, 0);
      if (!tap_ok (ends_with (buf, ": right.") && !strstr (buf, "answer is"),
                   "predict, right: the line says the guess was right"))
        tap_diag ("row %d: %s", r, buf);
    }
  shows (vt, "predict, right", "predicted 1/1");
  lacks (vt, "predict, right", "predict, then run");

  /* A wrong answer about the write: the prompt, then the lesson's answer. */
  int wrong = wr->right % wr->nchoices + 1;
  vt_send (vt, "\r");
  asking (vt, "predict, Enter on step 2", wr, "step 2/6");
  snprintf (want, sizeof want, "%d", wrong);
  vt_send (vt, want);
  shows (vt, "predict, wrong", "write> ");
  vt_send (vt, "\r");
  shows (vt, "predict, wrong", "step 3/6");
  snprintf (want, sizeof want, "You predicted %d); the lesson's answer is %d) ", wrong,
            wr->right);
  shows (vt, "predict, wrong", want);
  shows (vt, "predict, wrong", "predicted 1/2");

  /* Esc runs the call without a guess, and nothing is counted. */
  vt_send (vt, "\r");
  asking (vt, "predict, Enter on step 3", rd, "step 3/6");
  vt_send (vt, KEY_ESC_);
  shows (vt, "predict, Esc", "step 4/6");
  shows (vt, "predict, Esc", "stdout: Shared Memory: Hello from user space");
  lacks_now (vt, "predict, Esc", "You predicted");
  lacks_now (vt, "predict, Esc", "predict, then run");
  if (!tap_ok (vt_find (vt, "predicted 1/2  step 4/6", NULL, NULL),
               "predict, Esc: the title still says predicted 1/2"))
    vt_dump (vt);

  /* P turns it off: Enter makes the call at once. */
  vt_send (vt, "P");
  shows (vt, "predict, P", "Predict, then run: off");
  lacks_now (vt, "predict, P", "predicted 1/2");
  vt_send (vt, "\r");
  shows (vt, "predict off, Enter", "step 5/6");
  lacks_now (vt, "predict off, Enter", "predict, then run");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);

  char buf[8192];
  snprintf (want, sizeof want, "predict shared-memory %d %d", 1, 2);
  long n = progress (state, buf, sizeof buf);
  if (!tap_ok (n > 0 && has_line (buf, want), "%s: the progress file holds '%s'", w, want))
    show_text ("the progress file", buf, n > 0 ? (size_t) n : 0);
  vt_free (vt);

  /* Only the next-step keys ask: not --step, g or p. */
  w = "predict, --step 3";
  const char *const args3[] = { "walkthrough", "--predict", "--step", "3", NULL };
  vt = start (w, args3, extra);
  if (!vt)
    return;
  shows (vt, w, "step 3/6");
  shows (vt, w, "0000  48 65 6c 6c 6f");
  lacks_now (vt, w, "predict, then run");
  lacks_now (vt, w, "write>");
  vt_send (vt, "g5");
  shows (vt, "predict, g5", "step 5/6");
  lacks_now (vt, "predict, g5", "predict, then run");
  vt_send (vt, "p");
  shows (vt, "predict, p", "step 4/6");
  lacks_now (vt, "predict, p", "predict, then run");
  /* Enter on step 4 asks about step 5, munmap. */
  const struct lstep *mu = step_named ("munmap");
  if (!tap_ok (mu && mu->right >= 1 && mu->nchoices >= 2, "%s: the lesson's munmap step asks",
               w))
    {
      vt_free (vt);
      return;
    }
  vt_send (vt, "\r");
  asking (vt, "predict, Enter on step 4", mu, "step 4/6");
  if (!tap_ok (vt_find (vt, "predicted 0/0", NULL, NULL),
               "predict, --step 3: nothing was counted on the way"))
    vt_dump (vt);
  /* While the question is up, other keys are answered with a hint.
     BUG (b1aa78d): predict_key puts the hint in w->msg, but draw_bottom
     draws the question's own prompt line instead of the notice while
     asking, so the hint the manual promises never shows. */
  vt_send (vt, "q");
  snprintf (want, sizeof want, "Press 1 to %d to predict, or Esc.", mu->nchoices);
  int hint = vt_wait_text (vt, want, WAIT_MS);
  if (!tap_ok (hint, "predict, q at the question: the notice says '%s'%s", want,
               hint ? "" : " (BUG: the hint is never drawn)"))
    vt_dump (vt);
  if (!tap_ok (vt_find (vt, "step 4/6", NULL, NULL) && vt_find (vt, "predict, then run", NULL,
                                                                NULL) && vt_running (vt),
               "predict, q at the question: still asking on step 4/6"))
    vt_dump (vt);
  /* The right answer: this session's count in the title, every
     session's in the progress file. */
  snprintf (want, sizeof want, "%d", mu->right);
  vt_send (vt, want);
  shows (vt, "predict, second session", "step 5/6");
  shows (vt, "predict, second session", "predicted 1/1");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
  snprintf (want, sizeof want, "predict shared-memory %d %d", 2, 3);
  n = progress (state, buf, sizeof buf);
  if (!tap_ok (n > 0 && has_line (buf, want), "predict, second session: the progress file "
               "adds it up: '%s'", want))
    show_text ("the progress file", buf, n > 0 ? (size_t) n : 0);
}

/* The predict pane as read from the screen: the question and each
   choice, their rows joined (a long one may wrap), box sides dropped. */
struct pane {
  char question[1024];
  char choice[MAX_CHOICES][512];
};

/* Read the pane whose top edge is row TOP, with N choices: the rows after
   the edge up to its bottom edge; a row that starts "K) " (K the next
   choice's number) starts choice K. */
static void
pane_read (struct vt *vt, int top, int n, struct pane *p)
{
  int k = 0;                    /* the choice being read; 0: the question */
  memset (p, 0, sizeof *p);
  for (int r = top + 1; r < ROWS - 2; r++)
    {
      char buf[ROW_MAX], start[16];
      char *t = buf;
      vt_row (vt, r, buf, sizeof buf);
      if (starts_with (t, "\xe2\x94\x94") || starts_with (t, "\xe2\x94\x80"))
        break;                  /* a bottom edge, another rule */
      if (starts_with (t, "\xe2\x94\x82"))
        t += 3;
      if (ends_with (t, "\xe2\x94\x82"))
        t[strlen (t) - 3] = '\0';
      t = trim (t);
      snprintf (start, sizeof start, "%d) ", k + 1);
      if (k < n && starts_with (t, start))
        k++;
      char *into = k ? p->choice[k - 1] : p->question;
      size_t len = k ? sizeof p->choice[0] : sizeof p->question;
      if (*t)
        append (into, len, t);
    }
}

/* Every question of LESSON (a file of the data folder's lessons), asked
   with --predict at 80x24: the question and each of its choices shown
   whole, the right answer counted right.  The pane has the five rows of
   the explanation: one for its top edge, then the question (one or two
   rows), then a row a choice. */
static void
predict_all (const char *lesson)
{
  char w[128], path[4400], want[700], title[64];
  snprintf (w, sizeof w, "predict all of %s", lesson);
  snprintf (path, sizeof path, "%s/lessons/%s.lesson", data_dir, lesson);
  int total = lesson_read (path);
  if (!tap_ok (total >= 2, "%s: the lesson has steps (%d)", w, total))
    {
      lesson_read (lesson_file);
      return;
    }
  const char *const args[] = { "walkthrough", lesson, "--predict", NULL };
  struct vt *vt = start (w, args, NULL);
  if (!vt)
    {
      lesson_read (lesson_file);
      return;
    }
  char state[4200];
  snprintf (state, sizeof state, "%s", vt_state_home (vt));
  snprintf (want, sizeof want, "step 1/%d", total);
  shows (vt, w, want);
  int asked = 0;
  for (int k = 1; k < total; k++)
    {
      const struct lstep *st = &steps[k];
      char at[64];
      snprintf (at, sizeof at, "step %d/%d", k + 1, total);
      vt_send (vt, "\r");
      if (st->right)
        {
          char q[700];
          int top;
          asked++;
          snprintf (at, sizeof at, "step %d/%d", k, total);
          if (!shows (vt, w, "predict, then run"))
            break;
          settle (vt);
          vt_find (vt, "predict, then run", &top, NULL);
          struct pane pn;
          pane_read (vt, top, st->nchoices, &pn);
          snprintf (q, sizeof q, "Next: %s. %s", st->name, st->ask);
          if (!tap_ok (strcmp (pn.question, q) == 0, "%s, step %d (%s): the question is shown "
                       "whole", w, k + 1, st->name))
            {
              tap_diag ("want: %s", q);
              tap_diag ("got:  %s", pn.question);
              vt_dump (vt);
            }
          for (int i = 0; i < st->nchoices; i++)
            {
              char c[300];
              snprintf (c, sizeof c, "%d) %s", i + 1, st->choice[i]);
              int whole = strcmp (pn.choice[i], c) == 0;
              /* BUG (b1aa78d): the pane kept the explanation's five rows
                 and drew each choice on one row of 74 columns, so a longer
                 choice was cut at the edge (the write steps of both
                 lessons) and a question of two rows left room for two
                 choices only (private-cow's mmap lost its third). */
              if (!tap_ok (whole, "%s, step %d (%s): choice %d is shown whole%s", w, k + 1,
                           st->name, i + 1, whole ? "" : " (BUG: the predict pane loses it)"))
                {
                  tap_diag ("want: %s", c);
                  tap_diag ("got:  %s", pn.choice[i][0] ? pn.choice[i] : "(no such choice)");
                  vt_dump (vt);
                }
            }
          if (!tap_ok (vt_find (vt, at, NULL, NULL), "%s, step %d (%s): not made before the "
                       "guess", w, k + 1, st->name))
            vt_dump (vt);
          snprintf (want, sizeof want, "%d", st->right);
          vt_send (vt, want);
        }
      if (!strcmp (st->name, "write"))
        {
          /* Both lessons' write steps ask for the text. */
          if (!shows (vt, w, "write> "))
            break;
          vt_send (vt, "\r");
        }
      snprintf (at, sizeof at, "step %d/%d", k + 1, total);
      if (!shows (vt, w, at))
        break;
      if (st->right)
        {
          snprintf (want, sizeof want, "You predicted %d) ", st->right);
          shows (vt, w, want);
        }
    }
  snprintf (title, sizeof title, "predicted %d/%d", asked, asked);
  shows (vt, w, title);
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  char buf[8192];
  snprintf (want, sizeof want, "predict %s %d %d", lesson, asked, asked);
  long n = progress (state, buf, sizeof buf);
  if (!tap_ok (n > 0 && has_line (buf, want), "%s: the progress file holds '%s'", w, want))
    show_text ("the progress file", buf, n > 0 ? (size_t) n : 0);
  vt_free (vt);
  lesson_read (lesson_file);
}

/* ---- 4: record and play -------------------------------------------------- */

/* Whether the screen, fed BYTES from the start, ever showed every one of
   NEEDLES at once.  The screen is looked at before each escape sequence
   and at the end: a state the program drew stands between two of them,
   however briefly it was up and whenever the test read the bytes. */
static int
ever_showed (const char *bytes, size_t len, const char *const needles[])
{
  VTerm *t = vterm_new (ROWS, COLS);
  if (!t)
    return 0;
  vterm_set_utf8 (t, 1);
  VTermScreen *s = vterm_obtain_screen (t);
  vterm_screen_enable_altscreen (s, 1);
  vterm_screen_reset (s, 1);
  size_t from = 0;
  int seen = 0;
  for (size_t i = 0; i <= len && !seen; i++)
    {
      if (i < len && bytes[i] != '\033')
        continue;
      if (i > from)
        vterm_input_write (t, bytes + from, i - from);
      from = i;
      int all = 1;
      for (size_t k = 0; needles[k] && all; k++)
        {
          int found = 0;
          for (int r = 0; r < ROWS && !found; r++)
            {
              char buf[ROW_MAX];
              VTermRect rect = { .start_row = r, .end_row = r + 1, .start_col = 0,
                                 .end_col = COLS };
              size_t n = vterm_screen_get_text (s, buf, sizeof buf - 1, rect);
              buf[n] = '\0';
              found = strstr (buf, needles[k]) != NULL;
            }
          all = found;
        }
      seen = all;
    }
  vterm_free (t);
  return seen;
}

static void
record_play (void)
{
  const char *w = "record";
  const char *dir = vt_tempdir ();
  char file[4200], notdemo[4200], badline[4200], missing[4200], buf[16384], want[4400];
  if (!tap_ok (dir != NULL, "%s: a folder for the recording", w))
    return;
  snprintf (file, sizeof file, "%s/session.demo", dir);
  snprintf (notdemo, sizeof notdemo, "%s/notes.txt", dir);
  snprintf (badline, sizeof badline, "%s/bad-line.demo", dir);
  snprintf (missing, sizeof missing, "%s/no-such.demo", dir);

  /* A file that is there is never written over: refused, kept. */
  write_file (file, "old junk\n");
  const char *const args[] = { "walkthrough", "--record", file, NULL };
  struct vt *vt = start (w, args, NULL);
  if (!vt)
    return;
  ends_as (vt, w, END_EXIT, 1, WAIT_MS);
  if (!tap_ok (wrote (vt, "never over one") && !wrote (vt, "\033[?1049h"),
               "%s: a FILE that is there is refused, before any full screen", w))
    show_output (vt);
  tap_ok (slurp (file, buf, sizeof buf) == 9 && strcmp (buf, "old junk\n") == 0,
          "%s: and it holds what it held", w);
  vt_free (vt);
  unlink (file);
  vt = start (w, args, NULL);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, w, "write> ");
  /* Typed, not pasted: a key at a time, as a person types (a burst of
     keys is recorded, and played, as a burst: readline takes it in one
     go, as it takes typed-ahead text). */
  for (const char *k = "Hi there"; *k; k++)
    {
      char one[2] = { *k, 0 };
      vt_send (vt, one);
      settle (vt);
    }
  shows (vt, w, "write> Hi there");
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  shows (vt, w, "0000  48 69 20 74 68 65 72 65 00");
  vt_send (vt, "j");
  shows (vt, "record, j", ", rows 2-");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);

  /* The file: comments, the header, then "GAP KEY", a line a key. */
  static const int keys[] = { '\r', '\r', 'H', 'i', ' ', 't', 'h', 'e', 'r', 'e', '\r', 'j',
                              'q' };
  const size_t nkeys = sizeof keys / sizeof keys[0];
  long n = slurp (file, buf, sizeof buf);
  int header = 0, good = 1;
  size_t lines = 0;
  if (n > 0)
    {
      char copy[sizeof buf];
      memcpy (copy, buf, (size_t) n + 1);
      for (char *l = strtok (copy, "\n"); l; l = strtok (NULL, "\n"))
        {
          if (l[0] == '#')
            continue;
          if (!header)
            {
              header = strcmp (l, "shmtutor-demo 1") == 0 ? 1 : -1;
              continue;
            }
          int gap, key, end = 0;
          char again[64];
          if (sscanf (l, "%d %d%n", &gap, &key, &end) != 2 || l[end] || gap < 0 || key < 0
              || key > 511)
            good = 0;
          else if (snprintf (again, sizeof again, "%d %d", gap, key), strcmp (again, l) != 0)
            good = 0;           /* two decimal numbers, one blank between */
          else if (lines < nkeys && key != keys[lines] && !(keys[lines] == '\r' && key == '\n'))
            good = 0;
          lines++;
        }
    }
  if (!tap_ok (header == 1, "%s: the file's first line that is not a comment is "
               "'shmtutor-demo 1'", w))
    show_text (file, buf, n > 0 ? (size_t) n : 0);
  tap_ok (n > 0 && !strstr (buf, "old junk"), "%s: a new file, the recording alone in it", w);
  if (!tap_ok (lines == nkeys && good, "%s: the file has one 'MILLISECONDS KEY' line per "
               "key, in order (%zu keys)", w, nkeys))
    {
      tap_diag ("%zu key lines, all well formed and as typed: %d", lines, good);
      show_text (file, buf, n > 0 ? (size_t) n : 0);
    }

  /* Played back on a fresh state folder, with no key from the test. */
  w = "play";
  const char *const play[] = { "walkthrough", "--play", file, "--delay", "50", NULL };
  long long t0 = now_ms ();
  vt = start (w, play, NULL);
  if (!vt)
    return;
  char state[4200];
  snprintf (state, sizeof state, "%s", vt_state_home (vt));
  ends_as (vt, "play, the recorded q", END_EXIT, 0, 4 * WAIT_MS);
  tap_diag ("%s: the session played in %lld ms", w, now_ms () - t0);
  size_t len;
  const char *out = vt_output (vt, &len);
  const char *const step3[] = { "step 3/6", "0000  48 69 20 74 68 65 72 65 00", NULL };
  if (!tap_ok (ever_showed (out, len, step3), "%s: the screen reached step 3/6 with "
               "48 69 20 74 68 65 72 65 (Hi there) in the page", w))
    show_output (vt);
  const char *const typed[] = { "write> Hi there", NULL };
  if (!tap_ok (ever_showed (out, len, typed), "%s: the prompt showed the text as typed", w))
    show_output (vt);
  const char *const scrolled[] = { "step 3/6", ", rows 2-", NULL };
  if (!tap_ok (ever_showed (out, len, scrolled), "%s: the recorded j scrolled the page", w))
    show_output (vt);
  n = progress (state, buf, sizeof buf);
  if (!tap_ok (n > 0 && has_line (buf, "walk shared-memory 3"),
               "%s: the progress file says the walkthrough was left at step 3", w))
    show_text ("the progress file", buf, n > 0 ? (size_t) n : 0);
  if (!tap_ok (!vt_altscreen (vt) && vt_tail_restores (vt, 128),
               "%s: the terminal is back on its normal screen", w))
    vt_dump (vt);
  vt_free (vt);

  /* The same keys with every pause made 4 s long: --delay 50 plays them
     50 ms apart, neither faster nor at the recorded pace. */
  w = "play slowed";
  char slow[4200], text[16384];
  size_t used = (size_t) snprintf (text, sizeof text, "# the keys of session.demo, 4 s apart\n"
                                   "shmtutor-demo 1\n");
  for (size_t i = 0; i < nkeys; i++)
    used += (size_t) snprintf (text + used, sizeof text - used, "4000 %d\n", keys[i]);
  snprintf (slow, sizeof slow, "%s/slow.demo", dir);
  write_file (slow, text);
  const char *const pslow[] = { "walkthrough", "--play", slow, "--delay", "50", NULL };
  t0 = now_ms ();
  vt = start (w, pslow, NULL);
  if (!vt)
    return;
  ends_as (vt, "play slowed, the recorded q", END_EXIT, 0, 4 * WAIT_MS);
  long long took = now_ms () - t0;
  if (!tap_ok (took >= (long long) (nkeys - 1) * 50 && took < (long long) nkeys * 1000,
               "%s: %zu keys 50 ms apart took %lld ms (at least %zu, far less than the "
               "recorded %zu s)", w, nkeys, took, (nkeys - 1) * 50, nkeys * 4))
    vt_dump (vt);
  out = vt_output (vt, &len);
  if (!tap_ok (ever_showed (out, len, step3), "%s: the screen reached step 3/6 with "
               "48 69 20 74 68 65 72 65 (Hi there) in the page", w))
    show_output (vt);
  vt_free (vt);

  /* A recording that cannot be written. */
  w = "record into a folder that does not exist";
  snprintf (want, sizeof want, "%s/no/such/folder/session.demo", dir);
  const char *const rbad[] = { "walkthrough", "--record", want, NULL };
  vt = start (w, rbad, NULL);
  if (vt)
    {
      ends_as (vt, w, END_EXIT, 1, WAIT_MS);
      if (!tap_ok (wrote (vt, want) && !wrote (vt, "\033[?1049h"),
                   "%s: the message names the file, before any full screen", w))
        show_output (vt);
      vt_free (vt);
    }

  /* A recording that fills the disk on its way (a file size limit of one
     512-byte block, SIGXFSZ ignored, as a shell's ulimit -f and trap make
     it): the write that fails ends the recording, its file is removed, and
     the exit says so with status 1. */
  w = "record onto a full disk";
  if (getenv ("SHMTUTOR_UNDER_VALGRIND"))
    tap_skip ("under valgrind the file size limit would stop valgrind's own writes");
  else
    {
      snprintf (want, sizeof want, "%s/full.demo", dir);
      const char *const argv[] = {
        "/bin/sh", "-c", "ulimit -f 1 && trap '' XFSZ && exec \"$0\" walkthrough --record \"$1\"",
        program, want, NULL
      };
      const char *const env[] = { data_env, "NO_COLOR", "LINES", "COLUMNS", "XDG_DATA_HOME", NULL };
      vt = launch (w, argv, ROWS, COLS, env, NULL);
      if (vt)
        {
          shows (vt, w, "step 1/6");
          /* Each key is a line of about 8 bytes: 80 of them pass 512. */
          for (int i = 0; i < 40; i++)
            {
              vt_send (vt, "j");
              vt_send (vt, "k");
            }
          settle (vt);
          vt_send (vt, "q");
          ends_as (vt, w, END_EXIT, 1, 4 * WAIT_MS);
          if (!tap_ok (wrote (vt, "the recording could not be written: File too large"),
                       "%s: the exit says the recording could not be written, and why", w))
            show_output (vt);
          struct stat sb;
          tap_ok (stat (want, &sb) != 0 && errno == ENOENT,
                  "%s: nothing half written is left: the file is removed", w);
          vt_free (vt);
        }
    }

  /* A comment line longer than the reader's line buffer. */
  w = "play a demo with a long comment";
  char longc[4200];
  used = (size_t) snprintf (text, sizeof text, "# ");
  for (int i = 0; i < 6; i++)
    used += (size_t) snprintf (text + used, sizeof text - used, "%s",
                               "then the write step, where the class types a greeting; ");
  used += (size_t) snprintf (text + used, sizeof text - used, "\nshmtutor-demo 1\n");
  for (size_t i = 0; i < nkeys; i++)
    used += (size_t) snprintf (text + used, sizeof text - used, "0 %d\n", keys[i]);
  snprintf (longc, sizeof longc, "%s/long-comment.demo", dir);
  write_file (longc, text);
  const char *const plong[] = { "walkthrough", "--play", longc, "--delay", "10", NULL };
  vt = start (w, plong, NULL);
  if (vt)
    {
      /* BUG (b1aa78d): demo_play reads lines into 128 bytes with fgets,
         so the rest of a longer comment came as a line of its own and was
         refused ("FILE:2: not a shmtutor demo", the line number wrong too),
         while the manual says lines that start with # are skipped. */
      int status = 0;
      int ended = vt_wait_exit (vt, 4 * WAIT_MS, &status);
      int ok = ended && WIFEXITED (status) && WEXITSTATUS (status) == 0;
      if (!tap_ok (ok, "%s: a comment line of %d bytes is skipped, the keys play and the "
                   "recorded q ends it with status 0%s", w, 2 + 6 * 56,
                   ok ? "" : " (BUG: the comment is split and the file refused)"))
        {
          tap_diag ("ended %d, wait status 0x%x", ended, (unsigned) status);
          show_output (vt);
        }
      vt_free (vt);
    }

  /* The keyboard once the recorded keys are all played. */
  w = "play, then the keyboard";
  char enter[4200];
  snprintf (enter, sizeof enter, "%s/enter.demo", dir);
  write_file (enter, "# one Enter\nshmtutor-demo 1\n\n10 13\n");
  const char *const penter[] = { "walkthrough", "--play", enter, NULL };
  vt = start (w, penter, NULL);
  if (vt)
    {
      shows (vt, w, "step 2/6");
      vt_send (vt, "\r");
      shows (vt, w, "write> ");
      vt_send (vt, "\r");
      shows (vt, w, "step 3/6");
      vt_send (vt, "q");
      ends_as (vt, w, END_EXIT, 0, WAIT_MS);
      vt_free (vt);
    }

  /* Files that are no demo. */
  write_file (notdemo, "These are my notes for the lecture.\n");
  w = "play a file that is no demo";
  const char *const p1[] = { "walkthrough", "--play", notdemo, NULL };
  vt = start (w, p1, NULL);
  if (vt)
    {
      ends_as (vt, w, END_EXIT, 65, WAIT_MS);
      snprintf (want, sizeof want, "%s:1:", notdemo);
      if (!tap_ok (wrote (vt, want), "%s: the message says '%s'", w, want))
        show_output (vt);
      vt_free (vt);
    }
  write_file (badline, "shmtutor-demo 1\n120 13\nsoon 106\n");
  w = "play a demo with a bad line";
  const char *const p2[] = { "walkthrough", "--play", badline, NULL };
  vt = start (w, p2, NULL);
  if (vt)
    {
      ends_as (vt, w, END_EXIT, 65, WAIT_MS);
      snprintf (want, sizeof want, "%s:3:", badline);
      if (!tap_ok (wrote (vt, want), "%s: the message says '%s'", w, want))
        show_output (vt);
      vt_free (vt);
    }
  w = "play a missing file";
  const char *const p3[] = { "walkthrough", "--play", missing, NULL };
  vt = start (w, p3, NULL);
  if (vt)
    {
      ends_as (vt, w, END_EXIT, 66, WAIT_MS);
      if (!tap_ok (wrote (vt, missing), "%s: the message names the file", w))
        show_output (vt);
      vt_free (vt);
    }
}

/* ---- 5: the line mode ---------------------------------------------------- */

struct piped {
  int ended, status;
  char *out, *err;
  size_t nout, nerr;
};

static void
piped_free (struct piped *p)
{
  free (p->out);
  free (p->err);
  memset (p, 0, sizeof *p);
}

/* Add N bytes to *BUF of *LEN, kept NUL-terminated; returns 0 or -1. */
static int
grow (char **buf, size_t *len, const char *p, size_t n)
{
  char *b = realloc (*buf, *len + n + 1);
  if (!b)
    return -1;
  memcpy (b + *len, p, n);
  *len += n;
  b[*len] = '\0';
  *buf = b;
  return 0;
}

/* Run the program with ARGS on pipes: INPUT (NULL: /dev/null) on its
   standard input, its standard output and error read into R.  STATE is
   its HOME and XDG_STATE_HOME.  The run is bounded: a program still
   running at the deadline is killed (R->ended 0).  Returns 0, or -1 when
   it could not be started. */
static int
run_pipe (const char *const args[], const char *input, const char *state, struct piped *r)
{
  int in[2] = { -1, -1 }, out[2], err[2];
  const char *argv[24] = { program };
  int n = 1;
  for (; args[n - 1] && n < 23; n++)
    argv[n] = args[n - 1];
  argv[n] = NULL;
  memset (r, 0, sizeof *r);
  if ((input && pipe2 (in, O_CLOEXEC) != 0) || pipe2 (out, O_CLOEXEC) != 0
      || pipe2 (err, O_CLOEXEC) != 0)
    return -1;
  fflush (NULL);
  pid_t pid = fork ();
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      int fd = input ? in[0] : open ("/dev/null", O_RDONLY);
      if (fd < 0 || dup2 (fd, 0) < 0 || dup2 (out[1], 1) < 0 || dup2 (err[1], 2) < 0)
        _exit (127);
      static const int sigs[] = { SIGPIPE, SIGINT, SIGTERM, SIGHUP };
      for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal (sigs[i], SIG_DFL);
      setenv ("SHMTUTOR_DATA_DIR", data_dir, 1);
      setenv ("HOME", state, 1);
      setenv ("XDG_STATE_HOME", state, 1);
      setenv ("TERM", "xterm-256color", 1);
      setenv ("LC_ALL", "C.UTF-8", 1);
      setenv ("INPUTRC", "/dev/null", 1);
      unsetenv ("XDG_DATA_HOME");
      unsetenv ("NO_COLOR");
      unsetenv ("LINES");
      unsetenv ("COLUMNS");
      execv (argv[0], (char *const *) argv);
      _exit (127);
    }
  close (out[1]);
  close (err[1]);
  if (input)
    {
      close (in[0]);
      fcntl (in[1], F_SETFL, fcntl (in[1], F_GETFL) | O_NONBLOCK);
    }
  size_t sent = 0, want = input ? strlen (input) : 0;
  int fin = input ? in[1] : -1, fout = out[0], ferr = err[0];
  if (fin >= 0 && want == 0)
    {
      close (fin);
      fin = -1;
    }
  long long deadline = now_ms () + 3 * WAIT_MS;
  while ((fin >= 0 || fout >= 0 || ferr >= 0) && now_ms () < deadline)
    {
      struct pollfd pfd[3] = {
        { .fd = fout, .events = POLLIN }, { .fd = ferr, .events = POLLIN },
        { .fd = fin, .events = POLLOUT },
      };
      int pr = poll (pfd, 3, 50);
      if (pr < 0 && errno != EINTR)
        break;
      if (pr <= 0)
        continue;
      for (int k = 0; k < 2; k++)
        if (pfd[k].revents)
          {
            char buf[4096];
            ssize_t got = read (pfd[k].fd, buf, sizeof buf);
            if (got > 0)
              grow (k ? &r->err : &r->out, k ? &r->nerr : &r->nout, buf, (size_t) got);
            else if (got == 0 || (errno != EINTR && errno != EAGAIN))
              {
                close (pfd[k].fd);
                *(k ? &ferr : &fout) = -1;
              }
          }
      if (fin >= 0 && pfd[2].revents)
        {
          ssize_t put = write (fin, input + sent, want - sent);
          if (put > 0)
            sent += (size_t) put;
          if ((put < 0 && errno != EINTR && errno != EAGAIN) || sent == want)
            {
              close (fin);
              fin = -1;
            }
        }
    }
  if (fin >= 0)
    close (fin);
  if (fout >= 0)
    close (fout);
  if (ferr >= 0)
    close (ferr);
  for (;;)
    {
      pid_t p = waitpid (pid, &r->status, WNOHANG);
      if (p == pid)
        {
          r->ended = 1;
          break;
        }
      if (p < 0 && errno != EINTR)
        break;
      if (now_ms () >= deadline)
        {
          kill (pid, SIGKILL);
          while (waitpid (pid, &r->status, 0) < 0 && errno == EINTR)
            ;
          break;
        }
      poll (NULL, 0, 10);
    }
  if (!r->out)
    grow (&r->out, &r->nout, "", 0);
  if (!r->err)
    grow (&r->err, &r->nerr, "", 0);
  return 0;
}

/* One assertion: the run ended by itself with exit status CODE. */
static int
piped_exit (const struct piped *r, const char *what, int code)
{
  int ok = r->ended && WIFEXITED (r->status) && WEXITSTATUS (r->status) == code;
  if (!tap_ok (ok, "%s: the program exits with status %d", what, code))
    {
      tap_diag ("ended %d, wait status 0x%x", r->ended, (unsigned) r->status);
      show_text ("standard error", r->err, r->nerr);
    }
  return ok;
}

/* How many times NEEDLE occurs in TEXT. */
static int
count (const char *text, const char *needle)
{
  int n = 0;
  for (const char *p = strstr (text, needle); p; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

static void
plain_walkthrough (void)
{
  const char *w = "--plain walkthrough </dev/null";
  const char *const args[] = { "--plain", "walkthrough", NULL };
  const char *state = vt_tempdir ();
  struct piped r;
  tap_diag ("%s", w);
  if (!tap_ok (state && run_pipe (args, NULL, state, &r) == 0, "%s: run it on pipes", w))
    return;
  piped_exit (&r, w, 0);
  const char *p = r.out;
  int in_order = 1;
  for (int k = 1; k <= 6 && in_order; k++)
    {
      char want[32];
      snprintf (want, sizeof want, "\nStep %d of 6", k);
      p = strstr (p, want);
      in_order = p != NULL;
    }
  if (!tap_ok (in_order, "%s: the output has 'Step 1 of 6' to 'Step 6 of 6', in order", w))
    show_text ("standard output", r.out, r.nout);

  /* The maps line of the mapping that mmap returned, as the kernel gave it. */
  unsigned long long addr = 0, lo = 0, hi = 0;
  char perms[8] = "";
  const char *m = strstr (r.out, "PROT_READ|PROT_WRITE, MAP_SHARED, ");
  if (m)
    m = strstr (m, ") = 0x");
  if (m)
    addr = strtoull (m + 6, NULL, 16);
  const char *maps = strstr (r.out, "\n  maps: ");
  int mapped = 0;
  for (; maps && !mapped; maps = strstr (maps + 1, "\n  maps: "))
    {
      const char *eol = strchr (maps + 1, '\n');
      size_t n = eol ? (size_t) (eol - maps) : strlen (maps);
      char line[ROW_MAX];
      snprintf (line, sizeof line, "%.*s", (int) n, maps + 1);
      if (strstr (line, "/dev/zero (deleted)")
          && sscanf (line, "  maps: %llx-%llx %7s", &lo, &hi, perms) == 3)
        mapped = 1;
    }
  if (!tap_ok (mapped && addr && lo == addr && hi - lo == 4096 && !strcmp (perms, "rw-s"),
               "%s: a maps line 'START-END rw-s ... /dev/zero (deleted)' for the 4096 bytes "
               "mmap returned", w))
    {
      tap_diag ("mmap returned 0x%llx; maps line %llx-%llx %s (found %d)", addr, lo, hi,
                perms, mapped);
      show_text ("standard output", r.out, r.nout);
    }
  if (!tap_ok (strstr (r.out, "\n    0000  48 65 6c 6c 6f") != NULL,
               "%s: a hex row starts '0000  48 65 6c 6c 6f'", w))
    show_text ("standard output", r.out, r.nout);
  if (!tap_ok (strstr (r.out, "changed by this step") != NULL,
               "%s: the output says what the step changed", w))
    show_text ("standard output", r.out, r.nout);
  tap_ok (!memchr (r.out, '\033', r.nout) && !memchr (r.err, '\033', r.nerr),
          "%s: no ESC byte in its output at all (%zu bytes)", w, r.nout + r.nerr);
  piped_free (&r);

  /* --step in the line mode: the text starts there. */
  w = "--plain --step 5 walkthrough </dev/null";
  const char *const sargs[] = { "--plain", "--step", "5", "walkthrough", NULL };
  tap_diag ("%s", w);
  if (tap_ok (run_pipe (sargs, NULL, state, &r) == 0, "%s: run it on pipes", w))
    {
      piped_exit (&r, w, 0);
      const char *first = strstr (r.out, "\nStep ");
      if (!tap_ok (first && starts_with (first, "\nStep 5 of 6") && strstr (r.out, "\nStep 6 of 6"),
                   "%s: the steps printed are 5 and 6", w))
        show_text ("standard output", r.out, r.nout > 3000 ? 3000 : r.nout);
      piped_free (&r);
    }

  /* --notes in the line mode: the notes follow the explanation. */
  w = "--plain --notes walkthrough </dev/null";
  const char *const nargs_[] = { "--plain", "--notes", "walkthrough", NULL };
  const struct lstep *open_ = step_named ("open");
  char note[128];
  tap_diag ("%s", w);
  if (open_ && tap_ok (run_pipe (nargs_, NULL, state, &r) == 0, "%s: run it on pipes", w))
    {
      piped_exit (&r, w, 0);
      const char *s1 = strstr (r.out, "\nStep 1 of 6"), *s2 = strstr (r.out, "\nStep 2 of 6");
      const char *in = s1 ? strstr (s1, "\n  Instructor's notes:\n") : NULL;
      first_words (open_->note, 60, note, sizeof note);
      if (!tap_ok (in && (!s2 || in < s2) && strstr (in, note) && (!s2 || strstr (in, note) < s2),
                   "%s: step 1 has 'Instructor's notes:' and its note", w))
        show_text ("standard output", r.out, r.nout > 3000 ? 3000 : r.nout);
      piped_free (&r);
    }

  /* The same in a terminal: readline's prompt, q stops. */
  w = "--plain walkthrough in a terminal";
  const char *const targs[] = { "--plain", "walkthrough", NULL };
  struct vt *vt = start (w, targs, NULL);
  if (!vt)
    return;
  const char *prompt = "Enter: next step, q: quit>";
  if (shows (vt, w, prompt))
    {
      int pr, pc, cr, cc;
      settle (vt);
      vt_find (vt, prompt, &pr, &pc);
      vt_cursor (vt, &cr, &cc);
      if (!tap_ok (cr == pr && cc == pc + (int) strlen (prompt) + 1,
                   "%s: the cursor waits after 'Enter: next step, q: quit> '", w))
        tap_diag ("prompt at %d,%d; cursor at %d,%d", pr, pc, cr, cc);
    }
  if (!tap_ok (wrote (vt, "Step 1 of 6") && !wrote (vt, "Step 2 of 6"),
               "%s: step 1 is printed, and no more before Enter", w))
    show_output (vt);
  vt_send (vt, "\r");
  shows (vt, "--plain in a terminal, Enter", "Step 2 of 6");
  vt_send (vt, "q\r");
  ends_as (vt, "--plain in a terminal, q", END_EXIT, 0, WAIT_MS);
  tap_ok (!wrote (vt, "Step 3 of 6"), "--plain in a terminal, q: no step after q");
  tap_ok (!wrote (vt, "\033[?1049h"), "%s: never the full screen", w);
  vt_free (vt);

  /* Without --plain and without a terminal: a pointer to --plain. */
  w = "walkthrough </dev/null without --plain";
  const char *const nargs[] = { "walkthrough", NULL };
  tap_diag ("%s", w);
  if (tap_ok (run_pipe (nargs, NULL, state, &r) == 0, "%s: run it on pipes", w))
    {
      piped_exit (&r, w, 1);
      if (!tap_ok (strstr (r.err, "--plain") && strstr (r.err, "not a terminal"),
                   "%s: the message says it is not a terminal and mentions --plain", w))
        show_text ("standard error", r.err, r.nerr);
      piped_free (&r);
    }
}

static void
plain_quiz (void)
{
  const char *w = "--plain quiz --seed 5 </dev/null";
  const char *const args[] = { "--plain", "quiz", "--seed", "5", NULL };
  const char *state = vt_tempdir ();
  struct piped r;
  tap_diag ("%s", w);
  if (!tap_ok (state && run_pipe (args, NULL, state, &r) == 0, "%s: run it on pipes", w))
    return;
  piped_exit (&r, w, 0);
  /* Question K's block runs to question K+1's: each has the answer. */
  int good = 1;
  for (int k = 1; k <= 12 && good; k++)
    {
      char q[32], nextq[32];
      snprintf (q, sizeof q, "Question %d of 12\n", k);
      snprintf (nextq, sizeof nextq, "Question %d of 12\n", k + 1);
      const char *a = strstr (r.out, q), *b = strstr (r.out, nextq);
      const char *ans = a ? strstr (a, "\n  Answer: ") : NULL;
      good = a && ans && (!b || ans < b) && (k < 12 || !b);
      if (!good)
        tap_diag ("question %d: %s", k, a ? "no answer before the next" : "missing");
    }
  if (!tap_ok (good && count (r.out, "\n  Answer: ") == 12,
               "%s: 12 questions, each with its 'Answer:'", w))
    show_text ("standard output", r.out, r.nout);
  piped_free (&r);

  w = "--plain quiz --seed 5, answering 1 each time";
  char input[64] = "";
  for (int k = 0; k < 12; k++)
    strcat (input, "1\n");
  tap_diag ("%s", w);
  if (!tap_ok (run_pipe (args, input, state, &r) == 0, "%s: run it on pipes", w))
    return;
  piped_exit (&r, w, 0);
  int right = count (r.out, "\n  Right!\n"), wrong = count (r.out, "\n  Not quite");
  unsigned score = 0, of = 0;
  const char *s = strstr (r.out, "\nScore: ");
  if (!tap_ok (right + wrong == 12, "%s: each of the 12 answers gets 'Right!' or 'Not quite'",
               w))
    {
      tap_diag ("%d right, %d not", right, wrong);
      show_text ("standard output", r.out, r.nout);
    }
  if (!tap_ok (s && sscanf (s, "\nScore: %u of %u right.", &score, &of) == 2
               && score == (unsigned) right && of == 12,
               "%s: the final 'Score:' counts the answers that were right", w))
    show_text ("standard output", r.out, r.nout);
  tap_ok (count (r.out, "Answer: ") == 0, "%s: no answer key when answers came", w);
  piped_free (&r);
}

static void
plain_flashcards (void)
{
  const char *w = "--plain cards, Enter then 3";
  const char *const args[] = { "--plain", "flashcards", NULL };
  const char *state = vt_tempdir ();
  struct piped r;
  tap_diag ("%s", w);
  if (!tap_ok (state && run_pipe (args, "\n3\n", state, &r) == 0, "%s: run it on pipes", w))
    return;
  piped_exit (&r, w, 0);
  if (!tap_ok (strstr (r.out, "  Back:\n") && strstr (r.out, "\n1 card graded, 1 right."),
               "%s: the back is shown and one card is graded right", w))
    show_text ("standard output", r.out, r.nout);
  char buf[16384], key[256];
  long n = progress (state, buf, sizeof buf);
  int cards = 0, good = 0;
  for (char *l = n > 0 ? strtok (buf, "\n") : NULL; l; l = strtok (NULL, "\n"))
    {
      int box;
      long long due;
      unsigned seen, right, lapses;
      if (strncmp (l, "card ", 5) != 0)
        continue;
      cards++;
      good = sscanf (l, "card %255s %d %lld %u %u %u", key, &box, &due, &seen, &right,
                     &lapses) == 6 && box > 0 && due > (long long) time (NULL) && seen == 1
        && right == 1 && lapses == 0;
      if (!good)
        tap_diag ("line: %s", l);
    }
  if (!tap_ok (cards == 1 && good, "%s: the progress file gets one card line: seen 1, "
               "right 1, out of box 0 and due later (graded Good)", w))
    {
      tap_diag ("%d card lines", cards);
      n = progress (state, buf, sizeof buf);
      show_text ("the progress file", buf, n > 0 ? (size_t) n : 0);
    }
  piped_free (&r);
}

/* ---- 6: the lesson list ------------------------------------------------ */

/* The row of the list's line for lesson NAME, SELECTED or not; -1. */
static int
list_row (struct vt *vt, const char *name, int selected)
{
  char want[128];
  int r;
  snprintf (want, sizeof want, "%c %-20s ", selected ? '>' : ' ', name);
  return vt_find (vt, want, &r, NULL) ? r : -1;
}

/* One assertion: NAME is the selected line, highlighted, with the cursor. */
static int
list_on (struct vt *vt, const char *w, const char *name)
{
  char want[128];
  snprintf (want, sizeof want, "> %-20s ", name);
  if (!vt_wait_text (vt, want, WAIT_MS))
    {
      tap_ok (0, "%s: %s is selected", w, name);
      vt_dump (vt);
      return -1;
    }
  settle (vt);
  int r = list_row (vt, name, 1), cr, cc;
  vt_cursor (vt, &cr, &cc);
  int ok = r >= 0 && cr == r && highlighted (vt, r, 4) && highlighted (vt, r, 30);
  if (!tap_ok (ok, "%s: %s is selected, highlighted, and the hardware cursor is on its row",
               w, name))
    {
      tap_diag ("row %d, cursor at %d,%d, highlighted %d", r, cr, cc,
                r >= 0 && highlighted (vt, r, 4));
      vt_dump (vt);
    }
  return r;
}

/* The row of the list's selected line, or -1. */
static int
list_selected (struct vt *vt)
{
  char buf[ROW_MAX];
  for (int r = 4; r < ROWS - 2; r++)
    if (vt_row (vt, r, buf, sizeof buf) > 6 && strncmp (buf + 4, "> ", 2) == 0)
      return r;
  return -1;
}

/* Move the selection with KEY until it is on NAME (at most 8 keys), one
   key at a time, each time waiting for the selection to move. */
static void
list_go (struct vt *vt, const char *key, const char *name)
{
  for (int i = 0; i < 8 && list_row (vt, name, 1) < 0; i++)
    {
      int was = list_selected (vt);
      long long deadline = now_ms () + WAIT_MS;
      vt_send (vt, key);
      while (list_selected (vt) == was && now_ms () < deadline)
        if (vt_pump (vt, 20) < 0)
          break;
      settle (vt);
    }
}

static void
lesson_list (void)
{
  const char *w = "lesson list";
  const char *xdg = vt_tempdir ();
  char dir[4200], path[4300], env_xdg[4300], text[65536];
  const char *mine_title = "Mine: a copy to teach with";
  if (!tap_ok (xdg != NULL, "%s: a folder for XDG_DATA_HOME", w))
    return;
  snprintf (dir, sizeof dir, "%s/shmtutor", xdg);
  mkdir (dir, 0700);
  snprintf (dir, sizeof dir, "%s/shmtutor/lessons", xdg);
  mkdir (dir, 0700);

  /* mine.lesson: the lesson with another title; broken.lesson: not one. */
  long n = slurp (lesson_file, text, sizeof text);
  char *t = n > 0 ? strstr (text, "\ntitle: ") : NULL;
  int made = 0;
  if (t)
    {
      char *eol = strchr (t + 1, '\n');
      char copy[sizeof text + 128];
      snprintf (copy, sizeof copy, "%.*s\ntitle: %s%s", (int) (t - text), text, mine_title,
                eol ? eol : "\n");
      snprintf (path, sizeof path, "%s/mine.lesson", dir);
      made = write_file (path, copy) == 0;
      snprintf (path, sizeof path, "%s/broken.lesson", dir);
      made = made && write_file (path, "title: Broken on purpose\n| int main() {}\n"
                                 "step: open\naction: fly\nline: 1\n") == 0;
    }
  if (!tap_ok (made, "%s: mine.lesson and broken.lesson written in %s", w, dir))
    return;
  {
    struct piped r;
    const char *const check[] = { "--check", path, NULL };
    if (run_pipe (check, NULL, xdg, &r) == 0)
      {
        piped_exit (&r, "--check broken.lesson", 65);
        piped_free (&r);
      }
  }

  snprintf (env_xdg, sizeof env_xdg, "XDG_DATA_HOME=%s", xdg);
  const char *const extra[] = { env_xdg, NULL };

  /* Found by name, each: mine opens, broken is refused with its errors. */
  {
    const char *const wb[] = { "walkthrough", "broken", NULL };
    struct vt *b = start ("walkthrough broken", wb, extra);
    if (b)
      {
        char want[4400];
        ends_as (b, "walkthrough broken", END_EXIT, 65, WAIT_MS);
        size_t len;
        const char *out = vt_output (b, &len), *at = NULL;
        snprintf (want, sizeof want, "%s:", path);
        at = memmem (out, len, want, strlen (want));
        size_t k = at ? (size_t) (at - out) + strlen (want) : len;
        if (!tap_ok (k < len && out[k] >= '1' && out[k] <= '9',
                     "walkthrough broken: the errors say '%sLINE:'", want))
          show_output (b);
        vt_free (b);
      }
    const char *const wm[] = { "walkthrough", "mine", NULL };
    b = start ("walkthrough mine", wm, extra);
    if (b)
      {
        shows (b, "walkthrough mine", "step 1/6");
        shows (b, "walkthrough mine", mine_title);
        vt_send (b, "q");
        ends_as (b, "walkthrough mine", END_EXIT, 0, WAIT_MS);
        vt_free (b);
      }
  }
  const char *const args[] = { "lessons", NULL };
  struct vt *vt = start (w, args, extra);
  if (!vt)
    return;
  shows (vt, w, "Choose a lesson");
  settle (vt);
  char buf[ROW_MAX];
  int rp = list_row (vt, "private-cow", 0), rs = list_row (vt, "shared-memory", 1),
    rm = list_row (vt, "mine", 0), rb = list_row (vt, "broken", 0);
  if (!tap_ok (rp >= 0 && rs >= 0 && rm >= 0 && rb >= 0,
               "%s: private-cow, shared-memory, mine and broken are listed", w))
    vt_dump (vt);
  else
    {
      tap_ok (rp < rs, "%s: private-cow comes before shared-memory", w);
      if (!tap_ok (strstr (row (vt, rp, buf, sizeof buf, 0), "MAP_PRIVATE and copy-on-write")
                   != NULL, "%s: private-cow's line has its title", w))
        tap_diag ("row %d: %s", rp, buf);
      if (!tap_ok (strstr (row (vt, rm, buf, sizeof buf, 0), mine_title) != NULL,
                   "%s: mine's line has its own title", w))
        tap_diag ("row %d: %s", rm, buf);
      if (!tap_ok (strstr (row (vt, rb, buf, sizeof buf, 0), "has errors") != NULL,
                   "%s: broken's line says it has errors", w))
        tap_diag ("row %d: %s", rb, buf);
    }
  list_on (vt, "lesson list at the start", "shared-memory");
  {
    char p1[4400], cut[64];
    snprintf (p1, sizeof p1, "%s/lessons/shared-memory.lesson", data_dir);
    snprintf (cut, sizeof cut, "%.60s", p1);
    if (!tap_ok (starts_with (trim ((char *) row (vt, ROWS - 2, buf, sizeof buf, 0)), cut),
                 "%s: the line above the keys gives the chosen lesson's path", w))
      vt_dump (vt);
    /* The seed is named where its words are used: the lesson's source,
       above its path. */
    if (!tap_ok (starts_with (trim ((char *) row (vt, ROWS - 5, buf, sizeof buf, 0)),
                              "From: \"6.5.2 - Example of Shared Memory\", a section of an"),
                 "%s: the chosen lesson's source is shown: From: \"6.5.2 - ...\"", w))
      vt_dump (vt);
  }

  /* Enter on the broken one: a message, and the list stays. */
  list_go (vt, rb > rs ? "j" : "k", "broken");
  list_on (vt, "lesson list on broken", "broken");
  vt_send (vt, "\r");
  shows (vt, "lesson list, Enter on broken", "broken has errors: shmtutor --check");
  if (!tap_ok (vt_find (vt, "Choose a lesson", NULL, NULL) && list_row (vt, "broken", 1) >= 0
               && !vt_find (vt, "step 1/6", NULL, NULL),
               "lesson list, Enter on broken: the list stays, on broken"))
    vt_dump (vt);

  /* Enter on mine: the walkthrough, with mine's title. */
  list_go (vt, rm > rb ? "j" : "k", "mine");
  list_on (vt, "lesson list on mine", "mine");
  {
    char p1[4400], cut[64];
    snprintf (p1, sizeof p1, "%s/mine.lesson", dir);
    snprintf (cut, sizeof cut, "%.60s", p1);
    if (!tap_ok (starts_with (trim ((char *) row (vt, ROWS - 2, buf, sizeof buf, 0)), cut),
                 "lesson list on mine: the line above the keys gives mine's path"))
      vt_dump (vt);
  }
  vt_send (vt, "\r");
  shows (vt, "lesson list, Enter on mine", "step 1/6");
  if (shows (vt, "lesson list, Enter on mine", mine_title))
    {
      int r;
      vt_find (vt, mine_title, &r, NULL);
      if (!tap_ok (r == 0, "lesson list, Enter on mine: the title line names mine"))
        vt_dump (vt);
    }
  /* A lesson opened from the list goes back to it: q there, then q quits. */
  shows (vt, "lesson list, Enter on mine", "q lessons");
  vt_send (vt, "q");
  shows (vt, "lesson list, back from mine", "Choose a lesson");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);

  /* From the menu: w opens the lesson list, as there is more than one lesson. */
  w = "menu, w";
  const char *empty = vt_tempdir ();
  char env_empty[4300];
  snprintf (env_empty, sizeof env_empty, "XDG_DATA_HOME=%s", empty ? empty : "/nonexistent");
  const char *const extra2[] = { env_empty, NULL };
  const char *const none[] = { NULL };
  vt = start (w, none, extra2);
  if (!vt)
    return;
  shows (vt, w, "Choose with the arrows");
  vt_send (vt, "w");
  shows (vt, w, "Choose a lesson");
  lacks_now (vt, w, "step 1/6");
  if (!tap_ok (list_row (vt, "private-cow", 0) >= 0 && list_row (vt, "shared-memory", 1) >= 0
               && list_row (vt, "mine", 0) < 0,
               "%s: the list has the two lessons of the data folder", w))
    vt_dump (vt);
  vt_send (vt, "q");
  shows (vt, "menu, w, q", "Choose with the arrows");
  /* The lesson chosen stays open, for the menu's title too. */
  vt_send (vt, "w");
  shows (vt, "menu, w again", "Choose a lesson");
  list_go (vt, "k", "private-cow");
  vt_send (vt, "\r");
  shows (vt, "menu, w, private-cow", "step 1/12");
  shows (vt, "menu, w, private-cow", "MAP_PRIVATE and copy-on-write");
  shows (vt, "menu, w, private-cow", "q lessons");
  vt_send (vt, "q");
  shows (vt, "menu, w, private-cow, q", "Choose a lesson");
  vt_send (vt, "q");
  shows (vt, "menu, after private-cow", "Choose with the arrows");
  if (!tap_ok (vt_find (vt, "MAP_PRIVATE and copy-on-write", &rp, NULL) && rp == 0,
               "menu, after private-cow: the menu's title is private-cow's"))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

/* ---- 7: monochrome ------------------------------------------------------- */

/* One assertion: no cell of the screen has a colour of its own. */
static void
no_colour (struct vt *vt, const char *w)
{
  int bad = 0, br = -1, bc = -1, bfg = -1, bbg = -1;
  settle (vt);
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++)
      {
        int fg = -1, bg = -1;
        vt_cell_colors (vt, r, c, &fg, &bg);
        if ((fg != -1 || bg != -1) && !bad++)
          br = r, bc = c, bfg = fg, bbg = bg;
      }
  if (!tap_ok (bad == 0, "%s: every cell is in the terminal's default colours", w))
    {
      tap_diag ("%d cells are not; the first at %d,%d: fg %d, bg %d", bad, br, bc, bfg, bbg);
      vt_dump (vt);
    }
}

static const char *mono_extra[] = { "NO_COLOR=1", NULL };

static void
mono_walk (void)
{
  const char *w = "NO_COLOR walkthrough";
  const char *const args[] = { "walkthrough", NULL };
  int r, c;
  struct vt *vt = start (w, args, mono_extra);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  no_colour (vt, w);
  if (vt_find (vt, "int fd = open(", &r, &c))
    {
      emphasis_is (vt, w, r, c, 1, "the current program line (open)");
      emphasis_is (vt, w, r, 1, 1, "the current line's marker");
    }
  else
    tap_ok (0, "%s: the program box shows the open line", w);
  if (vt_find (vt, "if (fd < 0) {", &r, &c))
    emphasis_is (vt, w, r, c, 0, "a program line that is not current");
  else
    tap_ok (0, "%s: the program box shows the line after open", w);
  vt_send (vt, "\r");
  shows (vt, w, "step 2/6");
  vt_send (vt, "\r");
  shows (vt, w, "write> ");
  vt_send (vt, "\r");
  shows (vt, w, "step 3/6");
  if (vt_wait_text (vt, "0000  48 65 6c 6c 6f", WAIT_MS))
    {
      no_colour (vt, "NO_COLOR walkthrough, step 3");
      vt_find (vt, "0000  48 65 6c 6c 6f", &r, &c);
      int bold = 0, rev = 0;
      vt_cell_attrs (vt, r, c + 6, &bold, &rev);
      if (!tap_ok (bold && rev, "%s: the changed byte 48 is bold and reversed", w))
        vt_dump (vt);
      emphasis_is (vt, w, r, c, 0, "the offset 0000");
    }
  else
    {
      tap_ok (0, "%s: step 3 shows the lesson's text in the page", w);
      vt_dump (vt);
    }
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

static void
mono_menu (void)
{
  const char *w = "NO_COLOR menu";
  const char *const none[] = { NULL };
  int r, c;
  struct vt *vt = start (w, none, mono_extra);
  if (!vt)
    return;
  shows (vt, w, "> [w] Walkthrough");
  no_colour (vt, w);
  vt_find (vt, "> [w] Walkthrough", &r, &c);
  emphasis_is (vt, w, r, c + 6, 1, "the selected item");
  if (vt_find (vt, "[z] Quiz", &r, &c))
    emphasis_is (vt, w, r, c + 4, 0, "an item not selected");
  vt_send (vt, "j");
  shows (vt, w, "> [z] Quiz");
  no_colour (vt, "NO_COLOR menu after j");
  vt_find (vt, "> [z] Quiz", &r, &c);
  emphasis_is (vt, "NO_COLOR menu after j", r, c + 6, 1, "the selected item");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

static void
mono_quiz (void)
{
  const char *w = "NO_COLOR quiz";
  /* A seed whose first question offers choices, with the shipped decks
     (a deck added to data/ may change which). */
  const char *const args[] = { "quiz", "--seed", "1", NULL };
  int r, c;
  struct vt *vt = start (w, args, mono_extra);
  if (!vt)
    return;
  shows (vt, w, "question 1/12");
  if (shows (vt, w, "> 1) "))
    {
      no_colour (vt, w);
      vt_find (vt, "> 1) ", &r, &c);
      emphasis_is (vt, w, r, c + 3, 1, "the selected choice");
      if (vt_find (vt, "  2) ", &r, &c))
        emphasis_is (vt, w, r, c + 3, 0, "a choice not selected");
      vt_send (vt, "j");
      shows (vt, w, "> 2) ");
      no_colour (vt, "NO_COLOR quiz after j");
      vt_find (vt, "> 2) ", &r, &c);
      emphasis_is (vt, "NO_COLOR quiz after j", r, c + 3, 1, "the selected choice");
      vt_send (vt, "1");
      if (vt_wait_text (vt, "Press Enter for the next question.", WAIT_MS))
        no_colour (vt, "NO_COLOR quiz, answered");
      else
        {
          tap_ok (0, "%s: an answer gets its feedback", w);
          vt_dump (vt);
        }
    }
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

static void
mono_cards (void)
{
  const char *w = "NO_COLOR cards";
  const char *const args[] = { "flashcards", NULL };
  struct vt *vt = start (w, args, mono_extra);
  if (!vt)
    return;
  shows (vt, w, "Think of the answer");
  no_colour (vt, w);
  emphasis_is (vt, w, 0, 2, 1, "the title line");
  vt_send (vt, " ");
  shows (vt, w, "How well did you know it?");
  no_colour (vt, "NO_COLOR cards, turned over");
  int r, c;
  vt_find (vt, "How well did you know it?", &r, &c);
  emphasis_is (vt, "NO_COLOR cards, turned over", r, c, 1, "the grading line");
  vt_send (vt, "q");
  ends_as (vt, w, END_EXIT, 0, WAIT_MS);
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  snprintf (lesson_file, sizeof lesson_file, "%s/lessons/shared-memory.lesson", data_dir);
  if (!tap_ok (lesson_read (lesson_file) == 6, "%s has 6 steps", lesson_file))
    return tap_done ();

  notes ();
  step_option ();
  predict ();
  predict_all ("shared-memory");
  predict_all ("private-cow");
  record_play ();
  plain_walkthrough ();
  plain_quiz ();
  plain_flashcards ();
  lesson_list ();
  mono_walk ();
  mono_menu ();
  mono_quiz ();
  mono_cards ();
  vt_cleanup ();
  return tap_done ();
}

#endif
