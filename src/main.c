/* main.c - shmtutor: options, then one screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   This program is free software: you can redistribute it and/or modify it
   under the terms of the GNU General Public License as published by the Free
   Software Foundation, either version 3 of the License, or (at your option)
   any later version.  See COPYING. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lesson.h"
#include "screens.h"
#include "startup.h"
#include "status.h"
#include "tty.h"
#include "twin.h"
#include "visible.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/shmtutor"
#endif

enum { OPT_SEED = 256, OPT_NO_SAVE, OPT_RESET, OPT_NOTES, OPT_NO_SKIP, OPT_STEP, OPT_PLAIN,
       OPT_RECORD, OPT_PLAY, OPT_DELAY, OPT_PREDICT, OPT_COLOR, OPT_WORK_DIR };

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
  { "work-dir", required_argument, NULL, OPT_WORK_DIR },
  { "color", optional_argument, NULL, OPT_COLOR },
  { "colour", optional_argument, NULL, OPT_COLOR },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { NULL, 0, NULL, 0 }
};

/* Say what was wrong with the option getopt_long just refused with C (':'
   for a missing argument, '?' for the rest), as getopt would have said it,
   but with what was typed shown (text_printf_visible), never sent to the
   terminal as it is. */
static void
bad_option (int c, int argc, char **argv)
{
  const char *typed = optind > 0 && optind <= argc ? argv[optind - 1] : "";
  size_t name_len = strncmp (typed, "--", 2) == 0 ? strcspn (typed + 2, "=") : 0;
  /* Inside a cluster of short options ("--plain -xy") getopt has not
     moved on from the element before: the option refused is a long one
     only when OPTOPT is 0 (an unknown name) or the value of the long
     option TYPED names. */
  int is_long = name_len > 0 && optopt == 0;
  for (const struct option *o = long_options; o->name && name_len && !is_long; o++)
    is_long = o->val == optopt && strncmp (o->name, typed + 2, name_len) == 0;
  if (!is_long)
    {
      if (c == ':')
        text_printf_visible (stderr, "%s: option requires an argument -- '%c'\n", program_name,
                             optopt);
      else
        text_printf_visible (stderr, "%s: invalid option -- '%c'\n", program_name, optopt);
      return;
    }
  if (c == ':')
    text_printf_visible (stderr, "%s: option '%s' requires an argument\n", program_name, typed);
  else if (optopt != 0)
    text_printf_visible (stderr, "%s: option '--%.*s' doesn't allow an argument\n", program_name,
                         (int) name_len, typed + 2);
  else
    {
      int matches = 0;
      for (const struct option *o = long_options; o->name; o++)
        matches += strncmp (o->name, typed + 2, name_len) == 0;
      text_printf_visible (stderr, "%s: %s '%s'\n", program_name,
                           matches > 1 ? "ambiguous option" : "unrecognized option", typed);
    }
}

static void
usage (FILE *out)
{
  fprintf (out, "Usage: %s [OPTION]... [SCREEN]\n", program_name);
  fprintf (out, "  or:  %s [OPTION]... walkthrough LESSON\n", program_name);
  fprintf (out, "  or:  %s [OPTION]... exercise NAME\n", program_name);
  fputs ("\
Step through open, mmap, sprintf, printf, munmap and close on a live\n\
/dev/zero mapping, with the real return values, the kernel's view of the\n\
mapping (mincore, the call's minor faults, smaps, pagemap, the maps line)\n\
and a hex view of the mapping's pages.\n\
\n\
Screens (without one, a menu offers them all):\n\
  walkthrough          the lesson, one call a step: open, mmap, munmap and\n\
                         close are system calls; sprintf into the page is\n\
                         CPU stores; printf makes a write(2) on stdout in\n\
                         the program, while the tutor shows its output\n\
  quiz                 a round of questions from the lesson's words\n\
  flashcards           terms, concepts and memory aids, spaced out over days\n\
                         (Leitner boxes)\n\
  glossary             every term, key concept and memory aid\n\
  console              the call console: type the calls, the kernel answers\n\
  lessons              every lesson found; Enter opens one\n\
  menu                 the menu (what no SCREEN gives too)\n\
\n\
Exercises: the learner writes the program and the kernel grades it, built\n\
with $CC (else cc) and run under a tracer:\n\
  exercises            the exercises, each with its state; Enter opens one\n\
  exercise NAME        exercise NAME: its task, its file in the work folder\n\
                         (made from the starting file the first time; e edits\n\
                         it, and each save is checked), the build, the system\n\
                         calls, the page, the output, each check; with\n\
                         --plain, checked once and printed (exit 0 passed,\n\
                         1 not yet, 65 no such exercise, 73 no file)\n\
      --work-dir=DIR   the learner's files (default:\n\
                         $XDG_DATA_HOME/shmtutor/work)\n\
\n\
Options:\n\
  -d, --data-dir=DIR   look for lessons in DIR/lessons first and read the\n\
                         decks of DIR/data (default: the SHMTUTOR_DATA_DIR\n\
                         environment variable, else " PKGDATADIR ")\n\
  -l, --lesson=NAME    the lesson to open: a name (without .lesson) looked up\n\
                         in DIR/lessons, then $XDG_DATA_HOME/shmtutor/lessons\n\
                         (~/.local/share/shmtutor/lessons), then\n\
                         " PKGDATADIR "/lessons; or a file\n\
                         path (default: " DEFAULT_LESSON ")\n\
      --check FILE...  check lesson (.lesson), deck (.deck) and exercise\n\
                         (.exercise) files, print FILE:LINE: message for\n\
                         each error, and exit\n\
      --program        print the lesson's C program and exit\n\
      --seed=N         make the quiz's round reproducible\n\
      --no-save        do not save progress, nor files from the console\n\
      --reset          forget all progress (asks first) and exit\n\
      --color[=WHEN]   colour the screens: auto (the default: not when NO_COLOR\n\
                         is set, nor on a terminal without colours), always,\n\
                         never; --color alone means always\n\
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
      --record=FILE    write every key of this session into FILE, a new file\n\
      --play=FILE      replay the keys of FILE on the screen, for a lecture\n\
      --delay=MS       with --play: MS milliseconds between keys (default: as\n\
                         recorded, pauses shortened to 5 s); keys typed in\n\
                         one burst, such as an escape sequence, stay together\n\
  -h, --help           display this help and exit\n\
  -V, --version        output version information and exit\n\
\n\
Keys in the walkthrough: Enter next step, p previous, g N go to step N,\n\
PgUp/PgDn scroll the page, ? help, q back to the menu (or quit).\n\
\n\
Progress is kept in $XDG_STATE_HOME/shmtutor (~/.local/state/shmtutor).\n\
\n\
Exit status: 0 success, 1 no usable terminal (or a --record file that\n\
cannot be written), 2 bad usage, 65 a lesson, deck or demo file is missing\n\
or malformed, or no lesson has the name given, 66 the data folder or the\n\
--play file does not exist.\n", out);
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

/* Flush standard output at exit and report a failure (a full disk, say). */
static void
close_stdout (void)
{
  if (fflush (stdout) != 0 || ferror (stdout) || fclose (stdout) != 0)
    {
      text_printf_visible (stderr, "%s: write error: %s\n", program_name, strerror (errno));
      _exit (EXIT_TROUBLE);
    }
}

/* A number option's value, or -1 (reported) when it is not in [LO, HI]. */
static long
number (const char *opt, const char *arg, long lo, long hi)
{
  char *end;
  errno = 0;
  long v = strtol (arg, &end, 10);
  if (errno || end == arg || *end || v < lo || v > hi)
    {
      text_printf_visible (stderr, "%s: --%s wants a number from %ld to %ld, not '%s'\n", program_name,
               opt, lo, hi, arg);
      return -1;
    }
  return v;
}

int
main (int argc, char **argv)
{
  struct opts o = {
    .lesson = DEFAULT_LESSON, .screen = SCREEN_MENU, .save = 1, .delay_ms = -1,
    .seed = (uint64_t) time (NULL),
  };
  int check = 0, reset = 0, c;

  /* 0, 1 and 2 open, on /dev/null where they were closed: else the first
     file opened would take one of them, and the lesson's /dev/zero would
     be read as standard input (shmtutor --plain <&- read 22 GB of zeros). */
  for (int fd = 0; fd <= 2; fd++)
    if (fcntl (fd, F_GETFD) == -1 && errno == EBADF)
      {
        int nul = open ("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (nul != fd)
          {
            if (nul >= 0)
              close (nul);
            return EXIT_TROUBLE;
          }
      }

  /* The fork lesson's stranger is this program, started afresh. */
  if (argc == 2 && strcmp (argv[1], TWIN_STRANGER_OPTION) == 0)
    return twin_stranger_main ();
  /* Started with SIGCHLD ignored, the kernel would reap the lesson's child
     itself: waitpid is to. */
  signal (SIGCHLD, SIG_DFL);
  setlocale (LC_ALL, "");
  atexit (close_stdout);
  opterr = 0;    /* getopt would print what was typed as it is: bad_option shows it */
  while ((c = getopt_long (argc, argv, ":d:l:hV", long_options, NULL)) != -1)
    switch (c)
      {
      case 'd': o.data_dir = optarg; break;
      case 'l': o.lesson = optarg; break;
      case 'c': check = 1; break;
      case 'P': o.program = 1; break;
      case OPT_SEED:
        {
          char *end;
          errno = 0;
          o.seed = strtoumax (optarg, &end, 10);
          if (errno || end == optarg || *end || optarg[0] == '-')
            {
              text_printf_visible (stderr, "%s: --seed wants a number, not '%s'\n", program_name, optarg);
              return EXIT_USAGE;
            }
          break;
        }
      case OPT_NO_SAVE: o.save = 0; break;
      case OPT_NOTES: o.notes = 1; break;
      case OPT_PREDICT: o.predict = 1; break;
      case OPT_PLAIN: o.plain = 1; break;
      case OPT_RECORD: o.record_file = optarg; break;
      case OPT_PLAY: o.play_file = optarg; break;
      case OPT_WORK_DIR:
        if (!*optarg)
          {
            text_printf_visible (stderr, "%s: --work-dir needs a folder, not ''\n", program_name);
            return EXIT_USAGE;
          }
        o.work_dir = optarg;
        break;
      case OPT_DELAY:
        if ((o.delay_ms = number ("delay", optarg, 0, 60000)) < 0)
          return EXIT_USAGE;
        break;
      case OPT_NO_SKIP: o.no_skip = 1; break;
      case OPT_COLOR:
        {
          /* The GNU ls words, and their synonyms. */
          static const struct { const char *word; enum tty_color_mode m; } words[] = {
            { "auto", TTY_COLOR_AUTO }, { "tty", TTY_COLOR_AUTO }, { "if-tty", TTY_COLOR_AUTO },
            { "always", TTY_COLOR_ALWAYS }, { "yes", TTY_COLOR_ALWAYS },
            { "force", TTY_COLOR_ALWAYS }, { "never", TTY_COLOR_NEVER },
            { "no", TTY_COLOR_NEVER }, { "none", TTY_COLOR_NEVER },
          };
          int found = -1;
          for (size_t i = 0; i < sizeof words / sizeof words[0] && found < 0; i++)
            if (!optarg || strcmp (optarg, words[i].word) == 0)
              found = optarg ? (int) words[i].m : TTY_COLOR_ALWAYS;
          if (found < 0)
            {
              text_printf_visible (stderr, "%s: --color takes auto, always or never, not '%s'\n",
                       program_name, optarg);
              return EXIT_USAGE;
            }
          tty_set_color_mode ((enum tty_color_mode) found);
          break;
        }
      case OPT_STEP:
        if ((o.start_step = number ("step", optarg, 1, LESSON_MAX_STEPS)) < 0)
          return EXIT_USAGE;
        break;
      case OPT_RESET: reset = 1; break;
      case 'h': usage (stdout); return EXIT_SUCCESS;
      case 'V': version (); return EXIT_SUCCESS;
      default:
        bad_option (c, argc, argv);
        text_printf_visible (stderr, "Try '%s --help' for more information.\n", program_name);
        return EXIT_USAGE;
      }
  if (check)
    return startup_check (argv + optind, argc - optind);
  if (reset)
    return startup_reset ();

  /* The exercises: "exercises", or "exercise NAME"; in the line mode,
     checked and printed, else on the full screen. */
  if (o.plain && optind < argc && strcmp (argv[optind], "exercises") == 0 && optind + 1 == argc)
    return startup_exercises (&o, NULL);
  if (optind < argc && strcmp (argv[optind], "exercise") == 0 && optind + 2 != argc)
    {
      text_printf_visible (stderr, "%s: exercise takes one NAME (or its number), as in "
                           "'shmtutor exercise fix-the-seed'; shmtutor exercises lists them\n",
                           program_name);
      return EXIT_USAGE;
    }
  if (optind < argc && strcmp (argv[optind], "exercise") == 0)
    {
      if (o.plain)
        return startup_exercises (&o, argv[optind + 1]);
      o.screen = SCREEN_EXERCISE;
      o.exercise = argv[optind + 1];
      optind = argc;
    }
  if (optind < argc)
    {
      const struct screen_entry *e = screen_named (argv[optind]);
      int known = e != NULL;
      if (known)
        o.screen = e->id;
      /* walkthrough NAME opens the lesson NAME. */
      if (known && o.screen == SCREEN_WALK && optind + 2 == argc)
        o.lesson = argv[optind + 1];
      else if (!known || optind + 1 < argc)
        {
          if (known)
            text_printf_visible (stderr, "%s: unexpected argument '%s'\n", program_name, argv[argc - 1]);
          else
            {
              char names[200];
              text_printf_visible (stderr, "%s: unknown screen '%s' (try: %s)\n", program_name,
                       argv[optind], screen_names (names, sizeof names));
            }
          text_printf_visible (stderr, "Try '%s --help' for more information.\n", program_name);
          return EXIT_USAGE;
        }
    }
  return startup_run (&o);
}
