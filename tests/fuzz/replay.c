/* replay.c - run a fuzz target over files, as a TAP test: the seed corpus
   and every input a fuzzer once crashed on (tests/fuzz/regress/NAME/).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
by_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Feed each regular file of DIR to the target; SUFFIX, when not NULL,
   picks the files. */
static void
replay_dir (const char *dir, const char *suffix)
{
  char *names[512];
  size_t n = 0;
  DIR *d = opendir (dir);
  if (!d)
    {
      tap_ok (0, "open %s", dir);
      return;
    }
  struct dirent *e;
  while ((e = readdir (d)) && n < 512)
    {
      size_t len = strlen (e->d_name), sl = suffix ? strlen (suffix) : 0;
      if (e->d_name[0] == '.' || (suffix && (len < sl || strcmp (e->d_name + len - sl, suffix))))
        continue;
      names[n] = strdup (e->d_name);
      if (names[n])
        n++;
    }
  closedir (d);
  qsort (names, n, sizeof names[0], by_name);
  for (size_t i = 0; i < n; i++)
    {
      char path[4096];
      snprintf (path, sizeof path, "%s/%s", dir, names[i]);
      FILE *f = fopen (path, "rb");
      char *buf = malloc (32 * 1024 * 1024);
      size_t len = f && buf ? fread (buf, 1, 32 * 1024 * 1024, f) : 0;
      if (f)
        fclose (f);
      if (f && buf)
        LLVMFuzzerTestOneInput ((const uint8_t *) buf, len);
      /* Getting here means the target neither crashed nor trapped. */
      tap_ok (f && buf, "%s: %zu bytes read back without a crash", path, len);
      free (buf);
      free (names[i]);
    }
}

/* The seed corpus of each target: folders of the source tree and the
   ending of the files to take from them. */
static const struct {
  const char *name;
  const char *seeds[2][2];
} targets[] = {
  { "lesson", { { "lessons", ".lesson" }, { "tests/fixtures", ".lesson" } } },
  { "deck", { { "data", ".deck" }, { "tests/fixtures", ".deck" } } },
  { "store", { { NULL, NULL }, { NULL, NULL } } },
  { "demo", { { NULL, NULL }, { NULL, NULL } } },
  { "console", { { NULL, NULL }, { NULL, NULL } } },
  { "exercise", { { "exercises", ".exercise" }, { NULL, NULL } } },
};

int
main (int argc, char **argv)
{
  const char *top = getenv ("abs_top_srcdir");
  const char *me = strrchr (argv[0], '/') ? strrchr (argv[0], '/') + 1 : argv[0];
  char dir[4096];
  (void) argc;
  if (!top)
    tap_skip_all ("abs_top_srcdir is not set");
  /* The program's name says which target it is: replay-NAME. */
  if (strncmp (me, "replay-", 7) == 0)
    me += 7;
  for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++)
    if (strcmp (me, targets[t].name) == 0)
      {
        snprintf (dir, sizeof dir, "%s/tests/fuzz/regress/%s", top, me);
        replay_dir (dir, NULL);
        for (int i = 0; i < 2 && targets[t].seeds[i][0]; i++)
          {
            snprintf (dir, sizeof dir, "%s/%s", top, targets[t].seeds[i][0]);
            replay_dir (dir, targets[t].seeds[i][1]);
          }
        return tap_done ();
      }
  tap_skip_all ("no such fuzz target");
}
