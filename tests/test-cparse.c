/* test-cparse.c - the call console's parser: good lines of every form the
   console takes, each checked field by field, then bad lines, each with
   the column where parsing stopped and a word of its message.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Run it under valgrind too (make check-valgrind does): every statement,
   good or bad, is given back with cp_free, so a leak on an error path
   shows up as a definite leak there. */
#include <config.h>

#include <stdarg.h>

#include "cparse.h"
#include "tap.h"

/* When valgrind's header is at hand, a parse can also be checked for the
   invalid reads and writes memcheck saw while it ran (0 elsewhere). */
#ifdef HAVE_VALGRIND_VALGRIND_H
# include <valgrind/valgrind.h>
#endif
#ifndef VALGRIND_COUNT_ERRORS
# define VALGRIND_COUNT_ERRORS 0
# define RUNNING_ON_VALGRIND 0
#endif

/* ---- helpers ----------------------------------------------------------- */

/* The statement the last good() parsed: the nodes its expressions are in. */
static const struct cp_stmt *cur;

/* An expression as the operands of its chain of + - |, each with the
   operator before it (0 for the first); a leading minus is 0 - x. */
struct flat {
  int n;
  struct {
    enum cp_node_kind kind;
    char op;
    long long num;
    const char *str;
    const char *name;
    int col;
  } t[32];
};

static void
flatten (int i, char op, struct flat *f)
{
  const struct cp_node *n = cur ? cp_node (cur, i) : NULL;
  if (!n || f->n >= 32)
    return;
  if (n->kind == CP_BINARY && !n->paren && (n->op == '+' || n->op == '-' || n->op == '|'))
    {
      flatten (n->a, op, f);
      flatten (n->b, (char) n->op, f);
      return;
    }
  if (n->kind == CP_UNARY && n->op == '-' && f->n == 0)
    {
      f->t[0].kind = CP_NUM;
      f->t[0].op = 0;
      f->t[0].num = 0;
      f->t[0].str = NULL;
      f->t[0].name = "";
      f->t[0].col = n->col;
      f->n = 1;
      flatten (n->a, '-', f);
      return;
    }
  f->t[f->n].kind = n->kind;
  f->t[f->n].op = op;
  f->t[f->n].num = n->num;
  f->t[f->n].str = n->str;
  f->t[f->n].name = n->name;
  f->t[f->n].col = n->col;
  f->n++;
}

static struct flat
flat (const struct cp_expr *e)
{
  struct flat f;
  memset (&f, 0, sizeof f);
  flatten (e->root, 0, &f);
  return f;
}

/* Parse LINE into ST; one assertion that it parses.  Returns 1 when it
   did (ST must be freed with cp_free either way). */
static int
good (const char *line, struct cp_stmt *st)
{
  int col = -1;
  char err[200] = "";
  int rc = cp_parse (line, st, &col, err, sizeof err);
  cur = st;
  if (!tap_ok (rc == 0, "'%s' parses", line))
    tap_diag ("column %d: %s", col, err);
  return rc == 0;
}

/* A label for the memcheck assertion of a known bug, or "". */
static const char *bug = "";

/* LINE is refused at column COL with WORD in the message. */
static void
bad (const char *line, int want_col, const char *word)
{
  struct cp_stmt st;
  int col = -1;
  char err[200] = "";
  unsigned before = (unsigned) VALGRIND_COUNT_ERRORS;
  int rc = cp_parse (line, &st, &col, err, sizeof err);
  cp_free (&st);
  tap_ok (rc == -1, "'%.60s%s' is refused", line, strlen (line) > 60 ? "..." : "");
  tap_int (col, want_col, "'%.60s%s': stops at column %d", line, strlen (line) > 60 ? "..." : "",
           want_col);
  if (!tap_ok (strstr (err, word) != NULL, "'%.60s%s': the message says '%s'", line,
               strlen (line) > 60 ? "..." : "", word))
    tap_diag ("the message: %s", err);
  if (RUNNING_ON_VALGRIND)
    tap_int ((unsigned) VALGRIND_COUNT_ERRORS - before, 0,
             "%s'%.60s%s': memcheck saw no invalid access while it was parsed", bug, line,
             strlen (line) > 60 ? "..." : "");
}

/* A bad escape in a string or a character: as bad(), with the memcheck
   assertion marked.  Was a bug, fixed: quoted() in cparse.c ends the unescaped text with
   out[raw ? n : 0] = '\0' before it checks n for (size_t) -1, the bad
   escape's answer, so it writes one byte before the block it allocated
   (out[-1]); memcheck reports an invalid write of size 1.  Harmless with
   glibc's malloc in practice (the byte is the top of the chunk's size
   field, 0 already), so only a run under valgrind or ASan sees it. */
static void
bad_escape (const char *line, int want_col, const char *word)
{
  bug = "regression (cparse.c quoted: out[-1] written on a bad escape): ";
  bad (line, want_col, word);
  bug = "";
}

/* One term of an argument. */
static void
term_num (const struct cp_expr *e, int i, char op, long long num, const char *what)
{
  const struct flat fl = flat (e), *f = &fl;
  tap_ok (i < f->n && f->t[i].kind == CP_NUM && f->t[i].op == op && f->t[i].num == num,
          "%s: term %d is the number %lld after '%c'", what, i, num, op ? op : '^');
  if (i < f->n && (f->t[i].kind != CP_NUM || f->t[i].num != num || f->t[i].op != op))
    tap_diag ("kind %d, op %d, num %lld", (int) f->t[i].kind, f->t[i].op, f->t[i].num);
}

static void
term_name (const struct cp_expr *e, int i, char op, const char *name, const char *what)
{
  const struct flat fl = flat (e), *f = &fl;
  int ok = i < f->n && f->t[i].kind == CP_NAME_T && f->t[i].op == op
           && strcmp (f->t[i].name, name) == 0;
  if (!tap_ok (ok, "%s: term %d is the name %s after '%c'", what, i, name, op ? op : '^')
      && i < f->n)
    tap_diag ("kind %d, op %d, name '%s'", (int) f->t[i].kind, f->t[i].op, f->t[i].name);
}

static void
term_str (const struct cp_expr *e, int i, const char *bytes, const char *what)
{
  const struct flat fl = flat (e), *f = &fl;
  int ok = i < f->n && f->t[i].kind == CP_STR && f->t[i].str && strcmp (f->t[i].str, bytes) == 0;
  if (!tap_ok (ok, "%s: term %d is a string of %zu bytes, escapes undone", what, i,
               strlen (bytes)) && i < f->n && f->t[i].str)
    {
      printf ("#   got: ");
      for (const char *p = f->t[i].str; *p; p++)
        printf ("\\x%02x", (unsigned char) *p);
      putchar ('\n');
    }
}

/* Argument I: N terms, typed as TEXT. */
static void
arg_is (const struct cp_stmt *st, int i, int n, const char *text, const char *what)
{
  if (i >= st->nargs)
    {
      tap_ok (0, "%s: there is an argument %d", what, i);
      return;
    }
  tap_int (flat (&st->args[i]).n, n, "%s: argument %d has %d term%s", what, i, n, n == 1 ? "" : "s");
  tap_str (st->args[i].text, text, "%s: argument %d reads '%s'", what, i, text);
}

static void
call_is (const struct cp_stmt *st, const char *assign, const char *fn, int nargs,
         const char *what)
{
  tap_int (st->kind, CP_CALL, "%s: a call", what);
  tap_str (st->assign, assign, "%s: assigns to '%s'", what, assign);
  tap_str (st->fn, fn, "%s: calls %s", what, fn);
  tap_int (st->nargs, nargs, "%s: %d argument%s", what, nargs, nargs == 1 ? "" : "s");
}

/* ---- the lines ------------------------------------------------- */

static void
test_open (void)
{
  const char *w = "fd = open(\"/dev/zero\", O_RDWR)";
  struct cp_stmt st;
  if (good (w, &st))
    {
      call_is (&st, "fd", "open", 2, w);
      arg_is (&st, 0, 1, "\"/dev/zero\"", w);
      term_str (&st.args[0], 0, "/dev/zero", w);
      tap_int (flat (&st.args[0]).t[0].col, 11, "%s: the string starts at column 11", w);
      tap_int (st.args[0].col, 11, "%s: argument 0 starts at column 11", w);
      arg_is (&st, 1, 1, "O_RDWR", w);
      term_name (&st.args[1], 0, 0, "O_RDWR", w);
      tap_int (st.args[1].col, 24, "%s: argument 1 starts at column 24", w);
    }
  cp_free (&st);
}

static void
test_mmap (void)
{
  const char *w = "p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0)";
  struct cp_stmt st;
  if (good (w, &st))
    {
      call_is (&st, "p", "mmap", 6, w);
      arg_is (&st, 0, 1, "NULL", w);
      term_name (&st.args[0], 0, 0, "NULL", w);
      arg_is (&st, 1, 1, "8192", w);
      term_num (&st.args[1], 0, 0, 8192, w);
      arg_is (&st, 2, 1, "PROT_READ", w);
      term_name (&st.args[2], 0, 0, "PROT_READ", w);
      arg_is (&st, 3, 1, "MAP_PRIVATE", w);
      term_name (&st.args[3], 0, 0, "MAP_PRIVATE", w);
      arg_is (&st, 4, 1, "fd", w);
      term_name (&st.args[4], 0, 0, "fd", w);
      arg_is (&st, 5, 1, "0", w);
      term_num (&st.args[5], 0, 0, 0, w);
    }
  cp_free (&st);

  /* No blanks at all, and many. */
  w = "p=mmap(NULL,4096,PROT_READ|PROT_WRITE,MAP_SHARED,fd,0)";
  if (good (w, &st))
    {
      call_is (&st, "p", "mmap", 6, w);
      arg_is (&st, 2, 2, "PROT_READ|PROT_WRITE", w);
      term_name (&st.args[2], 1, '|', "PROT_WRITE", w);
    }
  cp_free (&st);
  w = "  p   =   mmap (  NULL ,\t4096 , PROT_READ , MAP_SHARED , fd , 0  )  ";
  if (good (w, &st))
    {
      call_is (&st, "p", "mmap", 6, w);
      arg_is (&st, 0, 1, "NULL", w);
      arg_is (&st, 1, 1, "4096", w);
      arg_is (&st, 5, 1, "0", w);
    }
  cp_free (&st);
}

static void
test_strcpy (void)
{
  const char *w = "strcpy(p, \"hi\")";
  struct cp_stmt st;
  if (good (w, &st))
    {
      call_is (&st, "", "strcpy", 2, w);
      arg_is (&st, 0, 1, "p", w);
      term_name (&st.args[0], 0, 0, "p", w);
      arg_is (&st, 1, 1, "\"hi\"", w);
      term_str (&st.args[1], 0, "hi", w);
    }
  cp_free (&st);

  w = "strcpy(p + 16, \"hello\")";
  if (good (w, &st))
    {
      call_is (&st, "", "strcpy", 2, w);
      arg_is (&st, 0, 2, "p + 16", w);
      term_name (&st.args[0], 0, 0, "p", w);
      term_num (&st.args[0], 1, '+', 16, w);
      tap_int (flat (&st.args[0]).t[0].col, 8, "%s: p is at column 8", w);
      tap_int (flat (&st.args[0]).t[1].col, 12, "%s: 16 is at column 12", w);
      arg_is (&st, 1, 1, "\"hello\"", w);
      term_str (&st.args[1], 0, "hello", w);
      tap_int (flat (&st.args[1]).t[0].col, 16, "%s: the string is at column 16", w);
    }
  cp_free (&st);

  /* Every escape the console knows. */
  w = "strcpy(p, \"a\\tb\\n\\r\\\"q\\\" \\\\ \\' \\x41\\x4a \\101\\7 \\033\")";
  if (good (w, &st))
    {
      call_is (&st, "", "strcpy", 2, w);
      term_str (&st.args[1], 0, "a\tb\n\r\"q\" \\ ' AJ A\a \033", w);
      arg_is (&st, 1, 1, "\"a\\tb\\n\\r\\\"q\\\" \\\\ \\' \\x41\\x4a \\101\\7 \\033\"", w);
    }
  cp_free (&st);

  /* The empty string. */
  w = "strcpy(p, \"\")";
  if (good (w, &st))
    term_str (&st.args[1], 0, "", w);
  cp_free (&st);

  /* A comma and a parenthesis inside a string are the string's. */
  w = "strcpy(p, \"a, b) c\")";
  if (good (w, &st))
    {
      call_is (&st, "", "strcpy", 2, w);
      term_str (&st.args[1], 0, "a, b) c", w);
    }
  cp_free (&st);
}

static void
test_numbers (void)
{
  const char *w = "memset(p, 0x41, 32)";
  struct cp_stmt st;
  if (good (w, &st))
    {
      call_is (&st, "", "memset", 3, w);
      arg_is (&st, 1, 1, "0x41", w);
      term_num (&st.args[1], 0, 0, 0x41, w);
      term_num (&st.args[2], 0, 0, 32, w);
    }
  cp_free (&st);

  w = "f(0XfF, 0755, 0, 4294967296, 9223372036854775807)";
  if (good (w, &st))
    {
      call_is (&st, "", "f", 5, w);
      term_num (&st.args[0], 0, 0, 255, w);
      term_num (&st.args[1], 0, 0, 0755, w);
      term_num (&st.args[2], 0, 0, 0, w);
      term_num (&st.args[3], 0, 0, 4294967296LL, w);
      term_num (&st.args[4], 0, 0, 9223372036854775807LL, w);
    }
  cp_free (&st);

  /* A leading minus is 0 - x; '-' and '+' chain. */
  w = "f(-1, 8192 - 4096 + 1, p+16-2)";
  if (good (w, &st))
    {
      call_is (&st, "", "f", 3, w);
      arg_is (&st, 0, 2, "-1", w);
      term_num (&st.args[0], 0, 0, 0, w);
      term_num (&st.args[0], 1, '-', 1, w);
      arg_is (&st, 1, 3, "8192 - 4096 + 1", w);
      term_num (&st.args[1], 1, '-', 4096, w);
      term_num (&st.args[1], 2, '+', 1, w);
      arg_is (&st, 2, 3, "p+16-2", w);
      term_name (&st.args[2], 0, 0, "p", w);
      term_num (&st.args[2], 1, '+', 16, w);
      term_num (&st.args[2], 2, '-', 2, w);
    }
  cp_free (&st);

  /* Eight operands are the most. */
  w = "f(1|2|4|8|16|32|64|128)";
  if (good (w, &st))
    {
      tap_int (flat (&st.args[0]).n, 8, "%s: eight terms", w);
      term_num (&st.args[0], 7, '|', 128, w);
    }
  cp_free (&st);
}

static void
test_sprintf_mprotect (void)
{
  const char *w = "sprintf(p, \"%d\", 42)";
  struct cp_stmt st;
  if (good (w, &st))
    {
      call_is (&st, "", "sprintf", 3, w);
      term_str (&st.args[1], 0, "%d", w);
      arg_is (&st, 1, 1, "\"%d\"", w);
      term_num (&st.args[2], 0, 0, 42, w);
    }
  cp_free (&st);

  w = "mprotect(p, 4096, PROT_READ|PROT_WRITE)";
  if (good (w, &st))
    {
      call_is (&st, "", "mprotect", 3, w);
      arg_is (&st, 0, 1, "p", w);
      arg_is (&st, 1, 1, "4096", w);
      arg_is (&st, 2, 2, "PROT_READ|PROT_WRITE", w);
      term_name (&st.args[2], 0, 0, "PROT_READ", w);
      term_name (&st.args[2], 1, '|', "PROT_WRITE", w);
      tap_int (flat (&st.args[2]).t[1].col, 29, "%s: PROT_WRITE is at column 29", w);
    }
  cp_free (&st);

  w = "mprotect(p, 4096, PROT_READ | PROT_WRITE)";
  if (good (w, &st))
    arg_is (&st, 2, 2, "PROT_READ | PROT_WRITE", w);
  cp_free (&st);

  /* Eight arguments are the most. */
  w = "sprintf(p, \"%d%d%d%d%d%d\", 1, 2, 3, 4, 5, 6)";
  if (good (w, &st))
    {
      call_is (&st, "", "sprintf", 8, w);
      term_num (&st.args[7], 0, 0, 6, w);
    }
  cp_free (&st);
}

static void
test_store (void)
{
  const char *w = "p[5] = 'x'";
  struct cp_stmt st;
  if (good (w, &st))
    {
      tap_int (st.kind, CP_STORE, "%s: a store", w);
      tap_str (st.target.text, "p", "%s: into p", w);
      tap_int (flat (&st.index).n, 1, "%s: the index is one term", w);
      term_num (&st.index, 0, 0, 5, w);
      tap_str (st.index.text, "5", "%s: the index reads '5'", w);
      tap_int (flat (&st.value).n, 1, "%s: the value is one term", w);
      term_num (&st.value, 0, 0, 'x', w);
      tap_str (st.value.text, "'x'", "%s: the value reads 'x' in quotes", w);
      tap_int (st.value.col, 8, "%s: the value is at column 8", w);
      tap_str (st.fn, "", "%s: no function", w);
    }
  cp_free (&st);

  /* Character literals with escapes, an index that is a sum. */
  static const struct { const char *line; long long v; } chars[] = {
    { "p[0] = '\\n'", '\n' }, { "p[0] = '\\''", '\'' }, { "p[0] = '\\\\'", '\\' },
    { "p[0] = '\\x41'", 0x41 }, { "p[0] = '\\101'", 0101 }, { "p[0] = '\"'", '"' },
    { "p[0] = '\\377'", -1 }, { "p[0] = 0x7f", 0x7f },
  };
  for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
    {
      if (good (chars[i].line, &st))
        {
          tap_int (st.kind, CP_STORE, "%s: a store", chars[i].line);
          term_num (&st.value, 0, 0, chars[i].v, chars[i].line);
        }
      cp_free (&st);
    }

  w = "p[ i + 1 ]=' '";
  if (good (w, &st))
    {
      tap_int (st.kind, CP_STORE, "%s: a store", w);
      tap_str (st.index.text, "i + 1", "%s: the index reads 'i + 1'", w);
      term_name (&st.index, 0, 0, "i", w);
      term_num (&st.index, 1, '+', 1, w);
      term_num (&st.value, 0, 0, ' ', w);
    }
  cp_free (&st);
}

static void
test_io_and_the_rest (void)
{
  struct cp_stmt st;
  const char *w = "read(fd, buf, 16)";
  if (good (w, &st))
    {
      call_is (&st, "", "read", 3, w);
      term_name (&st.args[0], 0, 0, "fd", w);
      term_name (&st.args[1], 0, 0, "buf", w);
      term_num (&st.args[2], 0, 0, 16, w);
    }
  cp_free (&st);

  w = "write(fd, \"x\", 1)";
  if (good (w, &st))
    {
      call_is (&st, "", "write", 3, w);
      term_str (&st.args[1], 0, "x", w);
      term_num (&st.args[2], 0, 0, 1, w);
    }
  cp_free (&st);

  w = "fork()";
  if (good (w, &st))
    call_is (&st, "", "fork", 0, w);
  cp_free (&st);
  w = "pid = fork( )";
  if (good (w, &st))
    call_is (&st, "pid", "fork", 0, w);
  cp_free (&st);

  w = "msync(p, 4096, MS_SYNC)";
  if (good (w, &st))
    {
      call_is (&st, "", "msync", 3, w);
      term_name (&st.args[2], 0, 0, "MS_SYNC", w);
    }
  cp_free (&st);

  w = "mincore(p, 8192)";
  if (good (w, &st))
    call_is (&st, "", "mincore", 2, w);
  cp_free (&st);

  w = "munmap(p, 8192)";
  if (good (w, &st))
    {
      call_is (&st, "", "munmap", 2, w);
      arg_is (&st, 1, 1, "8192", w);
    }
  cp_free (&st);

  w = "close(fd)";
  if (good (w, &st))
    {
      call_is (&st, "", "close", 1, w);
      arg_is (&st, 0, 1, "fd", w);
    }
  cp_free (&st);

  /* A trailing ';', with or without blanks around it. */
  w = "close(fd);";
  if (good (w, &st))
    call_is (&st, "", "close", 1, w);
  cp_free (&st);
  w = "fd = open(\"/dev/null\", O_WRONLY) ;  ";
  if (good (w, &st))
    {
      call_is (&st, "fd", "open", 2, w);
      term_str (&st.args[0], 0, "/dev/null", w);
    }
  cp_free (&st);
  w = "p[1] = 2;";
  if (good (w, &st))
    tap_int (st.kind, CP_STORE, "%s: a store", w);
  cp_free (&st);

  /* A name with digits and underscores. */
  w = "_fd2 = open(\"/dev/zero\", O_RDWR|O_CLOEXEC)";
  if (good (w, &st))
    {
      call_is (&st, "_fd2", "open", 2, w);
      term_name (&st.args[1], 1, '|', "O_CLOEXEC", w);
    }
  cp_free (&st);

  /* The longest name: 31 characters. */
  char line[CP_MAX_LINE + 64];
  snprintf (line, sizeof line, "%s = close(fd)", "a234567890123456789012345678901");
  if (good (line, &st))
    tap_str (st.assign, "a234567890123456789012345678901", "a 31-character name is kept whole");
  cp_free (&st);

  /* The longest line: 512 characters. */
  memset (line, ' ', CP_MAX_LINE);
  memcpy (line, "close(fd)", 9);
  line[CP_MAX_LINE] = '\0';
  if (tap_ok (cp_parse (line, &st, &(int) { 0 }, (char[64]) { 0 }, 64) == 0,
              "a line of exactly 512 characters parses"))
    call_is (&st, "", "close", 1, "close(fd) and 503 blanks");
  cp_free (&st);
}

static void
test_words (void)
{
  struct cp_stmt st;
  static const struct { const char *line; enum cp_kind kind; } words[] = {
    { "help", CP_HELP }, { "  help  ", CP_HELP }, { "quit", CP_QUIT }, { "exit", CP_QUIT },
    { "\tquit", CP_QUIT }, { "", CP_EMPTY }, { "   \t ", CP_EMPTY },
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    {
      char what[64];
      snprintf (what, sizeof what, "'%s'", words[i].line);
      if (good (words[i].line, &st))
        tap_int (st.kind, words[i].kind, "%s is kind %d", what, (int) words[i].kind);
      cp_free (&st);
    }

  const char *w = "save s.c";
  if (good (w, &st))
    {
      tap_int (st.kind, CP_SAVE, "%s: a save", w);
      tap_str (st.file, "s.c", "%s: into s.c", w);
    }
  cp_free (&st);
  w = "save   my prog.c   ";
  if (good (w, &st))
    {
      tap_int (st.kind, CP_SAVE, "%s: a save", w);
      tap_str (st.file, "my prog.c", "%s: the name, blanks at the ends trimmed", w);
    }
  cp_free (&st);
  w = "save ../x.c";
  if (good (w, &st))
    tap_str (st.file, "../x.c", "%s: the parser keeps the name; the sandbox judges it", w);
  cp_free (&st);

  /* help, quit and save with parentheses are calls (the sandbox refuses
     them as unknown); help as a variable is a call assigned. */
  w = "help()";
  if (good (w, &st))
    call_is (&st, "", "help", 0, w);
  cp_free (&st);
  w = "save(1)";
  if (good (w, &st))
    call_is (&st, "", "save", 1, w);
  cp_free (&st);
  w = "quit = close(fd)";
  if (good (w, &st))
    call_is (&st, "quit", "close", 1, w);
  cp_free (&st);
}

/* ---- bad lines ---------------------------------------------------------- */

static void
test_bad (void)
{
  /* A missing ')': where the line ends, or at what stands in its place. */
  bad ("close(fd", 9, "')'");
  bad ("mprotect(p, 4096, PROT_READ|PROT_WRITE", 39, "')'");
  bad ("close(fd x)", 10, "')'");
  bad ("f(1 2)", 5, "')'");
  /* Two names side by side. */
  bad ("close fd", 7, "after the statement");
  bad ("quit now", 6, "after the statement");

  /* An unclosed string or character: at its opening quote. */
  bad ("strcpy(p, \"hi)", 11, "not closed");
  bad ("strcpy(p, \"hi\\\")", 11, "not closed");
  bad ("p[0] = 'x", 8, "not closed");

  /* A bad escape: at the opening quote. */
  bad_escape ("strcpy(p, \"a\\qb\")", 11, "escape");
  bad_escape ("strcpy(p, \"\\xzz\")", 11, "escape");
  bad_escape ("strcpy(p, \"\\400\")", 11, "escape");
  bad_escape ("strcpy(p, \"a\\0b\")", 11, "escape");
  bad_escape ("p[0] = '\\q'", 8, "escape");

  /* A character literal of two characters, or none. */
  bad ("p[0] = 'ab'", 8, "one character");
  bad ("p[0] = ''", 8, "one character");
  bad ("memset(p, 'xy', 4)", 11, "one character");

  /* A bad number: at its first digit. */
  bad ("memset(p, 12abc, 1)", 11, "bad number");
  bad ("memset(p, 0x, 1)", 11, "bad number");
  bad ("p[0] = 1_000", 8, "bad number");
  bad ("f(99999999999999999999)", 3, "bad number");
  bad ("f(089)", 3, "bad number");

  /* Text after the statement. */
  bad ("close(fd) x", 11, "after the statement");
  bad ("close(fd);;", 11, "one ';'");
  bad ("close(fd)  )", 12, "after the statement");
  bad ("p[5] = 'x' 'y'", 12, "after the statement");
  bad ("help me", 6, "after the statement");

  /* '=' with nothing after it. */
  bad ("p = ", 5, "a value is missing");
  bad ("p =", 4, "a value is missing");
  bad ("int x = ;", 9, "not ';'");

  /* Too many arguments, too many operands and operators. */
  bad ("f(1,2,3,4,5,6,7,8,9)", 19, "more than 8 arguments");
  char many[CP_MAX_LINE];
  size_t mu = 0;
  mu += (size_t) snprintf (many + mu, sizeof many - mu, "x = 1");
  for (int i = 0; i < CP_MAX_NODES; i++)
    mu += (size_t) snprintf (many + mu, sizeof many - mu, "+1");
  bad (many, CP_MAX_NODES + 5, "more than 96");

  /* A name too long: at its first letter. */
  char line[CP_MAX_LINE + 64];
  snprintf (line, sizeof line, "%s = close(fd)", "a2345678901234567890123456789012");
  bad (line, 1, "name longer than 31");
  snprintf (line, sizeof line, "close(%s)", "a2345678901234567890123456789012");
  bad (line, 7, "name longer than 31");
  snprintf (line, sizeof line, "%s(1)", "f2345678901234567890123456789012345678901");
  bad (line, 1, "name longer than 31");

  /* A long argument is kept whole. */
  memset (line, 0, sizeof line);
  strcpy (line, "strcpy(p, \"");
  memset (line + strlen (line), 'a', 300);
  strcat (line, "\")");
  struct cp_stmt st;
  if (good (line, &st))
    tap_int ((int) strlen (st.args[1].text), 302, "a 300-byte string's argument text is kept "
             "whole, its quotes too");
  cp_free (&st);

  /* A line over 512 characters: refused whole, at column 513. */
  memset (line, ' ', CP_MAX_LINE + 1);
  memcpy (line, "close(fd)", 9);
  line[CP_MAX_LINE + 1] = '\0';
  bad (line, CP_MAX_LINE + 1, "longer than 512");

  /* An empty argument. */
  bad ("f(1,,2)", 5, "expected a number, a string or a name");
  bad ("f(,1)", 3, "expected a number, a string or a name");
  bad ("f(1,)", 5, "expected a number, a string or a name");
  bad ("strcpy(p + , \"x\")", 12, "expected a number, a string or a name");
  bad ("close(", 7, "ends too soon");
  bad ("f(1 +", 6, "ends too soon");

  /* Stores that go wrong. */
  bad ("p[5 = 'x'", 5, "']'");
  bad ("p[5] 'x'", 6, "after the statement");
  bad ("p[5] =", 7, "ends too soon");
  bad ("p[] = 1", 3, "expected a number, a string or a name");

  /* What is no statement at all. */
  bad ("1 = 2", 3, "only a name, *p or p[i]");
  bad ("f(x) = 2", 6, "only a name, *p or p[i]");
  bad ("x += 2", 3, "name = value");
  bad ("p++", 2, "no ++");
  bad ("s.x = 1", 2, "no structures");
  bad ("struct stat st;", 1, "no structures");
  bad ("FILE *f = fopen(\"x\", \"r\");", 1, "no FILE");
  bad ("double d = 1;", 1, "integers");
  bad ("char **pp = NULL;", 1, "one '*'");
  bad ("int *p, q = 1;", 7, "one name a declaration");
  bad ("unsigned char *v = find(), before[4];", 26, "one name a declaration");
  bad ("/* not closed", 1, "comment not closed");
  bad ("save", 5, "file name");
  bad ("save   ", 8, "file name");
}

/* Strings survive an error later in the line: the parse fails, cp_free
   gives them back (valgrind's leak check sees to it). */
static void
test_error_after_strings (void)
{
  bad ("strcpy(\"abc\", \"def\" x)", 21, "')'");
  bad ("sprintf(p, \"%s %s\", \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\")", 50,
       "more than 8 arguments");
  bad ("f(\"a\" + \"b\" + 'cd')", 15, "one character");
  bad_escape ("f(\"a\", \"b\\q\")", 8, "escape");
  bad ("p[\"ix\"] = \"v\" w", 15, "after the statement");
}

/* A stmt parsed twice in a row: the second parse starts clean. */
static void
test_reuse (void)
{
  struct cp_stmt st;
  int col;
  char err[100];
  cp_parse ("fd = open(\"/dev/zero\", O_RDWR)", &st, &col, err, sizeof err);
  cp_free (&st);
  if (good ("close(fd)", &st))
    {
      call_is (&st, "", "close", 1, "close(fd) after an open in the same stmt");
      tap_ok (flat (&st.args[0]).t[0].str == NULL, "close(fd): no string left from before");
    }
  cp_free (&st);
  /* A short error buffer is cut, never overrun. */
  char small[8];
  memset (small, 'z', sizeof small);
  int rc = cp_parse ("close(fd x)", &st, &col, small, 6);
  cp_free (&st);
  tap_ok (rc == -1 && strlen (small) == 5 && small[6] == 'z' && small[7] == 'z',
          "a 6-byte message buffer gets 5 characters and its NUL, and no more");
}

int
main (void)
{
  if (!RUNNING_ON_VALGRIND)
    tap_diag ("not under valgrind: the checks for invalid accesses during a parse are off");
  test_open ();
  test_mmap ();
  test_strcpy ();
  test_numbers ();
  test_sprintf_mprotect ();
  test_store ();
  test_io_and_the_rest ();
  test_words ();
  test_bad ();
  test_error_after_strings ();
  test_reuse ();
  return tap_done ();
}
