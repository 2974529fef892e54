/* test-lesson.c - the lesson-file parser: the real lesson, then bad files.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "inspect.h"
#include "lesson.h"
#include "tap.h"
#include "walkthrough.h"

#define HELLO "Hello from user space"

/* The errors a parse reported, as "FILE:LINE: message". */
#define MAX_ERRS 60
struct errs {
  int n;
  int line[MAX_ERRS];
  char msg[MAX_ERRS][1200];
};

static void
record (void *ctx, const char *file, int line, const char *msg)
{
  struct errs *e = ctx;
  if (e->n < MAX_ERRS)
    {
      e->line[e->n] = line;
      snprintf (e->msg[e->n], sizeof e->msg[0], "%s:%d: %s", file, line, msg);
    }
  e->n++;
}

static void
show_errs (const struct errs *e)
{
  for (int i = 0; i < e->n && i < MAX_ERRS; i++)
    tap_diag ("%s", e->msg[i]);
}

/* Is error I of E at FILE:LINE, with WORD in its message? */
static int
err_is (const struct errs *e, int i, const char *file, int line, const char *word)
{
  char head[4200];
  snprintf (head, sizeof head, "%s:%d: ", file, line);
  return i < e->n && i < MAX_ERRS && strncmp (e->msg[i], head, strlen (head)) == 0
         && strstr (e->msg[i] + strlen (head), word) != NULL;
}

static const char *top;

/* tap_int that also says whether it passed. */
static int int_is (long long got, long long want, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
static int
int_is (long long got, long long want, const char *fmt, ...)
{
  char desc[512];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (desc, sizeof desc, fmt, ap);
  va_end (ap);
  if (!tap_ok (got == want, "%s", desc))
    printf ("#   got:  %lld\n#   want: %lld\n", got, want);
  return got == want;
}

/* $abs_top_srcdir/REL */
static const char *
src_path (const char *rel)
{
  static char buf[4096];
  snprintf (buf, sizeof buf, "%s/%s", top, rel);
  return buf;
}

static const struct lesson_step *
find_step (const struct lesson *L, const char *name)
{
  for (size_t i = 0; i < L->nsteps; i++)
    if (strcmp (L->steps[i].name, name) == 0)
      return &L->steps[i];
  return NULL;
}

/* Does program line N (1-based) of L hold WHAT? */
static int
program_has (const struct lesson *L, int n, const char *what)
{
  return n >= 1 && (size_t) n <= L->nprogram && strstr (L->program[n - 1], what) != NULL;
}

static int
any_program_line (const struct lesson *L, const char *what, int whole)
{
  for (size_t i = 0; i < L->nprogram; i++)
    if (whole ? strcmp (L->program[i], what) == 0 : strstr (L->program[i], what) != NULL)
      return 1;
  return 0;
}

static void
test_real_lesson (void)
{
  struct lesson L;
  struct errs e = { 0 };
  const char *path = src_path ("lessons/shared-memory.lesson");

  int rc = lesson_load (path, &L, record, &e);
  if (!int_is (rc, 0, "the real lesson loads with 0 errors"))
    show_errs (&e);
  tap_int (e.n, 0, "the real lesson: no error reported");
  tap_str (L.title, "Example of Shared Memory", "the real lesson: title");
  tap_ok (L.source && strstr (L.source, "6.5.2") != NULL, "the real lesson: source");

  static const struct { const char *name; enum shm_action action; const char *code; } want[] = {
    { "open", SHM_OPEN, "open(\"/dev/zero\", O_RDWR)" },
    { "mmap", SHM_MMAP, "mmap(NULL, 4096, PROT_READ | PROT_WRITE," },
    { "write", SHM_WRITE, "sprintf((char *)shared_mem, \"" HELLO "\")" },
    { "read", SHM_READ, "printf(\"Shared Memory: %s\\n\", (char *)shared_mem)" },
    { "munmap", SHM_MUNMAP, "munmap(shared_mem, 4096)" },
    { "close", SHM_CLOSE, "close(fd)" },
  };
  if (!int_is (L.nsteps, 6, "the real lesson: 6 steps"))
    {
      lesson_free (&L);
      return;
    }
  for (size_t i = 0; i < 6; i++)
    {
      const struct lesson_step *st = &L.steps[i];
      tap_str (st->name, want[i].name, "step %zu is named '%s'", i + 1, want[i].name);
      tap_int (st->action, want[i].action, "step '%s' does %s", want[i].name,
               shm_action_name (want[i].action));
      tap_ok (program_has (&L, st->line, want[i].code),
              "step '%s' marks program line %d: %s", want[i].name, st->line, want[i].code);
      tap_ok (st->explain && st->explain[0] && (i == 0 || st->file_line > L.steps[i - 1].file_line),
              "step '%s' is explained, at line %d of the file", want[i].name, st->file_line);
    }

  const struct lesson_step *st = &L.steps[0];
  tap_str (st->args.path, "/dev/zero", "open: path /dev/zero");
  tap_int (st->args.oflags, O_RDWR, "open: flags O_RDWR");
  tap_ok (st->note && strstr (st->note, "-1") != NULL, "open: has an instructor's note");
  st = &L.steps[1];
  tap_int (st->args.length, 4096, "mmap: length 4096");
  tap_int (st->args.prot, PROT_READ | PROT_WRITE, "mmap: prot PROT_READ|PROT_WRITE");
  tap_int (st->args.mflags, MAP_SHARED, "mmap: flags MAP_SHARED");
  tap_int (st->args.offset, 0, "mmap: offset 0");
  tap_ok (st->line == 12 && st->line_end == 13 && program_has (&L, st->line_end, "MAP_SHARED, fd, 0"),
          "mmap: marks lines 12-13, the call's two lines");
  st = &L.steps[2];
  tap_str (st->args.text, HELLO, "write: the text");
  tap_int (st->prompt, 1, "write: asks the learner for a text");
  st = &L.steps[3];
  tap_str (st->args.format, "Shared Memory: %s\\n", "read: the format, escapes kept");
  st = &L.steps[4];
  tap_ok (st->args.length == 4096 && st->args.length_set, "munmap: length 4096, given");
  st = &L.steps[5];
  tap_ok (st->args.path == NULL && st->args.text == NULL && st->args.format == NULL,
          "close: takes no arguments");

  tap_ok (any_program_line (&L, "void *shared_mem", 0), "program: 'void *shared_mem'");
  tap_ok (any_program_line (&L, "(char *)shared_mem", 0), "program: '(char *)shared_mem'");
  tap_ok (any_program_line (&L, "#include <sys/mman.h>", 1), "program: '#include <sys/mman.h>'");
  tap_ok (any_program_line (&L, "#include <fcntl.h>", 1)
          && any_program_line (&L, "#include <stdio.h>", 1)
          && any_program_line (&L, "#include <unistd.h>", 1),
          "program: <fcntl.h>, <stdio.h>, <unistd.h> included");
  tap_ok (!any_program_line (&L, "void shared_mem", 0) && !any_program_line (&L, "(char )", 0)
          && !any_program_line (&L, "#include", 1),
          "program: none of the seed's damage is left");
  lesson_free (&L);
  tap_ok (L.nsteps == 0 && L.steps == NULL && L.title == NULL && L.program == NULL,
          "lesson_free empties the lesson");
}

/* One bad lesson, parsed from memory. */
struct bad_case {
  const char *what;
  const char *text;
  int nerr;             /* errors it must give */
  int line;             /* where the first one is */
  const char *word;     /* and a word of its message */
};

#define PROGRAM "title: T\n| int a;\n| int b;\n| int c;\n"               /* lines 1-4 */
#define OPEN "step: open\naction: open\npath: /dev/zero\nflags: O_RDWR\n" /* 4 lines */

static const struct bad_case bad_cases[] = {
  { "unknown key", PROGRAM OPEN "colour: red\n", 1, 9, "unknown key 'colour'" },
  { "unknown action", PROGRAM "step: s\naction: frob\n", 1, 6, "unknown action 'frob'" },
  { "missing action", PROGRAM "step: s\npath: /dev/zero\n", 1, 5, "has no action" },
  { "open without path", PROGRAM "step: o\naction: open\nflags: O_RDWR\n", 1, 5,
    "needs 'path'" },
  { "mmap without prot", PROGRAM OPEN "step: m\naction: mmap\nlength: 4096\nflags: MAP_SHARED\n",
    1, 9, "needs 'prot'" },
  { "duplicate step", PROGRAM OPEN "step: open\naction: close\n", 1, 9,
    "duplicate step 'open' (first at line 5)" },
  { "unknown open flag", PROGRAM "step: o\naction: open\npath: /dev/zero\nflags: O_RDWR|O_BOGUS\n",
    1, 8, "unknown flag 'O_BOGUS'" },
  { "O_CREAT is not a lesson's flag",
    PROGRAM "step: o\naction: open\npath: /dev/zero\nflags: O_RDWR|O_CREAT\n", 1, 8,
    "unknown flag 'O_CREAT'" },
  { "MAP_ANONYMOUS is not a lesson's flag",
    PROGRAM OPEN "step: m\naction: mmap\nlength: 4096\nprot: PROT_READ\n"
    "flags: MAP_SHARED|MAP_ANONYMOUS\n", 1, 13, "unknown flag 'MAP_ANONYMOUS'" },
  { "unknown protection",
    PROGRAM OPEN "step: m\naction: mmap\nlength: 4096\nprot: PROT_READ|PROT_BOGUS\n"
    "flags: MAP_SHARED\n", 1, 12, "unknown protection 'PROT_BOGUS'" },
  { "length over 64 pages",
    PROGRAM OPEN "step: m\naction: mmap\nlength: 65 pages\nprot: PROT_READ\nflags: MAP_SHARED\n",
    1, 11, "more than the 64 pages" },
  { "a bad length",
    PROGRAM OPEN "step: m\naction: mmap\nlength: 4 KiB\nprot: PROT_READ\nflags: MAP_SHARED\n",
    1, 11, "bad length" },
  { "a negative length",
    PROGRAM OPEN "step: m\naction: mmap\nlength: -4096\nprot: PROT_READ\nflags: MAP_SHARED\n",
    1, 11, "bad length" },
  { "line past the program's end", PROGRAM OPEN "line: 4\n", 1, 9,
    "line 4 is past the program's end (3 lines)" },
  { "a range past the program's end", PROGRAM OPEN "line: 2-4\n", 1, 9, "past the program's end" },
  { "a backwards range", PROGRAM OPEN "line: 3-2\n", 1, 9, "bad program line" },
  { "line 0", PROGRAM OPEN "line: 0\n", 1, 9, "bad program line" },
  { "key outside a step", PROGRAM "action: open\n" OPEN, 1, 5, "'action' outside a step" },
  { "path other than /dev/zero",
    PROGRAM "step: o\naction: open\npath: /etc/passwd\nflags: O_RDONLY\n", 1, 7,
    "/dev/zero or /dev/null only, not '/etc/passwd'" },
  { "path /dev/zero/..", PROGRAM "step: o\naction: open\npath: /dev/zero/..\nflags: O_RDONLY\n",
    1, 7, "/dev/zero or /dev/null only" },
  { "format without %s", PROGRAM OPEN "step: r\naction: read\nformat: hello\\n\n", 1, 11,
    "exactly one %s" },
  { "format with %d", PROGRAM OPEN "step: r\naction: read\nformat: %s %d\n", 1, 11,
    "exactly one %s" },
  { "format with a bad escape", PROGRAM OPEN "step: r\naction: read\nformat: %s\\q\n", 1, 11,
    "valid escapes" },
  { "empty file", "", 1, 1, "no 'title'" },
  { "no title", "| int a;\n" OPEN, 1, 1, "no 'title'" },
  { "no steps", "title: T\n| int a;\n", 1, 2, "no steps" },
  { "a key that does not apply", PROGRAM "step: c\naction: close\nflags: O_RDWR\n", 1, 7,
    "'flags' does not apply to close" },
  { "a key given twice", PROGRAM "step: o\naction: open\npath: /dev/zero\npath: /dev/null\n"
    "flags: O_RDWR\n", 1, 8, "'path' given twice in step 'o' (first at line 7)" },
  { "a program line after a step", PROGRAM OPEN "| int d;\n", 1, 9,
    "before the first step" },
  { "a title after a step", PROGRAM OPEN "title: U\n", 1, 9, "'title' belongs before" },
  { "a second title", PROGRAM "title: U\n" OPEN, 1, 5, "'title' given twice" },
  { "an empty title", "title:\n" OPEN, 2, 1, "empty title" },   /* then: no 'title' */
  { "a line without a colon", PROGRAM OPEN "just words\n", 1, 9, "expected 'key: value'" },
  { "a step name with a blank", PROGRAM "step: two words\naction: close\n", 1, 5, "one-word name" },
  { "a negative write offset", PROGRAM OPEN "step: w\naction: write\ntext: x\noffset: -1\n", 1, 12,
    "must not be negative" },
  { "an offset past 64 pages", PROGRAM OPEN "step: w\naction: write\ntext: x\noffset: 0x10000000\n",
    1, 12, "bad offset" },
  { "a bad prompt", PROGRAM OPEN "step: w\naction: write\ntext: x\nprompt: maybe\n", 1, 12,
    "'yes' or 'no'" },
  { "a write without text", PROGRAM OPEN "step: w\naction: write\n", 1, 9, "needs 'text'" },
};

static void
run_bad (const struct bad_case *c, const char *buf, size_t len)
{
  struct lesson L;
  struct errs e = { 0 };
  int rc = lesson_parse (buf, len, "case.lesson", &L, record, &e);
  int ok = int_is (rc, c->nerr, "%s: %d error%s", c->what, c->nerr, c->nerr == 1 ? "" : "s");
  ok &= tap_ok (err_is (&e, 0, "case.lesson", c->line, c->word), "%s: line %d, '%s'", c->what,
                c->line, c->word);
  ok &= tap_ok (L.nsteps == 0 && L.steps == NULL && L.title == NULL && L.program == NULL,
                "%s: the lesson is left empty", c->what);
  if (!ok)
    show_errs (&e);
  lesson_free (&L);
}

static char *
repeat (char c, size_t n)
{
  char *s = malloc (n + 1);
  if (s)
    {
      memset (s, c, n);
      s[n] = '\0';
    }
  return s;
}

static void
test_bad (void)
{
  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
    run_bad (&bad_cases[i], bad_cases[i].text, strlen (bad_cases[i].text));

  /* An unknown action is reported once: the step's keys are not judged
     against it, and the next step is checked as usual. */
  struct lesson L;
  struct errs e = { 0 };
  const char *unk = PROGRAM "step: s\naction: frob\nlength: 4096\nflags: O_BOGUS\n"
                    "step: t\naction: close\nflags: O_RDWR\n";
  tap_int (lesson_parse (unk, strlen (unk), "case.lesson", &L, record, &e), 2,
           "unknown action with keys, then a bad step: 2 errors");
  tap_ok (err_is (&e, 0, "case.lesson", 6, "unknown action 'frob'")
          && err_is (&e, 1, "case.lesson", 11, "'flags' does not apply to close"),
          "... the unknown action, then the next step's own error");
  lesson_free (&L);

  /* A NUL byte: the length says where the file ends, not the NUL. */
  static const char nul[] = PROGRAM OPEN "explain: a\0b\n";
  struct bad_case c = { "a NUL byte", NULL, 1, 9, "binary data (a NUL byte)" };
  run_bad (&c, nul, sizeof nul - 1);

  static const char latin1[] = PROGRAM OPEN "explain: caf\xe9\n";
  c = (struct bad_case) { "invalid UTF-8 (Latin-1)", NULL, 1, 9, "invalid UTF-8" };
  run_bad (&c, latin1, sizeof latin1 - 1);
  static const char overlong[] = PROGRAM OPEN "explain: \xc0\xaf\n";
  c = (struct bad_case) { "invalid UTF-8 (overlong)", NULL, 1, 9, "invalid UTF-8" };
  run_bad (&c, overlong, sizeof overlong - 1);

  /* Lines of 1024 bytes are fine, 1025 are not. */
  char *x = repeat ('x', LESSON_MAX_LINE + 1 - strlen ("explain: "));
  size_t blen = strlen (PROGRAM OPEN) + LESSON_MAX_LINE + 100;
  char *buf = malloc (blen);
  if (x && buf)
    {
      snprintf (buf, blen, PROGRAM OPEN "explain: %s\n", x);
      c = (struct bad_case) { "a line of 1025 bytes", NULL, 1, 9, "line longer than 1024 bytes" };
      run_bad (&c, buf, strlen (buf));
      x[strlen (x) - 1] = '\0';
      snprintf (buf, blen, PROGRAM OPEN "explain: %s\n", x);
      e.n = 0;
      tap_int (lesson_parse (buf, strlen (buf), "case.lesson", &L, record, &e), 0,
               "a line of exactly 1024 bytes is fine");
      tap_ok (L.nsteps == 1 && strlen (L.steps[0].explain) == LESSON_MAX_LINE - 9,
              "... and its text is kept whole");
      lesson_free (&L);
    }
  else
    tap_ok (0, "memory for the long line");
  free (x);
  free (buf);

  /* Files of 256 KiB are fine, one byte more is not. */
  buf = malloc (LESSON_MAX_BYTES + 2);
  if (buf)
    {
      size_t used = strlen (PROGRAM OPEN);
      memcpy (buf, PROGRAM OPEN, used);
      while (used < LESSON_MAX_BYTES)
        {
          size_t n = LESSON_MAX_BYTES - used < 100 ? LESSON_MAX_BYTES - used : 100;
          memset (buf + used, ' ', n);
          buf[used] = '#';
          buf[used + n - 1] = '\n';
          used += n;
        }
      e.n = 0;
      int rc = lesson_parse (buf, LESSON_MAX_BYTES, "case.lesson", &L, record, &e);
      if (!int_is (rc, 0, "a file of exactly 256 KiB is fine"))
        show_errs (&e);
      lesson_free (&L);
      buf[LESSON_MAX_BYTES] = '\n';
      c = (struct bad_case) { "a file over 256 KiB", NULL, 1, 0, "file larger than 262144 bytes" };
      run_bad (&c, buf, LESSON_MAX_BYTES + 1);
      free (buf);
    }
  else
    tap_ok (0, "memory for the big file");

  /* More than 64 steps. */
  buf = malloc (70 * 40 + 100);
  if (buf)
    {
      size_t used = (size_t) sprintf (buf, "title: T\n");
      for (int i = 1; i <= LESSON_MAX_STEPS + 1; i++)
        used += (size_t) sprintf (buf + used, "step: s%d\naction: close\n", i);
      c = (struct bad_case) { "65 steps", NULL, 1, 2 + 2 * LESSON_MAX_STEPS, "more than 64 steps" };
      /* the 65th step's action then has no step to go to */
      struct lesson L2;
      e.n = 0;
      int rc = lesson_parse (buf, used, "case.lesson", &L2, record, &e);
      tap_ok (rc >= 1 && err_is (&e, 0, "case.lesson", c.line, c.word), "%s: line %d, '%s'",
              c.what, c.line, c.word);
      lesson_free (&L2);
      free (buf);
    }

  /* A flood of errors stops at 50, with a last word. */
  buf = malloc (60 * 6 + 100);
  if (buf)
    {
      size_t used = (size_t) sprintf (buf, "title: T\n");
      for (int i = 0; i < 60; i++)
        used += (size_t) sprintf (buf + used, "junk\n");
      e.n = 0;
      int rc = lesson_parse (buf, used, "case.lesson", &L, record, &e);
      tap_int (rc, 51, "60 bad lines: 50 errors and a last one");
      tap_ok (err_is (&e, 50, "case.lesson", 51, "giving up"), "... which gives up at line 51");
      lesson_free (&L);
      free (buf);
    }

  /* No error callback: the errors are still counted. */
  tap_int (lesson_parse ("", 0, "x", &L, NULL, NULL), 1, "errors count without a callback");
}

static void
test_good_forms (void)
{
  struct lesson L;
  struct errs e = { 0 };
  long pg = sysconf (_SC_PAGESIZE);
  char buf[1024];

  /* CRLF line ends, blanks, comments, and no final newline. */
  const char *crlf = "# comment\r\ntitle: T \r\n\r\n   # indented comment\r\n|\r\n| x;  \r\n"
                     "  step: c\r\n\taction: close\r\n  line: 1-2";
  int rc = lesson_parse (crlf, strlen (crlf), "crlf.lesson", &L, record, &e);
  if (!int_is (rc, 0, "CRLF, blanks, comments and no final newline: fine"))
    show_errs (&e);
  tap_str (L.title, "T", "the title without its CR and blank");
  tap_ok (L.nprogram == 2 && strcmp (L.program[0], "") == 0 && strcmp (L.program[1], "x;") == 0,
          "program lines: '' and 'x;' (one blank after '|' dropped, trailing blanks too)");
  tap_ok (L.nsteps == 1 && L.steps[0].line == 1 && L.steps[0].line_end == 2
          && L.steps[0].file_line == 7, "the step: lines 1-2, at file line 7");
  lesson_free (&L);

  /* Lengths: "page", "N pages", hex, and the 64-page limit itself. */
  snprintf (buf, sizeof buf,
            "title: T\n" OPEN
            "step: m1\naction: mmap\nlength: page\nprot: PROT_READ\nflags: MAP_SHARED\n"
            "step: m2\naction: mmap\nlength: 2 pages\nprot: PROT_READ\nflags: MAP_SHARED\n"
            "step: m3\naction: mmap\nlength: 0x1000\nprot: PROT_READ\nflags: MAP_SHARED\n"
            "step: m4\naction: mmap\nlength: 64 pages\nprot: PROT_READ\nflags: MAP_SHARED\n"
            "step: m5\naction: mmap\nlength: %ld\nprot: PROT_NONE\nflags: MAP_PRIVATE\n"
            "step: m6\naction: mmap\nlength: 0\nprot: PROT_READ\nflags: MAP_SHARED\noffset: -4096\n",
            64 * pg);
  e.n = 0;
  rc = lesson_parse (buf, strlen (buf), "len.lesson", &L, record, &e);
  if (!int_is (rc, 0, "lengths in every form: fine"))
    show_errs (&e);
  if (rc == 0)
    {
      tap_int (find_step (&L, "m1")->args.length, pg, "length 'page' is the page size");
      tap_int (find_step (&L, "m2")->args.length, 2 * pg, "length '2 pages'");
      tap_int (find_step (&L, "m3")->args.length, 4096, "length '0x1000'");
      tap_int (find_step (&L, "m4")->args.length, 64 * pg, "length '64 pages': the limit is fine");
      tap_int (find_step (&L, "m5")->args.length, 64 * pg, "length in bytes at the limit");
      tap_int (find_step (&L, "m5")->args.prot, PROT_NONE, "prot PROT_NONE");
      tap_ok (find_step (&L, "m6")->args.length == 0 && find_step (&L, "m6")->args.offset == -4096,
              "length 0 and offset -4096 are allowed (EINVAL, EOVERFLOW demos)");
    }
  lesson_free (&L);
  snprintf (buf, sizeof buf, "title: T\n" OPEN
            "step: m\naction: mmap\nlength: %ld\nprot: PROT_READ\nflags: MAP_SHARED\n", 64 * pg + 1);
  struct bad_case c = { "a length one byte over 64 pages", NULL, 1, 8, "more than the 64 pages" };
  run_bad (&c, buf, strlen (buf));

  /* Explain lines join into sentences; notes too. */
  const char *ex = "title: T\nstep: c\naction: close\nexplain: one\nexplain: two\n"
                   "note: n1\nnote: n2\n";
  e.n = 0;
  lesson_parse (ex, strlen (ex), "ex.lesson", &L, record, &e);
  tap_ok (L.nsteps == 1 && strcmp (L.steps[0].explain, "one two") == 0
          && strcmp (L.steps[0].note, "n1 n2") == 0, "explain and note lines join with a blank");
  lesson_free (&L);
  /* BUG (lesson.c, append_text): an empty 'explain:' should start a new
     paragraph ("one\ntwo"); the separator "" is written as a NUL, which
     ends the string there, and the paragraph break is lost. */
  ex = "title: T\nstep: c\naction: close\nexplain: one\nexplain:\nexplain: two\n";
  e.n = 0;
  lesson_parse (ex, strlen (ex), "ex.lesson", &L, record, &e);
  tap_str (L.nsteps == 1 ? L.steps[0].explain : NULL, "one\ntwo",
           "an empty explain line separates paragraphs with '\\n'");
  lesson_free (&L);
  ex = "title: T\nstep: c\naction: close\nexplain:\nexplain: one\n";
  e.n = 0;
  lesson_parse (ex, strlen (ex), "ex.lesson", &L, record, &e);
  tap_str (L.nsteps == 1 ? L.steps[0].explain : NULL, "one",
           "an empty explain line first starts no empty paragraph");
  lesson_free (&L);

  /* The explanation as a whole is bounded: the fifth of 1000 bytes is too much. */
  char *x = repeat ('x', 1000);
  size_t blen = strlen (PROGRAM OPEN) + 5 * 1010 + 1;
  char *big = malloc (blen);
  if (x && big)
    {
      size_t used = (size_t) snprintf (big, blen, PROGRAM OPEN);
      for (int i = 0; i < 5; i++)
        used += (size_t) snprintf (big + used, blen - used, "explain: %s\n", x);
      c = (struct bad_case) { "explain over 4096 bytes in all", NULL, 1, 13, "longer than 4096" };
      run_bad (&c, big, used);
    }
  free (x);
  free (big);
}

static void
test_fixtures (void)
{
  struct lesson L;
  struct errs e = { 0 };
  const char *path;
  int rc;

  path = src_path ("tests/fixtures/good-private.lesson");
  rc = lesson_load (path, &L, record, &e);
  if (!int_is (rc, 0, "good-private.lesson: 0 errors"))
    show_errs (&e);
  if (rc == 0 && int_is (L.nsteps, 6, "good-private.lesson: 6 steps"))
    {
      const struct lesson_step *m = find_step (&L, "map");
      tap_ok (m && m->action == SHM_MMAP && m->args.mflags == MAP_PRIVATE
              && m->args.length == (size_t) sysconf (_SC_PAGESIZE),
              "good-private.lesson: a one-page MAP_PRIVATE mmap");
      tap_int (L.steps[0].args.oflags, O_RDWR | O_CLOEXEC, "good-private.lesson: O_RDWR|O_CLOEXEC");
      tap_ok (!find_step (&L, "unmap")->args.length_set, "good-private.lesson: munmap's length not given");

      struct walkthrough t;
      char line[512] = "";
      walkthrough_init (&t, &L);
      walkthrough_goto (&t, 4);
      if (t.shm.map)
        inspect_maps_line (NULL, t.shm.map, line, sizeof line);
      tap_ok (strstr (line, " rw-p ") && strstr (line, "/dev/zero")
              && !strstr (line, "(deleted)"), "good-private.lesson: the maps line: %s", line);
      tap_str (t.rec[3].output, "Private: Private page", "good-private.lesson: the read prints");
      tap_int (t.rec[3].ret, 22, "good-private.lesson: printf returns 22");
      walkthrough_goto (&t, 6);
      tap_ok (t.rec[4].ret == 0 && t.rec[5].ret == 0 && !t.rec[4].refused,
              "good-private.lesson: munmap (whole mapping by default) and close work");
      walkthrough_free (&t);
    }
  lesson_free (&L);

  static const struct { const char *file; int nerr, line; const char *word; int line2;
                        const char *word2; } bad[] = {
    { "bad-unknown-action.lesson", 1, 13, "unknown action 'mmapp'", 0, NULL },
    { "bad-duplicate-step.lesson", 1, 12, "duplicate step 'open' (first at line 7)", 0, NULL },
    { "bad-missing-arg.lesson", 2, 7, "step 'open': open needs 'path'", 11,
      "step 'map': mmap needs 'prot'" },
    { "bad-binary.lesson", 1, 8, "binary data (a NUL byte)", 0, NULL },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      char rel[128], file[4096];
      snprintf (rel, sizeof rel, "tests/fixtures/%s", bad[i].file);
      snprintf (file, sizeof file, "%s", src_path (rel));
      e.n = 0;
      rc = lesson_load (file, &L, record, &e);
      int ok = int_is (rc, bad[i].nerr, "%s: %d error%s", bad[i].file, bad[i].nerr,
                        bad[i].nerr == 1 ? "" : "s");
      ok &= tap_ok (err_is (&e, 0, file, bad[i].line, bad[i].word), "%s: line %d, '%s'",
                    bad[i].file, bad[i].line, bad[i].word);
      if (bad[i].word2)
        ok &= tap_ok (err_is (&e, 1, file, bad[i].line2, bad[i].word2), "%s: line %d, '%s'",
                      bad[i].file, bad[i].line2, bad[i].word2);
      ok &= tap_ok (L.nsteps == 0 && L.title == NULL, "%s: the lesson is left empty",
                    bad[i].file);
      if (!ok)
        show_errs (&e);
      lesson_free (&L);
    }

  path = src_path ("tests/fixtures/no-such.lesson");
  e.n = 0;
  rc = lesson_load (path, &L, record, &e);
  tap_int (rc, 1, "a missing file: 1 error");
  tap_ok (e.n == 1 && err_is (&e, 0, path, 0, "cannot open"), "a missing file: at line 0, 'cannot open'");
  tap_ok (e.n == 1 && strstr (e.msg[0], "No such file") != NULL, "a missing file: says why: %s",
          e.msg[0]);
  tap_ok (L.nsteps == 0 && L.title == NULL, "a missing file: the lesson is empty");

  path = src_path ("tests/fixtures");
  e.n = 0;
  rc = lesson_load (path, &L, record, &e);
  tap_ok (rc == 1 && e.n == 1 && err_is (&e, 0, path, 0, "not a regular file"),
          "a directory: 1 error at line 0, 'not a regular file'");
  tap_int (lesson_load (path, &L, NULL, NULL), 1, "a directory, no callback: still 1 error");
}

/* The second shipped lesson: both private cases, in order.  Page 0 is read
   (the zero page) and then written (copy-on-write); page 1 is written
   without a read (a demand-zero fault); each step marks its own call. */
static void
test_private_cow (void)
{
  struct lesson L;
  struct errs e = { 0 };
  const char *path = src_path ("lessons/private-cow.lesson");

  int rc = lesson_load (path, &L, record, &e);
  if (!int_is (rc, 0, "private-cow loads with 0 errors"))
    show_errs (&e);
  tap_ok (L.source && strstr (L.source, "6.5.2 - Example of Shared Memory") != NULL,
          "private-cow: its source names the seed's section");
  static const struct {
    const char *name;
    enum shm_action action;
    long long offset;
    const char *code;
  } want[] = {
    { "open", SHM_OPEN, 0, "open(\"/dev/zero\", O_RDONLY)" },
    { "mmap", SHM_MMAP, 0, "mmap(NULL, 8192, PROT_READ | PROT_WRITE," },
    { "read", SHM_READ, 0, "printf(\"Page 0 before: \\\"%s\\\"\\n\", page)" },
    { "write", SHM_WRITE, 0, "sprintf(page, \"my own copy\")" },
    { "write-page1", SHM_WRITE, 4096, "sprintf(page + 4096, \"fresh page\")" },
    { "read-page1", SHM_READ, 4096, "printf(\"Page 1: %s\\n\", page + 4096)" },
    { "fork", SHM_FORK, 0, "if (fork() == 0) {" },
    { "child-store", SHM_CHILD_WRITE, 4096, "sprintf(page + 4096, \"child's copy\")" },
    { "wait", SHM_WAIT, 0, "wait(NULL)" },
    { "read-after-child", SHM_READ, 4096, "printf(\"Page 1 still: %s\\n\", page + 4096)" },
    { "munmap", SHM_MUNMAP, 0, "munmap(page, 8192)" },
    { "close", SHM_CLOSE, 0, "close(fd)" },
  };
  size_t n = sizeof want / sizeof want[0];
  if (!int_is (L.nsteps, n, "private-cow: %zu steps", n))
    {
      lesson_free (&L);
      return;
    }
  for (size_t i = 0; i < n; i++)
    {
      const struct lesson_step *st = &L.steps[i];
      tap_str (st->name, want[i].name, "private-cow step %zu is '%s'", i + 1, want[i].name);
      tap_ok (st->action == want[i].action && (st->action == SHM_MMAP
                                               || st->args.offset == want[i].offset),
              "private-cow '%s': %s at offset %lld", want[i].name,
              shm_action_name (want[i].action), want[i].offset);
      tap_ok (program_has (&L, st->line, want[i].code), "private-cow '%s' marks line %d: %s",
              want[i].name, st->line, want[i].code);
      tap_ok (st->explain && st->explain[0], "private-cow '%s' is explained", want[i].name);
    }
  const struct lesson_step *m = &L.steps[1];
  tap_ok (m->args.length == 8192 && m->args.mflags == MAP_PRIVATE
          && m->args.prot == (PROT_READ | PROT_WRITE), "private-cow: two pages, MAP_PRIVATE, RW");
  tap_ok (program_has (&L, m->line_end, "MAP_PRIVATE, fd, 0"), "private-cow: mmap marks both lines");
  tap_ok (L.steps[10].args.length == 8192 && L.steps[10].args.length_set,
          "private-cow: munmap unmaps the two pages");
  /* What each private step must say: the figures of RECIPES.md section 10. */
  static const struct { size_t step; const char *a, *b; } says[] = {
    { 2, "zero page", "Rss stays 0" },
    { 3, "copy-on-write", "Anonymous 4 kB" },
    { 4, "demand-zero", "Nothing is copied" },
    { 5, "+0", "'\\0'" },
    { 6, "write-protected", "same frames" },
    { 7, "copy-on-write fault", "new frame" },
    { 9, "fresh page", "copies of its own" },
    { 10, "SIGSEGV", "reuses the address" },
    { 11, "at exit", "close(2)" },
  };
  for (size_t i = 0; i < sizeof says / sizeof says[0]; i++)
    {
      const struct lesson_step *st = &L.steps[says[i].step];
      tap_ok (st->explain && strstr (st->explain, says[i].a) && strstr (st->explain, says[i].b),
              "private-cow '%s' says \"%s\" and \"%s\"", st->name, says[i].a, says[i].b);
    }
  /* Predictions with the right answers where the lesson's point is. */
  static const struct { size_t step; const char *right; } right[] = {
    { 1, "succeed" }, { 2, "0 kB" }, { 3, "copy-on-write" }, { 4, "fresh zeroed page" },
  };
  for (size_t i = 0; i < sizeof right / sizeof right[0]; i++)
    {
      const struct lesson_step *st = &L.steps[right[i].step];
      tap_ok (st->ask && st->right >= 1 && st->right <= st->nchoices
              && strstr (st->choices[st->right - 1], right[i].right),
              "private-cow '%s': the right choice says \"%s\"", st->name, right[i].right);
    }
  lesson_free (&L);
}

/* Claims that were once in the lessons and are false now that the hex view
   touches no page: none may come back, in either lesson. */
static void
test_wording (void)
{
  static const char *const lessons[] = { "lessons/shared-memory.lesson",
                                         "lessons/private-cow.lesson",
                                         "lessons/fork-shared.lesson",
                                         "lessons/kernel-shared.lesson" };
  static const char *const banned[] = {
    "minor faults +0", "faults in the call: +0 on the first", "screen read",
    "screen's reading", "Reading the page to show it", "mincore ran before",
    "copy-on-write zero pages", "copied from the zero page", "gives zero bytes",
    "zero pages shared", "to prevent memory leaks", "now raises SIGSEGV.",
    "one system call a step",
  };
  for (size_t k = 0; k < sizeof lessons / sizeof lessons[0]; k++)
    {
      struct lesson L;
      struct errs e = { 0 };
      if (lesson_load (src_path (lessons[k]), &L, record, &e) != 0)
        {
          tap_ok (0, "%s loads", lessons[k]);
          show_errs (&e);
          continue;
        }
      for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++)
        {
          int hits = 0;
          for (size_t i = 0; i < L.nsteps; i++)
            {
              const struct lesson_step *st = &L.steps[i];
              hits += (st->explain && strstr (st->explain, banned[b]))
                      || (st->note && strstr (st->note, banned[b]))
                      || (st->ask && strstr (st->ask, banned[b]));
              for (int c = 0; c < st->nchoices; c++)
                hits += strstr (st->choices[c], banned[b]) != NULL;
            }
          tap_ok (hits == 0, "%s does not say \"%s\"", lessons[k], banned[b]);
        }
      /* A lesson's first store is the page's first fault (the kernel
         lesson stores into no page of its own mapping). */
      const struct lesson_step *w = NULL;
      for (size_t i = 0; i < L.nsteps && !w; i++)
        if (L.steps[i].action == SHM_WRITE)
          w = &L.steps[i];
      if (w || !strstr (lessons[k], "kernel-shared"))
        tap_ok (w && w->explain && strstr (w->explain, "+1"),
                "%s: the first store is a fault (+1)", lessons[k]);
      lesson_free (&L);
    }
}

int
main (void)
{
  top = getenv ("abs_top_srcdir");
  if (!top || !*top)
    tap_skip_all ("abs_top_srcdir is not set");
  test_real_lesson ();
  test_private_cow ();
  test_wording ();
  test_bad ();
  test_good_forms ();
  test_fixtures ();
  return tap_done ();
}
