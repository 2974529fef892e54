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

#include "input.h"
#include "lesson.h"
#include "tty.h"
#include "walk.h"

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

#define DEFAULT_LESSON "shared-memory"

static const char *program_name = "shmtutor";

static const struct option long_options[] = {
  { "data-dir", required_argument, NULL, 'd' },
  { "lesson", required_argument, NULL, 'l' },
  { "check", no_argument, NULL, 'c' },
  { "program", no_argument, NULL, 'P' },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, 'V' },
  { NULL, 0, NULL, 0 }
};

/* The screens that can be named on the command line. */
static const char *const screens[] = { "walkthrough" };

static void
usage (FILE *out)
{
  fprintf (out, "Usage: %s [OPTION]... [SCREEN]\n", program_name);
  fputs ("\
Step through open, mmap, write, read, munmap and close on a live /dev/zero\n\
mapping, with the real return values, the kernel's view of the mapping and\n\
a hex view of the page.\n\
\n\
Screens:\n\
  walkthrough          the lesson, one system call a step (the default)\n\
\n\
Options:\n\
  -d, --data-dir=DIR   read lessons from DIR/lessons (default: the\n\
                         SHMTUTOR_DATA_DIR environment variable, else\n\
                         " PKGDATADIR ")\n\
  -l, --lesson=NAME    the lesson to open: a name in DIR/lessons (without\n\
                         .lesson) or a file path (default: " DEFAULT_LESSON ")\n\
      --check FILE...  check lesson files, print FILE:LINE: message for each\n\
                         error, and exit\n\
      --program        print the lesson's C program and exit\n\
  -h, --help           display this help and exit\n\
  -V, --version        output version information and exit\n\
\n\
Keys in the walkthrough: Enter next step, p previous, g N go to step N,\n\
PgUp/PgDn scroll the page, ? help, q quit.\n\
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
      struct lesson L;
      if (lesson_load (files[i], &L, print_error, NULL) != 0)
        bad = 1;
      lesson_free (&L);
    }
  return bad ? EXIT_DATAERR : EXIT_SUCCESS;
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
  int check = 0, program = 0, c;

  setlocale (LC_ALL, "");
  atexit (close_stdout);
  while ((c = getopt_long (argc, argv, "d:l:hV", long_options, NULL)) != -1)
    switch (c)
      {
      case 'd': data_dir = optarg; break;
      case 'l': lesson_name = optarg; break;
      case 'c': check = 1; break;
      case 'P': program = 1; break;
      case 'h': usage (stdout); return EXIT_SUCCESS;
      case 'V': version (); return EXIT_SUCCESS;
      default:
        fprintf (stderr, "Try '%s --help' for more information.\n", program_name);
        return EXIT_USAGE;
      }
  if (check)
    return check_files (argv + optind, argc - optind);

  if (optind < argc)
    {
      int known = 0;
      for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
        known |= strcmp (argv[optind], screens[i]) == 0;
      if (!known || optind + 1 < argc)
        {
          fprintf (stderr, "%s: unknown screen '%s' (try: walkthrough)\n", program_name,
                   argv[known ? optind + 1 : optind]);
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

  if (program)
    {
      for (size_t i = 0; i < L.nprogram; i++)
        puts (L.program[i]);
      lesson_free (&L);
      return EXIT_SUCCESS;
    }

  char msg[256];
  if (tty_check (msg, sizeof msg) != 0 || tty_start (msg, sizeof msg) != 0)
    {
      fprintf (stderr, "%s: %s\n", program_name, msg);
      lesson_free (&L);
      return EXIT_TROUBLE;
    }
  int rc = walk_run (&L);
  input_cleanup ();
  tty_stop ();
  lesson_free (&L);
  if (rc > 0)
    tty_reraise (rc);
  if (rc < 0)
    {
      fprintf (stderr, "%s: out of memory\n", program_name);
      return EXIT_TROUBLE;
    }
  return EXIT_SUCCESS;
}
