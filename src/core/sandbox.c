/* sandbox.c - the call console's engine.
   Every address is checked against the console's own mappings before it
   is used; the deliberate faults (a PROT_READ page written, a page of a
   former mapping touched) are caught by guard_run.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
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
#include "sandbox.h"
#include "text.h"

/* ---- names ------------------------------------------------------------ */

#define C(x) { #x, x }
static const struct { const char *name; long long v; } constants[] = {
  { "NULL", 0 },
  C (O_RDONLY), C (O_WRONLY), C (O_RDWR), C (O_CLOEXEC),
  C (PROT_NONE), C (PROT_READ), C (PROT_WRITE),
  C (MAP_SHARED), C (MAP_PRIVATE), C (MAP_ANONYMOUS), C (MAP_POPULATE),
#ifdef MAP_SHARED_VALIDATE
  C (MAP_SHARED_VALIDATE),
#endif
  C (MS_SYNC), C (MS_ASYNC), C (MS_INVALIDATE),
};

/* Names a variable may not take: they would not compile in the saved
   program, or they mean something already. */
static const char *const reserved[] = {
  "buf", "vec", "pid", "main", "int", "char", "long", "void", "if", "else", "for",
  "while", "return", "do", "switch", "case", "sizeof", "static", "const", "auto",
  "break", "continue", "default", "double", "float", "goto", "short", "signed",
  "unsigned", "struct", "union", "enum", "typedef", "extern", "register", "volatile",
  "perror", "printf", "errno", "help", "quit", "exit", "save",
};

struct val {
  enum { V_NUM, V_STR, V_PTR } kind;
  long long num;
  const char *str;          /* V_STR */
  int map;                  /* V_PTR: index into maps, or -1 for buf */
  size_t off;
};

typedef int (*call_fn) (struct sandbox *, const struct cp_stmt *, struct val *,
                        struct shm_record *);

static int do_open (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_mmap (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_mprotect (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_munmap (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_msync (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_mincore (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_close (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_read (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_write (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_strcpy (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_memset (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_sprintf (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);
static int do_fork (struct sandbox *, const struct cp_stmt *, struct val *, struct shm_record *);

/* The calls: name, arguments (fewest, most), what it returns, help. */
static const struct call {
  const char *name;
  int min, max;
  enum sb_kind returns;
  call_fn fn;
  const char *help;
} calls[] = {
  { "open", 2, 2, SB_FD, do_open, "fd = open(\"/dev/zero\", O_RDWR)  /dev/zero or /dev/null only" },
  { "mmap", 6, 6, SB_PTR, do_mmap, "p = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)" },
  { "mprotect", 3, 3, SB_INT, do_mprotect, "mprotect(p, 4096, PROT_READ|PROT_WRITE)" },
  { "munmap", 2, 2, SB_INT, do_munmap, "munmap(p, 8192)  the whole mapping" },
  { "msync", 3, 3, SB_INT, do_msync, "msync(p, 4096, MS_SYNC)" },
  { "mincore", 2, 2, SB_INT, do_mincore, "mincore(p, 8192)  which pages are resident" },
  { "close", 1, 1, SB_INT, do_close, "close(fd)" },
  { "read", 3, 3, SB_INT, do_read, "read(fd, buf, 16)  into buf or a mapping" },
  { "write", 3, 3, SB_INT, do_write, "write(fd, \"x\", 1)" },
  { "strcpy", 2, 2, SB_INT, do_strcpy, "strcpy(p + 16, \"hello\")" },
  { "memset", 3, 3, SB_INT, do_memset, "memset(p, 0x41, 32)" },
  { "sprintf", 2, CP_MAX_ARGS, SB_INT, do_sprintf, "sprintf(p, \"%d\", 42)  %d %u %x %c %s %%" },
  { "fork", 0, 0, SB_INT, do_fork, "fork()  a child writes into the shown mapping" },
};
#define NCALLS ((int) (sizeof calls / sizeof calls[0]))

const char *
sb_help (int i)
{
  static char line[160];
  if (i < 0 || i >= NCALLS + 4)
    return NULL;
  if (i < NCALLS)
    return calls[i].help;
  static const char *const more[] = {
    "p[5] = 'x'  store one byte",
    "Tab shows the next mapping; Up recalls a line",
    "save FILE  the calls that worked, as a C program",
    "help; quit or Ctrl-D leaves",
  };
  snprintf (line, sizeof line, "%s", more[i - NCALLS]);
  return line;
}

const char *
sb_name (const struct sandbox *sb, int i)
{
  int nc = (int) (sizeof constants / sizeof constants[0]);
  if (i < 0)
    return NULL;
  if (i < NCALLS)
    return calls[i].name;
  i -= NCALLS;
  if (i < nc)
    return constants[i].name;
  i -= nc;
  if (i == 0)
    return "buf";
  i--;
  return i < sb->nvars ? sb->vars[i].name : NULL;
}

/* ---- state ------------------------------------------------------------ */

void
sb_init (struct sandbox *sb, int save)
{
  long pg = sysconf (_SC_PAGESIZE);
  memset (sb, 0, sizeof *sb);
  sb->page = pg > 0 ? (size_t) pg : 4096;
  sb->current = -1;
  sb->allow_save = save;
}

void
sb_free (struct sandbox *sb)
{
  for (int i = 0; i < sb->nmaps; i++)
    if (sb->maps[i].live)
      munmap (sb->maps[i].addr, sb->maps[i].span);
  for (int i = 0; i < sb->nfds; i++)
    close (sb->fds[i]);
  for (int i = 0; i < sb->nlines; i++)
    free (sb->lines[i]);
  free (sb->cur);
  free (sb->prev);
  sb_init (sb, sb->allow_save);
}

static struct sb_var *
var (struct sandbox *sb, const char *name)
{
  for (int i = 0; i < sb->nvars; i++)
    if (strcmp (sb->vars[i].name, name) == 0)
      return &sb->vars[i];
  return NULL;
}

static int
holds_fd (const struct sandbox *sb, long long fd)
{
  for (int i = 0; i < sb->nfds; i++)
    if (sb->fds[i] == fd)
      return i;
  return -1;
}

static int
refuse (struct shm_record *r, const char *fmt, const char *a)
{
  r->refused = 1;
  snprintf (r->result, sizeof r->result, "(not run)");
  snprintf (r->explain, sizeof r->explain, fmt, a ? a : "");
  return -1;
}

static void
result (struct shm_record *r, const char *call, long long ret, int err, int ptr)
{
  r->ret = ret;
  r->err = err;
  if (err)
    {
      const char *n = errno_name (err);
      snprintf (r->result, sizeof r->result, "= -1 %s (%s)", n ? n : "E?", strerror (err));
      snprintf (r->explain, sizeof r->explain, "%s", errno_explain (call, err));
    }
  else if (ptr)
    snprintf (r->result, sizeof r->result, "= %p", (void *) (uintptr_t) ret);
  else
    snprintf (r->result, sizeof r->result, "= %lld", ret);
}

/* Keep the C of a statement that worked, for save. */
static void
keep (struct sandbox *sb, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static void
keep (struct sandbox *sb, const char *fmt, ...)
{
  va_list ap;
  char *s;
  if (sb->nlines >= SB_MAX_LINES)
    return;
  va_start (ap, fmt);
  if (vasprintf (&s, fmt, ap) >= 0)
    sb->lines[sb->nlines++] = s;
  va_end (ap);
}

/* ---- values ----------------------------------------------------------- */

static int
value (struct sandbox *sb, const struct cp_expr *e, struct val *out, struct shm_record *r)
{
  struct val acc = { V_NUM, 0, NULL, -1, 0 };
  for (int i = 0; i < e->n; i++)
    {
      const struct cp_term *t = &e->t[i];
      struct val v = { V_NUM, 0, NULL, -1, 0 };
      if (t->kind == CP_NUM)
        v.num = t->num;
      else if (t->kind == CP_STR)
        {
          v.kind = V_STR;
          v.str = t->str;
        }
      else
        {
          int found = 0;
          for (size_t k = 0; k < sizeof constants / sizeof constants[0] && !found; k++)
            if (strcmp (constants[k].name, t->name) == 0)
              {
                v.num = constants[k].v;
                found = 1;
              }
          if (!found && strcmp (t->name, "buf") == 0)
            {
              v.kind = V_PTR;
              v.map = -1;
              found = 1;
            }
          const struct sb_var *sv = found ? NULL : var (sb, t->name);
          if (sv)
            {
              if (sv->kind == SB_PTR)
                {
                  v.kind = V_PTR;
                  v.map = (int) sv->v;
                  v.off = sv->off;
                }
              else
                v.num = sv->v;
              found = 1;
            }
          if (!found)
            {
              snprintf (r->call, sizeof r->call, "column %d", t->col);
              return refuse (r, "unknown name '%s': help lists what the console knows",
                             t->name);
            }
        }
      if (i == 0)
        {
          acc = v;
          continue;
        }
      if (acc.kind == V_STR || v.kind == V_STR)
        return refuse (r, "strings cannot be added%s", NULL);
      if (v.kind == V_PTR)
        {
          if (acc.kind == V_PTR || t->op != '+')
            return refuse (r, "only a number can be added to an address%s", NULL);
          v.off += (size_t) acc.num;
          acc = v;
          continue;
        }
      if (acc.kind == V_PTR)
        {
          long long off = (long long) acc.off + (t->op == '-' ? -v.num : v.num);
          if (t->op == '|' || off < 0 || off > (long long) (SB_MAX_PAGES * 65536))
            return refuse (r, "that address arithmetic leaves the mapping%s", NULL);
          acc.off = (size_t) off;
          continue;
        }
      acc.num = t->op == '+' ? acc.num + v.num : t->op == '-' ? acc.num - v.num
              : (acc.num | v.num);
    }
  *out = acc;
  return 0;
}

static unsigned char *
addr_of (const struct sandbox *sb, const struct val *v)
{
  if (v->kind != V_PTR)
    return NULL;
  return v->map < 0 ? (unsigned char *) sb->buf + v->off : sb->maps[v->map].addr + v->off;
}

/* May N bytes at V be touched?  A live mapping or buf, within its end; a
   former mapping only when nothing else has been mapped there since (the
   touch then faults, as the demo wants).  Returns 0 or refuses. */
static int
check_range (const struct sandbox *sb, const struct val *v, size_t n, struct shm_record *r)
{
  if (v->kind != V_PTR)
    return refuse (r, "that is not an address in one of the console's mappings%s", NULL);
  if (v->map < 0)
    return v->off + n <= SB_BUF ? 0 : refuse (r, "buf holds 256 bytes%s", NULL);
  const struct sb_map *m = &sb->maps[v->map];
  if (v->off > m->span || n > m->span - v->off)
    return refuse (r, "that runs past the end of the mapping%s", NULL);
  if (!m->live)
    {
      unsigned char vec[SB_MAX_PAGES];
      size_t first = v->off / sb->page * sb->page;
      size_t len = v->off + (n ? n : 1) - first;
      errno = 0;
      if (mincore (m->addr + first, len, vec) == 0 || errno != ENOMEM)
        return refuse (r, "that mapping is gone and something else lives there now%s", NULL);
    }
  return 0;
}

/* ---- the view --------------------------------------------------------- */

struct touch {
  unsigned char *dst;
  const unsigned char *src;
  size_t n;
  int byte;                 /* memset: the byte, or -1 to copy */
};

static void
touch (void *arg)
{
  struct touch *t = arg;
  if (t->byte >= 0)
    memset (t->dst, t->byte, t->n);
  else
    memcpy (t->dst, t->src, t->n);
}

static void
view (struct sandbox *sb, int same)
{
  struct guard_fault f;
  if (sb->current < 0 || !sb->maps[sb->current].live)
    {
      sb->view_ok = sb->prev_ok = 0;
      return;
    }
  const struct sb_map *m = &sb->maps[sb->current];
  if (m->span != sb->view_len)
    {
      free (sb->cur);
      free (sb->prev);
      sb->cur = calloc (1, m->span);
      sb->prev = calloc (1, m->span);
      sb->view_len = sb->cur && sb->prev ? m->span : 0;
      sb->view_ok = 0;
      same = 0;
      if (!sb->view_len)
        return;
    }
  if (same && sb->view_ok)
    {
      unsigned char *t = sb->prev;
      sb->prev = sb->cur;
      sb->cur = t;
      sb->prev_ok = 1;
    }
  else
    sb->prev_ok = 0;
  struct touch t = { sb->cur, m->addr, m->span, -1 };
  sb->view_ok = guard_run (touch, &t, &f) == 0;
}

int
sb_changed (const struct sandbox *sb, size_t i)
{
  return sb->view_ok && sb->prev_ok && i < sb->view_len && sb->cur[i] != sb->prev[i];
}

int
sb_next_map (struct sandbox *sb)
{
  for (int k = 1; k <= sb->nmaps; k++)
    {
      int i = (sb->current + k + sb->nmaps) % sb->nmaps;
      if (sb->maps[i].live)
        {
          sb->current = i;
          view (sb, 0);
          return i;
        }
    }
  return -1;
}

/* Write N bytes (or the byte B, N times) at DST under the guard. */
static int
store (unsigned char *dst, const void *src, size_t n, int b, struct shm_record *r)
{
  struct guard_fault f;
  struct touch t = { dst, src, n, b };
  if (guard_run (touch, &t, &f) == 0)
    return 0;
  char d[96];
  r->fault = f.sig;
  snprintf (r->result, sizeof r->result, "killed by %s, caught",
            f.sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
  snprintf (r->explain, sizeof r->explain, "%s; the console goes on",
            guard_describe (&f, d, sizeof d));
  return -1;
}

/* ---- the calls -------------------------------------------------------- */

static int
live_maps (const struct sandbox *sb)
{
  int n = 0;
  for (int i = 0; i < sb->nmaps; i++)
    n += sb->maps[i].live;
  return n;
}

/* An fd argument: the console's own, or (for the EBADF demo) a number no
   file is open on at all.  Anything else is refused. */
static int
check_fd (const struct sandbox *sb, const struct val *v, int allow_minus1, struct shm_record *r)
{
  if (v->kind != V_NUM)
    return refuse (r, "an fd is a number%s", NULL);
  if (holds_fd (sb, v->num) >= 0 || (allow_minus1 && v->num == -1))
    return 0;
  if (v->num >= 0 && v->num < 1 << 20 && fcntl ((int) v->num, F_GETFD) == -1)
    return 0;
  return refuse (r, "that fd is not one the console opened%s", NULL);
}

static int
do_open (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (a[0].kind != V_STR || (strcmp (a[0].str, "/dev/zero") && strcmp (a[0].str, "/dev/null")))
    return refuse (r, "the console opens /dev/zero and /dev/null only%s", NULL);
  if (a[1].kind != V_NUM || (a[1].num & ~(long long) (O_ACCMODE | O_CLOEXEC)))
    return refuse (r, "the flags may be O_RDONLY, O_WRONLY or O_RDWR, and O_CLOEXEC%s", NULL);
  if (sb->nfds >= SB_MAX_FDS)
    return refuse (r, "the console holds 16 fds at most: close one%s", NULL);
  int fd = open (a[0].str, (int) a[1].num);
  result (r, "open", fd, fd < 0 ? errno : 0, 0);
  if (fd < 0)
    return -1;
  sb->fds[sb->nfds++] = fd;
  return 0;
}

static int
do_mmap (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  long allowed = MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_NORESERVE;
  (void) st;
  for (int i = 0; i < 6; i++)
    if (a[i].kind != V_NUM)
      return refuse (r, "mmap's arguments are numbers and names%s", NULL);
  if (a[0].num != 0)
    return refuse (r, "pass NULL as the address: the kernel chooses where%s", NULL);
  if (a[1].num < 0 || (unsigned long long) a[1].num > SB_MAX_PAGES * sb->page)
    return refuse (r, "the console maps 64 pages at most%s", NULL);
  if (a[2].num & ~(long long) (PROT_READ | PROT_WRITE))
    return refuse (r, "prot may be PROT_NONE, PROT_READ and PROT_WRITE%s", NULL);
  if (a[3].num & ~(long long) allowed)
    return refuse (r, "flags may be MAP_SHARED, MAP_PRIVATE, MAP_ANONYMOUS, MAP_POPULATE "
                   "and MAP_NORESERVE (never MAP_FIXED)%s", NULL);
  if (check_fd (sb, &a[4], 1, r))
    return -1;
  if (live_maps (sb) >= SB_MAX_MAPS || sb->nmaps >= SB_MAX_MAPS * 2)
    return refuse (r, "the console holds 16 mappings at most: munmap one%s", NULL);
  void *p = mmap (NULL, (size_t) a[1].num, (int) a[2].num, (int) a[3].num, (int) a[4].num,
                  (off_t) a[5].num);
  result (r, "mmap", p == MAP_FAILED ? -1 : (long long) (uintptr_t) p,
          p == MAP_FAILED ? errno : 0, 1);
  if (p == MAP_FAILED)
    return -1;
  struct sb_map *m = &sb->maps[sb->nmaps];
  m->addr = p;
  m->len = (size_t) a[1].num;
  m->span = (m->len + sb->page - 1) / sb->page * sb->page;
  m->prot = (long) a[2].num;
  m->flags = (long) a[3].num;
  m->live = 1;
  sb->current = sb->nmaps++;
  return 0;
}

/* A live mapping's range from an address and a length. */
static int
live_range (const struct sandbox *sb, const struct val *p, const struct val *len,
            struct shm_record *r)
{
  if (p->kind != V_PTR || p->map < 0 || !sb->maps[p->map].live)
    return refuse (r, "that is not an address in a live mapping of the console%s", NULL);
  if (len->kind != V_NUM || len->num < 0)
    return refuse (r, "the length is a number%s", NULL);
  return check_range (sb, p, (size_t) len->num, r);
}

static int
do_mprotect (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (live_range (sb, &a[0], &a[1], r))
    return -1;
  if (a[2].kind != V_NUM || (a[2].num & ~(long long) (PROT_READ | PROT_WRITE)))
    return refuse (r, "prot may be PROT_NONE, PROT_READ and PROT_WRITE%s", NULL);
  int rc = mprotect (addr_of (sb, &a[0]), (size_t) a[1].num, (int) a[2].num);
  result (r, "mprotect", rc, rc ? errno : 0, 0);
  if (rc == 0 && a[0].off == 0 && (size_t) a[1].num >= sb->maps[a[0].map].span)
    sb->maps[a[0].map].prot = (long) a[2].num;
  return rc;
}

static int
do_munmap (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (a[0].kind != V_PTR || a[0].map < 0 || !sb->maps[a[0].map].live || a[0].off != 0)
    return refuse (r, "munmap takes the start of a live mapping of the console%s", NULL);
  struct sb_map *m = &sb->maps[a[0].map];
  if (a[1].kind != V_NUM || a[1].num < 0
      || (a[1].num && ((size_t) a[1].num + sb->page - 1) / sb->page * sb->page != m->span))
    return refuse (r, "the console unmaps whole mappings: give its length%s", NULL);
  int rc = munmap (m->addr, (size_t) a[1].num);
  result (r, "munmap", rc, rc ? errno : 0, 0);
  if (rc == 0)
    m->live = 0;
  return rc;
}

static int
do_msync (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (live_range (sb, &a[0], &a[1], r))
    return -1;
  if (a[2].kind != V_NUM)
    return refuse (r, "the flags are MS_SYNC, MS_ASYNC or MS_INVALIDATE%s", NULL);
  int rc = msync (addr_of (sb, &a[0]), (size_t) a[1].num, (int) a[2].num);
  result (r, "msync", rc, rc ? errno : 0, 0);
  return rc;
}

static int
do_mincore (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  unsigned char vec[SB_MAX_PAGES];
  (void) st;
  if (live_range (sb, &a[0], &a[1], r))
    return -1;
  int rc = mincore (addr_of (sb, &a[0]), (size_t) a[1].num, vec);
  result (r, "mincore", rc, rc ? errno : 0, 0);
  if (rc == 0)
    {
      size_t pages = ((size_t) a[1].num + sb->page - 1) / sb->page, used = 0, in = 0;
      text_append (r->output, sizeof r->output, &used, "vec:");
      for (size_t i = 0; i < pages; i++)
        {
          text_append (r->output, sizeof r->output, &used, " %d", vec[i] & 1);
          in += vec[i] & 1;
        }
      text_append (r->output, sizeof r->output, &used, "  (%zu of %zu page%s resident)", in,
                   pages, pages == 1 ? "" : "s");
      sb->used |= SB_USED_VEC;
    }
  return rc;
}

static int
do_close (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (check_fd (sb, &a[0], 0, r))
    return -1;
  int rc = close ((int) a[0].num);
  result (r, "close", rc, rc ? errno : 0, 0);
  int k = holds_fd (sb, a[0].num);
  if (k >= 0)
    sb->fds[k] = sb->fds[--sb->nfds];
  return rc;
}

/* read and write: an fd of the console's, and a buffer it owns. */
static int
io_args (struct sandbox *sb, struct val *a, int reading, struct shm_record *r)
{
  if (a[0].kind != V_NUM || holds_fd (sb, a[0].num) < 0)
    return refuse (r, "read and write take an fd the console opened%s", NULL);
  if (a[2].kind != V_NUM || a[2].num < 0)
    return refuse (r, "the count is a number%s", NULL);
  if (!reading && a[1].kind == V_STR)
    return (size_t) a[2].num <= strlen (a[1].str) + 1 ? 0
      : refuse (r, "the count is longer than the string%s", NULL);
  return check_range (sb, &a[1], (size_t) a[2].num, r);
}

static int
do_read (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (io_args (sb, a, 1, r))
    return -1;
  unsigned char *dst = addr_of (sb, &a[1]);
  ssize_t n = read ((int) a[0].num, dst, (size_t) a[2].num);
  result (r, "read", n, n < 0 ? errno : 0, 0);
  if (n < 0)
    return -1;
  if (a[1].map < 0)
    sb->used |= SB_USED_BUF;
  size_t used = 0, zeros = 0;
  for (ssize_t i = 0; i < n; i++)
    zeros += dst[i] == 0;
  text_append (r->output, sizeof r->output, &used, "%zd byte%s read, %zu of them zero",
               n, n == 1 ? "" : "s", zeros);
  return 0;
}

static int
do_write (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (io_args (sb, a, 0, r))
    return -1;
  const void *src = a[1].kind == V_STR ? (const void *) a[1].str : addr_of (sb, &a[1]);
  if (a[1].kind == V_PTR && a[1].map < 0)
    sb->used |= SB_USED_BUF;
  ssize_t n = write ((int) a[0].num, src, (size_t) a[2].num);
  result (r, "write", n, n < 0 ? errno : 0, 0);
  if (n >= 0)
    snprintf (r->output, sizeof r->output,
              "the device took %zd byte%s and threw them away: no mapping changed", n,
              n == 1 ? "" : "s");
  return n < 0 ? -1 : 0;
}

static int
do_strcpy (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (a[1].kind != V_STR)
    return refuse (r, "strcpy copies a string: strcpy(p, \"text\")%s", NULL);
  size_t n = strlen (a[1].str) + 1;
  if (check_range (sb, &a[0], n, r))
    return -1;
  if (store (addr_of (sb, &a[0]), a[1].str, n, -1, r))
    return -1;
  r->ret = (long long) (uintptr_t) addr_of (sb, &a[0]);
  snprintf (r->result, sizeof r->result, "= %p", (void *) addr_of (sb, &a[0]));
  snprintf (r->output, sizeof r->output, "%zu bytes stored, the NUL included", n);
  return 0;
}

static int
do_memset (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st;
  if (a[1].kind != V_NUM || a[2].kind != V_NUM || a[2].num < 0)
    return refuse (r, "memset(p, byte, count)%s", NULL);
  if (check_range (sb, &a[0], (size_t) a[2].num, r))
    return -1;
  if (store (addr_of (sb, &a[0]), NULL, (size_t) a[2].num, (int) (a[1].num & 0xff), r))
    return -1;
  snprintf (r->result, sizeof r->result, "= %p", (void *) addr_of (sb, &a[0]));
  return 0;
}

/* sprintf with a format of our own checking: %d %i %u %x %c %s %%, each
   taking the next argument of the right kind. */
static int
do_sprintf (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  char out[1024];
  size_t used = 0;
  int next = 2;
  if (a[1].kind != V_STR)
    return refuse (r, "the format is a string%s", NULL);
  for (const char *f = a[1].str; *f; f++)
    {
      if (*f != '%')
        {
          if (text_append (out, sizeof out, &used, "%c", *f))
            return refuse (r, "the text is longer than 1 KiB%s", NULL);
          continue;
        }
      char c = *++f;
      if (c == '%')
        {
          text_append (out, sizeof out, &used, "%%");
          continue;
        }
      if (!c || !strchr ("diuxcs", c))
        return refuse (r, "the console's sprintf knows %%d %%i %%u %%x %%c %%s and %%%%%s",
                       NULL);
      if (next >= st->nargs)
        return refuse (r, "the format wants more arguments than were given%s", NULL);
      const struct val *v = &a[next++];
      if ((c == 's') != (v->kind == V_STR) || v->kind == V_PTR)
        return refuse (r, "an argument does not match its %% conversion%s", NULL);
      int bad = c == 's' ? text_append (out, sizeof out, &used, "%s", v->str)
              : c == 'c' ? text_append (out, sizeof out, &used, "%c", (char) v->num)
              : c == 'x' ? text_append (out, sizeof out, &used, "%x", (unsigned) v->num)
              : c == 'u' ? text_append (out, sizeof out, &used, "%u", (unsigned) v->num)
              : text_append (out, sizeof out, &used, "%d", (int) v->num);
      if (bad)
        return refuse (r, "the text is longer than 1 KiB%s", NULL);
    }
  if (next < st->nargs)
    return refuse (r, "more arguments than the format uses%s", NULL);
  if (check_range (sb, &a[0], used + 1, r))
    return -1;
  if (store (addr_of (sb, &a[0]), out, used + 1, -1, r))
    return -1;
  result (r, "sprintf", (long long) used, 0, 0);
  return 0;
}

#define CHILD_TEXT "hello from the child"

static int
do_fork (struct sandbox *sb, const struct cp_stmt *st, struct val *a, struct shm_record *r)
{
  (void) st, (void) a;
  if (sb->current < 0 || !sb->maps[sb->current].live)
    return refuse (r, "map something first: the child writes into the mapping shown%s", NULL);
  const struct sb_map *m = &sb->maps[sb->current];
  if (m->span < sizeof CHILD_TEXT)
    return refuse (r, "the mapping is too small%s", NULL);
  fflush (NULL);
  pid_t pid = fork ();
  if (pid == 0)
    {
      /* The child: one store into the page, then away without cleanup. */
      memcpy (m->addr, CHILD_TEXT, sizeof CHILD_TEXT);
      _exit (0);
    }
  result (r, "fork", pid, pid < 0 ? errno : 0, 0);
  if (pid < 0)
    return -1;
  int status;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (WIFSIGNALED (status))
    {
      snprintf (r->output, sizeof r->output, "the child (pid %d) died of signal %d: the page "
                "is not writable", (int) pid, WTERMSIG (status));
      return 0;
    }
  int seen = memcmp (m->addr, CHILD_TEXT, sizeof CHILD_TEXT) == 0;
  snprintf (r->output, sizeof r->output, "the child (pid %d) wrote \"" CHILD_TEXT "\" at %p;"
            " here the page %s it (%s)", (int) pid, (void *) m->addr,
            seen ? "shows" : "does not show",
            m->flags & MAP_SHARED ? "MAP_SHARED: one page for both"
                                  : "MAP_PRIVATE: the child wrote its own copy");
  sb->used |= SB_USED_FORK;
  return 0;
}

/* ---- statements ------------------------------------------------------- */

static const struct call *
find_call (const char *name)
{
  for (int i = 0; i < NCALLS; i++)
    if (strcmp (calls[i].name, name) == 0)
      return &calls[i];
  return NULL;
}

/* May NAME be given a value of KIND? */
static int
check_assign (struct sandbox *sb, const char *name, enum sb_kind kind, struct shm_record *r)
{
  for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
    if (strcmp (reserved[i], name) == 0)
      return refuse (r, "'%s' is a name the console or C keeps for itself", name);
  for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
    if (strcmp (constants[i].name, name) == 0)
      return refuse (r, "'%s' is a constant", name);
  if (find_call (name))
    return refuse (r, "'%s' is the name of a call", name);
  const struct sb_var *v = var (sb, name);
  if (v && v->kind != kind)
    return refuse (r, "'%s' holds another kind of value: choose a new name", name);
  if (!v && sb->nvars >= SB_MAX_VARS)
    return refuse (r, "the console keeps 32 variables at most%s", NULL);
  return 0;
}

/* The arguments as typed, joined: "NULL, 8192, PROT_READ, ...". */
static void
arg_text (const struct cp_stmt *st, char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < st->nargs; i++)
    text_append (buf, len, &used, "%s%s", i ? ", " : "", st->args[i].text);
}

/* The C for a call that worked, as the saved program will have it. */
static void
keep_call (struct sandbox *sb, const struct cp_stmt *st, const struct call *c, int declare)
{
  char args[600];
  arg_text (st, args, sizeof args);
  const char *type = !declare ? "" : c->returns == SB_FD ? "int " : c->returns == SB_PTR
                     ? "char *" : "long ";
  if (c->fn == do_fork)
    {
      /* The child writes through the variable that holds the mapping. */
      const char *name = NULL;
      for (int i = 0; i < sb->nvars && !name; i++)
        if (sb->vars[i].kind == SB_PTR && sb->vars[i].v == sb->current && !sb->vars[i].off)
          name = sb->vars[i].name;
      if (!name)
        keep (sb, "/* fork(): the mapping it wrote into has no name here */");
      else
        keep (sb, "{\n        pid_t pid = fork();\n        if (pid == 0) {\n"
              "            memcpy(%s, \"" CHILD_TEXT "\", %zu);\n            _exit(0);\n"
              "        }\n        if (pid > 0)\n            waitpid(pid, NULL, 0);\n    }",
              name, sizeof CHILD_TEXT);
    }
  else if (c->fn == do_mincore)
    keep (sb, "if (mincore(%s, %s, vec) != 0)\n        perror(\"mincore\");",
          st->args[0].text, st->args[1].text);
  else if (st->assign[0] && c->returns == SB_FD)
    keep (sb, "%s%s = %s(%s);\n    if (%s < 0) {\n        perror(\"%s\");\n"
          "        return 1;\n    }", type, st->assign, c->name, args, st->assign, c->name);
  else if (st->assign[0] && c->returns == SB_PTR)
    keep (sb, "%s%s = %s(%s);\n    if (%s == MAP_FAILED) {\n        perror(\"%s\");\n"
          "        return 1;\n    }", type, st->assign, c->name, args, st->assign, c->name);
  else if (st->assign[0])
    keep (sb, "%s%s = %s(%s);", type, st->assign, c->name, args);
  else if (c->returns == SB_PTR)
    keep (sb, "if (%s(%s) == MAP_FAILED)\n        perror(\"%s\");", c->name, args, c->name);
  else if (c->fn == do_strcpy || c->fn == do_memset || c->fn == do_sprintf)
    keep (sb, "%s(%s);", c->name, args);
  else
    keep (sb, "if (%s(%s) < 0)\n        perror(\"%s\");", c->name, args, c->name);
}

static int
run_store (struct sandbox *sb, const struct cp_stmt *st, struct shm_record *r)
{
  struct val idx, v;
  const struct sb_var *p = var (sb, st->target);
  snprintf (r->call, sizeof r->call, "%s[%s] = %s", st->target, st->index.text, st->value.text);
  if (!p || p->kind != SB_PTR)
    return refuse (r, "'%s' is not an address from mmap", st->target);
  if (value (sb, &st->index, &idx, r) || value (sb, &st->value, &v, r))
    return -1;
  if (idx.kind != V_NUM || v.kind != V_NUM || idx.num < 0)
    return refuse (r, "p[index] = value takes numbers (a character is a number)%s", NULL);
  struct val at = { V_PTR, 0, NULL, (int) p->v, p->off + (size_t) idx.num };
  if (check_range (sb, &at, 1, r))
    return -1;
  unsigned char b = (unsigned char) v.num;
  if (store (addr_of (sb, &at), &b, 1, -1, r))
    return -1;
  snprintf (r->result, sizeof r->result, "= %lld", (long long) b);
  keep (sb, "%s[%s] = %s;", st->target, st->index.text, st->value.text);
  return 0;
}

int
sb_run (struct sandbox *sb, const struct cp_stmt *st, struct shm_record *r)
{
  struct val a[CP_MAX_ARGS];
  char args[600];
  int before = sb->current, rc;

  memset (r, 0, sizeof *r);
  r->resident = -1;
  r->minflt = -1;
  if (st->kind == CP_STORE)
    rc = run_store (sb, st, r);
  else
    {
      const struct call *c = find_call (st->fn);
      arg_text (st, args, sizeof args);
      snprintf (r->call, sizeof r->call, "%s%s%s(%s)", st->assign, st->assign[0] ? " = " : "",
                st->fn, args);
      if (!c)
        return refuse (r, "unknown call '%s': help lists the calls the console knows", st->fn);
      if (st->nargs < c->min || st->nargs > c->max)
        {
          char want[32];
          if (c->min == c->max)
            snprintf (want, sizeof want, "%d", c->min);
          else
            snprintf (want, sizeof want, "%d or more", c->min);
          r->refused = 1;
          snprintf (r->result, sizeof r->result, "(not run)");
          snprintf (r->explain, sizeof r->explain, "%s takes %s argument%s: %s", c->name, want,
                    c->min == 1 ? "" : "s", c->help);
          return -1;
        }
      for (int i = 0; i < st->nargs; i++)
        if (value (sb, &st->args[i], &a[i], r))
          return -1;
      if (st->assign[0] && (c->fn == do_strcpy || c->fn == do_memset || c->fn == do_fork))
        return refuse (r, "the console does not keep what %s returns", c->name);
      if (st->assign[0] && check_assign (sb, st->assign, c->returns, r))
        return -1;
      long f0 = inspect_minflt ();
      rc = c->fn (sb, st, a, r);
      long f1 = inspect_minflt ();
      r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
      if (rc == 0 && !r->fault)
        {
          int declare = 0;
          if (st->assign[0])
            {
              struct sb_var *v = var (sb, st->assign);
              if (!v)
                {
                  v = &sb->vars[sb->nvars++];
                  memset (v, 0, sizeof *v);
                  snprintf (v->name, sizeof v->name, "%s", st->assign);
                  v->kind = c->returns;
                  declare = 1;
                }
              v->v = c->returns == SB_PTR ? sb->current : r->ret;
              v->off = 0;
            }
          keep_call (sb, st, c, declare);
        }
    }
  if (sb->current >= 0 && sb->maps[sb->current].live)
    {
      const struct sb_map *m = &sb->maps[sb->current];
      r->pages = (long) (m->span / sb->page);
      r->resident = inspect_resident (m->addr, m->span, sb->page);
    }
  view (sb, before == sb->current);
  return rc;
}

/* ---- save ------------------------------------------------------------- */

int
sb_save (struct sandbox *sb, const char *file, char *msg, size_t len)
{
  if (!sb->allow_save)
    {
      snprintf (msg, len, "saving is off (--no-save)");
      return -1;
    }
  if (file[0] == '/' || strstr (file, "..") || strchr (file, '\\'))
    {
      snprintf (msg, len, "save writes under the current folder only: a name like ex1.c");
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
  if (sb->used & SB_USED_BUF)
    fprintf (f, "    char buf[%d] = { 0 };\n", SB_BUF);
  if (sb->used & SB_USED_VEC)
    fprintf (f, "    unsigned char vec[%d];\n", SB_MAX_PAGES);
  for (int i = 0; i < sb->nlines; i++)
    fprintf (f, "    %s\n", sb->lines[i]);
  /* Results kept in variables but never read again are still used. */
  for (int i = 0; i < sb->nvars; i++)
    if (sb->vars[i].kind == SB_INT)
      fprintf (f, "    (void) %s;\n", sb->vars[i].name);
  fprintf (f, "    return 0;\n}\n");
  int bad = ferror (f);
  if (fclose (f) != 0 || bad)
    {
      snprintf (msg, len, "cannot write %.200s", file);
      return -1;
    }
  snprintf (msg, len, "wrote %.200s: %d statement%s; cc -Wall -Wextra %.200s builds it", file,
            sb->nlines, sb->nlines == 1 ? "" : "s", file);
  return 0;
}
