/* startup.c - between the options and the screens.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#if defined SHMTUTOR_SANITIZED && defined HAVE_SANITIZER_COMMON_INTERFACE_DEFS_H
# include <sanitizer/common_interface_defs.h>
#endif

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lesson-list.h"
#include "deck.h"
#include "demo.h"
#include "dirs.h"
#include "exercise-list.h"
#include "exercise-work.h"
#include "exercise.h"
#include "plain-exercise.h"
#include "input.h"
#include "lesson.h"
#include "startup.h"
#include "store.h"
#include "tty.h"
#include "visible.h"
#include "xalloc.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/shmtutor"
#endif

static const char program_name[] = "shmtutor";

int
startup_check (char **files, int n)
{
  int bad = 0;
  if (n == 0)
    {
      text_printf_visible (stderr, "%s: --check needs at least one FILE\n", program_name);
      return EXIT_USAGE;
    }
  for (int i = 0; i < n; i++)
    {
      size_t len = strlen (files[i]);
      if (len > 9 && strcmp (files[i] + len - 9, ".exercise") == 0)
        {
          struct exercise x;
          bad |= exercise_load (files[i], &x, parse_error_print, NULL) != 0;
          exercise_free (&x);
          continue;
        }
      if (len > 5 && strcmp (files[i] + len - 5, ".deck") == 0)
        {
          struct deck D = { 0 };
          bad |= deck_load (files[i], &D, parse_error_print, NULL) != 0;
          deck_free (&D);
          continue;
        }
      struct lesson L;
      bad |= lesson_load (files[i], &L, parse_error_print, NULL) != 0;
      lesson_free (&L);
    }
  return bad ? EXIT_DATAERR : EXIT_SUCCESS;
}

int
startup_reset (void)
{
  char sdir[1024], answer[16];
  struct store st;
  struct stat sb;
  if (!store_default_dir (sdir, sizeof sdir))
    {
      text_printf_visible (stderr, "%s: neither XDG_STATE_HOME nor HOME is set\n", program_name);
      return EXIT_TROUBLE;
    }
  /* Opened without saving: nothing is made or moved before the answer. */
  store_open (&st, sdir, 0);
  if (stat (st.path, &sb) != 0)
    {
      text_printf_visible (stderr, "No progress kept in %s: nothing to forget.\n", sdir);
      store_close (&st);
      return EXIT_SUCCESS;
    }
  text_printf_visible (stderr, "Forget all progress kept in %s? [y/N] ", sdir);
  fflush (stderr);
  int yes = fgets (answer, sizeof answer, stdin) && (answer[0] == 'y' || answer[0] == 'Y');
  int rc = EXIT_SUCCESS;
  if (!yes)
    text_printf_visible (stderr, feof (stdin) ? "\nNothing was changed.\n" : "Nothing was changed.\n");
  else if (store_reset (&st) != 0)
    {
      text_printf_visible (stderr, "%s: %s\n", program_name, st.warning);
      rc = EXIT_TROUBLE;
    }
  else
    text_printf_visible (stderr, "Progress forgotten.\n");
  store_close (&st);
  return rc;
}

static int
by_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Every file DIR/data/NAME.deck, in name order, goes into one deck.
   Returns the number of errors (each reported); no deck at all is one. */
static int
load_decks (const char *dir, struct deck *D)
{
  char path[4096];
  char *names[256];
  size_t n = 0;
  int errors = 0;

  snprintf (path, sizeof path, "%s/data", dir);
  DIR *d = opendir (path);
  if (!d)
    {
      text_printf_visible (stderr, "%s: %s: %s\n", program_name, path, strerror (errno));
      return 1;
    }
  struct dirent *e;
  while ((e = readdir (d)) && n < sizeof names / sizeof names[0])
    {
      size_t len = strlen (e->d_name);
      if (len > 5 && e->d_name[0] != '.' && strcmp (e->d_name + len - 5, ".deck") == 0
          && (names[n] = xstrdup (e->d_name)))
        n++;
    }
  closedir (d);
  qsort (names, n, sizeof names[0], by_name);
  for (size_t i = 0; i < n; i++)
    {
      snprintf (path, sizeof path, "%s/data/%s", dir, names[i]);
      errors += deck_load (path, D, parse_error_print, NULL);
      free (names[i]);
    }
  if (n == 0)
    {
      text_printf_visible (stderr, "%s: %s/data holds no .deck file\n", program_name, dir);
      errors++;
    }
  return errors;
}

/* The data folder: --data-dir, SHMTUTOR_DATA_DIR, or the installed one.
   Returns it, or NULL (reported) when it is not a folder. */
static const char *
data_folder (const struct opts *o, int *explicit)
{
  const char *dir = o->data_dir, *how = "--data-dir";
  struct stat sb;
  *explicit = 1;
  if (!dir || !*dir)
    {
      dir = getenv ("SHMTUTOR_DATA_DIR");
      how = "SHMTUTOR_DATA_DIR";
    }
  if (!dir || !*dir)
    {
      dir = PKGDATADIR;
      how = "the installed data folder";
      *explicit = 0;
    }
  if (stat (dir, &sb) != 0 || !S_ISDIR (sb.st_mode))
    {
      text_printf_visible (stderr, "%s: data folder '%s' (%s): %s\n", program_name, dir, how,
               stat (dir, &sb) != 0 ? strerror (errno) : "not a directory");
      return NULL;
    }
  return dir;
}

/* Every exercise found: in the data folder, the user's folder and the
   installed one, the first folder winning a name; in their order. */
static void
find_exercises (const char *dir, struct exercise_list *c)
{
  char user[1024];
  exercise_list_add_dir (c, dir);
  if (dirs_user_data (user, sizeof user))
    exercise_list_add_dir (c, user);
  exercise_list_add_dir (c, PKGDATADIR);
  exercise_list_sort (c);
}

int
startup_exercises (const struct opts *o, const char *name)
{
  int explicit;
  const char *dir = data_folder (o, &explicit);
  if (!dir)
    return EXIT_NOINPUT;
  struct exercise_list c = { 0 };
  find_exercises (dir, &c);
  int rc = plain_exercises_run (&c, o->work_dir, name, o->save);
  exercise_list_free (&c);
  return rc;
}

/* Every lesson found: in the data folder, in $XDG_DATA_HOME/shmtutor (or
   ~/.local/share/shmtutor), and in the installed folder, the first
   folder winning a name. */
static void
find_lessons (const char *dir, struct lesson_list *cat)
{
  char user[1024];
  lesson_list_add_dir (cat, dir);
  if (dirs_user_data (user, sizeof user))
    lesson_list_add_dir (cat, user);
  lesson_list_add_dir (cat, PKGDATADIR);
}

/* Load the lesson O names into L.  Returns 0, or an exit status. */
static int
load_lesson (const struct opts *o, const struct lesson_list *cat, struct lesson *L,
             const char **name)
{
  const char *path = o->lesson;
  *name = o->lesson;
  memset (L, 0, sizeof *L);
  if (!strchr (o->lesson, '/'))
    {
      const struct lesson_entry *e = lesson_list_find (cat, o->lesson);
      if (!e)
        {
          text_printf_visible (stderr, "%s: no lesson '%s' (shmtutor --help says where lessons are "
                   "looked for)\n", program_name, o->lesson);
          return EXIT_DATAERR;
        }
      path = e->path;
      *name = e->name;
    }
  return lesson_load (path, L, parse_error_print, NULL) != 0 ? EXIT_DATAERR : 0;
}

/* Memory ran out: the terminal as it was, bracketed paste off too. */
static void
restore_on_failure (void)
{
  fflush (stdout);
  input_paste_off ();
  tty_stop ();
}

static int
run_screens (struct app *app, const struct opts *o)
{
  char msg[4200];
  int drc = o->play_file ? demo_play (o->play_file, (int) o->delay_ms, msg, sizeof msg) : 0;
  if (drc != 0)
    {
      text_printf_visible (stderr, "%s: %s\n", program_name, msg);
      demo_end ();
      return drc;         /* the status demo.c chose */
    }
  /* The terminal is checked first: a --record file is made only for a
     session that can run. */
  if (tty_check (msg, sizeof msg) != 0)
    {
      demo_end ();
      text_printf_visible (stderr, "%s: %s\n", program_name, msg);
      return EXIT_TROUBLE;
    }
  if (o->record_file && (drc = demo_record (o->record_file, msg, sizeof msg)) != 0)
    {
      text_printf_visible (stderr, "%s: %s\n", program_name, msg);
      demo_end ();
      return drc;
    }
  if (tty_start (msg, sizeof msg) != 0)
    {
      demo_record_abandon ();
      demo_end ();
      if (tty_pending_signal ())
        tty_reraise (tty_pending_signal ());   /* killed in the background: as asked */
      text_printf_visible (stderr, "%s: %s\n", program_name, msg);
      return EXIT_TROUBLE;
    }
  /* Memory that cannot be had ends the program: the terminal first. */
  xalloc_on_failure (restore_on_failure);
#if defined SHMTUTOR_SANITIZED && defined HAVE_SANITIZER_COMMON_INTERFACE_DEFS_H
  /* So does a sanitizer's report (a build for the tests): the terminal as
     it was before the report is read. */
  __sanitizer_set_death_callback (restore_on_failure);
#endif
  /* The prompts' history, beside the progress, kept as the progress is. */
  char hpath[1100];
  if (snprintf (hpath, sizeof hpath, "%s/history", app->store->dir) < (int) sizeof hpath)
    input_history (hpath, app->store->save, msg, sizeof msg);
  enum screen_id screen = o->screen;
  while (screen < SCREEN_QUIT)
    {
      enum screen_id next = screen_entry (screen)->run (app);
      if (next == SCREEN_MENU && app->direct)
        next = SCREEN_QUIT;
      screen = next;
    }
  input_cleanup ();
  tty_stop ();
  if (demo_finish (msg, sizeof msg) != 0)
    {
      text_printf_visible (stderr, "%s: %s\n", program_name, msg);
      return EXIT_TROUBLE;
    }
  return EXIT_SUCCESS;
}

int
startup_run (const struct opts *o)
{
  struct lesson_list cat = { 0 };
  struct exercise_list ex = { 0 };
  struct lesson L;
  struct deck D = { 0 };
  struct store st;
  const char *name;
  int explicit, rc, sig = 0;

  const char *dir = data_folder (o, &explicit);
  if (!dir)
    return EXIT_NOINPUT;
  find_lessons (dir, &cat);
  if ((rc = load_lesson (o, &cat, &L, &name)) != 0)
    goto out_lesson;
  find_exercises (dir, &ex);
  int chosen = 0;
  if (o->exercise)
    {
      const struct exercise_entry *e = exercise_list_lookup (&ex, o->exercise);
      if (!e)
        {
          text_printf_visible (stderr, "%s: no exercise '%s' (shmtutor exercises lists them)\n",
                               program_name, o->exercise);
          rc = EXIT_DATAERR;
          goto out_lesson;
        }
      if (!e->ok)
        {
          text_printf_visible (stderr, "%s: exercise '%s' has errors: shmtutor --check %s shows "
                               "them\n", program_name, o->exercise, e->path);
          rc = EXIT_DATAERR;
          goto out_lesson;
        }
      chosen = (int) (e - ex.e);
    }
  char work[EXERCISE_PATH_MAX];
  const char *work_dir = o->work_dir ? o->work_dir : exercise_work_default (work, sizeof work);
  if (o->start_step > (long) L.nsteps || (o->no_skip && o->start_step > 1))
    {
      text_printf_visible (stderr, "%s: %s\n", program_name, o->no_skip
               ? "--step cannot start past step 1 with --no-skip"
               : "--step is past the lesson's last step");
      rc = EXIT_USAGE;
      goto out_lesson;
    }
  if (o->program)
    {
      for (size_t i = 0; i < L.nprogram; i++)
        text_printf_visible (stdout, "%s\n", L.program[i]);
      rc = EXIT_SUCCESS;
      goto out_lesson;
    }
  if (load_decks (dir, &D) != 0)
    {
      rc = EXIT_DATAERR;
      goto out_deck;
    }
  /* Progress: a problem here is a warning on the screen, not an error. */
  char sdir[1024];
  if (store_default_dir (sdir, sizeof sdir))
    store_open (&st, sdir, o->save);
  else
    {
      store_open (&st, "/nonexistent", 0);
      snprintf (st.warning, sizeof st.warning,
                "Progress will not be saved: neither XDG_STATE_HOME nor HOME is set.");
    }
  struct app app = {
    .L = &L, .lesson = &L, .lesson_name = name, .lessons = &cat, .D = &D, .store = &st,
    .seed = o->seed, .direct = o->screen != SCREEN_MENU, .save_files = o->save,
    .notes = o->notes, .no_skip = o->no_skip, .start_step = (int) o->start_step,
    .predict = o->predict, .exercises = &ex, .work_dir = work_dir, .exercise = chosen,
  };
  if (o->plain)
    {
      if (o->record_file || o->play_file)
        {
          text_printf_visible (stderr, "%s: --record and --play work on the full screen, not with "
                   "--plain\n", program_name);
          rc = EXIT_USAGE;
        }
      else if (o->screen != SCREEN_MENU && !screen_entry (o->screen)->plain)
        {
          text_printf_visible (stderr, "%s: the %s screen has no line mode (--plain)\n", program_name,
                   screen_entry (o->screen)->name);
          rc = EXIT_USAGE;
        }
      else
        rc = plain_run (&app, o->screen == SCREEN_MENU ? plain_walk
                        : screen_entry (o->screen)->plain);
    }
  else
    {
      rc = run_screens (&app, o);
      sig = app.sig;
    }
  store_close (&st);
out_deck:
  deck_free (&D);
out_lesson:
  lesson_free (&L);
  lesson_list_free (&cat);
  exercise_list_free (&ex);
  if (sig)
    tty_reraise (sig);     /* the terminal is back; die as the signal asked */
  return rc;
}
