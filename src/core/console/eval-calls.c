/* eval-calls.c - the calls the console runs, each checking its
   arguments against the console's own mappings and fds first.
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
#include "pages.h"
#include "eval-int.h"
#include "text.h"

/* The calls: name, arguments (fewest, most), what it returns, help. */
const struct ev_call ev_calls[] = {
  { "open", 2, 2, EV_FD, ev_do_open, "int fd = open(\"/dev/zero\", O_RDWR);  close(fd)  (/dev/zero, /dev/null)", 0 },
  { "mmap", 6, 6, EV_PTR, ev_do_mmap, "char *p = mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0);", 0 },
  { "mprotect", 3, 3, EV_INT, ev_do_mprotect, "mprotect(p, 4096, PROT_READ|PROT_WRITE)", 0 },
  { "munmap", 2, 2, EV_INT, ev_do_munmap, "munmap(p, 8192)  the whole mapping", 0 },
  { "msync", 3, 3, EV_INT, ev_do_msync, "msync(p, 4096, MS_SYNC)  mincore(p, 8192): which pages are resident", 0 },
  { "mincore", 2, 2, EV_INT, ev_do_mincore, "mincore(p, 8192)  which pages are resident", 1 },
  { "close", 1, 1, EV_INT, ev_do_close, "close(fd)", 1 },
  { "read", 3, 3, EV_INT, ev_do_read, "read(fd, buf, 16)  write(fd, \"x\", 1)  (buf: the console's 256 bytes)", 0 },
  { "write", 3, 3, EV_INT, ev_do_write, "write(fd, \"x\", 1)", 1 },
  { "strcpy", 2, 2, EV_NONE, ev_do_strcpy, "strcpy(p + 16, \"hello\")  memset(p, 0x41, 32)", 0 },
  { "memset", 3, 3, EV_NONE, ev_do_memset, "memset(p, 0x41, 32)", 1 },
  { "sprintf", 2, CP_MAX_ARGS, EV_INT, ev_do_sprintf, "sprintf(p, \"%d\", 42)  %d %i %u %x %o %c %s %p %%, flags, width", 0 },
  { "fork", 0, 0, EV_INT, ev_do_fork, "pid_t pid = fork();  a child writes into the shown mapping", 0 },
  { "wait", 1, 1, EV_INT, ev_do_wait, "wait(NULL)  waitpid(pid, NULL, 0)  (fork() waited already)", 0 },
  { "waitpid", 3, 3, EV_INT, ev_do_wait, "waitpid(pid, NULL, 0)", 1 },
  { "printf", 1, CP_MAX_ARGS, EV_INT, ev_do_printf, "printf(\"%s\\n\", p)  puts(p)  perror(\"mmap\")  "
    "fflush(stdout): into the output pane", 0 },
  { "puts", 1, 1, EV_INT, ev_do_puts, "puts(p)", 1 },
  { "perror", 1, 1, EV_NONE, ev_do_perror, "perror(\"mmap\")  errno as the last failed call left it", 1 },
  { "fflush", 1, 1, EV_INT, ev_do_fflush, "fflush(stdout)", 1 },
  { "sysconf", 1, 1, EV_INT, ev_do_pure, "sysconf(_SC_PAGESIZE)  getpagesize()  strlen(p): inside "
    "other calls too", 0 },
  { "getpagesize", 0, 0, EV_INT, ev_do_pure, "getpagesize()", 1 },
  { "strlen", 1, 1, EV_INT, ev_do_pure, "strlen(p)", 1 },
  { "_exit", 1, 1, EV_NONE, ev_do_exit, "_exit(0)  not run: it would end the tutor", 1 },
  { "exit", 1, 1, EV_NONE, ev_do_exit, "exit(0)  not run: quit leaves", 1 },
};
const int ev_ncalls = (int) (sizeof ev_calls / sizeof ev_calls[0]);

/* ---- the calls -------------------------------------------------------- */

/* A slot for a new mapping: an unused one, or that of a former mapping no
   variable points into any more.  -1 when there is none. */
static int
free_slot (const struct evaluator *ev)
{
  if (ev->nmaps < EV_MAX_MAPS * 2)
    return ev->nmaps;
  for (int i = 0; i < ev->nmaps; i++)
    {
      int used = ev->maps[i].live || i == ev->current;
      for (int k = 0; k < ev->nvars && !used; k++)
        used = ev->vars[k].kind == EV_PTR && ev->vars[k].v == i;
      if (!used)
        return i;
    }
  return -1;
}

static int
live_maps (const struct evaluator *ev)
{
  int n = 0;
  for (int i = 0; i < ev->nmaps; i++)
    n += ev->maps[i].live;
  return n;
}

/* An fd argument: the console's own, or (for the EBADF demo) a number no
   file is open on at all.  Anything else is refused. */
static int
check_fd (const struct evaluator *ev, const struct val *v, int allow_minus1, struct call_record *r)
{
  if (v->kind != V_NUM)
    return call_refuse (r, "an fd is a number%s", NULL);
  if (ev_holds_fd (ev, v->num) >= 0 || (allow_minus1 && v->num == -1))
    return 0;
  if (v->num >= 0 && v->num < 1 << 20 && fcntl ((int) v->num, F_GETFD) == -1)
    return 0;
  return call_refuse (r, "that fd is not one the console opened%s", NULL);
}

int
ev_do_open (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (a[0].kind != V_STR || (strcmp (a[0].str, "/dev/zero") && strcmp (a[0].str, "/dev/null")))
    return call_refuse (r, "the console opens /dev/zero and /dev/null only%s", NULL);
  if (a[1].kind != V_NUM || (a[1].num & ~(long long) (O_ACCMODE | O_CLOEXEC)))
    return call_refuse (r, "the flags may be O_RDONLY, O_WRONLY or O_RDWR, and O_CLOEXEC%s", NULL);
  if (ev->nfds >= EV_MAX_FDS)
    return call_refuse (r, "the console holds 16 fds at most: close one%s", NULL);
  int fd = open (a[0].str, (int) a[1].num);
  call_result (r, "open", fd, fd < 0 ? errno : 0, 0);
  if (fd < 0)
    return -1;
  ev->fds[ev->nfds++] = fd;
  snprintf (r->output, sizeof r->output, "fd %d refers to %s now", fd, a[0].str);
  /* The lowest number not open: say which lower one was open, and that it
     is not the console's (inherited from whatever started the tutor). */
  for (int low = 3; low < fd; low++)
    if (ev_holds_fd (ev, low) < 0 && fcntl (low, F_GETFD) != -1)
      {
        char link[64], to[200];
        snprintf (link, sizeof link, "/proc/self/fd/%d", low);
        ssize_t n = readlink (link, to, sizeof to - 1);
        to[n > 0 ? n : 0] = '\0';
        snprintf (r->output, sizeof r->output, "fd %d refers to %s now: the lowest number not "
                  "open, since %d is open already (%.120s), not by the console (inherited "
                  "from what started shmtutor?)", fd, a[0].str, low, n > 0 ? to : "?");
        break;
      }
  return 0;
}

int
ev_do_mmap (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  long allowed = MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_NORESERVE;
  (void) st;
  if (!ev_is_null (&a[0]))
    return ev_refuse (ev, r, a[0].col, "pass NULL as the address: the kernel chooses where");
  for (int i = 1; i < 6; i++)
    if (a[i].kind != V_NUM)
      return ev_refuse (ev, r, a[i].col, "mmap's arguments after the first are numbers and "
                        "names");
  if (a[1].num < 0 || (unsigned long long) a[1].num > EV_MAX_PAGES * ev->page)
    return ev_refuse (ev, r, a[1].col, "the console maps %d pages at most (%zu bytes), not %lld",
                      EV_MAX_PAGES, EV_MAX_PAGES * ev->page, a[1].num);
  if (a[2].num & ~(long long) (PROT_READ | PROT_WRITE))
    return call_refuse (r, "prot may be PROT_NONE, PROT_READ and PROT_WRITE%s", NULL);
  if (a[3].num & ~(long long) allowed)
    return call_refuse (r, "flags may be MAP_SHARED, MAP_PRIVATE, MAP_ANONYMOUS, MAP_POPULATE "
                   "and MAP_NORESERVE (never MAP_FIXED)%s", NULL);
  if (check_fd (ev, &a[4], 1, r))
    return -1;
  int slot = free_slot (ev);
  if (live_maps (ev) >= EV_MAX_MAPS || slot < 0)
    return call_refuse (r, "the console holds 16 mappings at most: munmap one%s", NULL);
  /* A former mapping's slot, which no name points into any more: its
     addresses need not be held now. */
  if (slot < ev->nmaps && ev->maps[slot].reserved)
    {
      munmap (ev->maps[slot].addr, ev->maps[slot].span);
      ev->maps[slot].reserved = 0;
    }
  void *p = mmap (NULL, (size_t) a[1].num, (int) a[2].num, (int) a[3].num, (int) a[4].num,
                  (off_t) a[5].num);
  call_result (r, "mmap", p == MAP_FAILED ? -1 : (long long) (uintptr_t) p,
          p == MAP_FAILED ? errno : 0, 1);
  if (p == MAP_FAILED)
    return -1;
  struct ev_map *m = &ev->maps[slot];
  m->addr = p;
  m->reserved = 0;
  m->len = (size_t) a[1].num;
  m->span = pages_round_up (m->len, ev->page);
  m->prot = (long) a[2].num;
  m->flags = (long) a[3].num;
  m->live = 1;
  ev->current = slot;
  if (slot == ev->nmaps)
    ev->nmaps++;
  /* The kernel often hands out an address just freed: say so, since a
     pointer kept from the old mapping now reaches this one. */
  for (int i = 0; i < ev->nmaps; i++)
    if (i != slot && !ev->maps[i].live && ev->maps[i].addr == (unsigned char *) p)
      {
        snprintf (r->output, sizeof r->output, "%zu bytes at %p, where a mapping was "
                  "unmapped before: an old pointer to it would now store here, no SIGSEGV "
                  "(use-after-munmap)", m->len, p);
        return 0;
      }
  if (m->flags & MAP_POPULATE)
    snprintf (r->output, sizeof r->output, "%zu bytes at %p: %zu page%s, faulted in by the "
              "kernel now (MAP_POPULATE): see mincore and smaps below", m->len, p,
              m->span / ev->page, m->span == ev->page ? "" : "s");
  else
    snprintf (r->output, sizeof r->output, "%zu bytes at %p: %zu page%s; the kernel gives a "
              "page only when one is touched: see mincore and smaps below", m->len, p,
              m->span / ev->page, m->span == ev->page ? "" : "s");
  return 0;
}

/* A live mapping's range from an address and a length. */
static int
live_range (struct evaluator *ev, const struct val *p, const struct val *len,
            struct call_record *r)
{
  if (p->kind != V_PTR || p->map < 0 || !ev->maps[p->map].live)
    return call_refuse (r, "that is not an address in a live mapping of the console%s", NULL);
  if (len->kind != V_NUM || len->num < 0)
    return call_refuse (r, "the length is a number%s", NULL);
  return ev_check (ev, p, (size_t) len->num, r);
}

int
ev_do_mprotect (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (live_range (ev, &a[0], &a[1], r))
    return -1;
  if (a[2].kind != V_NUM || (a[2].num & ~(long long) (PROT_READ | PROT_WRITE)))
    return call_refuse (r, "prot may be PROT_NONE, PROT_READ and PROT_WRITE%s", NULL);
  int rc = mprotect (ev_addr (ev, &a[0]), (size_t) a[1].num, (int) a[2].num);
  call_result (r, "mprotect", rc, rc ? errno : 0, 0);
  if (rc == 0 && a[0].off == 0 && (size_t) a[1].num >= ev->maps[a[0].map].span)
    ev->maps[a[0].map].prot = (long) a[2].num;
  return rc;
}

int
ev_do_munmap (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  if (a[0].kind != V_PTR || a[0].map < 0 || !ev->maps[a[0].map].live || a[0].off != 0)
    return ev_refuse (ev, r, a[0].col, "munmap takes the start of a live mapping of the "
                      "console%s", a[0].kind == V_PTR && a[0].map >= 0 && a[0].off
                      ? ": that address is inside one" : "");
  struct ev_map *m = &ev->maps[a[0].map];
  if (a[1].kind != V_NUM || a[1].num < 0
      || (a[1].num && pages_round_up ((size_t) a[1].num, ev->page) != m->span))
    return ev_refuse (ev, r, a[1].col, "the console unmaps whole mappings: munmap(%s, %zu): "
                      "%s's mapping is %zu bytes", st->args[0].text, m->len, st->args[0].text,
                      m->len);
  int rc = munmap (m->addr, (size_t) a[1].num);
  call_result (r, "munmap", rc, rc ? errno : 0, 0);
  if (rc == 0)
    {
      m->live = 0;
      /* The addresses stay the console's: an old pointer must fault, never
         reach a mapping made since.  MAP_FIXED_NOREPLACE never takes over
         anything (a kernel before 4.17 takes it for a hint: then not). */
      void *p = mmap (m->addr, m->span, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
      m->reserved = p == (void *) m->addr;
      if (p != MAP_FAILED && !m->reserved)
        munmap (p, m->span);
      snprintf (r->output, sizeof r->output, "%s", m->reserved
                ? "gone: a store to the old address is SIGSEGV (in a program of its own, until a "
                  "later mmap reuses it; the console keeps it PROT_NONE meanwhile: maps ---p)"
                : "gone: a store to the old address is SIGSEGV until a later mmap reuses it; "
                  "the console will not touch it");
    }
  return rc;
}

int
ev_do_msync (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (live_range (ev, &a[0], &a[1], r))
    return -1;
  if (a[2].kind != V_NUM)
    return call_refuse (r, "the flags are MS_SYNC, MS_ASYNC or MS_INVALIDATE%s", NULL);
  int rc = msync (ev_addr (ev, &a[0]), (size_t) a[1].num, (int) a[2].num);
  call_result (r, "msync", rc, rc ? errno : 0, 0);
  if (rc == 0 && (ev->maps[a[0].map].flags & MAP_SHARED))
    snprintf (r->output, sizeof r->output, "done, and nothing to do: shared anonymous memory "
              "has no file behind it to write back to");
  else if (rc == 0)
    snprintf (r->output, sizeof r->output, "done, and nothing to do: a private mapping is "
              "never written back");
  return rc;
}

int
ev_do_mincore (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  unsigned char vec[EV_MAX_PAGES];
  (void) st;
  if (live_range (ev, &a[0], &a[1], r))
    return -1;
  int rc = mincore (ev_addr (ev, &a[0]), (size_t) a[1].num, vec);
  call_result (r, "mincore", rc, rc ? errno : 0, 0);
  if (rc == 0)
    {
      size_t pages = pages_of ((size_t) a[1].num, ev->page), used = 0, in = 0;
      text_append (r->output, sizeof r->output, &used, "vec:");
      for (size_t i = 0; i < pages; i++)
        {
          text_append (r->output, sizeof r->output, &used, " %d", vec[i] & 1);
          in += vec[i] & 1;
        }
      text_append (r->output, sizeof r->output, &used, "  (%zu of %zu page%s resident)", in,
                   pages, pages == 1 ? "" : "s");
      ev->used |= EV_USED_VEC;
    }
  return rc;
}

int
ev_do_close (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (check_fd (ev, &a[0], 0, r))
    return -1;
  int rc = close ((int) a[0].num);
  call_result (r, "close", rc, rc ? errno : 0, 0);
  int k = ev_holds_fd (ev, a[0].num);
  if (k >= 0)
    ev->fds[k] = ev->fds[--ev->nfds];
  return rc;
}

/* read and write: an fd of the console's, and a buffer it owns. */
static int
io_args (struct evaluator *ev, struct val *a, int reading, struct call_record *r)
{
  if (a[0].kind != V_NUM || ev_holds_fd (ev, a[0].num) < 0)
    return call_refuse (r, "read and write take an fd the console opened%s", NULL);
  if (a[2].kind != V_NUM || a[2].num < 0)
    return call_refuse (r, "the count is a number%s", NULL);
  if (!reading && a[1].kind == V_STR)
    return (size_t) a[2].num <= a[1].len + 1 ? 0
      : ev_refuse (ev, r, a[2].col, "the count is longer than the string (%zu bytes with its "
                   "NUL)", a[1].len + 1);
  return ev_check (ev, &a[1], (size_t) a[2].num, r);
}

int
ev_do_read (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (io_args (ev, a, 1, r))
    return -1;
  unsigned char *dst = ev_addr (ev, &a[1]);
  ssize_t n = read ((int) a[0].num, dst, (size_t) a[2].num);
  call_result (r, "read", n, n < 0 ? errno : 0, 0);
  if (n < 0)
    return -1;
  if (a[1].map < 0)
    ev->used |= EV_USED_BUF;
  size_t used = 0, zeros = 0;
  for (ssize_t i = 0; i < n; i++)
    zeros += dst[i] == 0;
  text_append (r->output, sizeof r->output, &used, "%zd byte%s read, %zu of them zero",
               n, n == 1 ? "" : "s", zeros);
  return 0;
}

int
ev_do_write (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (io_args (ev, a, 0, r))
    return -1;
  const void *src = a[1].kind == V_STR ? (const void *) a[1].str : ev_addr (ev, &a[1]);
  if (a[1].kind == V_PTR && a[1].map < 0)
    ev->used |= EV_USED_BUF;
  ssize_t n = write ((int) a[0].num, src, (size_t) a[2].num);
  call_result (r, "write", n, n < 0 ? errno : 0, 0);
  if (n >= 0)
    snprintf (r->output, sizeof r->output,
              "the device took %zd byte%s and threw them away: no mapping changed", n,
              n == 1 ? "" : "s");
  return n < 0 ? -1 : 0;
}

int
ev_do_strcpy (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (ev_char_arg (ev, &a[0], "strcpy", r) || ev_char_arg (ev, &a[1], "strcpy", r))
    return -1;
  char from[1024];
  const char *src = a[1].str;
  size_t n;
  if (a[1].kind == V_STR)
    n = strlen (a[1].str) + 1;
  else if (ev_load_string (ev, &a[1], from, sizeof from, &n, r))
    return -1;
  else
    src = from, n++;
  if (ev_check (ev, &a[0], n, r))
    return -1;
  if (ev_store (ev, &a[0], src, n, -1, r))
    return -1;
  r->ret = (long long) (uintptr_t) ev_addr (ev, &a[0]);
  snprintf (r->result, sizeof r->result, "= %p", (void *) ev_addr (ev, &a[0]));
  snprintf (r->output, sizeof r->output, "%zu bytes stored, the NUL included", n);
  return 0;
}

int
ev_do_memset (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  (void) st;
  if (a[1].kind != V_NUM || a[2].kind != V_NUM || a[2].num < 0)
    return call_refuse (r, "memset(p, byte, count)%s", NULL);
  if (ev_check (ev, &a[0], (size_t) a[2].num, r))
    return -1;
  if (ev_store (ev, &a[0], NULL, (size_t) a[2].num, (int) (a[1].num & 0xff), r))
    return -1;
  snprintf (r->result, sizeof r->result, "= %p", (void *) ev_addr (ev, &a[0]));
  return 0;
}

/* sprintf: printf's text, stored where the console may. */
int
ev_do_sprintf (struct evaluator *ev, const struct cp_stmt *st, struct val *a, struct call_record *r)
{
  char out[1024];
  size_t used = 0;
  if (ev_char_arg (ev, &a[0], "sprintf", r))
    return -1;
  if (ev_format (ev, &a[1], a + 2, st->nargs - 2, out, sizeof out, &used, r))
    return -1;
  if (ev_check (ev, &a[0], used + 1, r))
    return -1;
  if (ev_store (ev, &a[0], out, used + 1, -1, r))
    return -1;
  call_result (r, "sprintf", (long long) used, 0, 0);
  return 0;
}
