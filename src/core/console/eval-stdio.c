/* eval-stdio.c - the console's printf, puts, perror and fflush, which
   print into its output pane; wait and waitpid; _exit and exit, which
   it does not run; and the calls that may stand inside an expression
   (sysconf, getpagesize, strlen).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "eval-int.h"
#include "names.h"
#include "text.h"

void
ev_print (struct evaluator *ev, const char *text, size_t n)
{
  /* Control bytes (but the newline) as visible escapes: what a mapping
     holds never reaches the terminal as a sequence. */
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) text[i];
      if (c == '\n' || (c >= 0x20 && c != 0x7f))
        text_append (ev->printed, sizeof ev->printed, &ev->nprinted, "%c", c);
      else
        text_append (ev->printed, sizeof ev->printed, &ev->nprinted, "\\%03o", c);
    }
}

/* One conversion of FMT at *F ('%' there), with V, into OUT. */
static int
one (struct evaluator *ev, const char **f, const struct val *v, char *out, size_t len,
     size_t *used, struct call_record *r)
{
  char spec[32], text[1024];
  size_t k = 0;
  const char *s = *f, *pct = *f;
  spec[k++] = *s++;
  while (*s && strchr ("-+ #0", *s) && k < 8)
    spec[k++] = *s++;
  for (int d = 0; *s >= '0' && *s <= '9' && d < 3; d++)
    spec[k++] = *s++;
  if (*s == '.')
    for (spec[k++] = *s++; *s >= '0' && *s <= '9' && k < 16;)
      spec[k++] = *s++;
  int lng = 0, shrt = 0;
  for (int m = 0; *s && strchr ("hlzjt", *s) && m < 2; m++, s++)
    lng += *s != 'h', shrt += *s == 'h';
  char conv = *s;
  if (!conv || !strchr ("diuxXocsp", conv))
    return ev_refuse (ev, r, v ? v->col : 0, "the console's printf knows %%d %%i %%u %%x %%X "
                      "%%o %%c %%s %%p and %%%%, with flags, width and precision");
  *f = s;
  if (!v)
    return ev_refuse (ev, r, 0, "the format wants more arguments than were given");
  int n;
  if (conv == 's')
    {
      char str[1024];
      size_t sl;
      if (v->kind == V_STR)
        snprintf (str, sizeof str, "%s", v->str);
      else if (v->kind == V_PTR && v->map != EV_RAW)
        {
          if (v->elem == CT_VOID)
            return ev_refuse (ev, r, v->col, "%%s takes a char *, and that is a void *: "
                              "(char *) before it, as gcc -Wformat asks");
          if (ev_load_string (ev, v, str, sizeof str, &sl, r))
            return -1;
        }
      else
        return ev_refuse (ev, r, v->col, "%%s takes a string or an address%s", v->kind == V_PTR
                          ? ": this one is NULL or MAP_FAILED, and printf would crash" : "");
      spec[k++] = 's';
      spec[k] = '\0';
      n = snprintf (text, sizeof text, spec, str);
    }
  else if (conv == 'p')
    {
      if (v->kind != V_PTR)
        return ev_refuse (ev, r, v->col, "%%p takes an address");
      spec[k++] = 'p';
      spec[k] = '\0';
      const unsigned char *p = ev_addr (ev, v);
      n = snprintf (text, sizeof text, spec, p ? (const void *) p : (const void *) (intptr_t) v->num);
    }
  else
    {
      if (v->kind != V_NUM)
        return ev_refuse (ev, r, v->col, "%%%c takes a number%s", conv, v->kind == V_PTR
                          ? ": that is an address, which %p prints" : "");
      /* The argument's type against the conversion's, as gcc's -Wformat
         checks them: an int where a long is wanted is refused. */
      int sgn = strchr ("di", conv) != NULL;
      enum cp_base want = conv == 'c' ? CT_INT : lng ? (sgn ? CT_LONG : CT_ULONG)
        : (sgn ? CT_INT : CT_UINT), have = ev_promote (v->ty);
      int narrow_want = want == CT_INT || want == CT_UINT;
      if (narrow_want != (have == CT_INT || have == CT_UINT))
        return ev_refuse (ev, r, v->col, "%.*s takes %s, and that is %s: %s prints it",
                          (int) (s - pct + 1), pct, ev_type_name (want),
                          ev_type_name (have), have == CT_LONG ? "%ld" : have == CT_ULONG
                          ? "%lu (%zu for a size_t)" : have == CT_UINT ? "%u" : "%d");
      spec[k++] = 'l';
      spec[k++] = 'l';
      spec[k++] = conv;
      spec[k] = '\0';
      /* The number as printf takes it: hh a char, h a short, none an int. */
      long long x = v->num;
      if (shrt == 2)
        x = sgn ? (long long) (signed char) x : (long long) (unsigned char) x;
      else if (shrt == 1)
        x = sgn ? (long long) (short) x : (long long) (unsigned short) x;
      else if (!lng)
        x = sgn || conv == 'c' ? (long long) (int) x : (long long) (unsigned int) x;
      if (conv == 'c')
        {
          spec[k - 3] = 'c';
          spec[k - 2] = '\0';
          n = snprintf (text, sizeof text, spec, (int) x);
        }
      else if (sgn)
        n = snprintf (text, sizeof text, spec, x);
      else
        n = snprintf (text, sizeof text, spec, (unsigned long long) x);
    }
  if (n < 0 || (size_t) n >= sizeof text || *used + (size_t) n >= len)
    return ev_refuse (ev, r, v->col, "the text is longer than %zu bytes", len - 1);
  memcpy (out + *used, text, (size_t) n);
  *used += (size_t) n;
  out[*used] = '\0';
  return 0;
}

int
ev_format (struct evaluator *ev, const struct val *fmt, const struct val *a, int n, char *out,
           size_t len, size_t *used, struct call_record *r)
{
  int next = 0;
  if (fmt->kind != V_STR)
    return ev_refuse (ev, r, fmt->col, "the format is a string: printf(\"%%s\\n\", p)");
  if (fmt->len == 0)
    return ev_refuse (ev, r, fmt->col, "an empty format prints nothing (gcc -Wall warns: "
                      "-Wformat-zero-length)");
  out[0] = '\0';
  for (const char *f = fmt->str; *f; f++)
    {
      if (*f == '%' && f[1] == '%')
        {
          f++;
          if (text_append (out, len, used, "%%"))
            return ev_refuse (ev, r, fmt->col, "the text is longer than %zu bytes", len - 1);
          continue;
        }
      if (*f == '%')
        {
          if (one (ev, &f, next < n ? &a[next] : NULL, out, len, used, r))
            return -1;
          next++;
          continue;
        }
      if (*used + 1 >= len)
        return ev_refuse (ev, r, fmt->col, "the text is longer than %zu bytes", len - 1);
      out[(*used)++] = *f;
      out[*used] = '\0';
    }
  if (next < n)
    return ev_refuse (ev, r, a[next].col, "more arguments than the format uses");
  return 0;
}

int
ev_do_printf (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  char out[1024];
  size_t used = 0;
  if (ev_format (ev, &a[0], a + 1, st->nargs - 1, out, sizeof out, &used, r))
    return -1;
  ev_print (ev, out, used);
  call_result (r, "printf", (long long) used, 0, 0);
  return 0;
}

int
ev_char_arg (struct evaluator *ev, const struct val *v, const char *call, struct call_record *r)
{
  if (v->kind == V_PTR && v->elem == CT_UCHAR)
    return ev_refuse (ev, r, v->col, "%s takes a char *, and that is an unsigned char *: "
                      "(char *) before it, as gcc -Wall asks (-Wpointer-sign)", call);
  return 0;
}

int
ev_do_puts (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  char out[1024];
  size_t n;
  (void) st;
  if (ev_char_arg (ev, &a[0], "puts", r))
    return -1;
  if (a[0].kind == V_STR)
    n = (size_t) snprintf (out, sizeof out, "%s", a[0].str);
  else if (ev_load_string (ev, &a[0], out, sizeof out, &n, r))
    return -1;
  if (n >= sizeof out - 1)
    return ev_refuse (ev, r, a[0].col, "the text is longer than %zu bytes", sizeof out - 2);
  out[n++] = '\n';
  ev_print (ev, out, n);
  /* glibc's puts returns the bytes it wrote, the newline counted. */
  call_result (r, "puts", (long long) n, 0, 0);
  return 0;
}

int
ev_do_perror (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  char out[400];
  (void) st;
  if (a[0].kind != V_STR && !ev_is_null (&a[0]))
    return ev_refuse (ev, r, a[0].col, "perror takes a string: perror(\"mmap\")");
  const char *s = a[0].kind == V_STR ? a[0].str : "";
  int n = snprintf (out, sizeof out, "%.200s%s%s\n", s, s[0] ? ": " : "", strerror (ev->err));
  ev_print (ev, out, (size_t) n < sizeof out ? (size_t) n : sizeof out - 1);
  snprintf (r->result, sizeof r->result, "(void)");
  if (ev->err)
    snprintf (r->output, sizeof r->output, "errno is %d (%s), as the last call that failed left "
              "it: a call that works leaves errno alone", ev->err, errno_name (ev->err));
  else
    snprintf (r->output, sizeof r->output, "errno is 0: no call has failed yet, and strerror(0) "
              "is \"%s\"", strerror (0));
  return 0;
}

int
ev_do_fflush (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  const struct cp_node *n = cp_node (st, st->args[0].root);
  if (!n || n->kind != CP_NAME_T || (strcmp (n->name, "stdout") && strcmp (n->name, "stderr")
                                     && strcmp (n->name, "NULL")))
    return ev_refuse (ev, r, a[0].col, "fflush(stdout), fflush(stderr) or fflush(NULL)");
  call_result (r, "fflush", 0, 0, 0);
  snprintf (r->output, sizeof r->output, "nothing to flush: the console shows what is printed "
            "at once (a program's stdout into a pipe or a file waits for fflush, or exit)");
  return 0;
}

int
ev_do_wait (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  int waitpid_call = st->nargs == 3;
  if (!waitpid_call && !ev_is_null (&a[0]))
    return ev_refuse (ev, r, a[0].col, "wait(NULL): the console keeps no status");
  if (waitpid_call && (a[0].kind != V_NUM || !ev_is_null (&a[1]) || a[2].kind != V_NUM))
    return ev_refuse (ev, r, a[0].col, "waitpid(pid, NULL, 0)");
  if (!ev->child)
    {
      ev->by_design = 1;
      return ev_refuse (ev, r, 0, "no child to wait for: fork() on a line of its own makes the "
                        "console's");
    }
  if (waitpid_call && a[0].num != ev->child && a[0].num != -1)
    return ev_refuse (ev, r, a[0].col, "the console's child was pid %d", (int) ev->child);
  /* Only the console's own child is asked about: the tutor's other
     children are not the learner's to reap. */
  pid_t got = waitpid (ev->child, NULL, waitpid_call ? (int) (a[2].num & WNOHANG) : 0);
  call_result (r, waitpid_call ? "waitpid" : "wait", got, got < 0 ? errno : 0, 0);
  if (got < 0 && errno == ECHILD)
    snprintf (r->output, sizeof r->output, "the console's fork() waited for its child %d "
              "already, as it ended, so that no zombie was left: there is none to wait for",
              (int) ev->child);
  return got < 0 ? -1 : 0;
}

int
ev_do_exit (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) a;
  ev->by_design = 1;
  return ev_refuse (ev, r, st->fn_col, "%s() would end the process the console runs in, the "
                    "tutor's own; in the lesson's program it ends %s. quit (or Ctrl-D) leaves "
                    "the console", st->fn, st->fn[0] == '_' ? "the child" : "the program");
}

int
ev_pure (struct evaluator *ev, const char *name, const struct val *a, int n, struct val *out,
         struct call_record *r)
{
  memset (out, 0, sizeof *out);
  out->kind = V_NUM;
  if (strcmp (name, "getpagesize") == 0)
    {
      if (n != 0)
        return ev_refuse (ev, r, 0, "getpagesize() takes no argument");
      out->num = getpagesize ();
      out->ty = CT_INT;
      return 1;
    }
  if (strcmp (name, "sysconf") == 0)
    {
      if (n != 1 || a[0].kind != V_NUM || a[0].num != _SC_PAGESIZE)
        return ev_refuse (ev, r, n ? a[0].col : 0, "the console's sysconf answers "
                          "sysconf(_SC_PAGESIZE)");
      out->num = sysconf (_SC_PAGESIZE);
      out->ty = CT_LONG;
      return 1;
    }
  if (strcmp (name, "strlen") == 0)
    {
      char s[1024];
      size_t len = 0;
      if (n != 1)
        return ev_refuse (ev, r, 0, "strlen(s) takes one string");
      if (ev_char_arg (ev, &a[0], "strlen", r))
        return -1;
      if (a[0].kind == V_STR)
        len = a[0].len;
      else if (ev_load_string (ev, &a[0], s, sizeof s, &len, r))
        return -1;
      out->num = (long long) len;
      out->ty = CT_ULONG;
      return 1;
    }
  return 0;
}

int
ev_do_pure (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  struct val v;
  if (ev_pure (ev, st->fn, a, st->nargs, &v, r) != 1)
    return -1;
  r->ret = v.num;
  snprintf (r->result, sizeof r->result, "= %lld", v.num);
  return 0;
}
