/* counters.c - what a program costs apart from how busy the machine is:
   the user-space instructions it runs (a hardware counter) and its time on
   a CPU (the kernel's task clock), both through perf_event_open(2), from
   its exec on, its children included.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Many virtual machines have no hardware counter: opening one fails
   (ENOENT, EOPNOTSUPP or ENODEV), and then the instructions are reported
   as not available, with the reason. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/perf_event.h>

#include "bench.h"

static int have_ins, have_clk;
static char ins_why[256], clk_why[256];

static int
open_counter (int hardware, pid_t pid, int on_exec)
{
  struct perf_event_attr a;
  memset (&a, 0, sizeof a);
  a.size = sizeof a;
  a.type = hardware ? PERF_TYPE_HARDWARE : PERF_TYPE_SOFTWARE;
  a.config = hardware ? PERF_COUNT_HW_INSTRUCTIONS : PERF_COUNT_SW_TASK_CLOCK;
  a.disabled = on_exec;
  a.enable_on_exec = on_exec;
  a.inherit = 1;
  a.exclude_kernel = 1;         /* all that perf_event_paranoid 2 allows */
  a.exclude_hv = 1;
  return (int) syscall (SYS_perf_event_open, &a, pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

static const char *
errno_name (int e)
{
  switch (e)
    {
    case ENOENT: return "ENOENT";
    case ENODEV: return "ENODEV";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOSYS: return "ENOSYS";
    case EINVAL: return "EINVAL";
    case EBUSY: return "EBUSY";
    default: return "error";
    }
}

/* Open one on this process, run a little, read it back. */
static int
probe (int hardware, char *why, size_t len)
{
  const char *what = hardware ? "PERF_COUNT_HW_INSTRUCTIONS" : "PERF_COUNT_SW_TASK_CLOCK";
  int fd = open_counter (hardware, 0, 0);
  if (fd < 0)
    {
      int e = errno;
      char paranoid[32] = "?";
      FILE *f = fopen ("/proc/sys/kernel/perf_event_paranoid", "r");
      if (f)
        {
          if (!fgets (paranoid, sizeof paranoid, f))
            snprintf (paranoid, sizeof paranoid, "?");
          paranoid[strcspn (paranoid, "\n")] = '\0';
          fclose (f);
        }
      if (e == ENOENT || e == ENODEV || e == EOPNOTSUPP)
        snprintf (why, len, "perf_event_open(%s) fails with %s (%s): no such counter "
                  "here (a virtual machine without a PMU has none)", what,
                  errno_name (e), strerror (e));
      else
        snprintf (why, len, "perf_event_open(%s) fails with %s (%s); "
                  "kernel.perf_event_paranoid is %s", what, errno_name (e), strerror (e),
                  paranoid);
      return 0;
    }
  volatile unsigned long sink = 0;
  for (unsigned long i = 0; i < 100000; i++)
    sink += i;
  (void) sink;
  uint64_t v = 0;
  ssize_t n = read (fd, &v, sizeof v);
  close (fd);
  if (n != (ssize_t) sizeof v || v == 0)
    {
      snprintf (why, len, "perf_event_open(%s) opens, but the counter counts nothing", what);
      return 0;
    }
  return 1;
}

void
counters_probe (void)
{
  have_ins = probe (1, ins_why, sizeof ins_why);
  have_clk = probe (0, clk_why, sizeof clk_why);
}

int
counters_have_ins (void)
{
  return have_ins;
}

int
counters_have_clk (void)
{
  return have_clk;
}

const char *
counters_ins_why (void)
{
  return ins_why;
}

const char *
counters_clk_why (void)
{
  return clk_why;
}

void
counters_attach (struct counters *c, pid_t pid)
{
  c->ins = have_ins ? open_counter (1, pid, 1) : -1;
  c->clk = have_clk ? open_counter (0, pid, 1) : -1;
}

static double
read_one (int fd)
{
  uint64_t v;
  if (fd < 0 || read (fd, &v, sizeof v) != (ssize_t) sizeof v)
    return NAN;
  return (double) v;
}

void
counters_read (const struct counters *c, double *ins, double *cpu_ms)
{
  *ins = read_one (c->ins);
  *cpu_ms = read_one (c->clk) / 1e6;
}

void
counters_close (struct counters *c)
{
  if (c->ins >= 0)
    close (c->ins);
  if (c->clk >= 0)
    close (c->clk);
  c->ins = c->clk = -1;
}
