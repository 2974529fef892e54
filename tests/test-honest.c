/* test-honest.c - what the screen says of the mapping, checked against the
   kernel from outside: at every step of every lesson (the walkthrough and
   --plain) and after each statement typed into the call console, the
   figures shown (smaps, pagemap's count, the minor faults, the maps line,
   the bytes of the hex view) are compared with /proc/PID/smaps, maps,
   pagemap and mem of the running tutor.  The drawing must not have
   changed them: a view that read an untouched page would show here as an
   Rss or a page-table entry the screen does not admit to.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   This test reads the tutor's /proc files with its own small parsers and
   links none of the tutor's code.  It reads /proc/PID/mem only at pages
   that pagemap says are present, so that its own looking faults nothing
   in. */
#include <config.h>

#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>

#define ROWS 60
#define COLS 140
#define MAX_PAGES 64
#define PM_PRESENT (1ULL << 63)
#define PM_EXCLUSIVE (1ULL << 56)   /* the page is mapped by this process alone */

static const char *const child_env[] = {
  data_env, "NO_COLOR", "LINES", "COLUMNS", NULL
};

static long page_size;
static int wrapped;             /* 1: the tutor runs under a wrapper (valgrind);
                                   2: it is built with AddressSanitizer */

/* ---- the kernel, from outside ------------------------------------------- */

struct figs {
  int ok;
  long rss, pss, shared_clean, shared_dirty, private_clean, private_dirty, anonymous;
};

static const struct {
  const char *name;
  size_t at;
} fields[] = {
  { "Rss", offsetof (struct figs, rss) },
  { "Pss", offsetof (struct figs, pss) },
  { "Shared_Clean", offsetof (struct figs, shared_clean) },
  { "Shared_Dirty", offsetof (struct figs, shared_dirty) },
  { "Private_Clean", offsetof (struct figs, private_clean) },
  { "Private_Dirty", offsetof (struct figs, private_dirty) },
  { "Anonymous", offsetof (struct figs, anonymous) },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static long *
field (struct figs *f, size_t i)
{
  return (long *) ((char *) f + fields[i].at);
}

/* The records of /proc/PID/smaps that overlap [START, END), added up
   (an mprotect of part of a mapping splits it); *WIDER is set when they
   reach past it (the kernel merged the mapping with a neighbour). */
static void
outside_smaps (int pid, unsigned long long start, unsigned long long stop, struct figs *f,
               int *wider)
{
  char path[64], line[1024];
  int in = 0;
  memset (f, 0, sizeof *f);
  *wider = 0;
  snprintf (path, sizeof path, "/proc/%d/smaps", pid);
  FILE *fp = fopen (path, "re");
  if (!fp)
    return;
  while (fgets (line, sizeof line, fp))
    {
      char *end, *end2;
      unsigned long long a = strtoull (line, &end, 16);
      if (end != line && *end == '-')
        {
          unsigned long long b = strtoull (end + 1, &end2, 16);
          in = a < stop && b > start;
          f->ok |= in;
          *wider |= in && (a < start || b > stop);
          continue;
        }
      for (size_t i = 0; in && i < NFIELDS; i++)
        {
          size_t n = strlen (fields[i].name);
          if (strncmp (line, fields[i].name, n) == 0 && line[n] == ':')
            *field (f, i) += strtol (line + n + 1, NULL, 10);
        }
    }
  fclose (fp);
}

/* LINE with runs of blanks squeezed and no newline, into OUT. */
static void
squeeze (const char *line, char *out, size_t len)
{
  size_t j = 0;
  for (int blank = 0; *line && *line != '\n' && j + 1 < len; line++)
    {
      if (*line == ' ' || *line == '\t')
        {
          if (!blank)
            out[j++] = ' ';
          blank = 1;
          continue;
        }
      blank = 0;
      out[j++] = *line;
    }
  while (j && out[j - 1] == ' ')
    j--;
  out[j] = '\0';
}

/* The line of /proc/PID/maps whose range holds START, squeezed; "" if
   none. */
static void
outside_maps (int pid, unsigned long long start, char *out, size_t len)
{
  char path[64], line[1024], *end;
  out[0] = '\0';
  snprintf (path, sizeof path, "/proc/%d/maps", pid);
  FILE *fp = fopen (path, "re");
  if (!fp)
    return;
  while (fgets (line, sizeof line, fp))
    {
      unsigned long long a = strtoull (line, &end, 16);
      unsigned long long b = *end == '-' ? strtoull (end + 1, NULL, 16) : 0;
      if (a <= start && start < b)
        {
          squeeze (line, out, len);
          break;
        }
    }
  fclose (fp);
}

/* Pagemap's entries for N pages from START; 0, or -1. */
static int
outside_pagemap (int pid, unsigned long long start, long n, uint64_t *e)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/%d/pagemap", pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t got = pread (fd, e, (size_t) n * 8, (off_t) (start / (unsigned long long) page_size * 8));
  close (fd);
  return got == n * 8 ? 0 : -1;
}

/* N bytes of the tutor's memory at ADDR; 0, or -1. */
static int
outside_mem (int pid, unsigned long long addr, unsigned char *buf, size_t n)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/%d/mem", pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t got = pread (fd, buf, n, (off_t) addr);
  close (fd);
  return got == (ssize_t) n ? 0 : -1;
}

/* ---- the screen ------------------------------------------------------------ */

struct shown {
  int ok;                       /* a mapping's figures are on the screen */
  int pid;                      /* whose figures: "the child N's mincore", else 0 (the tutor's) */
  int child;                    /* the child whose own page the screen shows too, or 0 */
  unsigned long long start;     /* from the maps line */
  long pages, resident, mapped, faults;
  int have_faults;
  int faults_own;               /* the screen says the tutor's own faults count too */
  int merged;                   /* the screen says smaps merged it with a neighbour */
  long frame_page;              /* "page N frame 0x..." on the pagemap line, or -1 */
  unsigned long long frame;
  int zero;                     /* ... "= the kernel's zero page" */
  int fd;                       /* the walkthrough's "fd N" (open), or -1 */
  struct figs sm;
  char maps[512];               /* the maps line, squeezed */
};

/* Row R without the box's border and the blanks before the text. */
static const char *
text_of (struct vt *vt, int r, char *buf, size_t len)
{
  vt_row (vt, r, buf, len);
  const char *p = buf;
  while (*p == ' ' || strncmp (p, "\xe2\x94\x82", 3) == 0)
    p += *p == ' ' ? 1 : 3;
  return p;
}

/* The first row at or after FROM whose text starts with PREFIX, or -1. */
static int
find_row (struct vt *vt, int from, const char *prefix, char *buf, size_t len, const char **text)
{
  for (int r = from; r < ROWS; r++)
    {
      const char *t = text_of (vt, r, buf, len);
      const char *p = strstr (t, prefix);
      if (p && (p == t || p[-1] == ' '))
        {
          *text = p;
          return r;
        }
    }
  return -1;
}

/* The text of row R from T on, with the rows that carry it on when it
   wraps (in the right column, after its bar, from 120 columns), up to a
   row that starts something else: a known line, a rule or nothing. */
static void
join_rows (struct vt *vt, int r, const char *t, char *out, size_t len)
{
  static const char *const starts[] = {
    "mincore", "the child", "smaps", "pagemap", "maps:", "fd ", "page", "shown:", "[", NULL
  };
  snprintf (out, len, "%s", t);
  for (int k = r + 1; k < ROWS; k++)
    {
      char more[1024];
      const char *c = text_of (vt, k, more, sizeof more);
      const char *last = NULL;
      for (const char *bar = strstr (c, "\xe2\x94"); bar; bar = strstr (bar + 3, "\xe2\x94"))
        last = bar;
      if (last && last[2] != '\x82')
        return;               /* a rule */
      if (last)
        c = last + 3;
      while (*c == ' ')
        c++;
      if (!*c)
        return;
      for (int i = 0; starts[i]; i++)
        if (strncmp (c, starts[i], strlen (starts[i])) == 0)
          return;
      size_t n = strlen (out);
      snprintf (out + n, len - n, " %s", c);
    }
}

/* Read the figures the screen shows below row FROM. */
static void
read_shown (struct vt *vt, int from, struct shown *s)
{
  char buf[1024];
  const char *t;
  memset (s, 0, sizeof *s);
  s->resident = s->mapped = -1;
  int mr0 = find_row (vt, from, "mincore: ", buf, sizeof buf, &t);
  if (mr0 < 0 || sscanf (t, "mincore: %ld of %ld page", &s->resident, &s->pages) != 2)
    return;
  /* A step of the child's: its figures are its own, said so. */
  const char *who = NULL;
  for (const char *c = strstr (buf, "the child "); c && c < t; c = strstr (c + 1, "the child "))
    who = c;                    /* the last before it: the program may say "the child" too */
  if (who && isdigit ((unsigned char) who[10]))
    s->pid = atoi (who + 10);
  /* With a child, its pane ("child N" on its rule) or its rows ("[child N"
     in --plain) show its own view of the page. */
  for (int r = from; r < ROWS && !s->child; r++)
    {
      char row[1024];
      vt_row (vt, r, row, sizeof row);
      for (const char *c = strstr (row, "child "); c && !s->child; c = strstr (c + 1, "child "))
        if (isdigit ((unsigned char) c[6]) && (c == row || c[-1] == ' ' || c[-1] == '['))
          s->child = atoi (c + 6);
    }
  static char whole_k[4096];
  join_rows (vt, mr0, t, whole_k, sizeof whole_k);
  const char *q = strstr (whole_k, "minor faults");
  if (q && (q = strstr (q, ": ")))
    {
      s->faults = strtol (q + 2, NULL, 10);
      s->have_faults = 1;
      s->faults_own = strstr (q, "tutor's own too") != NULL;
    }
  s->frame_page = s->fd = -1;
  if (find_row (vt, from, "pagemap: ", buf, sizeof buf, &t) >= 0)
    {
      s->mapped = strtol (t + 9, NULL, 10);
      const char *f = strstr (t, ": page ");
      if (f && sscanf (f, ": page %ld frame %llx", &s->frame_page, &s->frame) == 2)
        {
          /* Named for the first page: before the next page's comma. */
          const char *z = strstr (f, "= the kernel's zero page"), *comma = strchr (f, ',');
          s->zero = z && (!comma || z < comma);
        }
      else
        s->frame_page = -1;
    }
  if (find_row (vt, from, "fd ", buf, sizeof buf, &t) >= 0 && !strstr (t, "(closed)")
      && strstr (t, "   map "))
    s->fd = atoi (t + 3);
  int sr = find_row (vt, from, "smaps (kB): ", buf, sizeof buf, &t);
  if (sr < 0)
    return;
  static char whole_s[4096];
  join_rows (vt, sr, t, whole_s, sizeof whole_s);
  t = whole_s;
  for (size_t i = 0; i < NFIELDS; i++)
    {
      char name[32];
      snprintf (name, sizeof name, " %s ", fields[i].name);
      const char *p = strstr (t, name);
      if (p)
        *field (&s->sm, i) = strtol (p + strlen (name), NULL, 10);
    }
  s->sm.ok = 1;
  s->merged = strstr (t, "merged with a neighbour") != NULL;
  int mr = find_row (vt, from, "maps: ", buf, sizeof buf, &t);
  if (mr < 0)
    return;
  /* A long maps line wraps: its rows go on to the page's rule. */
  char whole[2048];
  snprintf (whole, sizeof whole, "%s", t + 6);
  for (int r = mr + 1; r < ROWS; r++)
    {
      char more[1024];
      const char *c = text_of (vt, r, more, sizeof more);
      /* From 120 columns the state is the right column, after the
         column line; a rule (the page's) ends the maps line. */
      const char *last = NULL;
      for (const char *bar = strstr (c, "\xe2\x94"); bar; bar = strstr (bar + 3, "\xe2\x94"))
        last = bar;
      if (last && last[2] != '\x82')
        break;
      if (last)
        c = last + 3;
      while (*c == ' ')
        c++;
      if (!*c || strncmp (c, "page ", 5) == 0)
        break;                  /* --plain: the page's line */
      size_t n = strlen (whole);
      snprintf (whole + n, sizeof whole - n, " %s", c);
    }
  /* The console marks the records of a split mapping it does not show. */
  char *more = strstr (whole, "  [+");
  if (more)
    *more = '\0';
  squeeze (whole, s->maps, sizeof s->maps);
  /* Where the mapping starts: the screen says it ("map 0x..." in the
     walkthrough, "shown: 0x..." in the console); the maps line may start
     lower, when the kernel merged the mapping with a neighbour. */
  const char *m = NULL;
  if (find_row (vt, from, "shown: 0x", buf, sizeof buf, &t) >= 0)
    m = t + 7;
  else if (find_row (vt, from, "fd ", buf, sizeof buf, &t) >= 0 && (m = strstr (t, " map 0x")))
    m += 5;
  s->start = m ? strtoull (m, NULL, 16) : strtoull (s->maps, NULL, 16);
  s->ok = s->start != 0;
}

/* ---- one comparison --------------------------------------------------------- */

/* What the last look at each mapping found, for the faults of the next
   step: a mapping not looked at before starts from nothing. */
struct seen {
  int pid;
  unsigned long long start;
  long present, rss;
  long minflt;                  /* /proc/PID/stat's count at the last look; -1 none */
  uint64_t pres, excl;          /* pages present, and mapped by this process alone */
};

struct before {
  struct seen m[64];
  int n;
};

/* The entry of B for START; FRESH (a new mapping, maybe where an old one
   was) starts it again from nothing. */
static struct seen *
seen_of (struct before *b, int pid, unsigned long long start, int fresh)
{
  for (int i = 0; i < b->n; i++)
    if (b->m[i].start == start && b->m[i].pid == pid)
      {
        if (fresh)
          {
            b->m[i].present = b->m[i].rss = 0;
            b->m[i].pres = b->m[i].excl = 0;
          }
        return &b->m[i];
      }
  if (b->n == (int) (sizeof b->m / sizeof b->m[0]))
    return NULL;
  b->m[b->n] = (struct seen) { pid, start, 0, 0, -1, 0, 0 };
  return &b->m[b->n++];
}

/* Where the hex rows in ROW start: an offset of four hex digits or more
   at the row's start or after a blank, a bar or "]", then two blanks and
   two hex digits (a row of bytes) or a '-' (a page not read).  Up to MAX
   of them, left to right (two panes side by side give two). */
static int
hex_starts (const char *row, const char **at, int max)
{
  int n = 0;
  for (const char *p = row; *p && n < max; p++)
    {
      if (p != row && p[-1] != ' ' && p[-1] != ']' && (unsigned char) p[-1] != 0x82)
        continue;
      const char *q = p;
      while (isxdigit ((unsigned char) *q))
        q++;
      if (q - p < 4 || q - p > 8)
        continue;
      if (!((q[0] == ' ' && q[1] == ' ' && isxdigit ((unsigned char) q[2])
             && isxdigit ((unsigned char) q[3])) || q[0] == '-'))
        continue;
      at[n++] = p;
      p = q;
    }
  return n;
}

/* The hex rows of one view below row FROM, against PID's memory: NTH 0,
   the tutor's own (the first rows of a line, not "[child]"'s); 1, the
   child's (the second pane, or --plain's "[child]" rows). */
static void
check_rows (struct vt *vt, int from, const char *what, int pid, unsigned long long start, long n,
            int nth)
{
  uint64_t e[MAX_PAGES];
  char buf[1024];
  int rows = 0, bad = 0, absent_ok = 1, absent_rows = 0;
  if (n && outside_pagemap (pid, start, n, e) != 0)
    {
      tap_ok (0, "%s: /proc/%d/pagemap can be read", what, pid);
      return;
    }
  for (int r = from; r < ROWS && n; r++)
    {
      vt_row (vt, r, buf, sizeof buf);
      const char *at[2], *line = buf;
      while (*line == ' ')
        line++;
      int child_row = strncmp (line, "[child] ", 8) == 0;
      int k = hex_starts (child_row ? line + 8 : buf, at, 2);
      const char *t;
      if (child_row)
        {
          if (nth != 1 || k < 1)
            continue;
          t = at[0];
        }
      else if (k <= nth)
        continue;
      else
        t = at[nth];
      char *end;
      unsigned long off = strtoul (t, &end, 16);
      long pg = (long) (off / (unsigned long) page_size);
      if (pg >= n)
        continue;
      int is_present = (e[pg] & PM_PRESENT) != 0;
      if (*end == '-')
        {
          if (strstr (end, "all zero"))
            continue;           /* --plain's run of zero rows */
          absent_rows++;
          if (strstr (end, "not present") && is_present)
            absent_ok = 0;
          continue;
        }
      rows++;
      unsigned char mem[16];
      if (!is_present || outside_mem (pid, start + off, mem, 16) != 0)
        {
          bad++;
          tap_diag ("%s: row %04lx shows bytes of page %ld, which is not present", what, off,
                    pg);
          continue;
        }
      /* Its bytes: two hex digits and a blank each, 16 or 8 to a row. */
      for (int i = 0; i < 16; i++)
        {
          const char *g = end + 2 + 3 * i;
          unsigned v;
          if (!isxdigit ((unsigned char) g[0]) || !isxdigit ((unsigned char) g[1])
              || (g[2] != ' ' && g[2] != '\0') || sscanf (g, "%2x", &v) != 1)
            break;
          if (v != mem[i])
            {
              bad++;
              tap_diag ("%s: row %04lx byte %d: screen %02x, memory %02x", what, off, i, v,
                        mem[i]);
              break;
            }
        }
    }
  if (!tap_ok (!bad, "%s: the %d rows of bytes shown are the memory's, and only of pages "
               "present", what, rows))
    vt_dump (vt);
  tap_ok (absent_ok, "%s: each of the %d pages said not present is not in the page table",
          what, absent_rows);
}

/* PID's minor faults so far, the kernel's count (/proc/PID/stat's tenth
   field), or -1. */
static long
outside_minflt (int pid)
{
  char path[64], buf[1024];
  snprintf (path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen (path, "re");
  if (!f)
    return -1;
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  const char *p = strrchr (buf, ')');
  long v = -1;
  /* After the name: state ppid pgrp session tty tpgid flags minflt */
  if (!p || sscanf (p + 1, " %*c %*d %*d %*d %*d %*d %*u %ld", &v) != 1)
    return -1;
  return v;
}

/* Take a look at PID's pages of the mapping at START (N pages) into W:
   the baseline the next step's faults are counted from. */
static void
look_again (struct seen *w, int pid, unsigned long long start, long n)
{
  uint64_t e[MAX_PAGES];
  struct figs k;
  int wider;
  if (!w || !n || outside_pagemap (pid, start, n, e) != 0)
    return;
  outside_smaps (pid, start, start + (unsigned long long) n * (unsigned long long) page_size, &k,
                 &wider);
  w->present = 0;
  w->pres = w->excl = 0;
  for (long i = 0; i < n; i++)
    if (e[i] & PM_PRESENT)
      {
        w->present++;
        w->pres |= 1ULL << i;
        if (e[i] & PM_EXCLUSIVE)
          w->excl |= 1ULL << i;
      }
  w->rss = k.rss;
  w->minflt = outside_minflt (pid);
}

/* Each pane's "Rss N kB  Pss M kB" below row FROM, against the smaps of
   the process it is about: the left (or "[parent" in --plain) the
   tutor's, the right (or "[child") the child's. */
static void
check_panes (struct vt *vt, int from, const char *what, int tutor, int child,
             unsigned long long start, long n)
{
  char buf[1024];
  int pending = -1, checked = 0, bad = 0;
  for (int r = from; r < ROWS; r++)
    {
      vt_row (vt, r, buf, sizeof buf);
      const char *l = buf;
      while (*l == ' ')
        l++;
      if (strncmp (l, "[parent ", 8) == 0 || strncmp (l, "[child ", 7) == 0)
        {
          pending = l[1] == 'p' ? 0 : 1;
          continue;
        }
      int side = 0;
      for (const char *q = strstr (buf, "Rss "); q; q = strstr (q + 1, "Rss "), side++)
        {
          long rss, pss;
          if (sscanf (q, "Rss %ld kB  Pss %ld kB", &rss, &pss) != 2)
            {
              side--;
              continue;
            }
          int which = pending >= 0 ? pending : side;
          int pid = which == 0 ? tutor : child;
          if (which > 1 || pid <= 0 || kill (pid, 0) != 0)
            continue;
          struct figs k;
          int wider;
          outside_smaps (pid, start, start + (unsigned long long) n * (unsigned long long) page_size,
                         &k, &wider);
          checked++;
          if (!k.ok || k.rss != rss || k.pss != pss)
            {
              bad++;
              tap_diag ("%s: the %s pane says Rss %ld Pss %ld kB, /proc/%d/smaps %ld and %ld",
                        what, which ? "child's" : "parent's", rss, pss, pid, k.rss, k.pss);
            }
        }
      if (pending >= 0 && strstr (buf, "Rss "))
        pending = -1;
    }
  if (checked || bad)
    tap_ok (!bad, "%s: the panes' Rss and Pss (%d) are each process's smaps", what, checked);
}

/* Compare the screen below row FROM with the kernel, as WHAT.  B holds
   the last look at each mapping and is updated; FRESH: the step made the
   mapping shown.  B NULL: the faults shown are not compared (the step
   shown was replayed, or no statement ran since the mapping shown
   changed). */
static void
compare (struct vt *vt, int from, const char *what, struct before *b, int fresh)
{
  static struct before none;
  int check_faults = b != NULL;
  if (!b)
    b = &none;
  struct shown s;
  struct figs k;
  char maps[512];
  uint64_t e[MAX_PAGES];
  int tutor = vt_pid (vt), pid = tutor;

  settle (vt);
  read_shown (vt, from, &s);
  if (s.pid)
    pid = s.pid;              /* the figures of a child's step are the child's */
  if (!s.ok)
    {
      /* No mapping's figures: the screen must say there is none. */
      int said = vt_find (vt, "map none", NULL, NULL) || vt_find (vt, "shown: nothing", NULL, NULL)
        || vt_find (vt, "page: nothing is mapped", NULL, NULL)
        || vt_find (vt, "page: the mapping is gone", NULL, NULL)
        || vt_find (vt, "minor faults in the step", NULL, NULL);   /* a kernel step's */
      if (!tap_ok (said, "%s: no mapping's figures on the screen, and it says none is shown",
                   what))
        vt_dump (vt);
      return;
    }
  long n = s.pages > 0 && s.pages <= MAX_PAGES ? s.pages : 0;
  int pm = n && outside_pagemap (pid, s.start, n, e) == 0;
  int wider;
  outside_smaps (pid, s.start, s.start + (unsigned long long) n * (unsigned long long) page_size,
                 &k, &wider);
  if (wider)
    tap_ok (s.merged, "%s: the kernel merged the mapping with a neighbour, and the screen "
            "says so", what);
  outside_maps (pid, s.start, maps, sizeof maps);

  if (!tap_ok (k.ok, "%s: /proc/%d/smaps has the mapping the screen shows at %#llx", what,
               pid, s.start))
    vt_dump (vt);
  tap_str (s.maps, maps, "%s: the maps line is /proc/PID/maps's", what);
  int same = 1;
  for (size_t i = 0; i < NFIELDS; i++)
    same &= *field (&s.sm, i) == *field (&k, i);
  if (!tap_ok (same, "%s: smaps on the screen is /proc/PID/smaps: Rss %ld Pss %ld "
               "Shared_Clean %ld Shared_Dirty %ld Private_Clean %ld Private_Dirty %ld "
               "Anonymous %ld kB", what, k.rss, k.pss, k.shared_clean, k.shared_dirty,
               k.private_clean, k.private_dirty, k.anonymous))
    {
      for (size_t i = 0; i < NFIELDS; i++)
        tap_diag ("%s: screen %ld, kernel %ld", fields[i].name, *field (&s.sm, i),
                  *field (&k, i));
      vt_dump (vt);
    }
  if (!tap_ok (pm, "%s: /proc/PID/pagemap can be read for %ld pages", what, n))
    return;
  long present = 0;
  for (long i = 0; i < n; i++)
    present += (e[i] & PM_PRESENT) != 0;
  tap_int (s.mapped, present, "%s: 'pagemap: N mapped here' is the kernel's count", what);
  /* The first frame shown, where pagemap shows frames (root), and whether
     it is the zero page, as /proc/kpageflags says from outside. */
  if (s.frame_page >= 0 && s.frame_page < n)
    {
      unsigned long long pfn = e[s.frame_page] & ((1ULL << 55) - 1);
      tap_ok (pfn == s.frame, "%s: page %ld's frame %#llx is pagemap's (%#llx)", what,
              s.frame_page, s.frame, pfn);
      uint64_t fl = 0;
      int kf = open ("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
      if (kf >= 0 && pread (kf, &fl, 8, (off_t) (pfn * 8)) == 8)
        tap_ok (s.zero == (int) ((fl >> 24) & 1), "%s: the zero page is named exactly when "
                "kpageflags says it (bit 24 %d)", what, (int) ((fl >> 24) & 1));
      if (kf >= 0)
        close (kf);
    }
  /* The walkthrough's open fd is /dev/zero in /proc/PID/fd. */
  if (s.fd >= 0)
    {
      char path[64], link[256];
      snprintf (path, sizeof path, "/proc/%d/fd/%d", pid, s.fd);
      ssize_t got = readlink (path, link, sizeof link - 1);
      link[got > 0 ? got : 0] = '\0';
      tap_str (link, "/dev/zero", "%s: fd %d is /dev/zero in /proc/PID/fd", what, s.fd);
    }
  /* mincore counts pages in memory: for private memory those are the ones
     in the page table; shared memory's may be in its cache only. */
  int private = strstr (s.maps, " rw-p ") || strstr (s.maps, " r--p ")
    || strstr (s.maps, " ---p ") || strstr (s.maps, " -w-p ");
  if (private)
    tap_int (s.resident, present, "%s: mincore's count, for private memory, is pagemap's",
             what);
  else
    tap_ok (s.resident >= present, "%s: mincore's count (%ld) is at least pagemap's (%ld)",
            what, s.resident, present);

  /* The minor faults of the step: one for each page it brought into the
     page table, and one for each page already there that it made count in
     Rss (a store after a read of a private page, copying the zero page). */
  if (s.have_faults && !wrapped && check_faults)
    {
      struct seen *was = seen_of (b, pid, s.start, fresh);
      long p0 = was ? was->present : 0, r0 = was ? was->rss : 0;
      long dp = present - p0, dr = (k.rss - r0) * 1024 / page_size;
      /* Merged with a neighbour, Rss is theirs too: pagemap alone counts. */
      if (wider)
        dr = dp;
      long fresh_pages = dp > 0 ? dp : 0, extra_rss = dr > fresh_pages ? dr - fresh_pages : 0;
      /* A page present before and now that has become this process's
         alone: a copy-on-write fault gave it a copy (after fork, or of
         the zero page, which Rss then counts too: one fault either way). */
      uint64_t pres = 0, excl = 0;
      for (long i = 0; i < n; i++)
        if (e[i] & PM_PRESENT)
          {
            pres |= 1ULL << i;
            excl |= (e[i] & PM_EXCLUSIVE) ? 1ULL << i : 0;
          }
      long copied = was ? __builtin_popcountll (excl & ~was->excl & was->pres & pres) : 0;
      long want = fresh_pages + (copied > extra_rss ? copied : extra_rss);
      int ok;
      long stat = -1;
      if (s.pid && was && was->minflt >= 0 && (stat = outside_minflt (pid)) >= 0)
        {
          /* A child's step: at least the faults its pages show, and at
             most what the kernel counted for the child since the last
             look (its store into a page it alone maps, but write-protected
             since fork, faults without a trace in its pages). */
          stat -= was->minflt;
          ok = s.faults >= want && s.faults <= stat;
        }
      else
        /* After fork the count takes in the tutor's own copy-on-write
           faults too, and the screen must say so. */
        ok = s.faults_own ? s.faults >= want : s.faults == want;
      char bound[64] = "";
      if (stat >= 0)
        snprintf (bound, sizeof bound, "at most %ld, its /proc/PID/stat count; ", stat);
      if (!tap_ok (ok, "%s: the minor faults shown (%+ld) are the kernel's: %s%ld page%s newly "
                   "in the page table, Rss %+ld kB, %ld copied%s", what, s.faults, bound,
                   dp, dp == 1 ? "" : "s", k.rss - r0, copied,
                   s.faults_own ? ", and the tutor's own after fork" : ""))
        {
          tap_diag ("want %+ld", want);
          vt_dump (vt);
        }
    }
  else if (s.have_faults && check_faults)
    printf ("ok %d - %s: fault counts # SKIP %s\n", ++tap_n, what, wrapped == 2
            ? "built with AddressSanitizer: its shadow memory's faults count too"
            : "the tutor runs under a wrapper, whose own faults count too");
  /* The baselines for the next step, from the kernel: of the process
     whose figures these are, and of the other one, whose pages the step
     may have changed too (a store into a shared page). */
  look_again (seen_of (b, pid, s.start, 0), pid, s.start, n);
  if (s.child && kill (s.child, 0) == 0)
    look_again (seen_of (b, s.child, s.start, 0), s.child, s.start, n);
  if (pid != tutor)
    look_again (seen_of (b, tutor, s.start, 0), tutor, s.start, n);

  /* The hex view: bytes only of present pages, each as in the tutor's
     memory; every other page said to be not read.  With a child, its own
     view too, against its own memory. */
  check_rows (vt, from, what, tutor, s.start, n, 0);
  if (s.child)
    check_panes (vt, from, what, tutor, s.child, s.start, n);
  if (s.child && kill (s.child, 0) != 0)
    {
      /* The child is gone: no view of its may be shown. */
      int shown = 0;
      char row[1024];
      for (int r = from; r < ROWS; r++)
        {
          const char *at[2];
          vt_row (vt, r, row, sizeof row);
          const char *l = row;
          while (*l == ' ')
            l++;
          shown += strncmp (l, "[child] ", 8) == 0 || hex_starts (row, at, 2) == 2;
        }
      tap_ok (!shown, "%s: the child %d is gone, and no view of its is shown", what, s.child);
    }
  else if (s.child)
    {
      char cw[200];
      snprintf (cw, sizeof cw, "%s, the child %d's view", what, s.child);
      check_rows (vt, from, cw, s.child, s.start, n, 1);
    }
}

/* ---- the walkthrough, full screen and plain ---------------------------------- */

/* The last row that starts a step in --plain's output, or 0. */
static int
plain_step_row (struct vt *vt)
{
  char buf[1024];
  int last = 0;
  for (int r = 0; r < ROWS; r++)
    if (strncmp (text_of (vt, r, buf, sizeof buf), "Step ", 5) == 0)
      last = r;
  return last;
}

struct step_done {
  int step;
};

/* Whether --plain's block for step D->step is complete: a question for the
   learner follows the row that starts it. */
static int
plain_step_done (struct vt *vt, void *arg)
{
  const struct step_done *d = arg;
  char buf[1024], want[32];
  int start = -1;
  snprintf (want, sizeof want, "Step %d of ", d->step);
  for (int r = 0; r < ROWS; r++)
    {
      const char *t = text_of (vt, r, buf, sizeof buf);
      if (strncmp (t, want, strlen (want)) == 0)
        start = r;
      else if (start >= 0 && (strncmp (t, "Enter: next step", 16) == 0
                              || strncmp (t, "Text for sprintf", 16) == 0))
        return 1;
    }
  return 0;
}

static void
walk_lesson (const char *lesson, int plain)
{
  char what[128], want[64];
  const char *args[] = { plain ? "--plain" : "walkthrough", plain ? "walkthrough" : lesson,
                         plain ? lesson : NULL, NULL };
  static struct before b;
  memset (&b, 0, sizeof b);
  snprintf (what, sizeof what, "%s%s", lesson, plain ? " --plain" : "");
  struct vt *vt = start_program (what, args, ROWS, COLS, child_env, NULL);
  if (!vt)
    return;
  /* The number of steps, from the first screen. */
  char total[16];
  int steps = 0;
  if (plain ? grab (vt, "Step 1 of ", ":", total, sizeof total, WAIT_MS)
      : grab (vt, "step 1/", " ", total, sizeof total, WAIT_MS))
    steps = atoi (total);
  if (!tap_ok (steps > 0, "%s: the number of steps is shown", what))
    {
      vt_dump (vt);
      vt_free (vt);
      return;
    }
  for (int i = 1; i <= steps; i++)
    {
      char step[160];
      snprintf (step, sizeof step, "%s, step %d", what, i);
      if (plain)
        snprintf (want, sizeof want, "Step %d of %d", i, steps);
      else
        snprintf (want, sizeof want, "step %d/%d", i, steps);
      if (plain && i < steps)
        {
          /* Wait for the question after this step's block: then the block
             is all there (an earlier step's question is on the screen too). */
          struct step_done d = { i };
          wait_until (vt, plain_step_done, &d, WAIT_MS);
        }
      if (!shows (vt, step, want))
        break;
      compare (vt, plain ? plain_step_row (vt) : 0, step, &b, 0);
      if (i == steps)
        break;
      vt_send (vt, "\r");
      if (plain)
        {
          /* A write step asks for its text first: Enter takes the lesson's. */
          settle (vt);
          char buf[1024];
          for (int r = ROWS - 1; r >= 0; r--)
            {
              const char *t = text_of (vt, r, buf, sizeof buf);
              if (!*t)
                continue;
              if (strncmp (t, "Text for sprintf", 16) == 0)
                vt_send (vt, "\r");
              break;
            }
        }
      else
        {
          char next[64];
          snprintf (next, sizeof next, "step %d/%d", i + 1, steps);
          /* The write step's prompt comes first: Enter takes the lesson's text. */
          for (int k = 0; k < 50 && !vt_find (vt, next, NULL, NULL); k++)
            {
              vt_pump (vt, 100);
              if (vt_find (vt, "write> ", NULL, NULL))
                {
                  vt_send (vt, "\r");
                  break;
                }
            }
        }
    }
  if (!plain && steps > 2)
    {
      /* Back two steps: replayed on a fresh mapping, then shown; its
         figures must be the kernel's as well. */
      char back[160];
      for (int k = 1; k <= 2; k++)
        {
          snprintf (want, sizeof want, "step %d/%d", steps - k, steps);
          snprintf (back, sizeof back, "%s, back to step %d", what, steps - k);
          vt_send (vt, "p");
          if (shows (vt, back, want))
            compare (vt, 0, back, NULL, 0);
        }
    }
  vt_send (vt, "q");
  vt_wait_exit (vt, WAIT_MS, NULL);
  vt_free (vt);
}

/* ---- the call console ------------------------------------------------------ */

static void
console (void)
{
  static const char *const lines[] = {
    "fd = open(\"/dev/zero\", O_RDWR)",
    "p = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)",
    "strcpy(p + 16, \"hello\")",
    "mincore(p, 8192)",
    "read(fd, p + 4096, 16)",
    "msync(p, 8192, MS_SYNC)",
    "q = mmap(NULL, 16384, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE, fd, 0)",
    "q[100] = 'x'",
    "r = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE, fd, 0)",
    "write(fd, r, 16)",
    "r[0] = 'A'",
    "r[4096] = 'B'",
    "mprotect(r, 4096, PROT_NONE)",
    "fork()",
    "munmap(r, 8192)",
    "munmap(q, 16384)",
    /* fork over a page nobody touched: fork reads nothing */
    "u = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)",
    "fork()",
    "u[4096] = 7",
    /* a store refused by the protection: a caught SIGSEGV, no fault kept */
    "t = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0)",
    "strcpy(t, \"no\")",
    "strcpy(t, \"no\")",
    /* anonymous neighbours, which the kernel may merge into one record */
    "a = mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)",
    "a[0] = 1",
    "b = mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)",
    "b[1] = 2",
    /* a statement on a mapping that is not the one shown */
    "p[0] = 'P'",
    "\t",
    NULL
  };
  static const char *const args[] = { "console", NULL };
  static struct before b;
  memset (&b, 0, sizeof b);
  struct vt *vt = start_program ("console", args, ROWS, COLS, child_env, NULL);
  if (!vt || !shows (vt, "console", "console>"))
    {
      vt_free (vt);
      return;
    }
  for (int i = 0; lines[i]; i++)
    {
      char what[160], want[300];
      if (strcmp (lines[i], "\t") == 0)
        {
          /* Tab on an empty line: the next mapping, no statement run. */
          snprintf (what, sizeof what, "console, Tab");
          vt_send (vt, "\t");
          settle (vt);
          compare (vt, 0, what, NULL, 0);
          continue;
        }
      snprintf (what, sizeof what, "console, %s", lines[i]);
      snprintf (want, sizeof want, "> %s  ", lines[i]);
      vt_send (vt, lines[i]);
      vt_send (vt, "\r");
      if (!shows (vt, what, want))
        break;
      compare (vt, 0, what, &b, strstr (lines[i], "mmap(") != NULL);
    }
  vt_send (vt, "\004");
  vt_wait_exit (vt, WAIT_MS, NULL);
  vt_free (vt);
}

int
main (void)
{
  if (!program_ready ())
    return tap_done ();
  page_size = sysconf (_SC_PAGESIZE);
  const char *real = getenv ("SHMTUTOR_REAL");
  wrapped = real && strcmp (real, program) != 0;
#ifdef __SANITIZE_ADDRESS__
  /* The tutor is built as this test is: every access it checks touches
     shadow memory, whose first touches are minor faults of its own. */
  wrapped = 2;
#endif
  walk_lesson ("shared-memory", 0);
  walk_lesson ("private-cow", 0);
  walk_lesson ("fork-shared", 0);
  walk_lesson ("kernel-shared", 0);
  walk_lesson ("shared-memory", 1);
  walk_lesson ("private-cow", 1);
  walk_lesson ("fork-shared", 1);
  walk_lesson ("kernel-shared", 1);
  console ();
  vt_cleanup ();
  return tap_done ();
}

#endif
