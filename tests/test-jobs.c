/* test-jobs.c - the tutor under a shell's job control: started with '&'
   and ended with 'kill %1', it ends (it is not stopped again on its way
   out) and leaves the terminal's modes as the shell has them.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <errno.h>

static int
gone (long pid)
{
  char path[64], stat[512];
  snprintf (path, sizeof path, "/proc/%ld/stat", pid);
  FILE *f = fopen (path, "r");
  if (!f)
    return 1;
  size_t n = fread (stat, 1, sizeof stat - 1, f);
  fclose (f);
  stat[n] = '\0';
  const char *paren = strrchr (stat, ')');
  return paren && (paren[2] == 'Z' || paren[2] == 'X');
}

int
main (void)
{
  const char *w = "background";
  /* Job control is the shell's and the kernel's: valgrind, between them
     and the program, takes the stop signals for itself. */
  if (getenv ("SHMTUTOR_UNDER_VALGRIND"))
    tap_skip_all ("job control is not checked under valgrind");
  if (!program_ready ())
    return tap_done ();
  if (access ("/bin/bash", X_OK) != 0)
    {
      tap_skip ("no /bin/bash for job control");
      return tap_done ();
    }
  const char *dir = vt_tempdir ();
  char cmd[8400];
  const char *const argv[] = { "/bin/bash", "--norc", "--noprofile", "-i", NULL };
  const char *const env[] = { data_env, "PS1=$ ", NULL };
  struct vt *vt = launch (w, argv, 24, 80, env, dir);
  if (!vt)
    return tap_done ();
  if (!shows (vt, w, "$ "))
    {
      vt_free (vt);
      return tap_done ();
    }
  /* The shell's modes, the tutor started behind it. */
  snprintf (cmd, sizeof cmd, "stty -g > before; '%s' console & echo $! > pid\r", program);
  vt_send (vt, cmd);
  long pid = 0;
  char path[4200], buf[64];
  snprintf (path, sizeof path, "%s/pid", dir);
  for (long long t = now_ms (); !pid && now_ms () - t < WAIT_MS; usleep (50 * 1000))
    if (slurp (path, buf, sizeof buf) > 0)
      pid = strtol (buf, NULL, 10);
  tap_ok (pid > 0, "%s: the tutor started with '&' (pid %ld)", w, pid);
  vt_send (vt, "jobs\r");
  shows (vt, w, "Stopped");
  tap_ok (!vt_find (vt, "Call console", NULL, NULL), "%s: in the background it draws "
          "nothing: the terminal is the shell's", w);
  long long t0 = now_ms ();
  while (now_ms () - t0 < 1500)
    usleep (50 * 1000);
  vt_send (vt, "kill %1\r");
  t0 = now_ms ();
  while (pid > 0 && !gone (pid) && now_ms () - t0 < WAIT_MS)
    usleep (50 * 1000);
  if (!tap_ok (pid > 0 && gone (pid), "%s: kill %%1 ends it (it is not stopped again on its "
               "way out)", w))
    {
      vt_dump (vt);
      if (pid > 0)
        kill ((pid_t) pid, SIGKILL);
    }
  vt_send (vt, "\rstty -g > after; cmp -s before after; echo \"cmp=$?\"\r");
  if (!tap_ok (shows_within (vt, w, "cmp=0", WAIT_MS), "%s: the terminal's modes are the "
               "shell's, as they were before it started", w))
    vt_dump (vt);
  /* Brought to the foreground, it starts as if started there. */
  w = "fg";
  snprintf (cmd, sizeof cmd, "'%s' console & echo $! > pid2\r", program);
  vt_send (vt, cmd);
  long pid2 = 0;
  snprintf (path, sizeof path, "%s/pid2", dir);
  for (long long t = now_ms (); !pid2 && now_ms () - t < WAIT_MS; usleep (50 * 1000))
    if (slurp (path, buf, sizeof buf) > 0)
      pid2 = strtol (buf, NULL, 10);
  vt_send (vt, "jobs\r");
  shows (vt, w, "Stopped");
  vt_send (vt, "fg\r");
  if (shows (vt, w, "Call console"))
    {
      vt_send (vt, "quit\r");
      /* Gone, and its terminal put back, before the shell is asked: a slow
         build (the sanitizers') is still on its way out a while. */
      for (long long t = now_ms (); pid2 > 0 && !gone (pid2) && now_ms () - t < 4 * WAIT_MS;)
        usleep (50 * 1000);
      tap_ok (pid2 > 0 && gone (pid2), "%s: quit ends it", w);
      settle (vt);
    }
  vt_send (vt, "stty -g > after2; cmp -s before after2; echo \"cmp2=$?\"\r");
  tap_ok (shows_within (vt, w, "cmp2=0", WAIT_MS), "%s: quit, and the modes are the shell's "
          "again", w);
  vt_send (vt, "exit\r");
  vt_free (vt);
  vt_cleanup ();
  return tap_done ();
}

#endif
