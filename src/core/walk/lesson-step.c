/* lesson-step.c - a lesson step's keys: each checked as it is read, and
   the whole step when it ends.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson-int.h"
#include "lines.h"
#include "names.h"
#include "text.h"
#include "xalloc.h"

static const char *const key_names[K_NKEYS] = {
  "action", "path", "flags", "prot", "length", "offset", "text", "prompt",
  "format", "line", "explain", "note", "ask", "choice", "right",
};

/* Which keys each action takes (explain, note, line and the prediction
   keys ask, choice and right: every action). */
#define B(k) (1u << (k))
#define COMMON (B (K_ACTION) | B (K_LINE) | B (K_EXPLAIN) | B (K_NOTE) | B (K_ASK) \
                | B (K_CHOICE) | B (K_RIGHT))
static const unsigned action_keys[SHM_NACTIONS] = {
  [SHM_OPEN] = COMMON | B (K_PATH) | B (K_FLAGS),
  [SHM_MMAP] = COMMON | B (K_LENGTH) | B (K_PROT) | B (K_FLAGS) | B (K_OFFSET),
  [SHM_WRITE] = COMMON | B (K_TEXT) | B (K_PROMPT) | B (K_OFFSET),
  [SHM_READ] = COMMON | B (K_FORMAT) | B (K_OFFSET),
  [SHM_MUNMAP] = COMMON | B (K_LENGTH),
  [SHM_CLOSE] = COMMON,
  [SHM_FORK] = COMMON,
  [SHM_CHILD_WRITE] = COMMON | B (K_TEXT) | B (K_OFFSET),
  [SHM_CHILD_READ] = COMMON | B (K_FORMAT) | B (K_OFFSET),
  [SHM_PARENT_WRITE] = COMMON | B (K_TEXT) | B (K_OFFSET),
  [SHM_WAIT] = COMMON,
  [SHM_STRANGER] = COMMON,
  [SHM_VVAR] = COMMON,
  [SHM_CLOCK_COST] = COMMON,
  [SHM_URING_SETUP] = COMMON,
  [SHM_URING_SUBMIT] = COMMON,
};
/* And which they cannot do without. */
static const unsigned action_needs[SHM_NACTIONS] = {
  [SHM_OPEN] = B (K_PATH) | B (K_FLAGS),
  [SHM_MMAP] = B (K_LENGTH) | B (K_PROT) | B (K_FLAGS),
  [SHM_WRITE] = B (K_TEXT),
  [SHM_CHILD_WRITE] = B (K_TEXT),
  [SHM_PARENT_WRITE] = B (K_TEXT),
};

/* Append S to *DST (named WHAT in messages) as a new sentence, with a
   space between, bounded.  An S of "\n" starts a new paragraph. */
static void
append_text (struct parser *p, int line, char **dst, const char *s, const char *what)
{
  size_t old = *dst ? strlen (*dst) : 0, n = strlen (s);
  if (old == 0 && s[0] == '\n')
    return;                 /* no empty paragraph at the start */
  if (old + n + 2 > LESSON_MAX_TEXT)
    {
      parse_fail (&p->rep, line, "'%s' longer than %d bytes in all", what, LESSON_MAX_TEXT);
      return;
    }
  char *d = xreallocarray (*dst, old + n + 2, 1);
  if (old && s[0] != '\n' && d[old - 1] != '\n')
    d[old++] = ' ';
  memcpy (d + old, s, n + 1);
  *dst = d;
}

/* A length: "4096", "0x1000", "page", "2 pages". */
static int
parse_length (struct parser *p, const char *v, size_t *out)
{
  char *end;
  unsigned long long n;

  if (strcmp (v, "page") == 0)
    {
      *out = p->page;
      return 0;
    }
  if (*v == '-' || *v == '\0')
    return -1;
  errno = 0;
  n = strtoull (v, &end, 0);
  if (errno || end == v)
    return -1;
  while (*end == ' ')
    end++;
  if (strcmp (end, "pages") == 0 || strcmp (end, "page") == 0)
    {
      if (n > SHM_MAX_PAGES)
        return -2;
      n *= p->page;
    }
  else if (*end)
    return -1;
  if (n > (unsigned long long) SHM_MAX_PAGES * p->page)
    return -2;
  *out = (size_t) n;
  return 0;
}

static int
parse_int (const char *v, long long lo, long long hi, long long *out)
{
  char *end;
  errno = 0;
  long long n = strtoll (v, &end, 0);
  if (errno || end == v || *end || n < lo || n > hi)
    return -1;
  *out = n;
  return 0;
}

/* The step is complete: check it and resolve what depended on the action. */
void
lp_end_step (struct parser *p)
{
  struct lesson_step *st = p->st;
  if (!st)
    return;
  p->st = NULL;
  if (p->action_bad)
    goto out;
  if (!(p->seen & B (K_ACTION)))
    {
      parse_fail (&p->rep, st->file_line, "step '%s' has no action", st->name);
      goto out;
    }
  unsigned extra = p->seen & ~action_keys[st->action];
  for (int k = 0; k < K_NKEYS; k++)
    if (extra & B (k))
      parse_fail (&p->rep, p->key_line[k], "'%s' does not apply to %s", key_names[k],
            shm_action_name (st->action));
  unsigned missing = action_needs[st->action] & ~p->seen;
  for (int k = 0; k < K_NKEYS; k++)
    if (missing & B (k))
      parse_fail (&p->rep, st->file_line, "step '%s': %s needs '%s'", st->name,
            shm_action_name (st->action), key_names[k]);
  if (p->flags && (action_keys[st->action] & B (K_FLAGS)))
    {
      char bad[64];
      long v;
      enum name_set set = st->action == SHM_OPEN ? NAMES_OPEN : NAMES_MAP;
      if (names_parse (set, p->flags, &v, bad, sizeof bad) != 0)
        parse_fail (&p->rep, p->key_line[K_FLAGS], "unknown flag '%s' for %s", bad,
              shm_action_name (st->action));
      else if (st->action == SHM_OPEN)
        st->args.oflags = v;
      else
        st->args.mflags = v;
    }
  if ((p->seen & (B (K_ASK) | B (K_CHOICE) | B (K_RIGHT)))
      && (!st->ask || st->nchoices < 2 || st->right < 1 || st->right > st->nchoices))
    parse_fail (&p->rep, p->key_line[(p->seen & B (K_ASK)) ? K_ASK : (p->seen & B (K_CHOICE)) ? K_CHOICE
                                                                               : K_RIGHT],
          "a prediction needs 'ask', two to %d 'choice' lines and 'right' naming one of them",
          LESSON_MAX_CHOICES);
  if ((action_keys[st->action] & B (K_OFFSET)) && st->action != SHM_MMAP && st->args.offset < 0)
    parse_fail (&p->rep, p->key_line[K_OFFSET], "offset must not be negative for %s",
          shm_action_name (st->action));
out:
  free (p->flags);
  p->flags = NULL;
  st->args.path = st->path;
  st->args.text = st->text;
  st->args.format = st->format;
}

void
lp_begin_step (struct parser *p, int line, const char *name)
{
  struct lesson *L = p->L;
  lp_end_step (p);
  /* A bad name is reported, but the step is still read so that its keys
     are checked too. */
  if (*name == '\0' || strpbrk (name, " \t"))
    parse_fail (&p->rep, line, "a step needs a one-word name");
  for (size_t i = 0; i < L->nsteps; i++)
    if (strcmp (L->steps[i].name, name) == 0)
      {
        parse_fail (&p->rep, line, "duplicate step '%s' (first at line %d)", name,
              L->steps[i].file_line);
        break;
      }
  if (L->nsteps >= LESSON_MAX_STEPS)
    {
      parse_fail (&p->rep, line, "more than %d steps", LESSON_MAX_STEPS);
      return;
    }
  struct lesson_step *s = xreallocarray (L->steps, L->nsteps + 1, sizeof *s);
  L->steps = s;
  p->st = &s[L->nsteps++];
  memset (p->st, 0, sizeof *p->st);
  p->st->name = xstrdup (name);
  p->st->file_line = line;
  p->seen = 0;
  p->action_bad = 0;
}

void
lp_step_key (struct parser *p, int line, enum key k, const char *v)
{
  struct lesson_step *st = p->st;
  long long n;
  char bad[64];

  if ((p->seen & B (k)) && k != K_EXPLAIN && k != K_NOTE && k != K_CHOICE)
    {
      parse_fail (&p->rep, line, "'%s' given twice in step '%s' (first at line %d)", key_names[k],
            st->name, p->key_line[k]);
      return;
    }
  if (!(p->seen & B (k)))
    p->key_line[k] = line;
  p->seen |= B (k);
  switch (k)
    {
    case K_ACTION:
      {
        int a = shm_action_parse (v);
        if (a < 0)
          {
            {
              char names[400];
              size_t used = 0;
              names[0] = '\0';
              for (int i = 0; i < SHM_NACTIONS; i++)
                text_append (names, sizeof names, &used, "%s%s", i ? ", " : "",
                             shm_action_name ((enum shm_action) i));
              parse_fail (&p->rep, line, "unknown action '%s' (%s)", v, names);
            }
            p->action_bad = 1;
          }
        else
          st->action = (enum shm_action) a;
        break;
      }
    case K_PATH:
      if (strcmp (v, "/dev/zero") && strcmp (v, "/dev/null"))
        parse_fail (&p->rep, line, "a lesson may open /dev/zero or /dev/null only, not '%s'", v);
      else
        st->path = xstrdup (v);
      break;
    case K_FLAGS:
      free (p->flags);
      p->flags = xstrdup (v);
      break;
    case K_PROT:
      {
        long pv = 0;
        if (names_parse (NAMES_PROT, v, &pv, bad, sizeof bad) != 0)
          parse_fail (&p->rep, line, "unknown protection '%s'", bad);
        st->args.prot = pv;
        break;
      }
    case K_LENGTH:
      {
        int rc = parse_length (p, v, &st->args.length);
        if (rc == -2)
          parse_fail (&p->rep, line, "length '%s' is more than the %d pages a lesson may map", v,
                SHM_MAX_PAGES);
        else if (rc)
          parse_fail (&p->rep, line, "bad length '%s' (a number of bytes, 'page' or 'N pages')", v);
        st->args.length_set = 1;
        break;
      }
    case K_OFFSET:
      if (parse_int (v, -(long long) SHM_MAX_PAGES * (long long) p->page,
                     (long long) SHM_MAX_PAGES * (long long) p->page, &n))
        parse_fail (&p->rep, line, "bad offset '%s'", v);
      else
        st->args.offset = n;
      break;
    case K_TEXT:
      if (strlen (v) > 200)
        parse_fail (&p->rep, line, "text longer than 200 bytes");
      else
        st->text = xstrdup (v);
      break;
    case K_PROMPT:
      if (strcmp (v, "yes") == 0 || strcmp (v, "no") == 0)
        st->prompt = v[0] == 'y';
      else
        parse_fail (&p->rep, line, "prompt must be 'yes' or 'no'");
      break;
    case K_FORMAT:
      {
        char raw[256];
        if (strlen (v) > 200 || !text_format_ok (v)
            || text_c_unescape (v, raw, sizeof raw) == (size_t) -1)
          parse_fail (&p->rep, line, "format must hold exactly one %%s and valid escapes");
        else
          st->format = xstrdup (v);
        break;
      }
    case K_LINE:
      {
        /* "12" or "12-13" */
        char first[32];
        const char *dash = strchr (v, '-');
        long long m;
        snprintf (first, sizeof first, "%.*s", dash ? (int) (dash - v) : 31, v);
        if (parse_int (first, 1, LESSON_MAX_PROGRAM, &n)
            || parse_int (dash ? dash + 1 : first, n, LESSON_MAX_PROGRAM, &m))
          parse_fail (&p->rep, line, "bad program line '%s' (N or N-M)", v);
        else if ((size_t) m > p->L->nprogram)
          parse_fail (&p->rep, line, "line %lld is past the program's end (%zu lines)", m,
                p->L->nprogram);
        else
          {
            st->line = (int) n;
            st->line_end = (int) m;
          }
        break;
      }
    case K_EXPLAIN:
      if (*v == '\0')
        append_text (p, line, &st->explain, "\n", "explain");
      else
        append_text (p, line, &st->explain, v, "explain");
      break;
    case K_ASK:
      if (*v == '\0' || strlen (v) > 200)
        parse_fail (&p->rep, line, "'ask' needs a question of at most 200 bytes");
      else
        st->ask = xstrdup (v);
      break;
    case K_CHOICE:
      if (st->nchoices >= LESSON_MAX_CHOICES)
        parse_fail (&p->rep, line, "more than %d choices", LESSON_MAX_CHOICES);
      else if (*v == '\0' || strlen (v) > 200)
        parse_fail (&p->rep, line, "a choice needs text of at most 200 bytes");
      else if ((st->choices[st->nchoices] = xstrdup (v)))
        st->nchoices++;
      break;
    case K_RIGHT:
      if (parse_int (v, 1, LESSON_MAX_CHOICES, &n))
        parse_fail (&p->rep, line, "'right' is the number of the right choice, 1 to %d",
              LESSON_MAX_CHOICES);
      else
        st->right = (int) n;
      break;
    case K_NOTE:
      append_text (p, line, &st->note, v, "note");
      break;
    default:
      break;
    }
}

int
lp_key (const char *name)
{
  for (int k = 0; k < K_NKEYS; k++)
    if (strcmp (name, key_names[k]) == 0)
      return k;
  return -1;
}
