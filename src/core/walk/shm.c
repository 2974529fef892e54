/* shm.c - the live /dev/zero mapping: each step does the real thing, a
   system call or a store or load through the page.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "kview.h"
#include "names.h"
#include "pages.h"
#include "shm.h"
#include "text.h"

/* The actions, in the order of enum shm_action. */
static const struct {
  const char *name;     /* as lesson files write it */
  const char *call;     /* the library call it makes, for errno texts */
} actions[SHM_NACTIONS] = {
  [SHM_OPEN] = { "open", "open" },
  [SHM_MMAP] = { "mmap", "mmap" },
  [SHM_WRITE] = { "write", "sprintf" },
  [SHM_READ] = { "read", "printf" },
  [SHM_MUNMAP] = { "munmap", "munmap" },
  [SHM_CLOSE] = { "close", "close" },
  [SHM_FORK] = { "fork", "fork" },
  [SHM_CHILD_WRITE] = { "child-write", "sprintf" },
  [SHM_CHILD_READ] = { "child-read", "printf" },
  [SHM_PARENT_WRITE] = { "parent-write", "sprintf" },
  [SHM_WAIT] = { "wait", "waitpid" },
  [SHM_STRANGER] = { "stranger", "mmap" },
  [SHM_VVAR] = { "vvar", "read" },
  [SHM_CLOCK_COST] = { "clock-cost", "clock_gettime" },
  [SHM_URING_SETUP] = { "uring-setup", "io_uring_setup" },
  [SHM_URING_SUBMIT] = { "uring-submit", "io_uring_enter" },
};

/* The only files a lesson may open: nothing on disk can be changed. */
static const char *const allowed_paths[] = { "/dev/zero", "/dev/null" };

const char *
shm_action_name (enum shm_action a)
{
  return (unsigned) a < SHM_NACTIONS ? actions[a].name : "?";
}

int
shm_action_parse (const char *name)
{
  for (int i = 0; i < SHM_NACTIONS; i++)
    if (strcmp (actions[i].name, name) == 0)
      return i;
  return -1;
}

void
shm_init (struct shm *s)
{
  long pg = sysconf (_SC_PAGESIZE);
  memset (s, 0, sizeof *s);
  s->fd = -1;
  s->page = pg > 0 ? (size_t) pg : 4096;
  pview_init (&s->view, s->page, "nothing is mapped yet");
  guard_init ();
}

void
shm_reset (struct shm *s)
{
  if (s->map)
    munmap (s->map, s->map_len);
  if (s->fd_open)
    close (s->fd);
  pview_clear (&s->view, "");
  shm_init (s);
}

/* Work done under guard_run: each takes a pointer to one of these. */
struct touch {
  unsigned char *map;   /* where in the mapping */
  size_t room;          /* bytes from there to the end of the mapping */
  unsigned char *dst;   /* read: where a copy goes, CAP bytes with its NUL */
  size_t cap;
  const char *text;     /* write: the text */
  size_t n;             /* result: bytes written, or the string's length */
};

static void
touch_write (void *arg)
{
  struct touch *t = arg;
  int n = snprintf ((char *) t->map, t->room, "%s", t->text);
  t->n = n < 0 ? 0 : (size_t) n;
}

static void
touch_read (void *arg)
{
  struct touch *t = arg;
  t->n = strnlen ((const char *) t->map, t->room);
  if (t->dst && t->cap)
    {
      size_t k = t->n < t->cap - 1 ? t->n : t->cap - 1;
      memcpy (t->dst, t->map, k);
      t->dst[k] = '\0';
    }
}

static int
run_open (struct shm *s, const struct shm_args *a, struct call_record *r)
{
  char flags[96], path[160];
  int ok = 0;

  snprintf (r->call, sizeof r->call, "open(\"%s\", %s)",
            text_c_escape (a->path ? a->path : "", path, sizeof path),
            names_format (NAMES_OPEN, a->oflags, flags, sizeof flags));
  for (size_t i = 0; i < sizeof allowed_paths / sizeof allowed_paths[0]; i++)
    ok |= a->path && strcmp (a->path, allowed_paths[i]) == 0;
  if (!ok)
    return call_refuse (r, "%s", "a lesson may open /dev/zero or /dev/null only");
  if (a->oflags & ~(long) (O_ACCMODE | O_CLOEXEC | O_SYNC | O_NONBLOCK | O_NOCTTY))
    return call_refuse (r, "%s", "a lesson may not create or truncate files");
  if (s->fd_open)
    return call_refuse (r, "%s", "an fd is open already: a lesson holds one at a time");

  int fd = open (a->path, (int) a->oflags);
  r->err = fd < 0 ? errno : 0;
  r->ret = fd;
  if (fd >= 0)
    {
      s->fd = fd;
      s->fd_open = 1;
      snprintf (s->path, sizeof s->path, "%s", a->path);
    }
  call_result (r, "open", r->ret, r->err, 0);
  return fd < 0 ? -1 : 0;
}

static int
run_mmap (struct shm *s, const struct shm_args *a, struct call_record *r)
{
  char prot[64], flags[96];

  snprintf (r->call, sizeof r->call, "mmap(NULL, %zu, %s, %s, %d, %lld)", a->length,
            names_format (NAMES_PROT, a->prot, prot, sizeof prot),
            names_format (NAMES_MAP, a->mflags, flags, sizeof flags), s->fd, a->offset);
  if (s->map)
    return call_refuse (r, "%s", "a mapping exists already: a lesson holds one at a time");
  if (a->length > (size_t) SHM_MAX_PAGES * s->page)
    return call_refuse (r, "%s", "longer than the 64 pages a lesson may map");
  /* An fd number that was closed may have been handed out again since:
     never map something that is not the lesson's. */
  if (!s->fd_open && s->fd >= 0 && fcntl (s->fd, F_GETFD) != -1)
    return call_refuse (r, "%s", "that fd number belongs to something else now");

  void *p = mmap (NULL, a->length, (int) a->prot, (int) a->mflags, s->fd, (off_t) a->offset);
  r->err = p == MAP_FAILED ? errno : 0;
  r->ret = p == MAP_FAILED ? -1 : (long long) (uintptr_t) p;
  call_result (r, "mmap", r->ret, r->err, 1);
  if (p == MAP_FAILED)
    return -1;
  s->map = p;
  s->map_len = a->length;
  s->prot = a->prot;
  s->mflags = a->mflags;
  return 0;
}

/* Where a write or read starts, or NULL (refused) when outside the map. */
static unsigned char *
map_at (struct shm *s, const struct shm_args *a, struct call_record *r, size_t *room)
{
  if (!s->map)
    {
      call_refuse (r, "%s", "nothing is mapped: the page would not be ours to touch");
      return NULL;
    }
  size_t whole = pages_round_up (s->map_len, s->page);
  if (a->offset < 0 || (unsigned long long) a->offset >= whole)
    {
      call_refuse (r, "%s", "the offset is outside the mapping");
      return NULL;
    }
  *room = whole - (size_t) a->offset;
  return (unsigned char *) s->map + a->offset;
}

static int
run_write (struct shm *s, const struct shm_args *a, struct call_record *r)
{
  char text[200];
  const char *src = a->text ? a->text : "";
  size_t room;
  struct guard_fault f;

  text_c_escape (src, text, sizeof text);
  unsigned char *p = map_at (s, a, r, &room);
  /* The text is never a format: one with a '%' is shown passed through "%s",
     which is what is done. */
  char where[64];
  if (a->offset)
    snprintf (where, sizeof where, "(char *)%p + %lld", s->map, a->offset);
  else
    snprintf (where, sizeof where, "(char *)%p", s->map);
  snprintf (r->call, sizeof r->call, "sprintf(%s, %s\"%s\")", where,
            strchr (src, '%') ? "\"%s\", " : "", text);
  if (!p)
    return -1;
  if (strlen (src) + 1 > room)
    return call_refuse (r, "%s", "the text does not fit in the mapping");
  struct touch t = { .map = p, .room = room, .text = src };
  if (guard_run (touch_write, &t, &f))
    {
      call_fault (r, &f, "at", f.addr, NULL);
      return -1;
    }
  r->ret = (long long) t.n;
  call_result (r, "sprintf", r->ret, r->err, 0);
  return 0;
}

static int
run_read (struct shm *s, const struct shm_args *a, struct call_record *r)
{
  const char *fmt = a->format ? a->format : "%s\\n";
  char raw[200], str[200];
  size_t room;
  struct guard_fault f;

  if (a->offset)
    snprintf (r->call, sizeof r->call, "printf(\"%s\", (char *)%p + %lld)", fmt, s->map,
              a->offset);
  else
    snprintf (r->call, sizeof r->call, "printf(\"%s\", (char *)%p)", fmt, s->map);
  unsigned char *p = map_at (s, a, r, &room);
  if (!p)
    return -1;
  if (!text_format_ok (fmt) || text_c_unescape (fmt, raw, sizeof raw) == (size_t) -1)
    return call_refuse (r, "%s", "the format must hold exactly one %s");
  /* The whole string is measured (printf's count), a copy of its start
     kept for the screen. */
  struct touch t = { .map = p, .room = room, .dst = (unsigned char *) str, .cap = sizeof str };
  if (guard_run (touch_read, &t, &f))
    {
      call_fault (r, &f, "at", f.addr, NULL);
      return -1;
    }
  /* printf(fmt, str) by hand: FMT's one %s is STR, %% is %. */
  size_t used = 0;
  long long count = 0;
  for (const char *q = raw; *q; q++)
    {
      if (q[0] == '%' && q[1] == 's')
        {
          text_append (r->output, sizeof r->output, &used, "%s", str);
          if (t.n > strlen (str))
            text_append (r->output, sizeof r->output, &used, "...(%zu bytes in all)", t.n);
          count += (long long) t.n;
          q++;
        }
      else
        {
          if (q[0] == '%' && q[1] == '%')
            q++;
          if (*q != '\n' || q[1] != '\0')
            text_append (r->output, sizeof r->output, &used, "%c", *q);
          count++;
        }
    }
  r->ret = count;
  call_result (r, "printf", r->ret, r->err, 0);
  return 0;
}

static int
run_munmap (struct shm *s, const struct shm_args *a, struct call_record *r)
{
  size_t len = a->length_set ? a->length : s->map_len;

  snprintf (r->call, sizeof r->call, "munmap(%p, %zu)", s->map, len);
  if (!s->map)
    return call_refuse (r, "%s", "nothing is mapped: that address may be someone else's now");
  size_t pages = pages_of (len, s->page);
  if (len != 0 && pages != pages_of (s->map_len, s->page))
    return call_refuse (r, "%s", "shmtutor unmaps whole mappings only");
  int rc = munmap (s->map, len);
  r->err = rc ? errno : 0;
  r->ret = rc;
  call_result (r, "munmap", r->ret, r->err, 0);
  if (rc)
    return -1;
  s->map = NULL;
  s->map_len = 0;
  return 0;
}

static int
run_close (struct shm *s, struct call_record *r)
{
  snprintf (r->call, sizeof r->call, "close(%d)", s->fd);
  if (!s->fd_open)
    return call_refuse (r, "%s", "no fd is open: closing a number we no longer own could close another file");
  int rc = close (s->fd);
  r->err = rc ? errno : 0;
  r->ret = rc;
  s->fd_open = 0;
  call_result (r, "close", r->ret, r->err, 0);
  return rc ? -1 : 0;
}

int
shm_run (struct shm *s, enum shm_action action, const struct shm_args *a,
         struct call_record *r)
{
  void *before = s->map;
  int rc;

  memset (r, 0, sizeof *r);
  r->action = action;
  kview_none (&r->kv);
  /* Where memory may be freed: the system's count of shared memory before
     and after, to see when the page really goes. */
  if (action == SHM_MUNMAP && s->map && (s->mflags & MAP_SHARED))
    {
      r->shmem_taken = 1;
      r->shmem_kb[0] = inspect_shmem_kb (&r->shmem_exact);
    }
  long f0 = inspect_minflt ();
  switch (action)
    {
    case SHM_OPEN: rc = run_open (s, a, r); break;
    case SHM_MMAP: rc = run_mmap (s, a, r); break;
    case SHM_WRITE: rc = run_write (s, a, r); break;
    case SHM_READ: rc = run_read (s, a, r); break;
    case SHM_MUNMAP: rc = run_munmap (s, a, r); break;
    case SHM_CLOSE: rc = run_close (s, r); break;
    default:
      snprintf (r->call, sizeof r->call, "?");
      return call_refuse (r, "%s", "unknown action");
    }
  long f1 = inspect_minflt ();
  r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
  if (r->shmem_taken)
    r->shmem_kb[1] = inspect_shmem_kb (&r->shmem_exact);
  /* The figures first, then the view: it reads only what they say is
     present, so it changes none of them. */
  if (s->map)
    kview_take (&r->kv, s->map, s->map_len, s->page);
  if (r->refused)
    return rc;
  if (s->map)
    pview_update (&s->view, s->map, s->map_len, &r->kv, before != NULL && before == s->map);
  else if (before)
    pview_clear (&s->view, "the mapping is gone: munmap removed it from this process");
  return rc;
}

void
shm_rehearse (size_t page)
{
  struct shm s;
  struct call_record r;
  shm_init (&s);
  void *p = mmap (NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return;
  s.map = p;
  s.map_len = page;
  s.prot = PROT_READ | PROT_WRITE;
  s.mflags = MAP_PRIVATE | MAP_ANONYMOUS;
  struct shm_args w = { .text = "rehearsal" }, rd = { .format = "%s\\n" };
  shm_run (&s, SHM_WRITE, &w, &r);
  shm_run (&s, SHM_READ, &rd, &r);
  shm_run (&s, SHM_MUNMAP, &w, &r);
  shm_reset (&s);
}
