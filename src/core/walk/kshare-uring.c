/* kshare-uring.c - an io_uring set up and used with the raw system calls:
   its rings are pages the kernel and this process both write.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef HAVE_LINUX_IO_URING_H
# include <linux/io_uring.h>
#endif

#include "inspect.h"
#include "kshare-int.h"
#include "names.h"

/* The C library has no wrappers for these: syscall(2) makes them. */
#if defined HAVE_LINUX_IO_URING_H && defined __NR_io_uring_setup && defined __NR_io_uring_enter
# define HAVE_URING 1
#endif

void
kshare_uring_close (struct kshare *k)
{
  if (k->sqes)
    munmap (k->sqes, k->sqes_len);
  if (k->cq_ring && k->cq_ring != k->sq_ring)
    munmap (k->cq_ring, k->cq_len);
  if (k->sq_ring)
    munmap (k->sq_ring, k->sq_len);
  k->sq_ring = k->cq_ring = k->sqes = NULL;
  if (k->ring_fd >= 0)
    close (k->ring_fd);
  if (k->zero_fd >= 0)
    close (k->zero_fd);
  k->ring_fd = k->zero_fd = -1;
}

#ifndef HAVE_URING

int
kshare_uring_setup (struct kshare *k, struct call_record *r)
{
  snprintf (r->call, sizeof r->call, "io_uring_setup(%d, &p)", KSHARE_RING_ENTRIES);
  pview_clear (&k->view, "no ring");
  kshare_say (k, "shmtutor was built without <linux/io_uring.h>: it cannot make the call");
  return call_refuse (r, "%s", "this build has no io_uring (no <linux/io_uring.h> when it was built)");
}

int
kshare_uring_submit (struct kshare *k, struct call_record *r)
{
  snprintf (r->call, sizeof r->call, "io_uring_enter(-1, 2, 2, IORING_ENTER_GETEVENTS, NULL, 0)");
  pview_clear (&k->view, "no ring");
  return call_refuse (r, "%s", "this build has no io_uring (no <linux/io_uring.h> when it was built)");
}

#else

/* What an errno of these two calls means, from io_uring_setup(2) and
   io_uring_enter(2); EPERM is told with the sysctl's value. */
static const struct {
  const char *call;
  int err;
  const char *means;
} uring_errors[] = {
  { "io_uring_setup", ENOSYS, "the kernel has no io_uring (built without it), or a seccomp "
    "filter (a container's, say) makes the call fail with ENOSYS" },
  { "io_uring_setup", EINVAL, "bad entries or flags, or a field of the params not zero" },
  { "io_uring_setup", EMFILE, "this process has as many fds open as RLIMIT_NOFILE allows" },
  { "io_uring_setup", ENFILE, "the system has as many files open as it allows" },
  { "io_uring_setup", ENOMEM, "the kernel could not allocate the rings, or locked memory "
    "ran out" },
  { "io_uring_setup", EFAULT, "the params are not in memory this process may write" },
  { "io_uring_enter", EBUSY, "the CQ ring is full: completions must be taken first" },
  { "io_uring_enter", EAGAIN, "the kernel could not take the SQEs now" },
  { "io_uring_enter", EINTR, "a signal came before the completions" },
  { "io_uring_enter", EBADF, "the fd is not open" },
  { "io_uring_enter", EOPNOTSUPP, "the fd is not an io_uring" },
};

static const char *
uring_means (const char *call, int err)
{
  for (size_t i = 0; i < sizeof uring_errors / sizeof uring_errors[0]; i++)
    if (uring_errors[i].err == err && strcmp (uring_errors[i].call, call) == 0)
      return uring_errors[i].means;
  return errno_explain (call, err);
}

/* EPERM from io_uring_setup: what kernel.io_uring_disabled says of it. */
static void
explain_eperm (struct kshare *k, struct call_record *r)
{
  char group[32] = "?";
  const char *why;

  kshare_read_line ("/proc/sys/kernel/io_uring_group", group, sizeof group);
  if (k->disabled == 2)
    why = "kernel.io_uring_disabled is 2: no process may set up a ring, root neither";
  else if (k->disabled == 1)
    why = "kernel.io_uring_disabled is 1: only CAP_SYS_ADMIN or the group "
      "kernel.io_uring_group may set up a ring";
  else if (k->disabled == 0)
    why = "kernel.io_uring_disabled is 0, so something else forbids it: a security "
      "module, or a seccomp filter that answers EPERM";
  else
    why = "no kernel.io_uring_disabled here (kernels before 6.6): a security module "
      "or a seccomp filter forbids it";
  snprintf (r->explain, sizeof r->explain, "%s", why);
  if (k->disabled == 1)
    kshare_say (k, "/proc/sys/kernel/io_uring_group: %s (-1: no group)", group);
}

/* mmap of the ring's part at OFF (named WHAT), LEN bytes, shared and
   populated as io_uring_setup(2) shows it; the call told in a line. */
static unsigned char *
map_part (struct kshare *k, struct call_record *r, size_t len, long long off, const char *what)
{
  char prot[64], flags[96];
  void *p = mmap (NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, k->ring_fd,
                  (off_t) off);
  int err = p == MAP_FAILED ? errno : 0;
  char call[KSHARE_LINE_LEN];
  snprintf (call, sizeof call, "mmap(NULL, %zu, %s, %s, %d, %s)", len,
            names_format (NAMES_PROT, PROT_READ | PROT_WRITE, prot, sizeof prot),
            names_format (NAMES_MAP, MAP_SHARED | MAP_POPULATE, flags, sizeof flags),
            k->ring_fd, what);
  if (p == MAP_FAILED)
    {
      /* The step's record is the call that failed. */
      snprintf (r->call, sizeof r->call, "%s", call);
      call_result (r, "mmap", -1, err, 1);
      return NULL;
    }
  kshare_say (k, "%s = %p", call, p);
  return p;
}

/* The ring's 32-bit word at OFF, as the kernel stored it last. */
static unsigned
word (const unsigned char *ring, unsigned off)
{
  return __atomic_load_n ((const unsigned *) (const void *) (ring + off), __ATOMIC_ACQUIRE);
}

/* The view: the ring's bytes from its start, the heads, tails and CQEs
   among them; the SQ ring's, then the CQ ring's when they are apart. */
static void
load_ring (struct kshare *k, int keep)
{
  unsigned char buf[KSHARE_RING_VIEW];
  size_t half = k->single_mmap ? KSHARE_RING_VIEW : KSHARE_RING_VIEW / 2;
  size_t a = k->sq_len < half ? k->sq_len : half, b = 0;

  memcpy (buf, k->sq_ring, a);
  if (!k->single_mmap)
    {
      b = k->cq_len < half ? k->cq_len : half;
      memcpy (buf + a, k->cq_ring, b);
    }
  pview_load (&k->view, buf, a + b, keep);
  k->view_cq_at = k->single_mmap ? 0 : a;
}

static void
say_words (struct kshare *k)
{
  kshare_say (k, "SQ ring: head at +0x%x = %u, tail at +0x%x = %u, mask at +0x%x, "
              "array at +0x%x", k->sq_head, word (k->sq_ring, k->sq_head), k->sq_tail,
              word (k->sq_ring, k->sq_tail), k->sq_mask, k->sq_array);
  kshare_say (k, "CQ ring: head at +0x%x = %u, tail at +0x%x = %u, CQEs at +0x%x%s",
              k->cq_head, word (k->cq_ring, k->cq_head), k->cq_tail,
              word (k->cq_ring, k->cq_tail), k->cq_cqes,
              k->single_mmap ? "" : " (of the CQ ring's own mapping)");
}

int
kshare_uring_setup (struct kshare *k, struct call_record *r)
{
  struct io_uring_params p;
  char v[16], line[KSHARE_LINE_LEN];

  snprintf (r->call, sizeof r->call, "io_uring_setup(%d, &p)", KSHARE_RING_ENTRIES);
  if (k->ring_fd >= 0)
    return call_refuse (r, "%s", "a ring is set up already: a lesson holds one at a time");
  pview_clear (&k->view, "no ring");
  k->disabled = kshare_read_line ("/proc/sys/kernel/io_uring_disabled", v, sizeof v) == 0
    ? atoi (v) : -1;

  memset (&p, 0, sizeof p);
  long fd = syscall (__NR_io_uring_setup, KSHARE_RING_ENTRIES, &p);
  int err = fd < 0 ? errno : 0;
  call_result (r, "io_uring_setup", fd, err, 0);
  if (k->disabled >= 0)
    kshare_say (k, "/proc/sys/kernel/io_uring_disabled: %d", k->disabled);
  else
    kshare_say (k, "/proc/sys/kernel/io_uring_disabled: none on this kernel");
  if (fd < 0)
    {
      if (err == EPERM)
        explain_eperm (k, r);
      else
        snprintf (r->explain, sizeof r->explain, "%s", uring_means ("io_uring_setup", err));
      kshare_say (k, "io_uring_setup failed: %s", r->explain);
      return -1;
    }
  k->ring_fd = (int) fd;
  k->submits = 0;
  k->sq_entries = p.sq_entries;
  k->cq_entries = p.cq_entries;
  k->features = p.features;
  k->single_mmap = (p.features & IORING_FEAT_SINGLE_MMAP) != 0;
  k->sq_head = p.sq_off.head, k->sq_tail = p.sq_off.tail;
  k->sq_mask = p.sq_off.ring_mask, k->sq_array = p.sq_off.array;
  k->cq_head = p.cq_off.head, k->cq_tail = p.cq_off.tail;
  k->cq_mask = p.cq_off.ring_mask, k->cq_cqes = p.cq_off.cqes;
  kshare_say (k, "sq_entries %u, cq_entries %u, features %#x%s", p.sq_entries, p.cq_entries,
              p.features, k->single_mmap ? " (IORING_FEAT_SINGLE_MMAP: one mapping for "
              "both rings)" : "");

  /* The sizes io_uring_setup(2) gives: the SQ ring ends with its array
     of indexes, the CQ ring with its CQEs. */
  k->sq_len = p.sq_off.array + p.sq_entries * sizeof (unsigned);
  k->cq_len = p.cq_off.cqes + p.cq_entries * sizeof (struct io_uring_cqe);
  if (k->single_mmap && k->cq_len > k->sq_len)
    k->sq_len = k->cq_len;
  k->sqes_len = p.sq_entries * sizeof (struct io_uring_sqe);
  k->sq_ring = map_part (k, r, k->sq_len, IORING_OFF_SQ_RING, "IORING_OFF_SQ_RING");
  if (k->sq_ring && k->single_mmap)
    k->cq_ring = k->sq_ring;
  else if (k->sq_ring)
    k->cq_ring = map_part (k, r, k->cq_len, IORING_OFF_CQ_RING, "IORING_OFF_CQ_RING");
  if (k->cq_ring)
    k->sqes = map_part (k, r, k->sqes_len, IORING_OFF_SQES, "IORING_OFF_SQES");
  if (!k->sqes)
    {
      kshare_say (k, "%s %s: the ring is closed again", r->call, r->result);
      kshare_uring_close (k);
      return -1;
    }
  if (inspect_maps_line (NULL, k->sq_ring, line, sizeof line) == 1)
    kshare_say (k, "maps: %s", line);
  say_words (k);
  load_ring (k, 0);
  if (k->single_mmap)
    kshare_say (k, "view: bytes 0x0-0x%zx of the ring: this process and the kernel both "
                "write them", k->view.len - 1);
  else
    kshare_say (k, "view: the SQ ring's bytes 0x0-0x%zx, then the CQ ring's from 0x%zx: "
                "this process and the kernel both write them", k->view_cq_at - 1,
                k->view_cq_at);
  return 0;
}

/* One SQE at the SQ's tail + I, its index put in the array. */
static struct io_uring_sqe *
next_sqe (struct kshare *k, unsigned tail, unsigned i)
{
  unsigned idx = (tail + i) & word (k->sq_ring, k->sq_mask);
  struct io_uring_sqe *sqe = (struct io_uring_sqe *) (void *) k->sqes + idx;
  memset (sqe, 0, sizeof *sqe);
  ((unsigned *) (void *) (k->sq_ring + k->sq_array))[idx] = idx;
  return sqe;
}

/* Take the completions between the CQ's head and its tail (two kept),
   then store the head: the kernel may use their slots again. */
static void
take_cqes (struct kshare *k)
{
  unsigned head = word (k->cq_ring, k->cq_head), tail = k->cq_tail_after;
  unsigned mask = word (k->cq_ring, k->cq_mask);
  const struct io_uring_cqe *cqes = (const void *) (k->cq_ring + k->cq_cqes);

  k->ncqe = 0;
  for (unsigned h = head; h != tail; h++)
    if (k->ncqe < 2)
      {
        const struct io_uring_cqe *c = &cqes[h & mask];
        k->cqe[k->ncqe++] = (struct kshare_cqe) { c->user_data, c->res, c->flags, h & mask };
      }
  __atomic_store_n ((unsigned *) (void *) (k->cq_ring + k->cq_head), tail, __ATOMIC_RELEASE);
}

int
kshare_uring_submit (struct kshare *k, struct call_record *r)
{
  snprintf (r->call, sizeof r->call, "io_uring_enter(%d, 2, 2, IORING_ENTER_GETEVENTS, NULL, 0)",
            k->ring_fd);
  if (k->ring_fd < 0)
    {
      pview_clear (&k->view, "no ring");
      return call_refuse (r, "%s", "no ring is set up: uring-setup comes first");
    }
  unsigned tail = word (k->sq_ring, k->sq_tail), mask = word (k->sq_ring, k->sq_mask);
  if (tail - word (k->sq_ring, k->sq_head) + 2 > k->sq_entries)
    return call_refuse (r, "%s", "the SQ ring has no room for two more SQEs");
  if (k->zero_fd < 0)
    k->zero_fd = open ("/dev/zero", O_RDONLY | O_CLOEXEC);
  if (k->zero_fd < 0)
    {
      int err = errno;
      snprintf (r->call, sizeof r->call, "open(\"/dev/zero\", O_RDONLY|O_CLOEXEC)");
      call_result (r, "open", -1, err, 0);
      return -1;
    }
  /* The ring as it was before the step: what it did is marked. */
  load_ring (k, 0);
  memset (k->buf, 0xa5, sizeof k->buf);

  struct io_uring_sqe *nop = next_sqe (k, tail, 0);
  nop->opcode = IORING_OP_NOP;
  nop->user_data = 1;
  struct io_uring_sqe *rd = next_sqe (k, tail, 1);
  rd->opcode = IORING_OP_READ;
  rd->fd = k->zero_fd;
  rd->addr = (unsigned long long) (uintptr_t) k->buf;
  rd->len = sizeof k->buf;
  rd->off = 0;
  rd->user_data = 2;
  k->sq_head_before = word (k->sq_ring, k->sq_head);
  k->cq_tail_before = word (k->cq_ring, k->cq_tail);
  /* The SQEs and the array before the tail that shows them. */
  __atomic_store_n ((unsigned *) (void *) (k->sq_ring + k->sq_tail), tail + 2,
                    __ATOMIC_RELEASE);

  long n = syscall (__NR_io_uring_enter, k->ring_fd, 2, 2, IORING_ENTER_GETEVENTS, NULL, 0);
  int err = n < 0 ? errno : 0;
  call_result (r, "io_uring_enter", n, err, 0);
  if (err)
    snprintf (r->explain, sizeof r->explain, "%s", uring_means ("io_uring_enter", err));
  else if (n != 2)
    snprintf (r->explain, sizeof r->explain, "the kernel took %ld of the 2 SQEs", n);
  k->sq_head_after = word (k->sq_ring, k->sq_head);
  k->cq_tail_after = word (k->cq_ring, k->cq_tail);
  unsigned cq_head_before = word (k->cq_ring, k->cq_head);
  take_cqes (k);
  k->submits++;
  load_ring (k, 1);

  kshare_say (k, "SQEs: IORING_OP_NOP (user_data 1), IORING_OP_READ of %zu bytes of "
              "/dev/zero (fd %d) into buf (user_data 2)", sizeof k->buf, k->zero_fd);
  kshare_say (k, "SQ tail +0x%x: %u -> %u, stored by shmtutor (release) before the call",
              k->sq_tail, tail, tail + 2);
  kshare_say (k, "SQ head +0x%x: %u -> %u, written by the kernel as it took the SQEs",
              k->sq_head, k->sq_head_before, k->sq_head_after);
  kshare_say (k, "CQ tail +0x%x: %u -> %u, written by the kernel as it completed them",
              k->cq_tail, k->cq_tail_before, k->cq_tail_after);
  kshare_say (k, "SQ array +0x%x: slots %u and %u hold SQE indexes %u and %u, stored by "
              "shmtutor", k->sq_array, tail & mask, (tail + 1) & mask, tail & mask,
              (tail + 1) & mask);
  for (int i = 0; i < k->ncqe; i++)
    kshare_say (k, "CQE at +0x%zx, written by the kernel: user_data %llu, res %d, flags %#x "
                "(the %s)", k->cq_cqes + k->cqe[i].slot * sizeof (struct io_uring_cqe),
                k->cqe[i].user_data, k->cqe[i].res, k->cqe[i].flags,
                k->cqe[i].user_data == 1 ? "NOP" : k->cqe[i].user_data == 2 ? "READ" : "?");
  size_t zeros = 0;
  for (size_t i = 0; i < sizeof k->buf; i++)
    zeros += k->buf[i] == 0;
  kshare_say (k, "buf: %zu of its %zu bytes zero now (all were 0xa5 before)", zeros,
              sizeof k->buf);
  kshare_say (k, "CQ head +0x%x: %u -> %u, stored by shmtutor (release): the CQEs taken",
              k->cq_head, cq_head_before, k->cq_tail_after);
  return err || n != 2 ? -1 : 0;
}

#endif
