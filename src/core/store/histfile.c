/* histfile.c - the prompts' history on disk.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "histfile.h"
#include "outfile.h"
#include "lines.h"
#include "xalloc.h"

static const char hexdigits[] = "0123456789abcdef";

int
histfile_escape (const char *text, char *out, size_t len)
{
  size_t j = 0;
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      char e = *p == '\\' ? '\\' : *p == '\n' ? 'n' : *p == '\t' ? 't' : *p == '\r' ? 'r' : 0;
      size_t need = e ? 2 : *p < 0x20 || *p == 0x7f ? 4 : 1;
      if (j + need >= len)
        return -1;
      if (e)
        {
          out[j++] = '\\';
          out[j++] = e;
        }
      else if (need == 4)
        {
          out[j++] = '\\';
          out[j++] = 'x';
          out[j++] = hexdigits[*p >> 4];
          out[j++] = hexdigits[*p & 15];
        }
      else
        out[j++] = (char) *p;
    }
  if (j >= len)
    return -1;
  out[j] = '\0';
  return 0;
}

static int
hexval (char c)
{
  const char *h = c ? strchr (hexdigits, c) : NULL;
  return h ? (int) (h - hexdigits) : -1;
}

int
histfile_unescape (const char *s, char *out, size_t len)
{
  size_t j = 0;
  for (; *s; s++)
    {
      char c = *s;
      if (c == '\\')
        {
          s++;
          switch (*s)
            {
            case '\\': c = '\\'; break;
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'x':
              {
                int hi = hexval (s[1]), lo = hi < 0 ? -1 : hexval (s[2]);
                if (lo < 0 || (hi == 0 && lo == 0))
                  return -1;
                c = (char) (hi * 16 + lo);
                s += 2;
                break;
              }
            default:
              return -1;
            }
        }
      if (j + 1 >= len)
        return -1;
      out[j++] = c;
    }
  out[j] = '\0';
  return 0;
}

struct load {
  void (*each) (void *, const char *, const char *);
  void *ctx;
  int n;
  char text[HIST_MAX_TEXT + 1];
};

static void
one_line (void *arg, int lineno, char *line)
{
  struct load *l = arg;
  (void) lineno;
  char *tab = strchr (line, '\t');
  if (!tab || tab == line || tab - line > 15)
    return;
  *tab = '\0';
  if (histfile_unescape (tab + 1, l->text, sizeof l->text) != 0 || !l->text[0])
    return;
  l->each (l->ctx, line, l->text);
  l->n++;
}

static void
skip_line (void *arg, int lineno, const char *why)
{
  (void) arg, (void) lineno, (void) why;     /* a damaged line is only lost */
}

int
histfile_load (const char *path, void (*each) (void *ctx, const char *kind, const char *text),
               void *ctx, char *msg, size_t len)
{
  size_t n;
  if (access (path, F_OK) != 0 && errno == ENOENT)
    return 0;
  char *buf = lines_read (path, HIST_MAX_FILE, &n, msg, len);
  if (!buf)
    return -1;
  struct load *l = xcalloc (1, sizeof *l);
  l->each = each;
  l->ctx = ctx;
  static const struct lines_fn fn = { one_line, skip_line, 0, 1 };
  int nerr = 0;
  if (n <= HIST_MAX_FILE)
    lines_each (buf, n, 2 * HIST_MAX_TEXT + 32, &fn, l, &nerr);
  int count = l->n;
  free (l);
  free (buf);
  return count;
}

int
histfile_save (const char *path, size_t n, const char *const kinds[], const char *const texts[],
               char *msg, size_t len)
{
  char esc[4 * HIST_MAX_TEXT + 1];
  struct outfile out;
  /* Written whole, then renamed over the old one (through a link to it:
     outfile_replace writes the link's target). */
  if (outfile_replace (&out, path, 0600) != 0)
    {
      snprintf (msg, len, "%s: %s", path, strerror (errno));
      return -1;
    }
  for (size_t i = 0; i < n; i++)
    if (strlen (texts[i]) <= HIST_MAX_TEXT && histfile_escape (texts[i], esc, sizeof esc) == 0)
      outfile_printf (&out, "%s\t%s\n", kinds[i], esc);
  if (outfile_commit (&out) != 0)
    {
      snprintf (msg, len, "%s: %s", path, strerror (errno));
      return -1;
    }
  return 0;
}
