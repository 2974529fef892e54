/* eval-save.c - the C program of the statements that worked.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "names.h"
#include "eval-int.h"
#include "text.h"
#include "xalloc.h"

/* ---- the C of what worked ---------------------------------------------- */

/* The arguments as typed, joined: "NULL, 8192, PROT_READ, ...". */
/* Keep the C of a statement that worked, for save. */
void
ev_keep (struct evaluator *ev, const char *fmt, ...)
{
  va_list ap;
  if (ev->nlines >= EV_MAX_LINES)
    return;
  va_start (ap, fmt);
  ev->lines[ev->nlines++] = xvasprintf (fmt, ap);
  va_end (ap);
}

/* S's bytes as a C string literal's inside, into BUF: quotes and
   backslashes escaped, '?' too (a "??/" would be a trigraph to a compiler
   in ISO mode), and every byte that is not printable ASCII in octal, so
   that no control character reaches the file. */
static void
c_string (const char *s, char *buf, size_t len, size_t *used)
{
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      unsigned char c = *p;
      if (c == '\\' || c == '"' || c == '?')
        text_append (buf, len, used, "\\%c", c);
      else if (c == '\n')
        text_append (buf, len, used, "\\n");
      else if (c == '\t')
        text_append (buf, len, used, "\\t");
      else if (c < 0x20 || c >= 0x7f)
        text_append (buf, len, used, "\\%03o", c);
      else
        text_append (buf, len, used, "%c", c);
    }
}

/* E as C: as typed, unless it holds a string, which is written again
   from its bytes (the typed text may hold what a compiler reads
   otherwise than the console did). */
static void
expr_text (const struct cp_expr *e, char *buf, size_t len, size_t *used)
{
  int has_str = 0;
  for (int i = 0; i < e->n; i++)
    has_str |= e->t[i].kind == CP_STR;
  if (!has_str)
    {
      text_append (buf, len, used, "%s", e->text);
      return;
    }
  for (int i = 0; i < e->n; i++)
    {
      const struct cp_term *t = &e->t[i];
      if (i)
        text_append (buf, len, used, " %c ", t->op);
      if (t->kind == CP_STR)
        {
          text_append (buf, len, used, "\"");
          c_string (t->str ? t->str : "", buf, len, used);
          text_append (buf, len, used, "\"");
        }
      else if (t->kind == CP_NUM)
        text_append (buf, len, used, "%lld", t->num);
      else
        text_append (buf, len, used, "%s", t->name);
    }
}

void
ev_arg_text (const struct cp_stmt *st, char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < st->nargs; i++)
    {
      if (i)
        text_append (buf, len, &used, ", ");
      expr_text (&st->args[i], buf, len, &used);
    }
}

/* The C for a call that worked, as the saved program will have it. */
void
ev_keep_call (struct evaluator *ev, const struct cp_stmt *st, const struct ev_call *c, int declare)
{
  char args[600];
  ev_arg_text (st, args, sizeof args);
  const char *type = !declare ? "" : c->returns == EV_PTR ? "char *" : "int ";
  if (c->fn == ev_do_fork)
    {
      /* The child writes through the variable that holds the mapping. */
      const char *name = NULL;
      for (int i = 0; i < ev->nvars && !name; i++)
        if (ev->vars[i].kind == EV_PTR && ev->vars[i].v == ev->current && !ev->vars[i].off)
          name = ev->vars[i].name;
      if (!name)
        ev_keep (ev, "/* fork(): the mapping it wrote into has no name here */");
      else
        ev_keep (ev, "{\n        pid_t pid = fork();\n        if (pid == 0) {\n"
              "            memcpy(%s, \"" CHILD_TEXT "\", %zu);\n            _exit(0);\n"
              "        }\n        if (pid > 0)\n            waitpid(pid, NULL, 0);\n    }",
              name, sizeof CHILD_TEXT);
    }
  else if (c->fn == ev_do_mincore)
    ev_keep (ev, "if (mincore(%s, %s, vec) != 0)\n        perror(\"mincore\");",
          st->args[0].text, st->args[1].text);
  else if (st->assign[0] && c->returns == EV_FD)
    ev_keep (ev, "%s%s = %s(%s);\n    if (%s < 0) {\n        perror(\"%s\");\n"
          "        return 1;\n    }", type, st->assign, c->name, args, st->assign, c->name);
  else if (st->assign[0] && c->returns == EV_PTR)
    ev_keep (ev, "%s%s = %s(%s);\n    if (%s == MAP_FAILED) {\n        perror(\"%s\");\n"
          "        return 1;\n    }", type, st->assign, c->name, args, st->assign, c->name);
  else if (st->assign[0])
    ev_keep (ev, "%s%s = %s(%s);", type, st->assign, c->name, args);
  else if (c->returns == EV_PTR)
    ev_keep (ev, "if (%s(%s) == MAP_FAILED)\n        perror(\"%s\");", c->name, args, c->name);
  else if (c->fn == ev_do_strcpy || c->fn == ev_do_memset || c->fn == ev_do_sprintf)
    ev_keep (ev, "%s(%s);", c->name, args);
  else
    ev_keep (ev, "if (%s(%s) < 0)\n        perror(\"%s\");", c->name, args, c->name);
}

/* ---- save ------------------------------------------------------------- */

int
ev_save (struct evaluator *ev, const char *file, char *msg, size_t len)
{
  if (!ev->allow_save)
    {
      snprintf (msg, len, "saving is off (--no-save)");
      return -1;
    }
  /* A plain name in the current folder: no folder in it at all, so that
     no link to elsewhere can be followed on the way. */
  if (strchr (file, '/') || strcmp (file, ".") == 0 || strcmp (file, "..") == 0)
    {
      snprintf (msg, len, "save writes into the current folder only: a name like ex1.c");
      return -1;
    }
  /* Nor a name the build command below could not be given safely: no
     control character, no quote or backslash, no leading '-'. */
  for (const unsigned char *p = (const unsigned char *) file; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == '\'' || *p == '"' || *p == '\\' || *p == '`')
      {
        snprintf (msg, len, "a file name without control characters, quotes or backslashes, "
                  "please: a name like ex1.c");
        return -1;
      }
  if (file[0] == '-' || file[0] == '\0')
    {
      snprintf (msg, len, "a file name that does not start with '-': a name like ex1.c");
      return -1;
    }
  int fd = open (file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      snprintf (msg, len, "cannot create %.200s: %s%s", file, strerror (errno),
                errno == EEXIST ? " (save never overwrites)" : "");
      return -1;
    }
  FILE *f = fdopen (fd, "w");
  if (!f)
    {
      close (fd);
      unlink (file);
      snprintf (msg, len, "cannot write %.200s", file);
      return -1;
    }
  fprintf (f, "/* Made by shmtutor's call console: the calls that worked, in order. */\n"
           "#include <fcntl.h>\n#include <stdio.h>\n#include <string.h>\n"
           "#include <sys/mman.h>\n#include <sys/wait.h>\n#include <unistd.h>\n\n"
           "int main(void)\n{\n");
  if (ev->used & EV_USED_BUF)
    fprintf (f, "    char buf[%d] = { 0 };\n", EV_BUF);
  if (ev->used & EV_USED_VEC)
    fprintf (f, "    unsigned char vec[%d];\n", EV_MAX_PAGES);
  for (int i = 0; i < ev->nlines; i++)
    fprintf (f, "    %s\n", ev->lines[i]);
  /* Results kept in variables but never read again are still used. */
  for (int i = 0; i < ev->nvars; i++)
    if (ev->vars[i].kind == EV_INT)
      fprintf (f, "    (void) %s;\n", ev->vars[i].name);
  fprintf (f, "    return 0;\n}\n");
  int bad = ferror (f);
  if (fclose (f) != 0 || bad)
    {
      int e = errno;
      /* Nothing half written is left to block the next try. */
      unlink (file);
      snprintf (msg, len, "cannot write %.200s: %s", file, strerror (e));
      return -1;
    }
  /* The command as a shell takes it: the name quoted unless it is plain. */
  int plain = 1;
  for (const char *p = file; *p && plain; p++)
    plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
            || *p == '.' || *p == '_' || *p == '-' || *p == '+';
  snprintf (msg, len, "wrote %.200s: %d statement%s; cc -Wall -Wextra %s%.200s%s builds it",
            file, ev->nlines, ev->nlines == 1 ? "" : "s", plain ? "" : "'", file,
            plain ? "" : "'");
  return 0;
}
