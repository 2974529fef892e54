/* test-exercise.c - exercise files: the six shipped ones, the seed's
   damage kept exactly, and each kind of bad line with its line number;
   the learner's files: made once, never written over, reset with the
   learner's version kept (a hard link, or a copy across file systems).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exercise-work.h"
#include "exercise.h"
#include "tap.h"

#define SEED_BESIDE "/../shared/seed/000_dfc36c47447525ef.txt"

/* The errors of one parse. */
struct errs {
  int n;
  int line[8];
  char msg[8][300];
};

static void
record (void *ctx, const char *file, int line, const char *msg)
{
  struct errs *e = ctx;
  (void) file;
  if (e->n < 8)
    {
      e->line[e->n] = line;
      snprintf (e->msg[e->n], sizeof e->msg[e->n], "%s", msg);
    }
  e->n++;
}

static char *
slurp (const char *path)
{
  FILE *f = fopen (path, "r");
  if (!f)
    return NULL;
  char *buf = malloc (1 << 20);
  size_t n = buf ? fread (buf, 1, (1 << 20) - 1, f) : 0;
  fclose (f);
  if (buf)
    buf[n] = '\0';
  return buf;
}

static const char *
src (const char *rel, char *buf, size_t len)
{
  const char *top = getenv ("abs_top_srcdir");
  snprintf (buf, len, "%s/%s", top && *top ? top : ".", rel);
  return buf;
}

static const struct ex_check *
find_check (const struct exercise *x, enum ex_check_kind k, int run)
{
  for (size_t i = 0; i < x->nchecks; i++)
    if (x->checks[i].kind == k && x->checks[i].run == run)
      return &x->checks[i];
  return NULL;
}

static const char *const shipped[] = {
  "fix-the-seed", "check-map-failed", "page-size", "share-with-child", "private-copy",
  "read-only-fault",
};

static void
test_shipped (void)
{
  char path[4200];
  for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++)
    {
      char rel[200];
      snprintf (rel, sizeof rel, "exercises/%s.exercise", shipped[i]);
      struct errs e = { 0 };
      struct exercise x;
      int rc = exercise_load (src (rel, path, sizeof path), &x, record, &e);
      if (!tap_ok (rc == 0, "%s: loads with 0 errors", shipped[i]))
        for (int k = 0; k < e.n && k < 8; k++)
          tap_diag ("line %d: %s", e.line[k], e.msg[k]);
      tap_int (x.number, (int) i + 1, "%s: number %zu, in the issue's order", shipped[i], i + 1);
      tap_ok (x.name && strcmp (x.name, shipped[i]) == 0, "%s: its name", shipped[i]);
      tap_ok (x.title && x.ntask >= 1 && x.nhints >= 2 && x.nstart >= 10 && x.nchecks >= 3,
              "%s: a title, a task, %zu hints, a starting file of %zu lines, %zu checks",
              shipped[i], x.nhints, x.nstart, x.nchecks);
      const struct ex_check *c = find_check (&x, EX_CALLS, 0);
      tap_ok (c && (strcmp (c->m.call, "mmap") == 0 || strcmp (c->m.call, "openat") == 0),
              "%s: a check of the calls it makes", shipped[i]);
      c = find_check (&x, EX_EXITS, x.inject.line ? 1 : 0);
      tap_ok (c != NULL, "%s: a check of its exit status", shipped[i]);
      exercise_free (&x);
    }

  /* fix-the-seed: the seed's damage exactly, and the checks the issue
     asks for. */
  struct exercise x;
  struct errs e = { 0 };
  exercise_load (src ("exercises/fix-the-seed.exercise", path, sizeof path), &x, record, &e);
  tap_ok (x.file && strcmp (x.file, "seed.c") == 0, "fix-the-seed: the learner's file is seed.c");
  char *start = exercise_start_text (&x);
  tap_ok (strncmp (start, "include\ninclude\ninclude\nint main() {\n", 36) == 0
          && strstr (start, "\nvoid shared_mem = mmap(") && strstr (start, "sprintf((char )shared_mem"),
          "fix-the-seed: 'include' lines without headers, 'void shared_mem', '(char )'");
  const struct ex_check *c = find_check (&x, EX_PRINTS, 0);
  tap_ok (c && strcmp (c->text, "Shared Memory: Hello from user space") == 0,
          "fix-the-seed: it must print 'Shared Memory: Hello from user space'");
  char beside[4400];
  const char *top = getenv ("abs_top_srcdir");
  snprintf (beside, sizeof beside, "%s%s", top ? top : ".", SEED_BESIDE);
  char *seed = slurp (beside);
  if (!seed)
    tap_skip ("the seed text is not beside the tree: the starting file is not compared with it");
  else
    {
      const char *from = strstr (seed, "Chapter Content\ninclude\n");
      const char *to = from ? strstr (from, "\n}\nDetailed Explanation") : NULL;
      size_t n = to ? (size_t) (to + 3 - (from + 16)) : 0;
      if (!tap_ok (from && to && strlen (start) == n && memcmp (start, from + 16, n) == 0,
                   "fix-the-seed: the starting file is the seed's code, byte for byte (%zu bytes)",
                   n))
        tap_diag ("the starting file:\n%s", start);
      free (seed);
    }
  free (start);
  exercise_free (&x);

  /* check-map-failed: the injected run. */
  exercise_load (src ("exercises/check-map-failed.exercise", path, sizeof path), &x, record, &e);
  tap_ok (x.inject.line > 0 && strcmp (x.inject.m.call, "mmap") == 0 && x.inject.err == ENOMEM
          && x.inject.m.path && strcmp (x.inject.m.path, "/dev/zero") == 0,
          "check-map-failed: its second run fails the mmap of /dev/zero with ENOMEM");
  c = find_check (&x, EX_ERRORS, 1);
  tap_ok (c && strcmp (c->text, "mmap: Cannot allocate memory") == 0
          && find_check (&x, EX_EXITS, 1) && find_check (&x, EX_EXITS, 1)->num == 1,
          "check-map-failed: that run must say 'mmap: Cannot allocate memory' and exit 1");
  exercise_free (&x);

  exercise_load (src ("exercises/read-only-fault.exercise", path, sizeof path), &x, record, &e);
  c = find_check (&x, EX_CATCHES, 0);
  tap_ok (c && c->num == SIGSEGV, "read-only-fault: it must catch SIGSEGV");
  c = find_check (&x, EX_CALLS, 0);
  tap_ok (c && c->m.prot == PROT_READ && c->m.path, "read-only-fault: a PROT_READ mmap of /dev/zero");
  exercise_free (&x);

  exercise_load (src ("exercises/share-with-child.exercise", path, sizeof path), &x, record, &e);
  int wait_parent = 0, shared = 0;
  for (size_t i = 0; i < x.nchecks; i++)
    if (x.checks[i].kind == EX_CALLS)
      {
        wait_parent |= strcmp (x.checks[i].m.call, "wait4") == 0 && x.checks[i].m.by == 1;
        shared |= (x.checks[i].m.flags & MAP_SHARED) != 0;
      }
  tap_ok (wait_parent && shared && find_check (&x, EX_FORKS, 0),
          "share-with-child: MAP_SHARED, a fork, and the parent's wait4");
  exercise_free (&x);
}

struct bad_case {
  const char *what, *text;
  int line;               /* of the first error */
  const char *msg;        /* a part of it */
};

#define HEAD "title: T\ntask: do it\n| int main(void) { return 0; }\n"

static const struct bad_case bad[] = {
  { "empty file", "", 0, "no 'title'" },
  { "no check", HEAD, 0, "no 'check'" },
  { "no task", "title: T\n| x\ncheck: exits 0\n", 0, "no 'task'" },
  { "no start", "title: T\ntask: t\ncheck: exits 0\n", 0, "no starting file" },
  { "unknown key", HEAD "colour: red\ncheck: exits 0\n", 4, "unknown key 'colour'" },
  { "no colon", HEAD "check exits 0\n", 4, "expected 'key: value'" },
  { "title twice", "title: A\ntitle: B\ntask: t\n| x\ncheck: exits 0\n", 2, "'title' given twice" },
  { "empty task", "title: T\ntask:\n| x\ncheck: exits 0\n", 2, "empty task" },
  { "bad number", "number: 0\n" HEAD "check: exits 0\n", 1, "from 1 to 999" },
  { "number twice", "number: 1\nnumber: 2\n" HEAD "check: exits 0\n", 2, "'number' given twice" },
  { "file with a folder", "file: ../x.c\n" HEAD "check: exits 0\n", 1, "no folder" },
  { "file not .c", "file: x.py\n" HEAD "check: exits 0\n", 1, "ending in .c" },
  { "start after check", HEAD "check: exits 0\n| more\n", 5, "come before the checks" },
  { "unknown check", HEAD "check: returns 0\n", 4, "unknown check 'returns 0'" },
  { "exits alone", HEAD "check: exits\n", 4, "'exits' needs a status" },
  { "exits 300", HEAD "check: exits 300\n", 4, "a status from 0 to 255" },
  { "exits -1", HEAD "check: exits -1\n", 4, "a status from 0 to 255" },
  { "prints alone", HEAD "check: prints\n", 4, "'prints' needs a text" },
  { "forks with words", HEAD "check: forks twice\n", 4, "'forks' takes nothing" },
  { "unknown signal", HEAD "check: catches SIGFOO\n", 4, "unknown signal 'SIGFOO'" },
  { "unknown call", HEAD "check: calls mmapp\n", 4, "unknown system call 'mmapp'" },
  { "unknown flag", HEAD "check: calls mmap MAP_SHRED\n", 4, "unknown flag 'MAP_SHRED'" },
  { "unknown prot", HEAD "check: calls mmap PROT_RWX\n", 4, "unknown flag 'PROT_RWX'" },
  { "bad word", HEAD "check: calls mmap shared\n", 4, "'shared': a call is described by" },
  { "two paths", HEAD "check: calls openat /dev/zero /dev/null\n", 4, "two paths for one call" },
  { "bad len", HEAD "check: calls mmap len=0\n", 4, "len= takes a length" },
  { "too many words", HEAD "check: calls mmap a b c d e f g h i\n", 4, "more than 8 words" },
  { "inject no errno", HEAD "check: exits 0\ninject: mmap\ncheck: exits 1\n", 5, "no errno after" },
  { "inject bad errno", HEAD "check: exits 0\ninject: mmap /dev/zero ENOPE\ncheck: exits 1\n", 5,
    "unknown errno 'ENOPE'" },
  { "inject twice", HEAD "inject: mmap ENOMEM\ncheck: exits 1\ninject: mmap EACCES\n", 6,
    "'inject' given twice" },
  { "inject, nothing after", HEAD "check: exits 0\ninject: mmap /dev/zero ENOMEM\n", 5,
    "no 'check' after the 'inject'" },
  { "control character", "title: T\033[2J\n" HEAD, 1, "control character" },
};

static void
test_bad (void)
{
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      struct errs e = { 0 };
      struct exercise x;
      int rc = exercise_parse (bad[i].text, strlen (bad[i].text), "case.exercise", &x, record, &e);
      tap_ok (rc > 0 && rc == e.n, "%s: refused (%d error%s)", bad[i].what, rc, rc == 1 ? "" : "s");
      if (!tap_ok (e.n > 0 && e.line[0] == bad[i].line && strstr (e.msg[0], bad[i].msg),
                   "%s: case.exercise:%d: ...%s", bad[i].what, bad[i].line, bad[i].msg))
        tap_diag ("got line %d: %s", e.n ? e.line[0] : -1, e.n ? e.msg[0] : "(none)");
      exercise_free (&x);
    }

  /* A good small one, every check kind once. */
  const char *good = "number: 7\ntitle: All\nfile: all.c\ntask: t\nhint: h1\nhint: h2\n"
                     "| int main(void)\n|\n| { return 0; }\n"
                     "check: source has main\ncheck: source lacks 4096\ncheck: prints hi there\n"
                     "check: prints no bye\ncheck: errors oops\ncheck: exits 3\n"
                     "check: calls mmap /dev/zero MAP_SHARED PROT_READ len=page child\n"
                     "check: catches SIGBUS\ncheck: forks\n"
                     "inject: openat /dev/zero EACCES\ncheck: exits 1\n";
  struct errs e = { 0 };
  struct exercise x;
  int rc = exercise_parse (good, strlen (good), "all.exercise", &x, record, &e);
  if (!tap_ok (rc == 0, "every kind of check once: 0 errors"))
    tap_diag ("line %d: %s", e.line[0], e.msg[0]);
  tap_ok (x.nchecks == 10 && x.nstart == 3 && x.nstart == 3 && strcmp (x.start[1], "") == 0,
          "... 10 checks, 3 lines of the starting file, '|' alone an empty line");
  const struct ex_check *c = find_check (&x, EX_CALLS, 0);
  tap_ok (c && c->m.flags == MAP_SHARED && c->m.prot == PROT_READ && c->m.len == -1 && c->m.by == 2
          && strcmp (c->m.path, "/dev/zero") == 0,
          "... 'calls mmap /dev/zero MAP_SHARED PROT_READ len=page child', word by word");
  tap_ok (find_check (&x, EX_EXITS, 0)->num == 3 && find_check (&x, EX_EXITS, 1)->num == 1
          && x.inject.err == EACCES, "... exits 3, then after the inject exits 1; EACCES");
  tap_ok (find_check (&x, EX_CATCHES, 0)->num == SIGBUS, "... catches SIGBUS");
  tap_ok (strcmp (find_check (&x, EX_PRINTS, 0)->text, "hi there") == 0
          && strcmp (find_check (&x, EX_PRINTS_NO, 0)->text, "bye") == 0,
          "... prints and prints no keep their texts");
  tap_str (exercise_kind_name (EX_SOURCE_LACKS), "source lacks", "the kinds' names");
  exercise_free (&x);
  /* A name that makes no file name. */
  memset (&e, 0, sizeof e);
  rc = exercise_parse (HEAD "check: exits 0\n", strlen (HEAD "check: exits 0\n"), "dir/x y.exercise",
                       &x, record, &e);
  tap_ok (rc == 1 && e.n >= 1, "a file named 'x y.exercise' without 'file:' is refused: it makes "
          "no learner's file name");
  exercise_free (&x);
}

/* Write TEXT to PATH. */
static void
put (const char *path, const char *text)
{
  FILE *f = fopen (path, "w");
  if (f)
    {
      fputs (text, f);
      fclose (f);
    }
}

static int
holds (const char *path, const char *text)
{
  char *got = slurp (path);
  int same = got && strcmp (got, text) == 0;
  free (got);
  return same;
}

static void
test_work (void)
{
  char tmpl[] = "/tmp/shmtutor-work-XXXXXX", work[300], path[EXERCISE_PATH_MAX];
  char kept[EXERCISE_PATH_MAX + 16], err[EXERCISE_PATH_MAX * 2 + 200], name[400];
  struct exercise x;
  const char *text = "number: 1\ntitle: T\nfile: t.c\ntask: do it\n| int main (void)\n"
                     "| { return 0; }\ncheck: exits 0\n";
  const char *start = "int main (void)\n{ return 0; }\n";
  int made;
  if (!mkdtemp (tmpl) || exercise_parse (text, strlen (text), "t.exercise", &x, NULL, NULL) != 0)
    {
      tap_ok (0, "a folder and an exercise for the learner's files");
      return;
    }
  snprintf (work, sizeof work, "%s/a/work", tmpl);
  tap_ok (exercise_learner_file (&x, work, path, sizeof path, &made, err, sizeof err) == 0
          && made && holds (path, start), "the learner's file is made, with the folders above "
          "it, from the starting file");
  put (path, "mine\n");
  tap_ok (exercise_learner_file (&x, work, path, sizeof path, &made, err, sizeof err) == 0
          && !made && holds (path, "mine\n"), "and never written over after that");
  tap_ok (exercise_learner_file (&x, "", path, sizeof path, &made, err, sizeof err) == -1
          && strstr (err, "no work folder"), "no work folder: said (%s)", err);

  tap_ok (exercise_reset (&x, path, kept, sizeof kept, err, sizeof err) == 0
          && holds (path, start) && snprintf (name, sizeof name, "%s.orig", path) > 0
          && strcmp (kept, name) == 0 && holds (name, "mine\n"),
          "reset: the starting file back, the learner's version kept as t.c.orig");
  tap_ok (exercise_reset (&x, path, kept, sizeof kept, err, sizeof err) == 0 && kept[0] == '\0'
          && holds (path, start), "reset of the starting file: nothing to keep, nothing kept");
  put (path, "mine again\n");
  tap_ok (exercise_reset (&x, path, kept, sizeof kept, err, sizeof err) == 0
          && strstr (kept, "t.c.orig.2") && holds (kept, "mine again\n") && holds (name, "mine\n"),
          "a second reset keeps t.c.orig as it was and uses t.c.orig.2 (%s)", kept);
  unlink (path);
  tap_ok (exercise_reset (&x, path, kept, sizeof kept, err, sizeof err) == 0 && kept[0] == '\0'
          && holds (path, start), "reset of a file that is gone: the starting file, nothing kept");

  /* A learner's file that is a link to another file system: kept by a
     copy, as no hard link can cross. */
  struct stat a, b;
  char other[] = "/dev/shm/shmtutor-work-XXXXXX", far[400];
  if (stat (work, &a) == 0 && mkdtemp (other) && stat (other, &b) == 0 && a.st_dev != b.st_dev)
    {
      snprintf (far, sizeof far, "%s/t.c", other);
      put (far, "far away\n");
      unlink (path);
      int linked = symlink (far, path) == 0;
      int rc = exercise_reset (&x, path, kept, sizeof kept, err, sizeof err);
      struct stat l;
      tap_ok (linked && rc == 0 && holds (kept, "far away\n") && holds (far, start)
              && lstat (path, &l) == 0 && S_ISLNK (l.st_mode),
              "a link into another file system: its file reset through the link, the learner's "
              "version kept by a copy (%s%s)", kept, rc ? err : "");
      unlink (far);
      unlink (path);
    }
  else
    tap_skip ("/dev/shm is not another file system here: the copy across file systems is not "
              "tried");
  if (other[sizeof other - 7] != 'X')
    rmdir (other);
  char cmd[400];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", tmpl);
  if (system (cmd) != 0)
    tap_diag ("could not remove %s", tmpl);
  exercise_free (&x);
}

int
main (void)
{
  test_shipped ();
  test_bad ();
  test_work ();
  return tap_done ();
}
