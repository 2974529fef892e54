/* test-console-c.c - the call console speaks the lesson's C: every line
   of the shipped lessons' programs, split as the console splits what is
   typed or pasted, either runs or gets one line saying why not; values,
   casts, sizeof, the output of printf and perror; errors that name the
   lengths and mark the column; and the program `save` writes, built with
   cc -std=c11 -Wall -Wextra -Werror, prints what the console printed.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cparse.h"
#include "eval.h"
#include "tap.h"

/* What a run of statements did: how many ran, were not run (asides),
   were refused or did not parse, and all they printed. */
struct tally {
  int ran, asides, skipped, refused, bad;
  char printed[8192];
  size_t nprinted;
  char first_bad[600];      /* the first refused or unparsed statement, and why */
};

static void
note_bad (struct tally *t, const char *stmt, const char *why)
{
  if (!t->first_bad[0])
    snprintf (t->first_bad, sizeof t->first_bad, "%.300s -> %.280s", stmt, why);
}

/* Run TEXT (many lines) as the console runs a paste: statement by
   statement, each split off with cp_next.  REFUSED_OK: a refusal does not
   count as bad when its message holds this. */
static void
run_text (struct evaluator *ev, const char *text, struct tally *t, const char *const ok_words[])
{
  size_t at = 0, start, len;
  for (;;)
    {
      enum cp_piece k = cp_next (text, &at, &start, &len);
      if (k == CP_PIECE_NONE)
        break;
      char stmt[CP_MAX_LINE + 1];
      snprintf (stmt, sizeof stmt, "%.*s", (int) len, text + start);
      if (k == CP_PIECE_OPEN)
        {
          t->bad++;
          note_bad (t, stmt, "never ended");
          break;
        }
      struct cp_stmt st;
      struct call_record r;
      int col;
      enum ev_line w;
      char err[200], note[400];
      if (cp_parse (stmt, &st, &col, err, sizeof err) != 0)
        {
          if (ev_unparsed (ev, err, note, sizeof note) == EV_LINE_SKIP)
            t->skipped++;
          else
            {
              t->bad++;
              note_bad (t, stmt, err);
            }
        }
      else if (st.kind == CP_EMPTY)
        ;
      else if ((w = ev_line (ev, &st, note, sizeof note)) == EV_LINE_ASIDE)
        t->asides++;
      else if (w == EV_LINE_SKIP)
        t->skipped++;
      else
        {
          ev_run (ev, &st, &r);
          int fine = !r.refused;
          for (int i = 0; !fine && ok_words && ok_words[i]; i++)
            fine = strstr (r.explain, ok_words[i]) != NULL;
          if (!fine)
            {
              t->bad++;
              note_bad (t, stmt, r.explain);
            }
          else if (r.refused)
            t->refused++;
          else
            t->ran++;
          size_t n = ev->nprinted < sizeof t->printed - 1 - t->nprinted
            ? ev->nprinted : sizeof t->printed - 1 - t->nprinted;
          memcpy (t->printed + t->nprinted, ev->printed, n);
          t->nprinted += n;
          t->printed[t->nprinted] = '\0';
        }
      cp_free (&st);
    }
}

/* The lesson NAME's program, from the tutor itself. */
static char *
lesson_program (const char *name)
{
  const char *bin = getenv ("SHMTUTOR_REAL");
  char cmd[600];
  static char buf[16384];
  if (!bin)
    return NULL;
  snprintf (cmd, sizeof cmd, "'%s' --lesson %s --program", bin, name);
  FILE *f = popen (cmd, "r");
  if (!f)
    return NULL;
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  return pclose (f) == 0 && n ? buf : NULL;
}

/* Build PROG (a lesson's program) and run it: its output (stdout then
   stderr, unbuffered as it runs) into OUT.  -1 when it cannot be built. */
static int
program_output (const char *prog, char *out, size_t len)
{
  char dir[] = "/tmp/shmtutor-prog-XXXXXX", path[64], cmd[400];
  const char *cc = getenv ("CC");
  out[0] = '\0';
  if (!mkdtemp (dir))
    return -1;
  snprintf (path, sizeof path, "%s/p.c", dir);
  FILE *f = fopen (path, "w");
  if (!f || fputs (prog, f) < 0 || fclose (f) != 0)
    return -1;
  snprintf (cmd, sizeof cmd, "%s -std=c11 -o %s/p %s 2>/dev/null && %s/p 2>&1",
            cc && *cc ? cc : "cc", dir, path, dir);
  FILE *p = popen (cmd, "r");
  size_t n = p ? fread (out, 1, len - 1, p) : 0;
  out[n] = '\0';
  int st = p ? pclose (p) : -1;
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system (cmd) != 0)
    tap_diag ("%s not removed", dir);
  return st == 0 ? 0 : -1;
}

/* One statement: parse and run; the record into R.  -2: no parse. */
static int
one (struct evaluator *ev, const char *text, struct call_record *r)
{
  struct cp_stmt st;
  int col;
  char err[200];
  memset (r, 0, sizeof *r);
  int rc = -2;
  if (cp_parse (text, &st, &col, err, sizeof err) == 0)
    rc = ev_run (ev, &st, r);
  else
    snprintf (r->explain, sizeof r->explain, "column %d: %s", col, err);
  cp_free (&st);
  return rc;
}

static void
value_is (struct evaluator *ev, const char *text, const char *result)
{
  struct call_record r;
  one (ev, text, &r);
  if (!tap_ok (strcmp (r.result, result) == 0, "'%s' gives '%s'", text, result))
    tap_diag ("got '%s' (%s)", r.result, r.explain);
}

static void
refused_with (struct evaluator *ev, const char *text, const char *words, int col)
{
  struct call_record r;
  int rc = one (ev, text, &r);
  int ok = rc == -1 && r.refused && strstr (r.explain, words) != NULL;
  if (!tap_ok (ok, "'%s' is refused: '%s'", text, words))
    tap_diag ("rc %d, result '%s', explain '%s'", rc, r.result, r.explain);
  if (col)
    tap_int (ev->col, col, "'%s': the refusal marks column %d", text, col);
}

/* ---- the lessons' programs ------------------------------------------- */

static void
test_lessons (void)
{
  static const struct {
    const char *name;
    const char *printed;      /* a line the console must print */
    int strict;               /* every statement line runs (or is an aside) */
  } lessons[] = {
    { "shared-memory", "Shared Memory: Hello from user space\n", 1 },
    { "private-cow", "Page 1 still: fresh page\n", 1 },
    { "fork-shared", NULL, 0 },
    { "kernel-shared", "page: []\n", 0 },
  };
  /* What the console refuses on purpose, with the reason a learner needs. */
  static const char *const meant[] = {
    "would end the process the console runs in", "no child to wait for", NULL
  };
  for (size_t i = 0; i < sizeof lessons / sizeof lessons[0]; i++)
    {
      const char *prog = lesson_program (lessons[i].name);
      if (!prog)
        {
          char why[120];
          snprintf (why, sizeof why, "%s: no program (SHMTUTOR_REAL unset?)", lessons[i].name);
          tap_skip (why);
          continue;
        }
      struct evaluator ev;
      struct tally t;
      memset (&t, 0, sizeof t);
      ev_init (&ev, 0);
      run_text (&ev, prog, &t, meant);
      ev_free (&ev);
      tap_diag ("%s: %d ran, %d not run with a reason, %d skipped in blocks not run, %d "
                "refused on purpose, %d not taken", lessons[i].name, t.ran, t.asides, t.skipped,
                t.refused, t.bad);
      if (lessons[i].strict)
        {
          if (!tap_ok (t.bad == 0, "%s: every line of its program runs, or says why not",
                       lessons[i].name))
            tap_diag ("%d not taken; the first: %s", t.bad, t.first_bad);
        }
      else
        {
          /* Not all of it is in the console (pipe, structures, loops): each
             line it does not take still parses or says what is missing. */
          tap_ok (t.ran >= 2 && t.skipped > 10, "%s: some of it runs (%d), the bodies of its "
                  "functions other than main are skipped (%d)", lessons[i].name, t.ran,
                  t.skipped);
          if (t.first_bad[0])
            tap_diag ("%s: the first line not taken: %s", lessons[i].name, t.first_bad);
        }
      tap_ok (t.asides > 3, "%s: #include, if, braces and return are told apart (%d)",
              lessons[i].name, t.asides);
      if (lessons[i].strict)
        {
          char real[4096];
          if (program_output (prog, real, sizeof real) < 0)
            tap_skip ("the lesson's program could not be built here");
          else if (!tap_ok (strcmp (real, t.printed) == 0, "%s: the console prints what the "
                            "program itself prints, the blocks it would not run skipped",
                            lessons[i].name))
            {
              tap_diag ("program: %s", real);
              tap_diag ("console: %s", t.printed);
            }
        }
      if (lessons[i].printed)
        {
          if (!tap_ok (strstr (t.printed, lessons[i].printed) != NULL, "%s: the output has '%.*s'",
                       lessons[i].name, (int) strlen (lessons[i].printed) - 1,
                       lessons[i].printed))
            tap_diag ("printed: %s", t.printed);
        }
      else
        tap_ok (1, "%s: (no output expected without its function's parameters)",
                lessons[i].name);
    }
}

/* ---- values, casts, errors ------------------------------------------- */

static void
test_values (void)
{
  struct evaluator ev;
  struct call_record r;
  ev_init (&ev, 0);
  /* The lowest number not open: 3 in the tutor, which keeps its own
     descriptors high; here whatever the test was started with. */
  int lowest = dup (0);
  char want[16];
  close (lowest);
  snprintf (want, sizeof want, "= %d", lowest);
  one (&ev, "int fd = open(\"/dev/zero\", O_RDWR);", &r);
  tap_str (r.result, want, "the first open returns the lowest number not open (%d)", lowest);
  one (&ev, "void *shared_mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,\n"
       "                        MAP_SHARED, fd, 0);", &r);
  tap_ok (!r.refused && !r.err, "a two-line mmap with a void * declaration runs: %s", r.result);
  one (&ev, "sprintf((char *)shared_mem, \"Hello from user space\");", &r);
  tap_str (r.result, "= 21", "sprintf through a cast returns 21");
  value_is (&ev, "((char *)shared_mem)[0]", "= 72 'H' (0x48)");
  value_is (&ev, "*((char *)shared_mem + 1)", "= 101 'e' (0x65)");
  value_is (&ev, "shared_mem == MAP_FAILED", "= 0 (false)");
  value_is (&ev, "shared_mem != NULL", "= 1 (true)");
  value_is (&ev, "sizeof(int)", "= 4");
  value_is (&ev, "sizeof(char *)", "= 8");
  value_is (&ev, "sizeof \"abc\"", "= 4");
  value_is (&ev, "4096 * 2 - 1", "= 8191 (0x1fff, an int)");
  value_is (&ev, "sysconf(_SC_PAGESIZE) == getpagesize()", "= 1 (true)");
  value_is (&ev, "strlen((char *)shared_mem)", "= 21");
  value_is (&ev, "strlen((char *)shared_mem) + 0", "= 21 (0x15, an unsigned long)");
  refused_with (&ev, "*shared_mem", "void *", 1);
  refused_with (&ev, "*shared_mem = 'A'", "void *", 2);
  one (&ev, "char *p = shared_mem;", &r);
  tap_ok (!r.refused, "char *p = shared_mem: a second name for the mapping");
  value_is (&ev, "p[4]", "= 111 'o' (0x6f)");
  one (&ev, "*p = 'J';", &r);
  tap_str (r.result, "= 74", "*p = 'J' stores 74");
  one (&ev, "p[0xff] = 0xff;", &r);
  value_is (&ev, "p[255]", "= -1 '\\xff' (0xff)");
  one (&ev, "unsigned char *u = (unsigned char *)p;", &r);
  value_is (&ev, "u[255]", "= 255 '\\xff' (0xff)");
  refused_with (&ev, "p[4096] = 1", "1 byte from offset 4096 runs past the end of shared_mem's "
                "mapping (4096 bytes)", 0);
  refused_with (&ev, "p[5000]", "leaves the mapping it is in, shared_mem's mapping (4096 bytes)", 0);
  refused_with (&ev, "munmap(p)", "munmap(p, 4096)", 1);
  refused_with (&ev, "munmap(p, 8192)", "p's mapping is 4096 bytes", 11);
  refused_with (&ev, "mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) + 1", "one call a statement", 1);
  refused_with (&ev, "printf(\"%d\\n\", p)", "%d takes a number", 16);
  refused_with (&ev, "x = y + 1", "unknown name 'y'", 5);
  refused_with (&ev, "_exit(0)", "would end the process", 1);
  refused_with (&ev, "int big = 9223372036854775807 + 1;", "overflows a long (64 bits)", 11);
  refused_with (&ev, "1 / 0", "division by zero", 1);
  refused_with (&ev, "1 << 63", "a shift by 63 of an int, 32 bits wide", 1);
  refused_with (&ev, "1 << 31", "does not fit in an int", 1);
  refused_with (&ev, "2147483647 + 1", "overflows an int", 1);
  refused_with (&ev, "char big = 300;", "does not fit in a char", 12);
  refused_with (&ev, "printf(\"%d\\n\", sizeof(int))", "%d takes an int, and that is an "
                "unsigned long: %lu (%zu for a size_t)", 16);
  /* C's types: unsigned arithmetic wraps, comparisons convert. */
  value_is (&ev, "1L << 40", "= 1099511627776 (0x10000000000, a long)");
  value_is (&ev, "-1u > 0", "= 1 (true)");
  value_is (&ev, "sizeof(int) - 5 > 0", "= 1 (true)");
  value_is (&ev, "0xffffffff + 1", "= 0");
  value_is (&ev, "(sizeof(int) - 5) / 2", "= 9223372036854775807 (0x7fffffffffffffff, an "
            "unsigned long)");
  one (&ev, "unsigned int ui = 0;", &r);
  value_is (&ev, "ui - 1", "= 4294967295 (0xffffffff, an unsigned int)");
  one (&ev, "int i3 = 3000000000;", &r);
  tap_str (r.result, "= -1294967296 (0xb2d05e00, an int)", "int i3 = 3000000000 holds what an "
           "int keeps of it");
  /* const, and the pointer types gcc -Wall tells apart. */
  one (&ev, "const int k = 1;", &r);
  refused_with (&ev, "k = 2", "k is const int: C allows no assignment to it", 1);
  one (&ev, "const char *cq = buf;", &r);
  refused_with (&ev, "cq[0] = 1", "const bytes", 0);
  refused_with (&ev, "char *w = cq;", "C keeps the const", 11);
  refused_with (&ev, "unsigned char *ub = buf;", "C wants a cast, as in (unsigned char *)buf", 21);
  one (&ev, "unsigned char *ub = (unsigned char *)buf;", &r);
  tap_ok (!r.refused, "unsigned char *ub = (unsigned char *)buf: with the cast, as C wants it");
  refused_with (&ev, "strcpy(ub, \"x\")", "-Wpointer-sign", 8);
  refused_with (&ev, "printf(\"%s\\n\", shared_mem)", "that is a void *", 16);
  refused_with (&ev, "printf(\"\")", "empty format", 8);
  value_is (&ev, "0 && 1 / 0", "= 0 (false)");
  value_is (&ev, "1 || 1 / 0", "= 1 (true)");
  one (&ev, "printf(\"%hhd %hd %hhu\\n\", 300, 70000, 257);", &r);
  tap_str (ev.printed, "44 4464 1\n", "printf's hh and h convert as C's do");
  one (&ev, "int n = 300;", &r);
  one (&ev, "char c = n;", &r);
  value_is (&ev, "c", "= 44 (0x2c, an int)");
  /* printf into the output pane, as C's printf prints. */
  one (&ev, "printf(\"[%5d|%-4s|%x|%c|%%|%s]\\n\", 42, \"ab\", 255, 65, p);", &r);
  tap_str (ev.printed, "[   42|ab  |ff|A|%|Jello from user space]\n", "printf's conversions, "
           "a string read from the mapping");
  tap_str (r.result, "= 42", "printf returns the bytes it printed");
  one (&ev, "puts(p + 1);", &r);
  tap_str (ev.printed, "ello from user space\n", "puts adds the newline");
  /* perror: errno as the last failed call left it. */
  one (&ev, "perror(\"before\");", &r);
  tap_str (ev.printed, "before: Success\n", "perror before any failure: Success");
  one (&ev, "int ro = open(\"/dev/zero\", O_RDONLY);", &r);
  one (&ev, "char *q = mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, ro, 0);", &r);
  tap_ok (r.err == EACCES, "a PROT_WRITE MAP_SHARED mmap of an O_RDONLY fd fails: %s", r.result);
  value_is (&ev, "q == MAP_FAILED", "= 1 (true)");
  one (&ev, "perror(\"mmap\");", &r);
  tap_str (ev.printed, "mmap: Permission denied\n", "perror after it: the kernel's EACCES");
  refused_with (&ev, "q[0]", "MAP_FAILED", 1);
  ev_free (&ev);
}

/* ---- splitting -------------------------------------------------------- */

static void
test_split (void)
{
  static const struct { const char *text; int pieces; int open; } cases[] = {
    { "close(fd); close(fd);", 2, 0 },
    { "strcpy(p, \"a;b\"); // c; d\n", 2, 0 },
    { "x = 1 /* ; */ + 2;", 1, 0 },
    { "#include <stdio.h>\nint fd = open(\"/dev/zero\",\n O_RDWR);\n", 2, 0 },
    { "if (fd < 0) {\n    perror(\"open\");\n}\n", 3, 0 },
    { "p = mmap(NULL, 4096,", 0, 1 },
    { "x = 1 +\n", 0, 1 },
    { "/* not closed\n", 0, 1 },
    { "   \n// only a comment\n\n", 1, 0 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      size_t at = 0, start, len;
      int n = 0, open = 0;
      enum cp_piece k;
      while ((k = cp_next (cases[i].text, &at, &start, &len)) == CP_PIECE_WHOLE && n < 10)
        n++;
      open = k == CP_PIECE_OPEN;
      if (!tap_ok (n == cases[i].pieces && open == cases[i].open, "cp_next: case %zu gives %d "
                   "statement%s%s", i, cases[i].pieces, cases[i].pieces == 1 ? "" : "s",
                   cases[i].open ? " and one not ended" : ""))
        tap_diag ("got %d, open %d", n, open);
    }
}

/* ---- save prints what the console printed ---------------------------- */

static void
test_save_output (void)
{
  char dir[] = "/tmp/shmtutor-consc-XXXXXX", old[4096], msg[300], cmd[600];
  if (!mkdtemp (dir) || !getcwd (old, sizeof old) || chdir (dir) != 0)
    {
      tap_skip ("no scratch folder");
      return;
    }
  struct evaluator ev;
  struct tally t;
  memset (&t, 0, sizeof t);
  ev_init (&ev, 1);
  run_text (&ev, "int fd = open(\"/dev/zero\", O_RDWR);\n"
            "char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);\n"
            "printf(\"before: [%s]\\n\", page);\n"
            "sprintf(page, \"a \\\"quoted\\\" ?\?/ line\");\n"
            "page[4096] = 'Z';\n"
            "page[0]\n"
            "*(page + 4096) == 'Z'\n"
            "pid_t pid = fork();\n"
            "printf(\"after fork: %s\\n\", page);\n"
            "wait(NULL);\n"
            "perror(\"wait\");\n"
            "mprotect(page, 4096, PROT_READ);\n"
            "page[1] = 'x';\n"
            "puts(page + 4096);\n"
            "munmap(page, 8192);\n"
            "close(fd);\n", &t, (const char *const[]) { NULL });
  if (!tap_ok (t.bad == 0, "save session: every statement ran"))
    tap_diag ("the first not taken: %s", t.first_bad);
  int rc = ev_save (&ev, "out.c", msg, sizeof msg);
  ev_free (&ev);
  tap_int (rc, 0, "save out.c: %s", msg);
  const char *cc = getenv ("CC");
  snprintf (cmd, sizeof cmd, "%s -std=c11 -Wall -Wextra -Werror -o out out.c 2> cc.log",
            cc && *cc ? cc : "cc");
  int st = system (cmd);
  if (!tap_ok (st == 0, "out.c builds with -std=c11 -Wall -Wextra -Werror"))
    {
      FILE *f = fopen ("cc.log", "r");
      char line[300];
      while (f && fgets (line, sizeof line, f))
        tap_diag ("cc: %s", line);
      if (f)
        fclose (f);
      if (system ("sed 's/^/# /' out.c") != 0)
        tap_diag ("(out.c not shown)");
    }
  char out[8192] = "";
  FILE *p = st == 0 ? popen ("./out 2>&1", "r") : NULL;
  size_t n = p ? fread (out, 1, sizeof out - 1, p) : 0;
  out[n] = '\0';
  int status = p ? pclose (p) : -1;
  if (!tap_ok (status == 0 && strcmp (out, t.printed) == 0, "./out prints what the console "
               "printed, in its order, and exits 0"))
    {
      tap_diag ("console: %s", t.printed);
      tap_diag ("program: %s", out);
    }
  unlink ("out");
  unlink ("out.c");
  unlink ("cc.log");
  if (chdir (old) == 0)
    rmdir (dir);
}

int
main (void)
{
  test_lessons ();
  test_values ();
  test_split ();
  test_save_output ();
  return tap_done ();
}
