/* editor.c - the learner's editor, run with the screen handed over.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"
#include "tty.h"

int
editor_run (const char *path, char *msg, size_t len)
{
  const char *ed = getenv ("VISUAL"), *how = "VISUAL";
  if (!ed || !*ed)
    ed = getenv ("EDITOR"), how = "EDITOR";
  if (!ed || !*ed)
    ed = "vi", how = "the default";
  /* As git runs it: through the shell, so that "emacs -nw" works. */
  char script[1100];
  /* exec: the editor is the process waited for, and a signal passed on
     reaches it, not a shell between. */
  if ((size_t) snprintf (script, sizeof script, "exec %s \"$@\"", ed) >= sizeof script)
    {
      snprintf (msg, len, "the editor's command (%s) is too long", how);
      return -1;
    }
  tty_hand_over ();
  /* While it runs, a Ctrl-C or Ctrl-\ is the editor's, as system(3) has it. */
  struct sigaction ign, old_int, old_quit;
  memset (&ign, 0, sizeof ign);
  sigemptyset (&ign.sa_mask);
  ign.sa_handler = SIG_IGN;
  sigaction (SIGINT, &ign, &old_int);
  sigaction (SIGQUIT, &ign, &old_quit);
  pid_t pid = fork ();
  if (pid == 0)
    {
      for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP)
          signal (s, SIG_DFL);
      sigset_t none;
      sigemptyset (&none);
      sigprocmask (SIG_SETMASK, &none, NULL);
      execl ("/bin/sh", "sh", "-c", script, ed, path, (char *) NULL);
      _exit (127);
    }
  int st = 0, rc = -1, passed_on = 0;
  if (pid < 0)
    snprintf (msg, len, "cannot start the editor: %s", strerror (errno));
  else
    for (;;)
      {
        pid_t w = waitpid (pid, &st, WUNTRACED);
        if (w < 0 && errno == EINTR)
          {
            /* Told to end (SIGTERM, SIGHUP): the editor is told too, once,
               so that it can keep what it can (vim keeps its swap file),
               and the tutor ends when it has. */
            if (tty_pending_signal () && !passed_on)
              {
                kill (pid, tty_pending_signal ());
                kill (pid, SIGCONT);
                passed_on = 1;
              }
            continue;
          }
        if (w < 0)
          {
            snprintf (msg, len, "the editor was lost: %s", strerror (errno));
            break;
          }
        if (WIFSTOPPED (st))
          {
            /* Ctrl-Z in the editor: the tutor stops too, as one job, and
               both go on when the shell's fg continues them (in an
               orphaned group, where no stop is made, the editor goes on). */
            struct sigaction dfl, old_tstp;
            memset (&dfl, 0, sizeof dfl);
            sigemptyset (&dfl.sa_mask);
            dfl.sa_handler = SIG_DFL;
            sigaction (SIGTSTP, &dfl, &old_tstp);
            raise (SIGTSTP);
            sigaction (SIGTSTP, &old_tstp, NULL);
            kill (pid, SIGCONT);
            continue;
          }
        if (WIFEXITED (st) && WEXITSTATUS (st) == 0)
          rc = 0;
        else if (WIFEXITED (st) && WEXITSTATUS (st) == 127)
          snprintf (msg, len, "cannot run the editor (%s, from %s): set VISUAL or EDITOR", ed, how);
        else if (WIFEXITED (st))
          snprintf (msg, len, "the editor (%s) ended with status %d", ed, WEXITSTATUS (st));
        else
          snprintf (msg, len, "the editor (%s) was killed by signal %d (%s)", ed,
                    WTERMSIG (st), strsignal (WTERMSIG (st)));
        break;
      }
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGQUIT, &old_quit, NULL);
  tty_take_back ();
  return rc;
}
