/* test-console.c - the call console as a learner meets it: `shmtutor
   sandbox` in a pseudo-terminal of 80x24, started in a private folder of
   its own, the session typed line by line and the screen read
   back through libvterm after each: the history line with the result,
   the explanation, the hex bytes, a refusal, a parse error's column, Tab
   completion, Tab on an empty line, help, save (the file is compiled
   and run), Ctrl-D, quit and --no-save.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Needs SHMTUTOR (the program, an absolute path) and SHMTUTOR_DATA_DIR
   in the environment; CC (default cc) compiles what save wrote. */
#include <config.h>

#define QUIET_MS 40             /* no output this long: a redraw is complete */
#include "vt-tap.h"

#ifdef HAVE_VTERM

#define ROWS 24
#define COLS 80
#define ROW_MAX 1024

/* The screen's rows, found by what they hold: console.c lays them out
   for the rows there are (the statements, the verdict, the state lines,
   the page's rule and rows, a note, the prompt). */
#define ROW_EXPLAIN explain_row (vt)    /* its rows read as one: it wraps */
#define ROW_FDS prefix_row (vt, "fds:")
#define ROW_SHOWN prefix_row (vt, "shown:")
#define ROW_KERNEL prefix_row (vt, "mincore:")  /* mincore, pagemap, the faults */
#define ROW_SMAPS prefix_row (vt, "smaps (kB):")
#define ROW_PAGEMAP prefix_row (vt, "pagemap:")
#define ROW_MAPS prefix_row (vt, "maps:")
#define ROW_BOX_TOP rule_row (vt)
#define ROW_HEX0 (rule_row (vt) + 1)
#define ROW_INPUT (ROWS - 2)

/* The ASCII column's glyphs, as many as a row needs. */
#define NUL GLYPH_NUL
#define NUL11 NUL NUL NUL NUL NUL NUL NUL NUL NUL NUL NUL
#define NUL14 NUL11 NUL NUL NUL
#define NUL16 NUL14 NUL NUL
#define SP GLYPH_SPACE

#define KEY_UP_ "\033OA"
#define CTRL_D "\004"
#define CTRL_U "\025"

/* ---- starting, waiting, checking ---------------------------------------- */

/* The first row from row 1 whose text starts with PREFIX; 0 (the title)
   when there is none, which no check takes. */
static int
prefix_row (struct vt *vt, const char *prefix)
{
  char buf[ROW_MAX];
  for (int r = 1; r < ROWS; r++)
    if (strncmp (row (vt, r, buf, sizeof buf, 1), prefix, strlen (prefix)) == 0)
      return r;
  return 0;
}

/* The page's rule: the first row under the state that is a rule. */
static int
rule_row (struct vt *vt)
{
  char buf[ROW_MAX];
  for (int r = prefix_row (vt, "fds:") + 1; r < ROWS; r++)
    if (strncmp (row (vt, r, buf, sizeof buf, 0), "\xe2\x94\x80", 3) == 0)
      return r;
  return 0;
}

/* The verdict's first row: after the statements (drawn from column 1),
   the rows drawn from column 3, above the state. */
static int
explain_row (struct vt *vt)
{
  char buf[ROW_MAX];
  int fds = prefix_row (vt, "fds:");
  for (int r = fds - 1; r > 0; r--)
    {
      vt_row (vt, r, buf, sizeof buf);
      if (strncmp (buf, "   ", 3) != 0 || buf[3] == ' ')
        return r + 1 < fds ? r + 1 : fds;
    }
  return 1;
}

/* Start the program with ARGS (NULL terminated) in the folder CWD. */
static struct vt *
start (const char *what, const char *cwd, const char *const args[])
{
  const char *const env[] = { data_env, "NO_COLOR", "LINES", "COLUMNS", NULL };
  return start_program (what, args, ROWS, COLS, env, cwd);
}

/* One assertion: row R holds NEEDLE once the redraw is in. */
static int
row_has (struct vt *vt, const char *what, int r, const char *needle)
{
  settle (vt);
  char buf[ROW_MAX], next[ROW_MAX], both[2 * ROW_MAX + 2];
  const char *t = row (vt, r, buf, sizeof buf, 1);
  if (r == ROW_EXPLAIN)
    {
      /* The output wraps: its rows, up to the state, read as one line. */
      snprintf (both, sizeof both, "%s", t);
      for (int k = r + 1; k < ROW_FDS; k++)
        {
          size_t n = strlen (both);
          while (n && both[n - 1] == ' ')
            both[--n] = '\0';
          snprintf (both + n, sizeof both - n, " %s", row (vt, k, next, sizeof next, 1));
        }
      t = both;
    }
  int ok = strstr (t, needle) != NULL;
  if (!tap_ok (ok, "%s: row %d shows '%s'", what, r, needle))
    vt_dump (vt);
  return ok;
}

/* The last line of the history (rows 1-6), without its leading blanks, in
   BUF; "" when there is none. */
static const char *
last_history (struct vt *vt, char *buf, size_t len)
{
  char line[ROW_MAX];
  buf[0] = '\0';
  for (int r = 1; r < ROW_EXPLAIN; r++)
    {
      const char *t = row (vt, r, line, sizeof line, 1);
      if (strncmp (t, "> ", 2) == 0)
        snprintf (buf, len, "%s", t);
      else if (buf[0] && line[0] == ' ' && line[1] != ' ')
        {
          /* A statement wraps: its next row, from the same column. */
          size_t n = strlen (buf);
          snprintf (buf + n, len - n, " %s", t);
        }
    }
  return buf;
}

/* The test of enter: whether the last history line starts with the
   text at ARG. */
static int
history_starts (struct vt *vt, void *arg)
{
  char got[ROW_MAX];
  return strncmp (last_history (vt, got, sizeof got), arg, strlen (arg)) == 0;
}

/* How many rows hold NEEDLE. */
static int
rows_with (struct vt *vt, const char *needle)
{
  char buf[ROW_MAX];
  int n = 0;
  for (int r = 0; r < ROWS; r++)
    n += strstr (row (vt, r, buf, sizeof buf, 1), needle) != NULL;
  return n;
}

/* Type LINE and Enter; one assertion that the last history line becomes
   "> LINE  RESULT..." (RESULT a prefix of the result).  Returns 1 when it
   did. */
static int
enter (struct vt *vt, const char *what, const char *line, const char *result)
{
  char want[ROW_MAX], got[ROW_MAX];
  snprintf (want, sizeof want, "> %s  %s", line, result);
  if (strlen (want) > COLS - 2)
    want[COLS - 2] = '\0';          /* as far as the row shows it */
  /* A refused statement stays in the line to be edited: empty it first. */
  vt_send (vt, CTRL_U);
  vt_send (vt, line);
  vt_send (vt, "\r");
  wait_until (vt, history_starts, want, WAIT_MS);
  settle (vt);
  int ok = strncmp (last_history (vt, got, sizeof got), want, strlen (want)) == 0;
  if (!tap_ok (ok, "%s: '%s' gives '%s'", what, line, result))
    {
      tap_diag ("the last history line: %s", got);
      vt_dump (vt);
    }
  return ok;
}

/* The address "shown: 0x..." names, or 0. */
static unsigned long long
shown_addr (struct vt *vt)
{
  char buf[ROW_MAX];
  settle (vt);
  const char *t = row (vt, ROW_SHOWN, buf, sizeof buf, 1);
  unsigned long long a = 0;
  if (strncmp (t, "shown: 0x", 9) == 0)
    a = strtoull (t + 7, NULL, 16);
  return a;
}

/* The input line: what follows "console> " on its row, without the
   blanks it ends with (a completed word gets one after it). */
static const char *
input_text (struct vt *vt)
{
  static char buf[ROW_MAX];
  char line[ROW_MAX];
  const char *t = row (vt, ROW_INPUT, line, sizeof line, 1);
  snprintf (buf, sizeof buf, "%s", strncmp (t, "console>", 8) == 0 ? t + (t[8] == ' ' ? 9 : 8) : t);
  size_t n = strlen (buf);
  while (n && buf[n - 1] == ' ')
    buf[--n] = '\0';
  return buf;
}

/* The test of input_is: whether the input line reads the text at ARG. */
static int
input_reads (struct vt *vt, void *arg)
{
  return strcmp (input_text (vt), arg) == 0;
}

/* Wait until the input line reads TEXT; one assertion. */
static int
input_is (struct vt *vt, const char *what, const char *text)
{
  wait_until (vt, input_reads, (void *) text, WAIT_MS);
  settle (vt);
  int ok = strcmp (input_text (vt), text) == 0;
  if (!tap_ok (ok, "%s: the input line reads '%s'", what, text))
    {
      tap_diag ("it reads '%s'", input_text (vt));
      vt_dump (vt);
    }
  return ok;
}

/* Compile DIR/FILE with $CC -Wall -Wextra -Werror and run it: two
   assertions. */
static void
build_and_run (const char *what, const char *dir, const char *file)
{
  const char *cc = getenv ("CC");
  char cmd[9000];
  if (!cc || !*cc)
    cc = "cc";
  snprintf (cmd, sizeof cmd, "cd '%s' && %s -Wall -Wextra -Werror -o prog '%s' > cc.log 2>&1",
            dir, cc, file);
  int st = system (cmd);
  if (!tap_ok (st != -1 && WIFEXITED (st) && WEXITSTATUS (st) == 0,
               "%s: %s -Wall -Wextra -Werror %s builds it", what, cc, file))
    {
      snprintf (cmd, sizeof cmd, "sed 's/^/# /' '%s/cc.log' '%s/%s'", dir, dir, file);
      fflush (stdout);
      if (system (cmd) != 0)
        tap_diag ("(cannot show the compiler's words)");
      return;
    }
  snprintf (cmd, sizeof cmd, "cd '%s' && ./prog > run.out 2>&1 && test ! -s run.out", dir);
  st = system (cmd);
  tap_ok (st != -1 && WIFEXITED (st) && WEXITSTATUS (st) == 0,
          "%s: the program runs, exits 0, and says nothing (no call failed)", what);
}

/* ---- the session --------------------------------------------------- */

static void
session (void)
{
  const char *w = "session";
  const char *dir = vt_tempdir ();
  const char *const args[] = { "console", NULL };
  char path[4200], want[256];
  if (!tap_ok (dir != NULL, "%s: a private folder to run in", w))
    return;
  struct vt *vt = start (w, dir, args);
  if (!vt)
    return;
  if (!shows (vt, w, "Call console") || !shows (vt, w, "console>"))
    {
      vt_free (vt);
      return;
    }
  shows_now (vt, w, "shown: nothing mapped yet");
  row_has (vt, w, ROW_FDS, "fds: none   mappings: none");

  /* fd = open("/dev/zero", O_RDWR) */
  enter (vt, "open", "fd = open(\"/dev/zero\", O_RDWR)", "= ");
  char hist[ROW_MAX];
  int fd = -1;
  last_history (vt, hist, sizeof hist);
  const char *eq = strstr (hist, ")  = ");
  if (eq)
    fd = atoi (eq + 5);
  tap_ok (fd >= 3, "open: the result is an fd: %d", fd);
  snprintf (want, sizeof want, "fds: %d   mappings: none", fd);
  row_has (vt, "open", ROW_FDS, want);
  input_is (vt, "open", "");

  /* p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0) */
  enter (vt, "mmap", "p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0)", "= 0x");
  unsigned long long p = shown_addr (vt);
  tap_ok (p != 0 && p % 4096 == 0, "mmap: the mapping shown is at a page: %#llx", p);
  snprintf (want, sizeof want, "= %#llx", p);
  tap_ok (strstr (last_history (vt, hist, sizeof hist), want) != NULL,
          "mmap: the result is the address shown");
  row_has (vt, "mmap", ROW_SHOWN, "8192 B  PROT_READ  MAP_PRIVATE");
  row_has (vt, "mmap", ROW_MAPS, " r--p ");
  row_has (vt, "mmap", ROW_MAPS, "/dev/zero");
  /* Nothing touched yet: the view reads no page, and says so. */
  snprintf (want, sizeof want, "%#llx, rows 1-2 of 2", p);
  row_has (vt, "mmap", ROW_BOX_TOP, want);
  row_has (vt, "mmap", ROW_HEX0, "0000-0fff  not present: reads as zeros until touched");
  row_has (vt, "mmap", ROW_HEX0 + 1, "1000-1fff  not present: reads as zeros until touched");
  row_has (vt, "mmap", ROW_KERNEL, "mincore: 0 of 2 pages resident");
  row_has (vt, "mmap", ROW_SMAPS, "smaps (kB): Rss 0  Pss 0");

  /* strcpy(p, "hi") into PROT_READ: caught, and the console goes on. */
  w = "strcpy into PROT_READ";
  enter (vt, w, "strcpy(p, \"hi\")", "SIGSEGV (SEGV_ACCERR), caught by shmtutor");
  row_has (vt, w, ROW_EXPLAIN, "-> SIGSEGV writing 0x");
  row_has (vt, w, ROW_EXPLAIN, "PROT_READ");
  row_has (vt, w, ROW_EXPLAIN, "SEGV_ACCERR");
  row_has (vt, w, ROW_HEX0, "0000-0fff  not present");
  input_is (vt, w, "");

  /* The next call works. */
  w = "mprotect";
  enter (vt, w, "mprotect(p, 4096, PROT_READ|PROT_WRITE)", "= 0");
  row_has (vt, w, ROW_MAPS, " rw-p ");
  row_has (vt, w, ROW_SHOWN, "page 0 PROT_READ|PROT_WRITE, page 1 PROT_READ");
  lacks_now (vt, w, "SIGSEGV writing");

  w = "strcpy";
  snprintf (want, sizeof want, "= %#llx", p);
  enter (vt, w, "strcpy(p, \"hi\")", want);
  row_has (vt, w, ROW_HEX0, "0000  68 69 00 00");
  row_has (vt, w, ROW_HEX0, "  hi" NUL14);
  row_has (vt, w, ROW_EXPLAIN, "3 bytes stored, the NUL included");
  {
    int r, c;
    settle (vt);
    if (tap_ok (vt_find (vt, "0000  68 69 00", &r, &c), "%s: the row is there", w))
      tap_ok (marked (vt, r, c + 6) && marked (vt, r, c + 9) && !marked (vt, r, c + 12),
              "%s: 68 and 69 stand out as changed (bold, reversed), the 00 after them does"
              " not", w);
  }

  w = "strcpy p + 16";
  snprintf (want, sizeof want, "= %#llx", p + 16);
  enter (vt, w, "strcpy(p + 16, \"hello\")", want);
  row_has (vt, w, ROW_HEX0 + 1, "0010  68 65 6c 6c 6f 00 00");
  row_has (vt, w, ROW_HEX0 + 1, "  hello" NUL11);
  row_has (vt, w, ROW_HEX0, "0000  68 69 00");

  w = "memset";
  enter (vt, w, "memset(p, 0x41, 32)", "= 0x");
  row_has (vt, w, ROW_HEX0, "0000  41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA");
  row_has (vt, w, ROW_HEX0 + 1, "0010  41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA");
  row_has (vt, w, ROW_HEX0 + 2, "0020  00 00");

  w = "sprintf";
  enter (vt, w, "sprintf(p, \"%d\", 42)", "= 2");
  row_has (vt, w, ROW_HEX0, "0000  34 32 00 41 41 41");
  row_has (vt, w, ROW_HEX0, "42" NUL "AAAAAAAAAAAAA");

  w = "p[5] = 'x'";
  enter (vt, w, "p[5] = 'x'", "= 120");
  row_has (vt, w, ROW_HEX0, "0000  34 32 00 41 41 78 41");

  w = "read";
  enter (vt, w, "read(fd, buf, 16)", "= 16");
  row_has (vt, w, ROW_EXPLAIN, "16 bytes read, 16 of them zero");
  row_has (vt, w, ROW_HEX0, "0000  34 32 00 41 41 78 41");

  w = "write";
  enter (vt, w, "write(fd, \"x\", 1)", "= 1");
  row_has (vt, w, ROW_EXPLAIN, "no mapping changed");
  row_has (vt, w, ROW_HEX0, "0000  34 32 00 41 41 78 41");

  /* A call that fails: the errno's name and a line on what it means. */
  w = "mmap length 0";
  enter (vt, w, "mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fd, 0)", "= -1 EINVAL (Invalid argument)");
  row_has (vt, w, ROW_EXPLAIN, "-> length is 0");

  /* A path other than /dev/zero and /dev/null. */
  w = "open /etc/passwd";
  enter (vt, w, "open(\"/etc/passwd\", O_RDONLY)", "(not run)");
  row_has (vt, w, ROW_EXPLAIN, "refused: the console opens /dev/zero and /dev/null only");
  snprintf (want, sizeof want, "fds: %d   mappings:", fd);
  row_has (vt, w, ROW_FDS, want);

  /* Tab completes a call's name, a constant. */
  w = "Tab completion";
  vt_send (vt, CTRL_U);
  vt_send (vt, "mpr");
  input_is (vt, w, "mpr");
  vt_send (vt, "\t");
  input_is (vt, w, "mprotect");
  vt_send (vt, CTRL_U);
  input_is (vt, w, "");
  vt_send (vt, "mprotect(p, 4096, PROT_READ|PROT_W");
  vt_send (vt, "\t");
  input_is (vt, w, "mprotect(p, 4096, PROT_READ|PROT_WRITE");
  vt_send (vt, CTRL_U);
  input_is (vt, w, "");
  /* Ambiguous: a second Tab lists the candidates (input.c keeps them for
     the screen).  Was a bug, fixed: input.c binds Tab to its own function, which calls
     rl_complete; readline lists the candidates on a second Tab only when
     rl_last_func == rl_complete, which is never so, and show-all-if-
     ambiguous is off: the candidates never show.  (The screen draws them
     only while no parse error is on show: the last line here ran.) */
  vt_send (vt, "PROT_");
  input_is (vt, w, "PROT_");
  vt_send (vt, "\t");
  settle (vt);
  vt_send (vt, "\t");
  settle (vt);
  int listed = vt_find (vt, "PROT_NONE", NULL, NULL) && vt_find (vt, "PROT_WRITE", NULL, NULL);
  if (!tap_ok (listed, "regression (input.c tab: a second Tab never lists): 'PROT_' Tab Tab shows "
               "PROT_NONE, PROT_READ and PROT_WRITE"))
    vt_dump (vt);
  vt_send (vt, CTRL_U);
  input_is (vt, w, "");

  /* A parse error: the line again, a caret under the column. */
  w = "parse error";
  char before[ROW_MAX];
  settle (vt);
  last_history (vt, before, sizeof before);
  vt_send (vt, "close(fd x)\r");
  if (shows (vt, w, "^ column 10: expected ')'"))
    {
      int er, ec, cr, cc;
      settle (vt);
      int found = vt_find (vt, "close(fd x)", &er, &ec) && vt_find (vt, "^ column 10", &cr, &cc);
      tap_ok (found && cr == er + 1 && cc == ec + 9,
              "%s: the caret is under the 'x' in the line shown above it", w);
      tap_ok (strcmp (last_history (vt, hist, sizeof hist), before) == 0
              && strstr (before, "/etc/passwd") != NULL,
              "%s: nothing ran: the history ends as it did", w);
      /* The statement is given back, to be put right. */
      input_is (vt, w, "close(fd x)");
      vt_send (vt, CTRL_U);
      /* Was a bug, fixed: console.c drew the line and the caret over the
         last row of bytes and the bottom border of the hex view's box.
         Now the page gives up rows to them: the row above the line is
         the page's last row, whole. */
      char buf[ROW_MAX];
      const char *t = row (vt, er - 1, buf, sizeof buf, 1);
      tap_ok (strncmp (t, "00", 2) == 0 && strstr (t, "  00 00") && !strchr (t, '^')
              && er - 1 > ROW_BOX_TOP,
              "the parse error leaves the hex view whole: the row above it is a row of the "
              "page (%s)", t);
    }

  /* The fork demo with MAP_SHARED: the parent's view shows the child's
     bytes, once the parent has the page mapped (fork reads nothing). */
  w = "fork, MAP_SHARED";
  enter (vt, w, "s = mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)", "= 0x");
  unsigned long long s = shown_addr (vt);
  tap_ok (s != 0 && s != p, "%s: the new mapping is shown: %#llx", w, s);
  row_has (vt, w, ROW_SHOWN, "4096 B  PROT_READ|PROT_WRITE  MAP_SHARED");
  row_has (vt, w, ROW_MAPS, " rw-s ");
  enter (vt, w, "fork()", "= ");
  row_has (vt, w, ROW_EXPLAIN, "the child ");
  row_has (vt, w, ROW_EXPLAIN, "stored \"hello from the child\"");
  row_has (vt, w, ROW_HEX0, "0000-0fff  in memory, not in this process's page table");
  row_has (vt, w, ROW_PAGEMAP, "pagemap: 0 of 1 mapped here");
  /* The verdict, what the parent's page shows, ends the output line.
     Was a bug, fixed: console.c draws the record's output on row 7 cut at the screen's
     edge, and fork's output (eval.c do_fork) runs to some 115
     characters: at 80 columns, the least the program runs in, it ends
     "...; here th" and the verdict is lost (so is "; the console goes on"
     after a caught fault). */
  {
    settle (vt);
    char full[2 * ROW_MAX + 2];
    vt_row (vt, ROW_EXPLAIN, full, ROW_MAX);
    size_t n = strlen (full);
    full[n++] = ' ';
    vt_row (vt, ROW_EXPLAIN + 1, full + n, sizeof full - n);
    if (!tap_ok (strstr (full, "once mapped here)") != NULL, "%s: the output, on two rows at 80 "
                 "columns, ends with its last words: where the view shows it", w))
      tap_diag ("row 7: %s", full);
  }
  enter (vt, w, "s[100] = 1", "= 1");
  row_has (vt, w, ROW_HEX0, "0000  68 65 6c 6c 6f 20 66 72 6f 6d 20 74 68 65 20 63  hello" SP "from" SP
           "the" SP "c");
  row_has (vt, w, ROW_HEX0 + 1, "0010  68 69 6c 64 00");

  /* Tab on an empty line, two mappings: the other one is shown, then
     this one again. */
  w = "Tab on an empty line";
  input_is (vt, w, "");
  vt_send (vt, "\t");
  snprintf (want, sizeof want, "shown: %#llx  8192 B", p);
  if (shows (vt, w, want))
    {
      row_has (vt, w, ROW_HEX0, "0000  34 32 00 41 41 78 41");
      snprintf (want, sizeof want, "*%#llx", p);
      row_has (vt, w, ROW_FDS, want);
      /* Page 0 written (256 rows), page 1 never touched (one row). */
      snprintf (want, sizeof want, "%#llx, rows 1-", p);
      row_has (vt, w, ROW_BOX_TOP, want);
      row_has (vt, w, ROW_BOX_TOP, " of 257  (Tab");
    }
  input_is (vt, w, "");
  vt_send (vt, "\t");
  snprintf (want, sizeof want, "shown: %#llx  4096 B", s);
  if (shows (vt, w, want))
    row_has (vt, w, ROW_HEX0, "0000  68 65 6c 6c 6f 20 66 72");

  /* The fork demo with MAP_PRIVATE: the child's bytes stay its own. */
  w = "fork, MAP_PRIVATE";
  enter (vt, w, "q = mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE, fd, 0)", "= 0x");
  unsigned long long q = shown_addr (vt);
  tap_ok (q != 0 && q != p && q != s, "%s: the new mapping is shown: %#llx", w, q);
  enter (vt, w, "q[0] = 0", "= 0");
  enter (vt, w, "fork()", "= ");
  row_has (vt, w, ROW_EXPLAIN, "stored \"hello from the child\"");
  row_has (vt, w, ROW_HEX0, "0000  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  " NUL16);
  lacks_now (vt, w, "68 65 6c 6c 6f 20 66 72");

  /* help lists what the console understands; any key closes it. */
  w = "help";
  vt_send (vt, "help\r");
  if (shows (vt, w, "the console understands"))
    {
      shows_now (vt, w, "fd = open(\"/dev/zero\", O_RDWR)");
      shows_now (vt, w, "p = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)");
      shows_now (vt, w, "strcpy(p + 16, \"hello\")");
      shows_now (vt, w, "fork()");
      shows_now (vt, w, "p[5] = 'x'");
      shows_now (vt, w, "save FILE");
      shows_now (vt, w, "Any key closes this; F1 lists the keys");
      vt_send (vt, "z");
      if (tap_ok (vt_wait_gone (vt, "the console understands", WAIT_MS), "%s: a key closes it", w))
        input_is (vt, w, "");
    }

  /* msync, mincore, munmap; then the former mapping touched. */
  w = "msync";
  enter (vt, w, "msync(p, 4096, MS_SYNC)", "= 0");
  w = "mincore";
  enter (vt, w, "mincore(p, 8192)", "= 0");
  row_has (vt, w, ROW_EXPLAIN, "vec: 1 ");
  row_has (vt, w, ROW_EXPLAIN, "of 2 pages resident");
  w = "munmap";
  enter (vt, w, "munmap(p, 8192)", "= 0");
  snprintf (want, sizeof want, "%#llx", p);
  settle (vt);
  char fds[ROW_MAX];
  tap_ok (strstr (row (vt, ROW_FDS, fds, sizeof fds, 1), want) == NULL, "%s: p is no more among the mappings", w);
  w = "a former mapping";
  enter (vt, w, "strcpy(p, \"x\")", "SIGSEGV (SEGV_ACCERR), caught by shmtutor");
  row_has (vt, w, ROW_EXPLAIN, "PROT_NONE");
  w = "after the fault";
  snprintf (want, sizeof want, "= %#llx", q);
  enter (vt, w, "memset(q, 0x42, 4)", want);
  row_has (vt, w, ROW_HEX0, "0000  42 42 42 42 00");
  w = "close";
  enter (vt, w, "close(fd)", "= 0");
  row_has (vt, w, ROW_FDS, "fds: none");

  /* save FILE: into the program's current folder, never over a file,
     never outside it. */
  w = "save";
  vt_send (vt, "save s.c\r");
  shows (vt, w, "wrote s.c");
  snprintf (path, sizeof path, "%s/s.c", dir);
  if (tap_ok (exists (path), "%s: %s is there", w, path))
    build_and_run (w, dir, "s.c");
  vt_send (vt, "save s.c\r");
  shows (vt, w, "never overwrites");
  vt_send (vt, "save /tmp/s.c\r");
  shows (vt, w, "current folder only");
  vt_send (vt, "save ../s.c\r");
  shows (vt, w, "current folder only");
  snprintf (path, sizeof path, "%s/../s.c", dir);
  tap_ok (!exists (path), "%s: nothing was written above the folder", w);

  /* Up recalls the last line. */
  w = "Up";
  input_is (vt, w, "");
  vt_send (vt, KEY_UP_);
  input_is (vt, w, "save ../s.c");
  vt_send (vt, CTRL_U);
  input_is (vt, w, "");

  /* Ctrl-D on the empty line leaves. */
  vt_send (vt, CTRL_D);
  ends_restored (vt, "Ctrl-D", 0);
  vt_free (vt);
}

/* ---- escape sequences printed ------------------------------------------------ */

/* What a statement prints is shown, never sent: a title's OSC, a colour
   and a C1 CSI stay text on the screen, and the bytes the tutor wrote to
   the terminal hold none of them. */
static void
escapes_shown (void)
{
  const char *w = "printf of escape sequences";
  const char *dir = vt_tempdir ();
  const char *const args[] = { "console", NULL };
  if (!dir)
    return;
  struct vt *vt = start (w, dir, args);
  if (!vt)
    return;
  if (shows (vt, w, "console>"))
    {
      enter (vt, w, "printf(\"\\033]0;PWNED\\007\\033[31mred\\302\\233\\n\")", "");
      if (!tap_ok (rows_with (vt, "\\033]0;PWNED\\007\\033[31mred\\302\\233") == 2,
                   "%s: the statement and the output pane show them as escapes", w))
        vt_dump (vt);
      size_t sent_len;
      const char *sent = vt_output (vt, &sent_len);
      tap_ok (!memmem (sent, sent_len, "\033]0;PWNED", strlen ("\033]0;PWNED"))
              && !memmem (sent, sent_len, "\033[31mred", strlen ("\033[31mred"))
              && !memmem (sent, sent_len, "red\302\233", strlen ("red\302\233")),
              "%s: the terminal was sent no ESC, OSC or C1 byte of them", w);
      vt_send (vt, "quit\r");
    }
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* ---- quit, exit ------------------------------------------------------------- */

static void
quit (const char *word)
{
  char w[64];
  snprintf (w, sizeof w, "'%s'", word);
  const char *dir = vt_tempdir ();
  const char *const args[] = { "console", NULL };
  if (!dir)
    return;
  struct vt *vt = start (w, dir, args);
  if (!vt)
    return;
  if (shows (vt, w, "console>"))
    {
      enter (vt, w, "fd = open(\"/dev/null\", O_WRONLY)", "= ");
      vt_send (vt, word);
      vt_send (vt, "\r");
    }
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* ---- the lesson's program, typed and pasted ------------------------------ */


/* The test of the prompt being back: a line run, the next one waited for. */
static int
prompt_back (struct vt *vt, void *arg)
{
  char buf[ROW_MAX];
  const char *t = row (vt, ROW_INPUT, buf, sizeof buf, 1);
  (void) arg;
  /* The prompt alone: the line sent has been taken (until then it stands
     after the prompt, which a slow run, under valgrind, shows a while). */
  size_t n = strlen (t);
  while (n && t[n - 1] == ' ')
    n--;
  return (n == 8 && strncmp (t, "console>", 8) == 0) || (n == 4 && strncmp (t, "...>", 4) == 0)
    || (n == 9 && strncmp (t, "skipping>", 9) == 0);
}

/* The test of the continuation prompt, bare. */
static int
continues (struct vt *vt, void *arg)
{
  char buf[ROW_MAX];
  const char *t = row (vt, ROW_INPUT, buf, sizeof buf, 1);
  size_t n = strlen (t);
  (void) arg;
  while (n && t[n - 1] == ' ')
    n--;
  return n == 4 && strncmp (t, "...>", 4) == 0;
}

/* The test of a paste's end: the printf's line shown a second time. */
static int
printed_twice (struct vt *vt, void *arg)
{
  (void) arg;
  return rows_with (vt, "Shared Memory: Hello from user space") == 2 && prompt_back (vt, NULL);
}

static void
lesson_typed (void)
{
  const char *w = "lesson typed";
  const char *bin = getenv ("SHMTUTOR_REAL");
  const char *dir = vt_tempdir ();
  const char *const args[] = { "console", NULL };
  static char prog[8192];
  char cmd[600];
  if (!bin || !dir)
    {
      tap_skip ("the lesson's program typed: no SHMTUTOR_REAL or no folder");
      return;
    }
  snprintf (cmd, sizeof cmd, "'%s' --lesson shared-memory --program", bin);
  FILE *f = popen (cmd, "r");
  size_t n = f ? fread (prog, 1, sizeof prog - 1, f) : 0;
  prog[n] = '\0';
  if (!f || pclose (f) != 0 || !n)
    {
      tap_ok (0, "%s: shmtutor --program gives the lesson's program", w);
      return;
    }
  struct vt *vt = start (w, dir, args);
  if (!vt)
    return;
  if (!shows (vt, w, "console>"))
    {
      vt_free (vt);
      return;
    }
  /* Line by line, as a learner copies it: the mmap's two lines are one
     statement, the second typed at the '...>' prompt. */
  int carets = 0, lines = 0, fd3 = 0, cont = 0;
  for (char *l = strtok (prog, "\n"); l; l = strtok (NULL, "\n"))
    {
      vt_send (vt, CTRL_U);
      vt_send (vt, l);
      vt_send (vt, "\r");
      lines++;
      size_t ln = strlen (l);
      if (ln && l[ln - 1] == ',')
        {
          /* A statement not ended: the bare '...>' prompt, which no line
             before it showed, so no slow redraw can be mistaken for it. */
          cont += wait_until (vt, continues, NULL, 4 * WAIT_MS);
          continue;
        }
      wait_until (vt, prompt_back, NULL, WAIT_MS);
      settle (vt);
      carets += vt_find (vt, "^ column", NULL, NULL);
      if (strstr (l, "int fd = open("))
        {
          char buf[ROW_MAX];
          const char *t = row (vt, ROW_FDS, buf, sizeof buf, 1);
          fd3 = strncmp (t, "fds: 3 ", 7) == 0;
          if (!fd3)
            tap_diag ("after the open: %s", t);
        }
    }
  if (!tap_ok (carets == 0, "%s: none of its %d lines is refused or fails to parse", w, lines))
    {
      tap_diag ("%d marked", carets);
      vt_dump (vt);
    }
  /* Under make check-valgrind (this test itself under valgrind) the
     tutor has once started with a descriptor below its first open, and
     the console named it; the plain run checks for 3. */
  if (getenv ("SHMTUTOR_UNDER_VALGRIND") && !fd3)
    tap_skip ("under valgrind a descriptor lay below the first open: 3 is checked without it");
  else
    tap_ok (fd3, "%s: its open returns 3, the lowest fd not open, as the lesson says", w);
  tap_ok (cont == 1, "%s: the mmap's first line waits at '...>' for its second", w);
  if (!tap_ok (rows_with (vt, "Shared Memory: Hello from user space") == 1,
               "%s: the output pane shows 'Shared Memory: Hello from user space'", w))
    vt_dump (vt);

  /* A statement of two lines is one entry of the history, as bash keeps
     a command of many lines: Up gives it back whole. */
  vt_send (vt, CTRL_U);
  vt_send (vt, "char *m2 = mmap(NULL, 4096, PROT_READ,\r");
  wait_until (vt, prompt_back, NULL, WAIT_MS);
  vt_send (vt, "MAP_PRIVATE, fd, 0);\r");
  wait_until (vt, prompt_back, NULL, WAIT_MS);
  settle (vt);
  vt_send (vt, KEY_UP_);
  input_is (vt, "lesson typed, history", "char *m2 = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);");
  vt_send (vt, KEY_UP_);
  input_is (vt, "lesson typed, history", "}");

  /* The whole program pasted at once (bracketed paste): run in order. */
  w = "lesson pasted";
  vt_send (vt, CTRL_U);
  vt_send (vt, "\033[200~");
  snprintf (cmd, sizeof cmd, "'%s' --lesson shared-memory --program", bin);
  f = popen (cmd, "r");
  n = f ? fread (prog, 1, sizeof prog - 1, f) : 0;
  prog[n] = '\0';
  if (f)
    pclose (f);
  vt_send (vt, prog);
  vt_send (vt, "\033[201~");
  vt_send (vt, "\r");
  wait_until (vt, printed_twice, NULL, 4 * WAIT_MS);
  settle (vt);
  if (!tap_ok (rows_with (vt, "Shared Memory: Hello from user space") == 2,
               "%s: the output pane shows the printf's line a second time", w))
    vt_dump (vt);
  tap_ok (!vt_find (vt, "^ column", NULL, NULL), "%s: no statement of it refused", w);
  input_is (vt, w, "");
  vt_send (vt, CTRL_D);
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* ---- --no-save --------------------------------------------------------------- */

static void
no_save (void)
{
  const char *w = "--no-save";
  const char *dir = vt_tempdir ();
  const char *const args[] = { "--no-save", "console", NULL };
  char path[4200];
  if (!dir)
    return;
  struct vt *vt = start (w, dir, args);
  if (!vt)
    return;
  if (shows (vt, w, "console>"))
    {
      enter (vt, w, "fd = open(\"/dev/zero\", O_RDWR)", "= ");
      vt_send (vt, "save t.c\r");
      shows (vt, w, "saving is off (--no-save)");
      snprintf (path, sizeof path, "%s/t.c", dir);
      tap_ok (!exists (path), "%s: no t.c was written", w);
      vt_send (vt, CTRL_D);
    }
  ends_restored (vt, w, 0);
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();

  session ();
  quit ("quit");
  quit ("exit");
  no_save ();
  lesson_typed ();
  escapes_shown ();
  vt_cleanup ();
  return tap_done ();
}

#endif
