/* lines.c - reading a text file of ours, bounded, a line at a time.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lines.h"
#include "text.h"
#include "visible.h"
#include "xalloc.h"

char *
lines_read (const char *path, size_t max, size_t *len, char *msg, size_t msglen)
{
  /* O_NONBLOCK: a FIFO in its place is refused, not waited on (open
     would block until a writer came). */
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  char *buf = NULL;
  ssize_t n = 0;
  struct stat sb;

  *len = 0;
  if (fd < 0)
    {
      snprintf (msg, msglen, "cannot open: %s", strerror (errno));
      return NULL;
    }
  if (fstat (fd, &sb) != 0 || !S_ISREG (sb.st_mode))
    {
      snprintf (msg, msglen, "not a regular file");
      close (fd);
      return NULL;
    }
  buf = xmalloc (max + 1);
  while (*len <= max && (n = read (fd, buf + *len, max + 1 - *len)) > 0)
    *len += (size_t) n;
  if (n < 0)
    {
      snprintf (msg, msglen, "cannot read: %s", strerror (errno));
      free (buf);
      buf = NULL;
    }
  close (fd);
  return buf;
}

/* The first control character of the N bytes at S (C0 but the tab, DEL,
   or C1, U+0080 to U+009F), said in WHY; 0 when there is none.  Text that
   holds one could move the cursor or set a terminal's title when shown. */
static int
control_at (const char *s, size_t n, char *why, size_t len)
{
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];
      unsigned code = c;
      if (c == 0xc2 && i + 1 < n && (unsigned char) s[i + 1] >= 0x80
          && (unsigned char) s[i + 1] <= 0x9f)
        code = (unsigned char) s[i + 1];
      else if ((c >= 0x20 && c != 0x7f) || c == '\t' || (c == '\r' && i + 1 == n))
        continue;             /* a CR ending the line: a file saved on Windows */
      snprintf (why, len, "a control character, U+%04X%s, in column %zu: a text may hold "
                "none%s", code, code == 0x1b ? " (ESC)" : code == '\r' ? " (CR)" : "",
                i + 1, "");
      return 1;
    }
  return 0;
}

int
lines_each (const char *buf, size_t len, size_t maxline, const struct lines_fn *fn, void *ctx,
            const int *nerr)
{
  /* No line is longer than the text (its tabs aside). */
  size_t cap = (maxline < len ? maxline : len) + 1;
  char *line = xmalloc (cap);
  char why[160];
  int lineno = 0;
  for (size_t at = 0; at < len;)
    {
      const char *nl = memchr (buf + at, '\n', len - at);
      size_t n = nl ? (size_t) (nl - (buf + at)) : len - at;
      lineno++;
      if (n > maxline)
        {
          snprintf (why, sizeof why, "line longer than %zu bytes", maxline);
          fn->bad (ctx, lineno, why);
        }
      else if (memchr (buf + at, '\0', n))
        fn->bad (ctx, lineno, "binary data (a NUL byte)");
      else if (!fn->any_bytes && !text_utf8_valid (buf + at, n))
        fn->bad (ctx, lineno, "invalid UTF-8");
      else if (!fn->any_bytes && control_at (buf + at, n, why, sizeof why))
        fn->bad (ctx, lineno, why);
      else
        {
          /* A tab becomes the blanks to the next multiple of 8: the text
             is drawn where its columns are counted. */
          size_t tabs = 0, k = 0, col = 0;
          for (size_t i = 0; i < n && !fn->keep_tabs; i++)
            tabs += buf[at + i] == '\t';
          if (n + 7 * tabs + 1 > cap)
            {
              cap = n + 7 * tabs + 1;
              free (line);
              line = xmalloc (cap);
            }
          for (size_t i = 0; i < n; i++)
            {
              char c = buf[at + i];
              if (c == '\t' && !fn->keep_tabs)
                do
                  line[k++] = ' ', col++;
                while (col % 8);
              else
                {
                  line[k++] = c;
                  col += ((unsigned char) c & 0xc0) != 0x80;
                }
            }
          line[k] = '\0';
          fn->line (ctx, lineno, line);
        }
      at += n + 1;
      if (*nerr >= LINES_MAX_ERRORS)
        {
          fn->bad (ctx, lineno, "too many errors; giving up");
          break;
        }
    }
  free (line);
  return lineno;
}

/* ---- the parsers' kit ------------------------------------------------- */

void
parse_fail (struct parse_report *r, int line, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  r->nerr++;
  if (r->err)
    r->err (r->ctx, r->file, line, msg);
}

int
parse_set_once (struct parse_report *r, int line, char **dst, const char *key, const char *v)
{
  if (*dst)
    parse_fail (r, line, "'%s' given twice", key);
  else if (*v == '\0')
    parse_fail (r, line, "empty %s", key);
  else
    {
      *dst = xstrdup (v);
      return 0;
    }
  return -1;
}

void
parse_trim_end (char *s)
{
  size_t n = strlen (s);
  while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = '\0';
}

int
parse_key_value (struct parse_report *r, int line, char *s, char **key, char **value)
{
  parse_trim_end (s);
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0' || *s == '#')
    return 0;
  char *colon = strchr (s, ':');
  if (!colon)
    {
      parse_fail (r, line, "expected 'key: value'");
      return -1;
    }
  *colon = '\0';
  char *v = colon + 1;
  while (*v == ' ' || *v == '\t')
    v++;
  *key = s;
  *value = v;
  return 1;
}

int
parse_file (const char *path, size_t max, void *obj, parse_error_fn err, void *ctx,
            int (*parse) (const char *buf, size_t len, const char *file, void *obj,
                          parse_error_fn err, void *ctx))
{
  char msg[256];
  size_t len;
  char *buf = lines_read (path, max, &len, msg, sizeof msg);
  if (!buf)
    {
      if (err)
        err (ctx, path, 0, msg);
      return 1;
    }
  int rc = parse (buf, len, path, obj, err, ctx);
  free (buf);
  return rc;
}

void
parse_error_print (void *ctx, const char *file, int line, const char *msg)
{
  (void) ctx;
  if (line > 0)
    text_printf_visible (stderr, "%s:%d: %s\n", file, line, msg);
  else
    text_printf_visible (stderr, "%s: %s\n", file, msg);
}
