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
#include "outfile.h"
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

/* Does node I hold a string or a character literal? */
static int
has_literal (const struct cp_stmt *st, int i)
{
  const struct cp_node *n = cp_node (st, i);
  if (!n)
    return 0;
  if (n->kind == CP_STR || n->chr)
    return 1;
  for (int k = 0; k < n->nargs; k++)
    if (has_literal (st, n->args[k]))
      return 1;
  return has_literal (st, n->a) || has_literal (st, n->b);
}

/* E as C: as typed, unless it holds a string or a character, which is
   written again from its bytes (the typed text may hold what a compiler
   reads otherwise than the console did: a trigraph, a newline). */
static void
expr_c (const struct cp_stmt *st, const struct cp_expr *e, char *buf, size_t len, size_t *used)
{
  if (has_literal (st, e->root))
    cp_node_c (st, e->root, buf, len, used);
  else
    text_append (buf, len, used, "%s", e->text);
}

void
ev_expr_c (const struct cp_stmt *st, const struct cp_expr *e, char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  expr_c (st, e, buf, len, &used);
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
      expr_c (st, &st->args[i], buf, len, &used);
    }
}

/* The name of a variable that holds the start of the shown mapping. */
static const char *
shown_name (const struct evaluator *ev)
{
  for (int i = 0; i < ev->nvars; i++)
    if (ev->vars[i].kind == EV_PTR && ev->vars[i].v == ev->current && !ev->vars[i].off)
      return ev->vars[i].name;
  return NULL;
}

/* The C for a call that ran, as the saved program will have it: LHS is
   "" or what it assigns to ("int fd", "fd"); FAILED: it failed with an
   errno, as it will in the program, which then goes on as the console
   did. */
void
ev_keep_call (struct evaluator *ev, const struct cp_stmt *st, const struct ev_call *c,
              const char *lhs, int failed, const struct call_record *r)
{
  char *args = ev->keep[0], *call = ev->keep[1];
  /* Both hold twice what a statement's arguments take written again. */
  ev_arg_text (st, args, EV_TEXT);
  snprintf (call, sizeof ev->keep[1], "%s%s%s%s(%.*s)", st->cast.base ? "(" : "", st->cast.text,
            st->cast.base ? ")" : "", c->name, EV_TEXT, args);
  const char *eq = lhs[0] ? " = " : "";
  if (c->fn == ev_do_fork)
    {
      /* The child writes through the variable that holds the mapping. */
      const char *name = shown_name (ev);
      if (!name && lhs[0])
        ev_keep (ev, "%s = fork();    /* the mapping its child wrote into has no name here */\n"
                 "    if (%s == 0)\n        _exit(0);\n    if (%s > 0)\n"
                 "        waitpid(%s, NULL, 0);", lhs, st->assign, st->assign, st->assign);
      else if (!name)
        ev_keep (ev, "/* fork(): the mapping it wrote into has no name here */");
      else if (lhs[0])
        ev_keep (ev, "%s = fork();\n    if (%s == 0) {\n        memcpy(%s, \"" CHILD_TEXT
                 "\", %zu);\n        _exit(0);\n    }\n    if (%s > 0)\n"
                 "        waitpid(%s, NULL, 0);", lhs, st->assign, name, sizeof CHILD_TEXT,
                 st->assign, st->assign);
      else
        ev_keep (ev, "{\n        pid_t child = fork();\n        if (child == 0) {\n"
                 "            memcpy(%s, \"" CHILD_TEXT "\", %zu);\n            _exit(0);\n"
                 "        }\n        if (child > 0)\n            waitpid(child, NULL, 0);\n    }",
                 name, sizeof CHILD_TEXT);
      ev->used |= EV_USED_FORK;
    }
  else if (failed)
    ev_keep (ev, "%s%s%s;    /* in the console: %s */", lhs, eq, call, r->result);
  else if (st->cast.base == CT_VOID && !st->cast.ptr)
    ev_keep (ev, "%s;", call);
  else if (c->fn == ev_do_mincore && lhs[0])
    ev_keep (ev, "%s = mincore(%s, %s, vec);", lhs, st->args[0].text, st->args[1].text);
  else if (c->fn == ev_do_mincore)
    ev_keep (ev, "if (mincore(%s, %s, vec) != 0)\n        perror(\"mincore\");",
             st->args[0].text, st->args[1].text);
  else if (c->fn == ev_do_perror)
    {
      /* errno as the console had it: in a program, a call that works may
         change it too (stdio's first use of a file, say). */
      const char *name = ev->err ? errno_name (ev->err) : NULL;
      ev_keep (ev, "errno = %s;    /* as the last call that failed in the console left it */\n"
               "    %s;", name && name[0] == 'E' ? name : "0", call);
    }
  else if (lhs[0] && c->returns == EV_FD)
    ev_keep (ev, "%s = %s;\n    if (%s < 0) {\n        perror(\"%s\");\n"
             "        return 1;\n    }", lhs, call, st->assign, c->name);
  else if (lhs[0] && c->returns == EV_PTR)
    ev_keep (ev, "%s = %s;\n    if (%s == MAP_FAILED) {\n        perror(\"%s\");\n"
             "        return 1;\n    }", lhs, call, st->assign, c->name);
  else if (lhs[0] || c->returns == EV_NONE || c->fn == ev_do_printf || c->fn == ev_do_puts
           || c->fn == ev_do_fflush || c->fn == ev_do_sprintf || c->fn == ev_do_pure
           || c->fn == ev_do_wait)
    ev_keep (ev, "%s%s%s;", lhs, eq, call);
  else if (c->returns == EV_PTR)
    ev_keep (ev, "if (%s == MAP_FAILED)\n        perror(\"%s\");", call, c->name);
  else
    ev_keep (ev, "if (%s < 0)\n        perror(\"%s\");", call, c->name);
}

void
ev_keep_value (struct evaluator *ev, const char *c, int is_unsigned)
{
  char *lit = ev->keep[0];
  const size_t litlen = sizeof ev->keep[0];
  size_t used = 0;
  /* The expression's text as a string literal: the program prints
     "EXPR: VALUE" as the console did. */
  for (const char *p = c; *p; p++)
    text_append (lit, litlen, &used, *p == '"' || *p == '\\' || *p == '?' ? "\\%c" : "%c", *p);
  if (is_unsigned)
    ev_keep (ev, "printf(\"%%s: %%llu\\n\", \"%s\", (unsigned long long) (%s));",
             used ? lit : "", c);
  else
    ev_keep (ev, "printf(\"%%s: %%lld\\n\", \"%s\", (long long) (%s));", used ? lit : "", c);
}

void
ev_keep_fault (struct evaluator *ev, const struct call_record *r)
{
  char call[sizeof r->call + 8];
  size_t used = 0;
  /* No comment's end inside the comment. */
  for (const char *p = r->call; *p; p++)
    text_append (call, sizeof call, &used, (p[0] == '*' && p[1] == '/')
                 || (p[0] == '/' && p[1] == '*') ? "%c " : "%c", *p);
  ev_keep (ev, "/* %s: %s in the console; a program of its own is killed by it */",
           used ? call : "", r->result);
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
  struct outfile out;
  if (outfile_new (&out, file, 0644) != 0)
    {
      snprintf (msg, len, "cannot create %.200s: %s%s", file, strerror (errno),
                errno == EEXIST ? " (save never overwrites)" : "");
      return -1;
    }
  FILE *f = out.f;
  fprintf (f, "/* Made by shmtutor's call console: the statements it ran, in order. */\n"
           "#define _DEFAULT_SOURCE    /* MAP_ANONYMOUS, mincore, getpagesize */\n"
           "#include <errno.h>\n#include <fcntl.h>\n#include <stdio.h>\n#include <string.h>\n"
           "#include <sys/mman.h>\n#include <sys/wait.h>\n#include <unistd.h>\n\n"
           "int main(void)\n{\n"
           "    /* Unbuffered: its printf and perror keep the console's order. */\n"
           "    setvbuf(stdout, NULL, _IONBF, 0);\n");
  if (ev->used & EV_USED_BUF)
    fprintf (f, "    char buf[%d] = { 0 };\n", EV_BUF);
  if (ev->used & EV_USED_VEC)
    fprintf (f, "    unsigned char vec[%d];\n", EV_MAX_PAGES);
  for (int i = 0; i < ev->nlines; i++)
    fprintf (f, "    %s\n", ev->lines[i]);
  /* Results kept in variables but never read again are still used. */
  for (int i = 0; i < ev->nvars; i++)
    fprintf (f, "    (void) %s;\n", ev->vars[i].name);
  fprintf (f, "    return 0;\n}\n");
  /* Every write checked; nothing half written is left to block the next
     try. */
  if (outfile_commit (&out) != 0)
    {
      snprintf (msg, len, "cannot write %.200s: %s", file, strerror (errno));
      return -1;
    }
  /* The command as a shell takes it: the name quoted unless it is plain. */
  int plain = 1;
  for (const char *p = file; *p && plain; p++)
    plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
            || *p == '.' || *p == '_' || *p == '-' || *p == '+';
  snprintf (msg, len, "wrote %.200s: %d statement%s; cc -std=c11 -Wall -Wextra -Werror "
            "%s%.200s%s builds it",
            file, ev->nlines, ev->nlines == 1 ? "" : "s", plain ? "" : "'", file,
            plain ? "" : "'");
  return 0;
}
