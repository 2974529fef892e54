/* test-exercises-screen.c - the exercises on the full screen, as a learner
   meets them: the menu's count, the list and its marks, an exercise
   opened and checked, a save from outside checked without a key (the
   inotify watch), the editor ($VISUAL) run with the terminal handed over,
   the hints one by one, a reset that keeps the learner's version, the
   learner's page in the hex view, and a SIGTERM in the middle of a check
   that leaves no process of the learner's behind.  The real program in a
   pseudo-terminal of 80x24, read back through libvterm; the files and the
   progress are read from outside.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#define QUIET_MS 60
#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <dirent.h>

#define ROWS 24
#define COLS 80
#define BIG 65536

static int check_ms = 30000;    /* a check: the build and up to two runs */
static char work[600], state[600], seed[700], sol[700], env_state[700], tmpdir[600],
  env_tmp[700];

/* The argv of the program on the work folder, then ARG (may be NULL). */
#define ARGS(...) ((const char *const[]) { "--work-dir", work, __VA_ARGS__, NULL })

/* Whether any process runs a learner's program of this test's (from
   TMPDIR/shmtutor-check-*: each program started here has a TMPDIR of
   this test's, so another test's checks running beside are not seen). */
static int
learner_running (void)
{
  DIR *d = opendir ("/proc");
  struct dirent *e;
  int found = 0;
  char prefix[700];
  int n = snprintf (prefix, sizeof prefix, "%s/shmtutor-check-", tmpdir);
  while (d && (e = readdir (d)) && !found)
    {
      char path[300], cmd[600];
      if (e->d_name[0] < '0' || e->d_name[0] > '9')
        continue;
      snprintf (path, sizeof path, "/proc/%s/cmdline", e->d_name);
      if (slurp (path, cmd, sizeof cmd) > 0 && strncmp (cmd, prefix, (size_t) n) == 0)
        found = 1;
    }
  if (d)
    closedir (d);
  return found;
}

/* Read the program's screen until a learner's program of this test's runs,
   or a check's time has passed. */
static void
wait_learner (struct vt *vt)
{
  long long t0 = now_ms ();
  while (!learner_running () && now_ms () - t0 < check_ms)
    vt_pump (vt, 50);
}

/* Copy the solution FILE of tests/exercises over DST, as an editor that
   writes a new file and renames it over the old one does (RENAME 1), or
   in place (0). */
static int
put_solution (const char *file, const char *dst, int rename_over)
{
  static char text[BIG];
  char path[900], tmp[900];
  snprintf (path, sizeof path, "%s/%s", sol, file);
  if (slurp (path, text, sizeof text) <= 0)
    return -1;
  if (!rename_over)
    return write_file (dst, text);
  snprintf (tmp, sizeof tmp, "%s.new", dst);
  return write_file (tmp, text) == 0 ? rename (tmp, dst) : -1;
}

static void
menu_and_list (void)
{
  const char *env[] = { env_state, data_env, env_tmp, NULL };
  struct vt *vt = start_program ("menu", ARGS ("menu"), ROWS, COLS, env, NULL);
  if (!vt)
    return;
  shows (vt, "menu", "[x] Exercises");
  shows (vt, "menu", "(0 of 6 done)");
  vt_send (vt, "x");
  shows (vt, "x", "Exercises: 0 of 6 passed");
  shows (vt, "x", "Enter open  Up/Down choose");
  settle (vt);
  int r1, r6;
  tap_ok (vt_find (vt, "[ ]  1  fix-the-seed", &r1, NULL)
          && vt_find (vt, "[ ]  6  read-only-fault", &r6, NULL) && r6 == r1 + 5,
          "the list: the six in order, each not started");
  shows (vt, "list", "not started");
  vt_send (vt, "q");
  shows (vt, "q in the list", "[x] Exercises");
  vt_send (vt, "q");
  ends_restored (vt, "q in the menu", 0);
  vt_free (vt);
}

/* fix-the-seed opened: its file made, the check failing; saved from
   outside, checked again without a key; Esc back to the list. */
static void
open_and_watch (void)
{
  const char *env[] = { env_state, data_env, env_tmp, NULL };
  char text[BIG], start[BIG];
  struct vt *vt = start_program ("open", ARGS ("exercises"), ROWS, COLS, env, NULL);
  if (!vt)
    return;
  shows (vt, "exercises", "Exercises: 0 of 6 passed");
  vt_send (vt, "\r");
  shows (vt, "Enter", "Exercise 1 of 6: Fix the seed");
  shows_within (vt, "the first check", "Not yet: 0 of 5 checks pass", check_ms);
  shows (vt, "the first check", "2 errors, 0 warnings");
  tap_ok (slurp (seed, start, sizeof start) > 0 && strncmp (start, "include\n", 8) == 0,
          "seed.c is made in the work folder from the starting file (its first line "
          "'include')");
  shows (vt, "the file", "(each save is checked)");

  /* Saved by an editor that renames a new file over it. */
  tap_ok (put_solution ("fix-the-seed.ok1.c", seed, 1) == 0, "a solution renamed over seed.c");
  shows_within (vt, "saved (renamed over)", "Passed: every check, 5 of 5.", check_ms);
  shows (vt, "saved", "pass  calls munmap /dev/zero");
  slurp (state, text, sizeof text);
  tap_ok (strstr (text, "\nexercise fix-the-seed 2 ") || strncmp (text, "exercise fix-the-seed 2 ",
                                                                   24) == 0,
          "the progress file says fix-the-seed passed");
  /* Saved in place, now with a warning. */
  tap_ok (put_solution ("fix-the-seed.warn.c", seed, 0) == 0, "a warning written into seed.c");
  shows_within (vt, "saved (in place)", "0 errors, 1 warning", check_ms);
  shows (vt, "saved (in place)", "Not yet:");

  /* The page, read at the munmap of the check before; v and back. */
  vt_send (vt, "v");
  shows (vt, "v", "your page, read at munmap in the check of");
  shows (vt, "v", "48 65 6c 6c 6f 20 66 72 6f 6d 20 75 73 65 72 20  Hello");
  vt_send (vt, "v");
  shows (vt, "v again", "the task, then the check");

  vt_send (vt, "\033");
  shows (vt, "Esc", "Exercises: 0 of 6 passed");
  shows (vt, "Esc", "[-]  1  fix-the-seed");
  tap_ok (vt_running (vt), "Esc in an exercise goes back to the list, and the program runs on");
  vt_send (vt, "q");
  ends_restored (vt, "q in the list, started on it", 0);
  vt_free (vt);
}

/* The editor: the terminal handed over (cooked, as before curses), the
   file checked after it; one that cannot be run, said. */
static void
editor (void)
{
  char script[800], sttyf[800], ed_env[900], text[BIG];
  snprintf (script, sizeof script, "%s/editor.sh", vt_tempdir ());
  snprintf (sttyf, sizeof sttyf, "%s/stty.txt", vt_tempdir ());
  snprintf (text, sizeof text, "#!/bin/sh\nstty -a > '%s'\ncat '%s/page-size.ok2.c' > \"$1\"\n",
            sttyf, sol);
  write_file (script, text);
  chmod (script, 0755);
  snprintf (ed_env, sizeof ed_env, "VISUAL=%s", script);
  const char *env[] = { env_state, data_env, env_tmp, ed_env, NULL };
  struct vt *vt = start_program ("editor", ARGS ("exercise", "page-size"), ROWS, COLS, env,
                                 NULL);
  if (!vt)
    return;
  shows (vt, "exercise page-size", "Exercise 3 of 6: Ask for the page size");
  shows_within (vt, "the first check", "Not yet:", check_ms);
  vt_send (vt, "e");
  shows_within (vt, "e", "Passed: every check, 6 of 6.", check_ms);
  slurp (sttyf, text, sizeof text);
  tap_ok (strstr (text, " icanon ") && strstr (text, " echo ") && !strstr (text, "-icanon")
          && !strstr (text, " -echo "),
          "the editor got the terminal in its own modes (canonical, echo), not curses' raw ones");
  vt_send (vt, "h");
  shows (vt, "h", "Hint 1 of 2:");
  vt_send (vt, "h");
  shows (vt, "h again", "Hint 2 of 2:");
  vt_send (vt, "h");
  shows (vt, "h past the last", "That was the last hint.");
  vt_send (vt, "q");
  shows (vt, "q", "[x]  3  page-size");
  vt_send (vt, "q");
  ends_restored (vt, "q, q", 0);
  vt_free (vt);

  const char *env2[] = { env_state, data_env, env_tmp, "VISUAL=/nonexistent/editor", NULL };
  vt = start_program ("no editor", ARGS ("exercise", "page-size"), ROWS, COLS, env2, NULL);
  if (!vt)
    return;
  shows_within (vt, "no editor", "Passed:", check_ms);
  vt_send (vt, "e");
  shows (vt, "e", "cannot run the editor (/nonexistent/editor, from VISUAL)");
  vt_send (vt, "q");
  vt_send (vt, "q");
  ends_restored (vt, "no editor: q, q", 0);
  vt_free (vt);

  /* The count, another day: from the progress file. */
  vt = start_program ("count", ARGS ("menu"), ROWS, COLS, env, NULL);
  if (!vt)
    return;
  shows (vt, "menu after a pass", "(1 of 6 done)");
  vt_send (vt, "q");
  ends_restored (vt, "count: q", 0);
  vt_free (vt);
}

/* r: asked first; the learner's version kept as .orig, then .orig.2. */
static void
reset (void)
{
  const char *env[] = { env_state, data_env, env_tmp, NULL };
  char text[BIG], orig[900], mine[BIG], start[BIG];
  struct vt *vt = start_program ("reset", ARGS ("exercise", "fix-the-seed"), ROWS, COLS, env,
                                 NULL);
  if (!vt)
    return;
  shows_within (vt, "reset", "Not yet:", check_ms);
  slurp (seed, mine, sizeof mine);
  vt_send (vt, "r");
  shows (vt, "r", "Reset seed.c to the starting file? y/n");
  vt_send (vt, "n");
  shows (vt, "n", "Not reset: nothing changed.");
  slurp (seed, text, sizeof text);
  tap_ok (strcmp (text, mine) == 0, "n: seed.c is as it was");
  vt_send (vt, "r");
  vt_send (vt, "y");
  shows_within (vt, "y", "Yours is kept as seed.c.orig; seed.c is the starting file again.",
                check_ms);
  snprintf (orig, sizeof orig, "%s.orig", seed);
  slurp (orig, text, sizeof text);
  tap_ok (strcmp (text, mine) == 0, "y: seed.c.orig holds the learner's version");
  slurp (seed, start, sizeof start);
  tap_ok (strncmp (start, "include\n", 8) == 0, "y: seed.c is the starting file");
  shows_within (vt, "y", "2 errors", check_ms);
  write_file (seed, "/* mine again */\n");
  shows_within (vt, "saved: no main, the linker's error", "1 error, 0 warnings", check_ms);
  vt_send (vt, "r");
  vt_send (vt, "y");
  shows_within (vt, "r, y again", "Yours is kept as seed.c.orig.2;", check_ms);
  snprintf (orig, sizeof orig, "%s.orig", seed);
  slurp (orig, text, sizeof text);
  tap_ok (strcmp (text, mine) == 0, "the second reset keeps seed.c.orig as it was");
  snprintf (orig, sizeof orig, "%s.orig.2", seed);
  slurp (orig, text, sizeof text);
  tap_ok (strcmp (text, "/* mine again */\n") == 0, "and keeps the new version as .orig.2");
  vt_send (vt, "r");
  vt_send (vt, "y");
  shows_within (vt, "r, y on the starting file", "it was that already: nothing to keep",
                check_ms);
  snprintf (orig, sizeof orig, "%s.orig.3", seed);
  tap_ok (!exists (orig), "nothing is kept of a file that is the starting file");
  vt_send (vt, "q");
  vt_send (vt, "q");
  ends_restored (vt, "reset: q, q", 0);
  vt_free (vt);
}

/* A save while a check runs (the learner's program loops under the
   tracer for seconds) is checked once that check is done. */
static void
save_mid_check (void)
{
  const char *env[] = { env_state, data_env, env_tmp, NULL };
  char file[800];
  snprintf (file, sizeof file, "%s/read-only-fault.c", work);
  if (!tap_ok (put_solution ("read-only-fault.loop.c", file, 0) == 0,
               "a handler that returns, as read-only-fault.c"))
    return;
  struct vt *vt = start_program ("save mid-check", ARGS ("exercise", "read-only-fault"), ROWS,
                                 COLS, env, NULL);
  if (!vt)
    return;
  wait_learner (vt);
  tap_ok (learner_running () && put_solution ("read-only-fault.ok1.c", file, 1) == 0,
          "a solution renamed over the file while the looping one runs");
  shows_within (vt, "saved mid-check", "Passed: every check, 5 of 5.", check_ms);
  vt_send (vt, "q");
  vt_send (vt, "q");
  ends_restored (vt, "save mid-check: q, q", 0);
  vt_free (vt);
}

/* q while the learner's program runs under the tracer: the check stops
   at once, the screen stays, no learner's process is left, and nothing
   is graded or kept. */
static void
q_mid_check (void)
{
  const char *env[] = { env_state, data_env, env_tmp, NULL };
  char file[800], before[BIG], after[BIG];
  snprintf (file, sizeof file, "%s/read-only-fault.c", work);
  if (!tap_ok (put_solution ("read-only-fault.loop.c", file, 0) == 0,
               "a handler that returns, as read-only-fault.c"))
    return;
  slurp (state, before, sizeof before);
  struct vt *vt = start_program ("q mid-check", ARGS ("exercise", "read-only-fault"), ROWS,
                                 COLS, env, NULL);
  if (!vt)
    return;
  wait_learner (vt);
  long long t0 = now_ms ();
  vt_send (vt, "q");
  shows_within (vt, "q mid-check", "Not checked: the check was stopped before the program's "
                "end", WAIT_MS);
  tap_ok (now_ms () - t0 < 2500, "q stopped the check at once (%lld ms; the wall-clock limit "
          "is 5 s)", now_ms () - t0);
  shows (vt, "q mid-check", "The check was stopped: c checks again.");
  tap_ok (!learner_running (), "no process of the learner's is left after q");
  slurp (state, after, sizeof after);
  tap_ok (strcmp (before, after) == 0, "a stopped check keeps nothing in the progress file");
  tap_ok (vt_running (vt), "q in a check stops the check, not the screen");
  vt_send (vt, "q");
  vt_send (vt, "q");
  ends_restored (vt, "q mid-check: q, q", 0);
  vt_free (vt);
}

/* A SIGTERM while the editor runs: passed on to it, and the tutor ends
   when it has. */
static void
term_in_editor (void)
{
  char script[800], mark[800], ed_env[900], text[2000];
  snprintf (script, sizeof script, "%s/slow-editor.sh", vt_tempdir ());
  snprintf (mark, sizeof mark, "%s/editor-got-term", vt_tempdir ());
  snprintf (text, sizeof text, "#!/bin/sh\ntrap 'echo TERM > \"%s\"; exit 0' TERM\n"
            "echo started > \"%s\"\nwhile :; do sleep 0.1; done\n", mark, mark);
  write_file (script, text);
  chmod (script, 0755);
  snprintf (ed_env, sizeof ed_env, "VISUAL=%s", script);
  const char *env[] = { env_state, data_env, env_tmp, ed_env, NULL };
  struct vt *vt = start_program ("SIGTERM in the editor", ARGS ("exercise", "page-size"), ROWS,
                                 COLS, env, NULL);
  if (!vt)
    return;
  shows_within (vt, "SIGTERM in the editor", "Passed:", check_ms);
  vt_send (vt, "e");
  long long t0 = now_ms ();
  while ((slurp (mark, text, sizeof text) <= 0 || !strstr (text, "started"))
         && now_ms () - t0 < WAIT_MS)
    vt_pump (vt, 50);
  tap_ok (strstr (text, "started") != NULL, "the editor runs");
  vt_kill (vt, SIGTERM);
  ends_as (vt, "SIGTERM in the editor", END_SIGNAL, SIGTERM, WAIT_MS);
  left_restored (vt, "SIGTERM in the editor", 1);
  slurp (mark, text, sizeof text);
  tap_ok (strstr (text, "TERM") != NULL, "the editor was told (SIGTERM) before the tutor ended");
  vt_free (vt);

  /* An exercise with errors, named on the command line: refused before
     the screen. */
  char dir[800], ex[900];
  snprintf (dir, sizeof dir, "%s/broken", vt_tempdir ());
  mkdir (dir, 0700);
  snprintf (ex, sizeof ex, "%s/shmtutor", dir);
  mkdir (ex, 0700);
  snprintf (ex, sizeof ex, "%s/shmtutor/exercises", dir);
  mkdir (ex, 0700);
  snprintf (ex, sizeof ex, "%s/shmtutor/exercises/bad.exercise", dir);
  write_file (ex, "title: broken\nnonsense\n");
  char cmd[3000];
  snprintf (cmd, sizeof cmd, "XDG_DATA_HOME='%s' '%s' --data-dir '%s' exercise bad < /dev/null "
            "> '%s/out' 2>&1", dir, program, data_dir, dir);
  int st = system (cmd);
  snprintf (ex, sizeof ex, "%s/out", dir);
  slurp (ex, text, sizeof text);
  tap_ok (WIFEXITED (st) && WEXITSTATUS (st) == 65 && strstr (text, "exercise 'bad' has errors: "
          "shmtutor --check"), "exercise NAME with errors: named, exit 65, before any screen "
          "(%s)", text);
}

/* A SIGTERM while the learner's program loops under the tracer: the
   tutor ends as the signal asks, the terminal restored, no process of the
   learner's left. */
static void
term_mid_check (void)
{
  const char *env[] = { env_state, data_env, env_tmp, NULL };
  char file[800];
  snprintf (file, sizeof file, "%s/read-only-fault.c", work);
  if (!tap_ok (put_solution ("read-only-fault.loop.c", file, 0) == 0,
               "a handler that returns, as read-only-fault.c"))
    return;
  struct vt *vt = start_program ("SIGTERM", ARGS ("exercise", "read-only-fault"), ROWS, COLS,
                                 env, NULL);
  if (!vt)
    return;
  shows (vt, "SIGTERM", "Checking: building read-only-fault.c");
  wait_learner (vt);
  tap_ok (learner_running (), "the learner's program runs under the tracer");
  vt_kill (vt, SIGTERM);
  ends_as (vt, "SIGTERM mid-check", END_SIGNAL, SIGTERM, check_ms);
  left_restored (vt, "SIGTERM mid-check", 1);
  tap_ok (!learner_running (), "no process of the learner's is left after the SIGTERM");
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  if (system ("cc --version > /dev/null 2>&1") != 0)
    tap_skip_all ("no C compiler here (apt-get install gcc): the exercises cannot be built");
  if (getenv ("SHMTUTOR_UNDER_VALGRIND"))
    check_ms *= 3;
  const char *t = vt_tempdir ();
  if (!tap_ok (t != NULL, "a private folder for the work and the progress"))
    return tap_done ();
  snprintf (work, sizeof work, "%s/work", t);
  snprintf (seed, sizeof seed, "%s/seed.c", work);
  snprintf (state, sizeof state, "%s/state/shmtutor/progress", t);
  snprintf (env_state, sizeof env_state, "XDG_STATE_HOME=%s/state", t);
  snprintf (tmpdir, sizeof tmpdir, "%s/tmp", t);
  snprintf (env_tmp, sizeof env_tmp, "TMPDIR=%s", tmpdir);
  mkdir (tmpdir, 0700);
  snprintf (sol, sizeof sol, "%s/tests/exercises", data_dir);
  menu_and_list ();
  open_and_watch ();
  editor ();
  reset ();
  save_mid_check ();
  q_mid_check ();
  term_in_editor ();
  term_mid_check ();
  vt_cleanup ();
  return tap_done ();
}

#endif
