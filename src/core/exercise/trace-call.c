/* trace-call.c - one system call of a traced program: its name and
   arguments, the file it names, the bytes of a /dev/zero mapping at its
   munmap, and the inject that makes it fail.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "trace-int.h"
#include "xalloc.h"

/* The calls kept, by the kernel's number. */
static const struct { long nr; const char *name; } names[] = {
  { SYS_openat, "openat" }, { SYS_mmap, "mmap" }, { SYS_munmap, "munmap" },
  { SYS_mprotect, "mprotect" }, { SYS_msync, "msync" }, { SYS_close, "close" },
  { SYS_clone, "clone" }, { SYS_clone3, "clone3" }, { SYS_wait4, "wait4" },
  { SYS_waitid, "waitid" },
  { SYS_write, "write" }, { SYS_read, "read" }, { SYS_exit_group, "exit_group" },
#ifdef SYS_open
  { SYS_open, "open" },
#endif
#ifdef SYS_fork
  { SYS_fork, "fork" }, { SYS_vfork, "vfork" },
#endif
};

static const char *
call_name (long nr)
{
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].nr == nr)
      return names[i].name;
  return NULL;
}

/* The NUL-ended string at ADDR in PID, into BUF (size LEN). */
static void
read_string (pid_t pid, unsigned long addr, char *buf, size_t len)
{
  struct iovec here = { buf, len - 1 }, there = { (void *) addr, len - 1 };
  buf[0] = '\0';
  ssize_t n = addr ? process_vm_readv (pid, &here, 1, &there, 1, 0) : -1;
  if (n > 0)
    buf[n] = '\0';
  else
    {
      /* The string ends before the page does: a byte at a time, up to
         the fault. */
      size_t i = 0;
      for (; addr && i + 1 < len; i++)
        {
          struct iovec h1 = { buf + i, 1 }, t1 = { (void *) (addr + i), 1 };
          if (process_vm_readv (pid, &h1, 1, &t1, 1, 0) != 1 || buf[i] == '\0')
            break;
        }
      buf[i] = '\0';
    }
  buf[strnlen (buf, len - 1)] = '\0';
}

/* The file PID's descriptor FD is, into BUF ("" when none). */
static void
fd_path (pid_t pid, long fd, char *buf, size_t len)
{
  char link[64];
  buf[0] = '\0';
  if (fd < 0 || fd > 65535)
    return;
  snprintf (link, sizeof link, "/proc/%d/fd/%ld", (int) pid, fd);
  ssize_t n = readlink (link, buf, len - 1);
  buf[n > 0 ? n : 0] = '\0';
}

/* The file of the mapping of PID that holds ADDR, into BUF ("" when it
   is anonymous or unmapped). */
static void
map_path (pid_t pid, unsigned long addr, char *buf, size_t len)
{
  char path[64], line[512];
  buf[0] = '\0';
  snprintf (path, sizeof path, "/proc/%d/maps", (int) pid);
  FILE *f = fopen (path, "re");
  if (!f)
    return;
  while (fgets (line, sizeof line, f))
    {
      unsigned long lo, hi;
      int name_at = 0;
      if (sscanf (line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi, &name_at) >= 2 && addr >= lo
          && addr < hi)
        {
          if (name_at > 0)
            {
              char *nl = strchr (line + name_at, '\n');
              if (nl)
                *nl = '\0';
              snprintf (buf, len, "%s", line + name_at);
            }
          break;
        }
    }
  fclose (f);
}

/* What the first process leaves as it ends: descriptors above 2, and
   /dev/zero mappings. */
static void
left_behind (struct trace_run *r, pid_t pid)
{
  char path[64], line[512];
  snprintf (path, sizeof path, "/proc/%d/fd", (int) pid);
  DIR *d = opendir (path);
  if (d)
    {
      r->fds_left = 0;
      for (struct dirent *e; (e = readdir (d));)
        r->fds_left += e->d_name[0] >= '0' && e->d_name[0] <= '9' && atoi (e->d_name) > 2;
      closedir (d);
    }
  snprintf (path, sizeof path, "/proc/%d/maps", (int) pid);
  FILE *f = fopen (path, "re");
  if (f)
    {
      r->maps_left = 0;
      while (fgets (line, sizeof line, f))
        r->maps_left += strstr (line, " /dev/zero") != NULL;
      fclose (f);
    }
}

int
trace_can_inject (void)
{
#if defined __x86_64__
  return 1;
#else
  return 0;
#endif
}

/* Make the call PID is entering not happen (the kernel skips a call
   whose number is -1); 0, or -1. */
static int
skip_call (pid_t pid)
{
#if defined __x86_64__
  return ptrace (PTRACE_POKEUSER, pid, (void *) offsetof (struct user_regs_struct, orig_rax),
                 (void *) -1L) == 0 ? 0 : -1;
#else
  (void) pid;
  return -1;
#endif
}

/* Give the skipped call of PID the result RET. */
static void
set_result (pid_t pid, long ret)
{
#if defined __x86_64__
  struct user_regs_struct regs;
  memset (&regs, 0, sizeof regs);
  if (ptrace (PTRACE_GETREGS, pid, NULL, &regs) == 0)
    {
      regs.rax = (unsigned long long) ret;
      ptrace (PTRACE_SETREGS, pid, NULL, &regs);
    }
#else
  (void) pid, (void) ret;
#endif
}

/* The entry of call NR with ARGS in P. */
static void
on_entry (struct tracer *t, struct tproc *p, long nr, const __uint64_t args[6])
{
  struct trace_run *r = t->r;
  const char *name = call_name (nr);
  p->pending = -1;
  p->skipping = 0;
  if (!name)
    return;
  if (nr == SYS_exit_group)
    {
      if (p->index == 0)
        left_behind (r, p->pid);
      return;
    }
  if (r->ncalls >= TRACE_MAX_CALLS)
    {
      r->calls_cut++;
      return;
    }
  if (r->ncalls % 64 == 0)
    r->calls = xreallocarray (r->calls, r->ncalls + 64, sizeof *r->calls);
  struct trace_call *c = &r->calls[r->ncalls];
  memset (c, 0, sizeof *c);
  c->proc = p->index;
  c->pid = p->pid;
  snprintf (c->name, sizeof c->name, "%s", name);
  for (int i = 0; i < 6; i++)
    c->args[i] = (long) args[i];
  if (strcmp (name, "openat") == 0)
    read_string (p->pid, args[1], c->path, sizeof c->path);
  else if (strcmp (name, "open") == 0)
    read_string (p->pid, args[0], c->path, sizeof c->path);
  else if (strcmp (name, "mmap") == 0 && !(args[3] & MAP_ANONYMOUS))
    fd_path (p->pid, (long) (int) args[4], c->path, sizeof c->path);
  else if (strcmp (name, "close") == 0 || strcmp (name, "read") == 0
           || strcmp (name, "write") == 0)
    fd_path (p->pid, (long) (int) args[0], c->path, sizeof c->path);
  else if (strcmp (name, "munmap") == 0 || strcmp (name, "msync") == 0
           || strcmp (name, "mprotect") == 0)
    map_path (p->pid, args[0], c->path, sizeof c->path);
  if (strcmp (name, "munmap") == 0 && strncmp (c->path, "/dev/zero", 9) == 0)
    {
      /* The learner's own page, as it is the moment before it goes. */
      size_t n = args[1] < TRACE_PAGE_BYTES ? (size_t) args[1] : TRACE_PAGE_BYTES;
      c->page = xmalloc (n ? n : 1);
      struct iovec here = { c->page, n }, there = { (void *) args[0], n };
      ssize_t k = n ? process_vm_readv (p->pid, &here, 1, &there, 1, 0) : 0;
      c->npage = k > 0 ? (size_t) k : 0;
    }
  if (t->inject && !t->injected && t->execed && trace_matches (c, t->inject, t->page)
      && skip_call (p->pid) == 0)
    {
      t->injected = 1;
      p->skipping = 1;
      c->injected = 1;
    }
  p->pending = (long) r->ncalls++;
}

void
trace_syscall_stop (struct tracer *t, struct tproc *p)
{
  struct __ptrace_syscall_info info;
  memset (&info, 0, sizeof info);
  if (ptrace (PTRACE_GET_SYSCALL_INFO, p->pid, (void *) sizeof info, &info) <= 0)
    return;
  if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
    {
      p->in_call = 1;
      on_entry (t, p, (long) info.entry.nr, info.entry.args);
    }
  else if (info.op == PTRACE_SYSCALL_INFO_EXIT)
    {
      p->in_call = 0;
      if (p->pending >= 0 && (size_t) p->pending < t->r->ncalls)
        {
          struct trace_call *c = &t->r->calls[p->pending];
          if (p->skipping)
            {
              set_result (p->pid, -(long) t->inject_err);
              c->ret = -(long) t->inject_err;
            }
          else
            c->ret = (long) info.exit.rval;
          c->done = 1;
        }
      p->pending = -1;
      p->skipping = 0;
    }
}

/* Is C a call that makes a process (fork, vfork, or a clone that is no
   thread)? */
static int
makes_process (const struct trace_call *c)
{
  if (strcmp (c->name, "fork") == 0 || strcmp (c->name, "vfork") == 0)
    return 1;
  if (strcmp (c->name, "clone") == 0)
    return !(c->args[0] & CLONE_THREAD);
  return strcmp (c->name, "clone3") == 0;
}

int
trace_matches (const struct trace_call *c, const struct ex_match *m, long page)
{
  if (strcmp (m->call, "fork") == 0)
    {
      if (!makes_process (c))
        return 0;
    }
  else if (strcmp (m->call, "clone") == 0)
    {
      if (strcmp (c->name, "clone") && strcmp (c->name, "clone3"))
        return 0;
    }
  else if (strcmp (m->call, "wait4") == 0)
    {
      /* A wait for a child: wait, waitpid and wait4 make wait4, waitid
         its own call. */
      if (strcmp (c->name, "wait4") && strcmp (c->name, "waitid"))
        return 0;
    }
  else if (strcmp (m->call, c->name) != 0)
    return 0;
  long flags = 0, prot = 0, len = 0;
  if (strcmp (c->name, "mmap") == 0)
    flags = c->args[3], prot = c->args[2], len = c->args[1];
  else if (strcmp (c->name, "openat") == 0)
    flags = c->args[2];
  else if (strcmp (c->name, "open") == 0)
    flags = c->args[1];
  else if (strcmp (c->name, "mprotect") == 0)
    prot = c->args[2], len = c->args[1];
  else if (strcmp (c->name, "munmap") == 0 || strcmp (c->name, "msync") == 0)
    len = c->args[1];
  if ((flags & m->flags) != m->flags || (prot & m->prot) != m->prot)
    return 0;
  /* O_RDONLY is 0 and O_RDWR is no bit of O_WRONLY's: the access mode is
     compared whole when one is named. */
  int is_open = strcmp (c->name, "openat") == 0 || strcmp (c->name, "open") == 0;
  if (is_open && (m->flags & O_ACCMODE) && (flags & O_ACCMODE) != (m->flags & O_ACCMODE))
    return 0;
  if (m->path && strncmp (c->path, m->path, strlen (m->path)) != 0)
    return 0;
  if (m->len == -1 && len != page)
    return 0;
  if (m->len > 0 && len != m->len)
    return 0;
  if ((m->by == 1 && c->proc != 0) || (m->by == 2 && c->proc == 0))
    return 0;
  return 1;
}
