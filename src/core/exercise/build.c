/* build.c - the learner's file built with the system's compiler, its
   words kept for the report.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade-int.h"
#include "xalloc.h"

#define BUILD_MAX_WORDS 16      /* of $CC: "gcc -m64" is two */

/* Count the lines of TEXT that hold WORD (": error:", ": warning:"). */
static int
count_lines (const char *text, const char *word)
{
  int n = 0;
  for (const char *p = text; (p = strstr (p, word)); p += strlen (word))
    n++;
  return n;
}

/* Can NAME be run: a path that is executable, or a name found so in
   $PATH? */
static int
runnable (const char *name)
{
  if (strchr (name, '/'))
    return access (name, X_OK) == 0;
  const char *path = getenv ("PATH");
  char *dirs = xstrdup (path && *path ? path : "/usr/bin:/bin");
  int found = 0;
  char *save = NULL;
  for (char *d = strtok_r (dirs, ":", &save); d && !found; d = strtok_r (NULL, ":", &save))
    {
      char *full = xasprintf ("%s/%s", *d ? d : ".", name);
      found = access (full, X_OK) == 0;
      free (full);
    }
  free (dirs);
  return found;
}

int
grade_build (const char *source, const char *exe, struct grade_build *b)
{
  memset (b, 0, sizeof *b);
  const char *cc = getenv ("CC");
  if (!cc || !*cc)
    cc = "cc";
  snprintf (b->cc, sizeof b->cc, "%s", cc);
  b->diag = xmalloc (GRADE_MAX_DIAG + 1);
  b->diag[0] = '\0';
  char *words = xstrdup (cc);
  char *argv[BUILD_MAX_WORDS + 8];
  int n = 0;
  for (char *t = strtok (words, " \t"); t && n < BUILD_MAX_WORDS; t = strtok (NULL, " \t"))
    argv[n++] = t;
  if (n == 0)
    argv[n++] = (char *) "cc";
  static const char *const flags[] = { "-Wall", "-Wextra", "-g", "-o" };
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
    argv[n++] = (char *) flags[i];
  argv[n++] = (char *) exe;
  int src = n;
  argv[n++] = (char *) source;
  argv[n] = NULL;
  /* The compiler runs in the file's folder and is given its name alone,
     so that its words say "seed.c:3:1: error: ...", which fits a line,
     not the whole path.  Not for a compiler named by a relative path,
     which is looked for from here. */
  char *folder = NULL;
  const char *slash = strrchr (source, '/');
  if (slash && slash[1] && (!strchr (argv[0], '/') || argv[0][0] == '/'))
    folder = slash == source ? xstrdup ("/") : xstrndup (source, (size_t) (slash - source));
  if (!runnable (argv[0]))
    {
      /* Said before anything is run: no compiler is installed (or $CC
         names none). */
      free (words);
      free (folder);
      b->no_compiler = 1;
      return 0;
    }
  int pipefd[2];
  if (pipe2 (pipefd, O_CLOEXEC) != 0)
    {
      free (words);
      free (folder);
      return -1;
    }
  pid_t pid = fork ();
  if (pid == 0)
    {
      int nul = open ("/dev/null", O_RDONLY);
      if (nul < 0 || dup2 (nul, 0) < 0 || dup2 (pipefd[1], 1) < 0 || dup2 (pipefd[1], 2) < 0)
        _exit (126);
      if (folder && chdir (folder) == 0)
        argv[src] = (char *) slash + 1;
      for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP)
          signal (s, SIG_DFL);
      execvp (argv[0], argv);
      _exit (errno == ENOENT ? 127 : 126);
    }
  close (pipefd[1]);
  free (words);
  free (folder);
  if (pid < 0)
    {
      close (pipefd[0]);
      return -1;
    }
  size_t used = 0;
  char tmp[4096];
  for (;;)
    {
      ssize_t k = read (pipefd[0], tmp, sizeof tmp);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        break;
      size_t take = (size_t) k < GRADE_MAX_DIAG - used ? (size_t) k : GRADE_MAX_DIAG - used;
      memcpy (b->diag + used, tmp, take);
      used += take;
    }
  b->diag[used] = '\0';
  close (pipefd[0]);
  int st = 0;
  while (waitpid (pid, &st, 0) < 0 && errno == EINTR)
    ;
  b->status = WIFEXITED (st) ? WEXITSTATUS (st) : 128 + WTERMSIG (st);
  if (b->status == 127 && used == 0)
    {
      b->no_compiler = 1;
      return 0;
    }
  b->ran = 1;
  b->errors = count_lines (b->diag, ": error:") + count_lines (b->diag, ": fatal error:");
  b->warnings = count_lines (b->diag, ": warning:");
  if (b->status != 0 && b->errors == 0)
    b->errors = 1;
  return 0;
}
