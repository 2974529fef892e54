/* test-trace.c - the exercises' tracer and grader against real programs,
   built here with the system's compiler: calls, output, ends, limits, the
   inject, and no process left behind.
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
#include <sys/wait.h>
#include <unistd.h>

#include "exercise.h"
#include "grade.h"
#include "tap.h"
#include "trace.h"

static char dir[] = "/tmp/shmtutor-trace-XXXXXX";
static int have_cc;

/* Build the C text SRC as DIR/NAME; returns the program's path (static),
   or NULL. */
static const char *
build (const char *name, const char *src)
{
  static char exe[600];
  char path[600], cmd[1400];
  snprintf (path, sizeof path, "%s/%s.c", dir, name);
  snprintf (exe, sizeof exe, "%s/%s", dir, name);
  FILE *f = fopen (path, "w");
  if (!f)
    return NULL;
  fputs (src, f);
  fclose (f);
  snprintf (cmd, sizeof cmd, "cc -std=gnu11 -o '%s' '%s' 2> '%s/%s.log'", exe, path, dir, name);
  if (system (cmd) != 0)
    {
      tap_ok (0, "%s: builds", name);
      return NULL;
    }
  return exe;
}

static const struct trace_call *
find_call (const struct trace_run *r, const char *name, int proc)
{
  for (size_t i = 0; i < r->ncalls; i++)
    if (strcmp (r->calls[i].name, name) == 0 && (proc < 0 || r->calls[i].proc == proc))
      return &r->calls[i];
  return NULL;
}

/* Is any process of group PGID still there (not even a zombie)? */
static int
group_gone (int pgid)
{
  return kill (-pgid, 0) != 0 && errno == ESRCH;
}

#define PAGE_PROG                                                            \
  "#include <fcntl.h>\n#include <stdio.h>\n#include <string.h>\n"              \
  "#include <sys/mman.h>\n#include <unistd.h>\n"                               \
  "int main(void) {\n"                                                         \
  "  int fd = open(\"/dev/zero\", O_RDWR);\n"                                  \
  "  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);\n" \
  "  if (p == MAP_FAILED) { perror(\"mmap\"); return 1; }\n"                   \
  "  strcpy(p, \"Hello from user space\");\n"                                  \
  "  printf(\"%s\\n\", p);\n"                                                  \
  "  fprintf(stderr, \"to stderr\\n\");\n"                                     \
  "  munmap(p, 4096);\n  close(fd);\n  return 0;\n}\n"

static void
test_page (void)
{
  const char *w = "a page of /dev/zero";
  const char *exe = build ("page", PAGE_PROG);
  struct trace_run r;
  if (!exe)
    return;
  tap_int (trace_program (exe, NULL, 0, &r), 0, "%s: traced", w);
  tap_ok (r.end == TRACE_EXITED && r.status == 0, "%s: exited with status 0", w);
  tap_str (r.out, "Hello from user space\n", "%s: its standard output, captured", w);
  tap_str (r.err, "to stderr\n", "%s: its standard error, apart", w);
  const struct trace_call *c = find_call (&r, "openat", 0);
  int saw_open = 0;
  for (size_t i = 0; i < r.ncalls; i++)
    saw_open |= strcmp (r.calls[i].name, "openat") == 0
                && strcmp (r.calls[i].path, "/dev/zero") == 0 && r.calls[i].ret >= 3;
  tap_ok (c && saw_open, "%s: openat(\"/dev/zero\") = an fd, its path read from the process", w);
  const struct trace_call *m = NULL;
  for (size_t i = 0; i < r.ncalls; i++)
    if (strcmp (r.calls[i].name, "mmap") == 0 && strcmp (r.calls[i].path, "/dev/zero") == 0)
      m = &r.calls[i];
  tap_ok (m && m->args[1] == 4096 && (m->args[3] & MAP_SHARED) && m->done && m->ret > 0,
          "%s: its mmap of /dev/zero, MAP_SHARED, 4096 bytes, and its address", w);
  char text[300];
  if (m)
    tap_diag ("%s", grade_call_text (m, text, sizeof text));
  const struct trace_call *u = NULL;
  for (size_t i = 0; i < r.ncalls; i++)
    if (strcmp (r.calls[i].name, "munmap") == 0 && strncmp (r.calls[i].path, "/dev/zero", 9) == 0)
      u = &r.calls[i];
  tap_ok (u && u->npage == 4096 && u->page && memcmp (u->page, "Hello from user space", 22) == 0,
          "%s: at its munmap, the page's bytes read from the stopped process", w);
  struct ex_match mm = { .call = (char *) "mmap", .flags = MAP_SHARED, .path = (char *) "/dev/zero",
                         .len = -1 };
  tap_ok (m && trace_matches (m, &mm, sysconf (_SC_PAGESIZE)),
          "%s: 'mmap /dev/zero MAP_SHARED len=page' matches it", w);
  mm.flags = MAP_PRIVATE;
  tap_ok (m && !trace_matches (m, &mm, sysconf (_SC_PAGESIZE)), "%s: MAP_PRIVATE does not", w);
  tap_ok (group_gone (r.pid), "%s: no process of it is left", w);
  trace_free (&r);

  /* The same program with its mmap failed by the tracer. */
  w = "mmap injected with ENOMEM";
  struct ex_match inj = { .call = (char *) "mmap", .path = (char *) "/dev/zero" };
  if (!trace_can_inject ())
    {
      tap_skip ("this machine's tracer cannot skip a call");
      return;
    }
  tap_int (trace_program (exe, &inj, ENOMEM, &r), 0, "%s: traced", w);
  m = NULL;
  for (size_t i = 0; i < r.ncalls; i++)
    if (strcmp (r.calls[i].name, "mmap") == 0 && r.calls[i].injected)
      m = &r.calls[i];
  tap_ok (m && m->ret == -ENOMEM && strcmp (m->path, "/dev/zero") == 0,
          "%s: the mmap of /dev/zero, and only it, = -1 ENOMEM", w);
  tap_ok (r.end == TRACE_EXITED && r.status == 1 && strstr (r.err, "mmap: Cannot allocate memory"),
          "%s: the program saw MAP_FAILED: perror said so, exit 1 (%s)", w, r.err);
  trace_free (&r);
}

static void
test_fork (void)
{
  const char *w = "fork and wait";
  const char *exe = build ("fork",
    "#include <stdio.h>\n#include <sys/wait.h>\n#include <unistd.h>\n"
    "int main(void) { pid_t p = fork(); if (p == 0) { write(1, \"child\\n\", 6); _exit(3); }\n"
    "  int st; waitpid(p, &st, 0); printf(\"parent %d\\n\", WEXITSTATUS(st)); return 0; }\n");
  struct trace_run r;
  if (!exe)
    return;
  trace_program (exe, NULL, 0, &r);
  tap_ok (r.end == TRACE_EXITED && r.status == 0 && r.procs == 1,
          "%s: exit 0, one child followed (%d)", w, r.procs);
  tap_ok (strstr (r.out, "child\n") && strstr (r.out, "parent 3\n"), "%s: both outputs", w);
  const struct trace_call *wr = find_call (&r, "write", 1), *wt = find_call (&r, "wait4", 0);
  tap_ok (wr && wt, "%s: the child's write (process 1) and the parent's wait4 (process 0)", w);
  struct ex_match fk = { .call = (char *) "fork" };
  int forked = 0;
  for (size_t i = 0; i < r.ncalls; i++)
    forked |= trace_matches (&r.calls[i], &fk, 4096);
  tap_ok (forked, "%s: 'fork' matches the clone the C library made", w);
  tap_ok (group_gone (r.pid), "%s: no process of it is left", w);
  trace_free (&r);
}

static void
test_ends (void)
{
  struct trace_run r;
  const char *exe = build ("crash", "int main(void) { *(volatile int *) 16 = 1; return 0; }\n");
  if (exe)
    {
      trace_program (exe, NULL, 0, &r);
      tap_ok (r.end == TRACE_KILLED && r.sig == SIGSEGV && (r.delivered & (1ULL << SIGSEGV)),
              "a store to address 16: killed by SIGSEGV, delivered");
      char text[200];
      tap_str (grade_end_text (&r, text, sizeof text), "was killed by SIGSEGV (Segmentation fault)",
               "... said so");
      trace_free (&r);
    }
  exe = build ("caught",
    "#include <signal.h>\n#include <unistd.h>\n"
    "static void h(int s) { (void) s; write(1, \"Caught SIGSEGV\\n\", 15); _exit(0); }\n"
    "int main(void) { struct sigaction sa = { 0 }; sa.sa_handler = h; sigaction(SIGSEGV, &sa, 0);\n"
    "  *(volatile int *) 16 = 1; return 2; }\n");
  if (exe)
    {
      trace_program (exe, NULL, 0, &r);
      tap_ok (r.end == TRACE_EXITED && r.status == 0 && (r.delivered & (1ULL << SIGSEGV))
              && strcmp (r.out, "Caught SIGSEGV\n") == 0,
              "a SIGSEGV caught by a handler: delivered, and the program exited 0");
      trace_free (&r);
    }
  exe = build ("spin", "int main(void) { for (;;) ; }\n");
  if (exe)
    {
      trace_program (exe, NULL, 0, &r);
      tap_ok (r.end == TRACE_CPU && r.elapsed_ms < (TRACE_CPU_S + 3) * 1000,
              "an endless loop: stopped at the CPU limit (%ld ms)", r.elapsed_ms);
      tap_ok (group_gone (r.pid), "... and gone");
      trace_free (&r);
    }
  exe = build ("sleeper", "#include <unistd.h>\nint main(void) { sleep(100); return 0; }\n");
  if (exe)
    {
      trace_set_wall_ms (500);
      trace_program (exe, NULL, 0, &r);
      trace_set_wall_ms (0);
      tap_ok (r.end == TRACE_WALL && r.elapsed_ms < 3000,
              "a sleep of 100 s: stopped at the wall-clock limit (500 ms here; %ld ms)",
              r.elapsed_ms);
      tap_ok (group_gone (r.pid), "... and gone");
      trace_free (&r);
    }
  exe = build ("bomb", "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n");
  if (exe)
    {
      trace_program (exe, NULL, 0, &r);
      tap_ok (r.end == TRACE_PROCS, "a fork bomb: stopped at %d processes", TRACE_MAX_PROCS);
      usleep (100 * 1000);
      tap_ok (group_gone (r.pid), "... and not one of them is left");
      trace_free (&r);
    }
  exe = build ("escape",
    "#include <unistd.h>\nint main(void) { if (fork() == 0) { setsid(); sleep(100); }\n"
    "  return 0; }\n");
  if (exe)
    {
      trace_program (exe, NULL, 0, &r);
      int child = 0;
      for (size_t i = 0; i < r.ncalls; i++)
        if (r.calls[i].proc == 0 && strcmp (r.calls[i].name, "clone") == 0 && r.calls[i].ret > 0)
          child = (int) r.calls[i].ret;
      usleep (100 * 1000);
      tap_ok (child > 0 && kill (child, 0) != 0,
              "a child that left the group (setsid) and sleeps: killed too (pid %d)", child);
      trace_free (&r);
    }
}

static void
test_grade (void)
{
  char path[600];
  struct exercise x;
  const char *top = getenv ("abs_top_srcdir");
  snprintf (path, sizeof path, "%s/exercises/check-map-failed.exercise", top ? top : ".");
  if (exercise_load (path, &x, NULL, NULL) != 0)
    {
      tap_ok (0, "check-map-failed loads");
      exercise_free (&x);
      return;
    }
  /* The starting file: the NULL check fails in the injected run. */
  char src[600];
  snprintf (src, sizeof src, "%s/start.c", dir);
  char *start = exercise_start_text (&x);
  FILE *f = fopen (src, "w");
  if (f)
    {
      fputs (start, f);
      fclose (f);
    }
  free (start);
  struct grade g;
  grade_exercise (&x, src, &g);
  tap_ok (g.build.ran && g.build.errors == 0 && g.nruns == 2 && !g.passed,
          "check-map-failed, its starting file: builds, runs twice, does not pass");
  for (size_t i = 0; i < x.nchecks; i++)
    tap_diag ("%s %s: %s", g.results[i].pass ? "pass" : "FAIL", x.checks[i].text,
              g.results[i].said);
  size_t last = x.nchecks - 1;
  tap_ok (!g.results[last].pass && strstr (g.results[last].said, "killed by SIGSEGV"),
          "... its last check: 'exits 1', and it was killed by SIGSEGV instead");
  grade_free (&g);
  /* A solution. */
  f = fopen (src, "w");
  if (f)
    {
      fputs ("#include <fcntl.h>\n#include <stdio.h>\n#include <sys/mman.h>\n#include <unistd.h>\n"
             "int main(void) {\n  int fd = open(\"/dev/zero\", O_RDWR);\n  if (fd < 0) return 1;\n"
             "  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);\n"
             "  if (p == MAP_FAILED) { perror(\"mmap\"); close(fd); return 1; }\n"
             "  sprintf(p, \"mapped\");\n  printf(\"The page says: %s\\n\", p);\n"
             "  munmap(p, 4096);\n  close(fd);\n  return 0;\n}\n", f);
      fclose (f);
    }
  grade_exercise (&x, src, &g);
  if (!tap_ok (g.passed, "check-map-failed, a solution: every check passes"))
    for (size_t i = 0; i < x.nchecks; i++)
      tap_diag ("%s %s: %s", g.results[i].pass ? "pass" : "FAIL", x.checks[i].text,
                g.results[i].said);
  grade_free (&g);
  /* No compiler. */
  setenv ("CC", "/nonexistent/cc", 1);
  grade_exercise (&x, src, &g);
  unsetenv ("CC");
  tap_ok (g.build.no_compiler && g.nruns == 0, "CC names no compiler: said so, nothing run");
  grade_free (&g);
  exercise_free (&x);
}

int
main (void)
{
  if (!mkdtemp (dir))
    {
      tap_ok (0, "mkdtemp: %s", strerror (errno));
      return tap_done ();
    }
  have_cc = system ("cc --version > /dev/null 2>&1") == 0;
  if (!have_cc)
    tap_skip ("no C compiler here (apt-get install gcc): the tracer is not tried");
  else
    {
      test_page ();
      test_fork ();
      test_ends ();
      test_grade ();
    }
  char cmd[700];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system (cmd) != 0)
    tap_diag ("could not remove %s", dir);
  return tap_done ();
}
