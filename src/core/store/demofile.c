/* demofile.c - reading a recorded session's file, with the parsers' kit
   (lines.h): bounded, a line at a time.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demofile.h"
#include "xalloc.h"

struct dp {
  struct parse_report rep;
  struct demo_file *d;
  int key_max;
  int header;                       /* the header line was seen */
  size_t cap;
};

static void
demo_line (void *ctx, int line, char *s)
{
  struct dp *p = ctx;
  if (p->rep.nerr)
    return;                         /* all or nothing: the first error says it */
  if (s[0] == '#' || s[0] == '\0')
    return;
  if (!p->header)
    {
      if (strcmp (s, DEMO_HEADER) != 0)
        parse_fail (&p->rep, line, "not a shmtutor demo");
      p->header = 1;
      return;
    }
  int gap, key, end = 0;
  if (sscanf (s, "%d %d%n", &gap, &key, &end) != 2 || s[end] || gap < 0 || key < 0
      || key > p->key_max)
    {
      parse_fail (&p->rep, line, "expected 'MILLISECONDS KEY'");
      return;
    }
  struct demo_file *d = p->d;
  if (d->n >= DEMO_MAX_KEYS)
    {
      parse_fail (&p->rep, line, "more than %d keys", DEMO_MAX_KEYS);
      return;
    }
  d->keys = xgrow (d->keys, &p->cap, d->n, sizeof *d->keys, 1024);
  d->keys[d->n++] = (struct demo_key) { key, gap };
}

static void
demo_bad (void *ctx, int line, const char *why)
{
  struct dp *p = ctx;
  if (!p->rep.nerr)
    parse_fail (&p->rep, line, "%s", why);
}

int
demo_parse (const char *buf, size_t len, const char *file, struct demo_file *d, int key_max,
            parse_error_fn err, void *ctx)
{
  static const struct lines_fn fn = { demo_line, demo_bad, 1, 1 };
  struct dp p = { .rep = { file, err, ctx, 0 }, .d = d, .key_max = key_max };

  memset (d, 0, sizeof *d);
  if (len > DEMO_MAX_BYTES)
    parse_fail (&p.rep, 0, "file larger than %d bytes", DEMO_MAX_BYTES);
  else
    {
      lines_each (buf, len, DEMO_MAX_LINE, &fn, &p, &p.rep.nerr);
      if (!p.header && !p.rep.nerr)
        parse_fail (&p.rep, 1, "not a shmtutor demo (no '" DEMO_HEADER "' line)");
    }
  if (p.rep.nerr)
    demo_file_free (d);
  return p.rep.nerr;
}

int
demo_load (const char *path, struct demo_file *d, int key_max, parse_error_fn err, void *ctx)
{
  char msg[256];
  size_t len;
  char *buf = lines_read (path, DEMO_MAX_BYTES, &len, msg, sizeof msg);
  memset (d, 0, sizeof *d);
  if (!buf)
    {
      if (err)
        err (ctx, path, 0, msg);
      return -1;
    }
  int rc = demo_parse (buf, len, path, d, key_max, err, ctx);
  free (buf);
  return rc;
}

void
demo_file_free (struct demo_file *d)
{
  free (d->keys);
  d->keys = NULL;
  d->n = 0;
}
