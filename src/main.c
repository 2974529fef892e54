/* main.c - shmtutor: options, then one screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   This program is free software: you can redistribute it and/or modify it
   under the terms of the GNU General Public License as published by the Free
   Software Foundation, either version 3 of the License, or (at your option)
   any later version.  See COPYING. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>
#include <inttypes.h>
#include <time.h>

#include "deck.h"
#include "demo.h"
#include "input.h"
#include "lesson.h"
#include "screens.h"
#include "store.h"
#include "tty.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/shmtutor"
#endif

/* Exit statuses, also listed in the man page. */
enum {
  EXIT_TROUBLE = 1,     /* no usable terminal, or out of memory */
  EXIT_USAGE = 2,       /* bad options */
  EXIT_DATAERR = 65,    /* a lesson file is missing or malformed */
  EXIT_NOINPUT = 66,    /* the data folder does not exist */
};

enum { OPT_SEED = 256, OPT_NO_SAVE, OPT_RESET, OPT_NOTES, OPT_NO_SKIP, OPT_STEP, OPT_PLAIN,
       OPT_RECORD, OPT_PLAY, OPT_DELAY, OPT_PREDICT };

#define DEFAULT_LESSON "shared-memory"

static const char *program_name = "shmtutor";

static const struct option long_options[] = {
  { "data-dir", required_argument, NULL, 'd' },
  { "lesson", required_argument, NULL, 'l' },
  { "check", no_argument, NULL, 'c' },
  { "program", no_argument, NULL, 'P' },
  { "seed", required_argument, NULL, OPT_SEED },
  { "no-save", no_argument, NULL, OPT_NO_SAVE },
  { "reset", no_argument, NULL, OPT_RESET },
  { "notes", no_argument, NULL, OPT_NOTES },
  { "no-skip", no_argument, NULL, OPT_NO_SKIP },
  { "step", required_argument, NULL, OPT_STEP },
  { "plain", no_argument, NULL, OPT_PLAIN },
  { "record", required_argument, NULL, OPT_RECORD },
  { "predict", no_argument, NULL, OPT_PREDICT },
  { "play", required_argument, NULL, OPT_PLAY },
  { "delay", required_argument, NULL, OPT_DELAY },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { NULL, 0, NULL, 0 }
};

/* The screens that can be named on the command line. */
static const struct {
  const char *name;
  enum screen_id screen;
} screens[] = {
  { "walkthrough", SCREEN_WALK }, { "quiz", SCREEN_QUIZ }, { "cards", SCREEN_CARDS },
  { "glossary", SCREEN_GLOSSARY }, { "sandbox", SCREEN_CONSOLE }, { "menu", SCREEN_MENU },
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: %s [OPTION]... [SCREEN]\n", program_name);
  fprintf (out, "  or:  %s [OPTION]... walkthrough LESSON\n", program_name);
  fputs ("\
Step through open, mmap, write, read, munmap and close on a live /dev/zero\n\
mapping, with the real return values, the kernel's view of the mapping and\n\
a hex view of the page.\n\
\n\
Screens (without one, a menu offers them all):\n\
  walkthrough          the lesson, one system call a step\n\
  quiz                 a round of questions from the lesson's words\n\
  cards                flashcards, spaced out over days (Leitner boxes)\n\
  glossary             every term, key concept and memory aid\n\
  sandbox              the call console: type the calls, the kernel answers\n\
\n\
Options:\n\
  -d, --data-dir=DIR   read lessons from DIR/lessons (default: the\n\
                         SHMTUTOR_DATA_DIR environment variable, else\n\
                         " PKGDATADIR ")\n\
  -l, --lesson=NAME    the lesson to open: a name in DIR/lessons (without\n\
                         .lesson) or a file path (default: " DEFAULT_LESSON ")\n\
      --check FILE...  check lesson (.lesson) and deck (.deck) files, print\n\
                         FILE:LINE: message for each error, and exit\n\
      --program        print the lesson's C program and exit\n\
      --seed=N         make the quiz's round reproducible\n\
      --no-save        do not save progress, nor files from the console\n\
      --reset          forget all progress (asks first) and exit\n\
      --plain          plain lines of text, no full screen: for screen readers,\n\
                         script(1) and handouts; when input ends the defaults\n\
                         are taken (shmtutor --plain walkthrough </dev/null)\n\
\n\
For instructors (the walkthrough):\n\
      --notes          start with the instructor's notes shown (N toggles)\n\
      --predict        predict, then run: guess each call's result before it\n\
                         is made (P toggles)\n\
      --step=N         start at step N\n\
      --no-skip        forbid going to a step past the first one not yet made\n\
      --record=FILE    write every key of this session into FILE\n\
      --play=FILE      replay the keys of FILE on the screen, for a lecture\n\
      --delay=MS       with --play: MS milliseconds between keys (default: as\n\
                         recorded, pauses shortened to 5 s)\n\
  -h, --help           display this help and exit\n\
  -V, --version        output version information and exit\n\
\n\
Keys in the walkthrough: Enter next step, p previous, g N go to step N,\n\
PgUp/PgDn scroll the page, ? help, q back to the menu (or quit).\n\
\n\
Progress is kept in $XDG_STATE_HOME/shmtutor (~/.local/state/shmtutor).\n\
\n\
Exit status: 0 success, 1 no usable terminal, 2 bad usage, 65 a lesson file\n\
is missing or malformed, 66 the data folder does not exist.\n", out);
  fprintf (out, "\nReport bugs to: %s\n", PACKAGE_BUGREPORT);
}

static void
version (void)
{
  printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
  puts ("Copyright (C) 2026 The shmtutor authors.\n\
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n\
This is free software: you are free to change and redistribute it.\n\
There is NO WARRANTY, to the extent permitted by law.");
}

static void
print_error (void *ctx, const char *file, int line, const char *msg)
{
  (void) ctx;
  if (line > 0)
    fprintf (stderr, "%s:%d: %s\n", file, line, msg);
  else
    fprintf (stderr, "%s: %s\n", file, msg);
}

static int
check_files (char **files, int n)
{
  int bad = 0;
  if (n == 0)
    {
      fprintf (stderr, "%s: --check needs at least one FILE\n", program_name);
      return EXIT_USAGE;
    }
  for (int i = 0; i < n; i++)
    {
      size_t len = strlen (files[i]);
      if (len > 5 && strcmp (files[i] + len - 5, ".deck") == 0)
        {
          struct deck D = { 0 };
          if (deck_load (files[i], &D, print_error, NULL) != 0)
            bad = 1;
          deck_free (&D);
          continue;
        }
      struct lesson L;
      if (lesson_load (files[i], &L, print_error, NULL) != 0)
        bad = 1;
      lesson_free (&L);
    }
  return bad ? EXIT_DATAERR : EXIT_SUCCESS;
}

static int
by_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Every file DIR/data/NAME.deck, in name order, goes into one deck.  Returns the
   number of errors (each reported); a folder with no deck is one. */
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
      fprintf (stderr, "%s: %s: %s\n", program_name, path, strerror (errno));
      return 1;
    }
  struct dirent *e;
  while ((e = readdir (d)) && n < sizeof names / sizeof names[0])
    {
      size_t len = strlen (e->d_name);
      if (len > 5 && e->d_name[0] != '.' && strcmp (e->d_name + len - 5, ".deck") == 0
          && (names[n] = strdup (e->d_name)))
        n++;
    }
  closedir (d);
  qsort (names, n, sizeof names[0], by_name);
  for (size_t i = 0; i < n; i++)
    {
      snprintf (path, sizeof path, "%s/data/%s", dir, names[i]);
      errors += deck_load (path, D, print_error, NULL);
      free (names[i]);
    }
  if (n == 0)
    {
      fprintf (stderr, "%s: %s/data holds no .deck file\n", program_name, dir);
      errors++;
    }
  return errors;
}

/* --reset: ask on the terminal, then forget. */
static int
reset_progress (struct store *st)
{
  char answer[16];
  fprintf (stderr, "Forget all progress kept in %s? [y/N] ", st->dir);
  fflush (stderr);
  if (!fgets (answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y'))
    {
      fprintf (stderr, "%sNothing was changed.\n", feof (stdin) ? "\n" : "");
      return EXIT_SUCCESS;
    }
  if (store_reset (st) != 0)
    {
      fprintf (stderr, "%s: %s\n", program_name, st->warning);
      return EXIT_TROUBLE;
    }
  fprintf (stderr, "Progress forgotten.\n");
  return EXIT_SUCCESS;
}

/* Flush standard output at exit and report a failure (a full disk, say). */
static void
close_stdout (void)
{
  if (fflush (stdout) != 0 || ferror (stdout) || fclose (stdout) != 0)
    {
      fprintf (stderr, "%s: write error: %s\n", program_name, strerror (errno));
      _exit (EXIT_TROUBLE);
    }
}

int
main (int argc, char **argv)
{
  const char *data_dir = NULL, *lesson_name = DEFAULT_LESSON;
  int check = 0, program = 0, save = 1, reset = 0, notes = 0, no_skip = 0, plain = 0;
  int predict = 0, c;
  long start_step = 0, delay_ms = -1;
  const char *record_file = NULL, *play_file = NULL;
  uint64_t seed = (uint64_t) time (NULL);
  enum screen_id screen = SCREEN_MENU;

  setlocale (LC_ALL, "");
  atexit (close_stdout);
  while ((c = getopt_long (argc, argv, "d:l:hV", long_options, NULL)) != -1)
    switch (c)
      {
      case 'd': data_dir = optarg; break;
      case 'l': lesson_name = optarg; break;
      case 'c': check = 1; break;
      case 'P': program = 1; break;
      case OPT_SEED:
        {
          char *end;
          errno = 0;
          seed = strtoumax (optarg, &end, 10);
          if (errno || end == optarg || *end)
            {
              fprintf (stderr, "%s: --seed wants a number, not '%s'\n", program_name, optarg);
              return EXIT_USAGE;
            }
          break;
        }
      case OPT_NO_SAVE: save = 0; break;
      case OPT_NOTES: notes = 1; break;
      case OPT_PREDICT: predict = 1; break;
      case OPT_PLAIN: plain = 1; break;
      case OPT_RECORD: record_file = optarg; break;
      case OPT_PLAY: play_file = optarg; break;
      case OPT_DELAY:
        {
          char *end;
          delay_ms = strtol (optarg, &end, 10);
          if (end == optarg || *end || delay_ms < 0 || delay_ms > 60000)
            {
              fprintf (stderr, "%s: --delay wants milliseconds (0 to 60000), not '%s'\n",
                       program_name, optarg);
              return EXIT_USAGE;
            }
          break;
        }
      case OPT_NO_SKIP: no_skip = 1; break;
      case OPT_STEP:
        {
          char *end;
          start_step = strtol (optarg, &end, 10);
          if (end == optarg || *end || start_step < 1 || start_step > LESSON_MAX_STEPS)
            {
              fprintf (stderr, "%s: --step wants a step number, not '%s'\n", program_name,
                       optarg);
              return EXIT_USAGE;
            }
          break;
        }
      case OPT_RESET: reset = 1; break;
      case 'h': usage (stdout); return EXIT_SUCCESS;
      case 'V': version (); return EXIT_SUCCESS;
      default:
        fprintf (stderr, "Try '%s --help' for more information.\n", program_name);
        return EXIT_USAGE;
      }
  if (check)
    return check_files (argv + optind, argc - optind);

  if (reset)
    {
      char sdir[1024];
      struct store st;
      if (!store_default_dir (sdir, sizeof sdir))
        {
          fprintf (stderr, "%s: neither XDG_STATE_HOME nor HOME is set\n", program_name);
          return EXIT_TROUBLE;
        }
      store_open (&st, sdir, 1);
      int rc = reset_progress (&st);
      store_close (&st);
      return rc;
    }

  if (optind < argc)
    {
      int known = 0;
      for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
        if (strcmp (argv[optind], screens[i].name) == 0)
          {
            known = 1;
            screen = screens[i].screen;
          }
      /* walkthrough NAME opens the lesson NAME. */
      if (known && screen == SCREEN_WALK && optind + 2 == argc)
        lesson_name = argv[optind + 1];
      else if (!known || optind + 1 < argc)
        {
          if (known)
            fprintf (stderr, "%s: unexpected argument '%s'\n", program_name,
                     argv[argc - 1]);
          else
            fprintf (stderr, "%s: unknown screen '%s' (try: walkthrough, quiz, cards, "
                     "glossary, sandbox)\n", program_name, argv[optind]);
          fprintf (stderr, "Try '%s --help' for more information.\n", program_name);
          return EXIT_USAGE;
        }
    }

  /* Where the lessons are: --data-dir, then the environment, then the
     installed folder. */
  const char *how = "--data-dir";
  if (!data_dir && (data_dir = getenv ("SHMTUTOR_DATA_DIR")) && *data_dir)
    how = "SHMTUTOR_DATA_DIR";
  else if (!data_dir || !*data_dir)
    {
      data_dir = PKGDATADIR;
      how = "the installed data folder";
    }
  struct stat sb;
  if (stat (data_dir, &sb) != 0 || !S_ISDIR (sb.st_mode))
    {
      fprintf (stderr, "%s: data folder '%s' (%s): %s\n", program_name, data_dir, how,
               stat (data_dir, &sb) != 0 ? strerror (errno) : "not a directory");
      return EXIT_NOINPUT;
    }

  char path[4096];
  if (strchr (lesson_name, '/'))
    snprintf (path, sizeof path, "%s", lesson_name);
  else if ((size_t) snprintf (path, sizeof path, "%s/lessons/%s.lesson", data_dir,
                              lesson_name) >= sizeof path)
    {
      fprintf (stderr, "%s: data folder path too long\n", program_name);
      return EXIT_USAGE;
    }
  struct lesson L;
  if (lesson_load (path, &L, print_error, NULL) != 0)
    return EXIT_DATAERR;

  if (start_step > (long) L.nsteps || (no_skip && start_step > 1))
    {
      fprintf (stderr, "%s: %s\n", program_name, no_skip
               ? "--step cannot start past step 1 with --no-skip"
               : "--step is past the lesson's last step");
      lesson_free (&L);
      return EXIT_USAGE;
    }
  if (program)
    {
      for (size_t i = 0; i < L.nprogram; i++)
        puts (L.program[i]);
      lesson_free (&L);
      return EXIT_SUCCESS;
    }

  struct deck D = { 0 };
  if (load_decks (data_dir, &D) != 0)
    {
      deck_free (&D);
      lesson_free (&L);
      return EXIT_DATAERR;
    }

  /* Progress: a problem here is a warning on the screen, not an error. */
  char sdir[1024];
  struct store st;
  if (store_default_dir (sdir, sizeof sdir))
    store_open (&st, sdir, save);
  else
    {
      store_open (&st, "/nonexistent", 0);
      snprintf (st.warning, sizeof st.warning,
                "Progress will not be saved: neither XDG_STATE_HOME nor HOME is set.");
    }

  struct app app = {
    .L = &L, .lesson_name = strchr (lesson_name, '/') ? path : lesson_name, .D = &D,
    .store = &st, .seed = seed, .direct = screen != SCREEN_MENU, .save_files = save,
    .notes = notes, .no_skip = no_skip, .start_step = (int) start_step, .predict = predict,
  };
  if (plain)
    {
      if (screen == SCREEN_CONSOLE)
        {
          fprintf (stderr, "%s: the sandbox has no line mode yet\n", program_name);
          screen = SCREEN_ERROR;
        }
      int rc = screen == SCREEN_ERROR ? EXIT_USAGE : plain_run (&app, screen);
      store_close (&st);
      deck_free (&D);
      lesson_free (&L);
      return rc;
    }

  char msg[4200];
  int drc = play_file ? demo_play (play_file, (int) delay_ms, msg, sizeof msg) : 0;
  if (drc == 0 && record_file && demo_record (record_file, msg, sizeof msg) != 0)
    drc = -3;
  if (drc != 0)
    {
      fprintf (stderr, "%s: %s\n", program_name, msg);
      demo_end ();
      store_close (&st);
      deck_free (&D);
      lesson_free (&L);
      return drc == -1 ? EXIT_NOINPUT : drc == -2 ? EXIT_DATAERR : EXIT_TROUBLE;
    }
  if (tty_check (msg, sizeof msg) != 0 || tty_start (msg, sizeof msg) != 0)
    {
      demo_end ();
      fprintf (stderr, "%s: %s\n", program_name, msg);
      store_close (&st);
      deck_free (&D);
      lesson_free (&L);
      return EXIT_TROUBLE;
    }
  static enum screen_id (*const run[]) (struct app *) = {
    [SCREEN_MENU] = menu_run, [SCREEN_WALK] = walk_run, [SCREEN_QUIZ] = quiz_run,
    [SCREEN_CARDS] = cards_run, [SCREEN_GLOSSARY] = glossary_run,
    [SCREEN_CONSOLE] = console_run,
  };
  while (screen < SCREEN_QUIT)
    {
      enum screen_id next = run[screen] (&app);
      if (next == SCREEN_MENU && app.direct)
        next = SCREEN_QUIT;
      screen = next;
    }
  input_cleanup ();
  demo_end ();
  tty_stop ();
  store_close (&st);
  deck_free (&D);
  lesson_free (&L);
  if (app.sig)
    tty_reraise (app.sig);
  if (screen == SCREEN_ERROR)
    {
      fprintf (stderr, "%s: out of memory\n", program_name);
      return EXIT_TROUBLE;
    }
  return EXIT_SUCCESS;
}
