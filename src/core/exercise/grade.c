/* grade.c - an exercise's checks graded against the kernel's account of
   the learner's program: its calls, its output, how it ended.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade-int.h"
#include "lines.h"
#include "names.h"
#include "text.h"
#include "xalloc.h"

/* Say FMT into R, and whether it passes. */
static void say (struct grade_result *r, int pass, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
static void
say (struct grade_result *r, int pass, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (r->said, sizeof r->said, fmt, ap);
  va_end (ap);
  r->pass = pass;
}

char *
grade_end_text (const struct trace_run *r, char *buf, size_t len)
{
  switch (r->end)
    {
    case TRACE_EXITED:
      snprintf (buf, len, "exited with status %d", r->status);
      break;
    case TRACE_KILLED:
      {
        const char *ab = sigabbrev_np (r->sig);
        snprintf (buf, len, "was killed by SIG%s (%s)", ab ? ab : "?", strsignal (r->sig));
        break;
      }
    case TRACE_WALL:
      snprintf (buf, len, "was stopped after %d s of wall-clock time (an endless loop, or a "
                "wait for a child that never ends?)", TRACE_WALL_MS / 1000);
      break;
    case TRACE_CPU:
      snprintf (buf, len, "was stopped after %d s of CPU time (an endless loop?)", TRACE_CPU_S);
      break;
    case TRACE_PROCS:
      snprintf (buf, len, "was stopped: it made more than %d processes (a fork in a loop?)",
                TRACE_MAX_PROCS - 1);
      break;
    case TRACE_FAILED:
      snprintf (buf, len, "could not be run: %s", r->why);
      break;
    case TRACE_STOPPED:
      snprintf (buf, len, "was stopped before its end, as you asked");
      break;
    }
  return buf;
}

char *
grade_call_text (const struct trace_call *c, char *buf, size_t len)
{
  char a[3][96];
  size_t used = 0;
  buf[0] = '\0';
  const long *g = c->args;
  if (strcmp (c->name, "mmap") == 0)
    {
      char addr[32] = "NULL";
      if (g[0])
        snprintf (addr, sizeof addr, "%#lx", (unsigned long) g[0]);
      text_append (buf, len, &used, "mmap(%s, %ld, %s, %s, %d%s%s%s, %ld)", addr, g[1],
                 names_format (NAMES_PROT, g[2], a[0], sizeof a[0]),
                 names_format (NAMES_MAP, g[3], a[1], sizeof a[1]), (int) g[4],
                 c->path[0] ? "<" : "", c->path, c->path[0] ? ">" : "", g[5]);
    }
  else if (strcmp (c->name, "openat") == 0 || strcmp (c->name, "open") == 0)
    {
      int at = c->name[4] == 'a';
      text_append (buf, len, &used, "%s(%s\"%s\", %s)", c->name,
                   at ? ((int) g[0] == -100 ? "AT_FDCWD, " : "DIRFD, ") : "", c->path,
                   names_format (NAMES_OPEN, g[at ? 2 : 1] & 0xfff, a[0], sizeof a[0]));
    }
  else if (strcmp (c->name, "munmap") == 0 || strcmp (c->name, "msync") == 0)
    text_append (buf, len, &used, "%s(%#lx, %ld%s)", c->name, (unsigned long) g[0], g[1],
                 c->name[1] == 's' ? ", ..." : "");
  else if (strcmp (c->name, "mprotect") == 0)
    text_append (buf, len, &used, "mprotect(%#lx, %ld, %s)", (unsigned long) g[0], g[1],
                 names_format (NAMES_PROT, g[2], a[0], sizeof a[0]));
  else if (strcmp (c->name, "close") == 0)
    text_append (buf, len, &used, "close(%d%s%s%s)", (int) g[0], c->path[0] ? "<" : "", c->path,
                 c->path[0] ? ">" : "");
  else if (strcmp (c->name, "write") == 0 || strcmp (c->name, "read") == 0)
    text_append (buf, len, &used, "%s(%d, ..., %ld)", c->name, (int) g[0], g[2]);
  else if (strcmp (c->name, "wait4") == 0)
    text_append (buf, len, &used, "wait4(%d, ...)", (int) g[0]);
  else if (strcmp (c->name, "waitid") == 0)
    text_append (buf, len, &used, "waitid(%s, %d, ...)", g[0] == P_PID ? "P_PID" : g[0] == P_ALL
                 ? "P_ALL" : g[0] == P_PGID ? "P_PGID" : "?", (int) g[1]);
  else
    text_append (buf, len, &used, "%s(...)", c->name);
  if (!c->done)
    text_append (buf, len, &used, " = ?");
  else if (c->ret < 0 && c->ret > -4096)
    text_append (buf, len, &used, " = -1 %s (%s)%s", errno_name ((int) -c->ret)
                 ? errno_name ((int) -c->ret) : "E?", strerror ((int) -c->ret),
                 c->injected ? " (injected)" : "");
  else if (strcmp (c->name, "mmap") == 0)
    text_append (buf, len, &used, " = %#lx", (unsigned long) c->ret);
  else
    text_append (buf, len, &used, " = %ld", c->ret);
  return buf;
}

/* The line of TEXT that is LINE, or holds it (WHOLE 0); 1-based, or 0. */
static int
find_line (const char *text, const char *want, int whole)
{
  size_t n = strlen (want);
  int no = 1;
  for (const char *p = text; *p; no++)
    {
      const char *nl = strchr (p, '\n');
      size_t len = nl ? (size_t) (nl - p) : strlen (p);
      if (whole ? len == n && memcmp (p, want, n) == 0
                : memmem (p, len, want, n) != NULL)
        return no;
      p += len + (nl != NULL);
    }
  return 0;
}

/* The first line of TEXT, for a report, into BUF. */
static const char *
first_line (const char *text, char *buf, size_t len)
{
  size_t n = strcspn (text, "\n");
  snprintf (buf, len, "%.*s%s", (int) (n < 200 ? n : 200), text,
            n > 200 || (text[n] && text[n + 1]) ? " ..." : "");
  return buf;
}

/* TEXT of a check on the output, with each "{page}" the system's page
   size: a program that prints the page size prints 16384 on a machine of
   16 KiB pages.  Allocated. */
static char *
expand_page (const char *text, long page)
{
  const char *at = strstr (text, "{page}");
  if (!at)
    return xstrdup (text);
  char *rest = expand_page (at + 6, page);
  char *s = xasprintf ("%.*s%ld%s", (int) (at - text), text, page, rest);
  free (rest);
  return s;
}

/* Check C of X against run R (SOURCE the learner's file's text). */
static void
grade_one (const struct ex_check *c, const char *source, const struct trace_run *r,
           struct grade_result *res, long page)
{
  char b1[300], b2[300];
  int line;
  char *want = expand_page (c->text ? c->text : "", page);
  switch (c->kind)
    {
    case EX_SOURCE_HAS:
      if ((line = find_line (source, c->text, 0)))
        say (res, 1, "line %d of your file holds '%s'", line, c->text);
      else
        say (res, 0, "your file does not hold '%s'", c->text);
      break;
    case EX_SOURCE_LACKS:
      if ((line = find_line (source, c->text, 0)))
        say (res, 0, "line %d of your file still holds '%s'", line, c->text);
      else
        say (res, 1, "your file holds no '%s'", c->text);
      break;
    case EX_PRINTS:
      if ((line = find_line (r->out, want, 1)))
        say (res, 1, "line %d of its output is '%s'", line, want);
      else if (!r->nout)
        say (res, 0, "it printed nothing on standard output; '%s' was expected", want);
      else
        say (res, 0, "no line of its output is '%s'; its first line: '%s'", want,
             first_line (r->out, b1, sizeof b1));
      break;
    case EX_PRINTS_NO:
      if ((line = find_line (r->out, want, 0)))
        say (res, 0, "line %d of its output holds '%s'", line, want);
      else
        say (res, 1, "no line of its output holds '%s'", want);
      break;
    case EX_ERRORS:
      if ((line = find_line (r->err, want, 0)))
        say (res, 1, "line %d of its standard error holds '%s'", line, want);
      else if (!r->nerr)
        say (res, 0, "it wrote nothing on standard error; '%s' was expected", want);
      else
        say (res, 0, "its standard error holds no '%s'; its first line: '%s'", want,
             first_line (r->err, b1, sizeof b1));
      break;
    case EX_EXITS:
      if (r->end == TRACE_EXITED && r->status == c->num)
        say (res, 1, "it exited with status %d", c->num);
      else
        say (res, 0, "it %s; status %d was expected", grade_end_text (r, b1, sizeof b1), c->num);
      break;
    case EX_CALLS:
      {
        const struct trace_call *same = NULL;
        for (size_t i = 0; i < r->ncalls; i++)
          {
            if (trace_matches (&r->calls[i], &c->m, page))
              {
                say (res, 1, "%s%s", c->m.by == 2 || r->calls[i].proc ? "a child: " : "",
                     grade_call_text (&r->calls[i], b1, sizeof b1));
                goto out;
              }
            /* The nearest miss to show: of the same call, on the file
               named when one is (not the loader's anonymous mmap). */
            if (strcmp (r->calls[i].name, c->m.call) == 0
                && (!same || (c->m.path && strncmp (r->calls[i].path, c->m.path,
                                                    strlen (c->m.path)) == 0
                              && strncmp (same->path, c->m.path, strlen (c->m.path)) != 0)))
              same = &r->calls[i];
          }
        if (same)
          say (res, 0, "not so: %s", grade_call_text (same, b2, sizeof b2));
        else if (strcmp (c->m.call, "wait4") == 0)
          say (res, 0, "it made no wait4 or waitid call: it never waited for a child (wait, "
               "waitpid and wait4 make wait4; waitid makes waitid)");
        else
          say (res, 0, "it made no %s call", c->m.call);
        break;
      }
    case EX_CATCHES:
      if (!(r->delivered & (1ULL << c->num)))
        say (res, 0, "no SIG%s reached it", sigabbrev_np (c->num) ? sigabbrev_np (c->num) : "?");
      else if (r->end == TRACE_KILLED && r->sig == c->num)
        say (res, 0, "SIG%s reached it, and killed it", sigabbrev_np (c->num));
      else
        say (res, 1, "SIG%s reached it, and it %s", sigabbrev_np (c->num),
             grade_end_text (r, b1, sizeof b1));
      break;
    case EX_FORKS:
      if (r->procs > 0)
        say (res, 1, "it made %d child process%s", r->procs, r->procs == 1 ? "" : "es");
      else
        say (res, 0, "it made no child process");
      break;
    case EX_NKINDS:
      break;
    }
out:
  free (want);
}

/* The learner's file, bounded; NULL with G->why. */
static char *
read_source (const char *path, struct grade *g)
{
  char msg[200];
  size_t len;
  char *s = lines_read (path, GRADE_MAX_SOURCE, &len, msg, sizeof msg);
  if (!s)
    snprintf (g->why, sizeof g->why, "%s: %s", path, msg);
  else if (len > GRADE_MAX_SOURCE)
    {
      snprintf (g->why, sizeof g->why, "%s: larger than %d bytes", path, GRADE_MAX_SOURCE);
      free (s);
      s = NULL;
    }
  else
    {
      /* lines_read gives bytes, not a string: one NUL after them. */
      char *t = xmalloc (len + 1);
      memcpy (t, s, len);
      t[len] = '\0';
      free (s);
      s = t;
    }
  return s;
}

/* The build folders of checks whose tutor was killed (a SIGKILL leaves
   them): in TMP, the user's own, named for a process that is gone. */
static void
sweep_stale (const char *tmp)
{
  DIR *d = opendir (tmp);
  struct dirent *e;
  if (!d)
    return;
  while ((e = readdir (d)))
    {
      long pid;
      char rest[16];
      if (sscanf (e->d_name, "shmtutor-check-%ld-%15s", &pid, rest) != 2 || pid <= 0
          || pid > INT_MAX || strlen (rest) != 6 || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      int fd = openat (dirfd (d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      struct stat st;
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && st.st_uid == geteuid ())
        {
          unlinkat (fd, "a.out", 0);
          unlinkat (dirfd (d), e->d_name, AT_REMOVEDIR);
        }
      close (fd);
    }
  closedir (d);
}

int
grade_exercise (const struct exercise *x, const char *source_path, struct grade *g)
{
  memset (g, 0, sizeof *g);
  char *source = read_source (source_path, g);
  if (!source)
    return -1;
  /* In $TMPDIR, as mktemp(1) has it: an absolute one, else /tmp. */
  const char *tmp = getenv ("TMPDIR");
  if (!tmp || tmp[0] != '/' || strlen (tmp) > 3000)
    tmp = "/tmp";
  char dir[3100];
  sweep_stale (tmp);
  /* Named for this process, so that a later check can tell it is stale. */
  snprintf (dir, sizeof dir, "%s/shmtutor-check-%ld-XXXXXX", tmp, (long) getpid ());
  if (!mkdtemp (dir))
    {
      snprintf (g->why, sizeof g->why, "a folder for the build: %s", strerror (errno));
      free (source);
      return -1;
    }
  char *exe = xasprintf ("%s/a.out", dir);
  int rc = grade_build (source_path, exe, &g->build);
  if (rc == 0 && g->build.ran && g->build.status == 0 && g->build.errors == 0
      && g->build.warnings == 0)
    {
      long page = sysconf (_SC_PAGESIZE);
      g->nruns = x->inject.line ? 2 : 1;
      int runs = g->nruns;
      for (int k = 0; k < runs; k++)
        {
          trace_program (exe, k ? &x->inject.m : NULL, x->inject.err, &g->runs[k]);
          if (g->runs[k].end == TRACE_STOPPED)
            {
              g->nruns = k + 1;
              break;
            }
        }
      if (g->runs[g->nruns - 1].end == TRACE_STOPPED)
        {
          /* Nothing graded, nothing to keep: the learner stopped it. */
          snprintf (g->why, sizeof g->why, "the check was stopped before the program's end");
          unlink (exe);
          rmdir (dir);
          free (exe);
          free (source);
          return -1;
        }
      int injected = 0;
      for (size_t i = 0; g->nruns == 2 && i < g->runs[1].ncalls; i++)
        injected |= g->runs[1].calls[i].injected;
      for (size_t i = 0; i < x->nchecks; i++)
        {
          if (x->checks[i].run == 1 && !injected)
            say (&g->results[i], 0, "the second run made no call for the inject to fail "
                 "('%s'), so this is not checked", x->inject.text);
          else
            grade_one (&x->checks[i], source, &g->runs[x->checks[i].run], &g->results[i], page);
          g->npass += g->results[i].pass;
        }
      g->passed = g->npass == x->nchecks;
    }
  else if (rc != 0)
    snprintf (g->why, sizeof g->why, "the compiler could not be started: %s", strerror (errno));
  unlink (exe);
  rmdir (dir);
  free (exe);
  free (source);
  return rc;
}

void
grade_free (struct grade *g)
{
  free (g->build.diag);
  for (int k = 0; k < g->nruns; k++)
    trace_free (&g->runs[k]);
  memset (g, 0, sizeof *g);
}
