/* names.c - symbolic names of flags and errno values, both ways.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "names.h"

#define N(x) { #x, x }

static const struct name_value open_names[] = {
  N(O_RDONLY), N(O_WRONLY), N(O_RDWR), N(O_CLOEXEC), N(O_SYNC),
  N(O_NONBLOCK), N(O_NOCTTY), { NULL, 0 }
};

static const struct name_value prot_names[] = {
  N(PROT_NONE), N(PROT_READ), N(PROT_WRITE), N(PROT_EXEC), { NULL, 0 }
};

static const struct name_value map_names[] = {
  N(MAP_SHARED), N(MAP_PRIVATE),
#ifdef MAP_SHARED_VALIDATE
  N(MAP_SHARED_VALIDATE),
#endif
  N(MAP_POPULATE), N(MAP_NORESERVE), N(MAP_LOCKED), { NULL, 0 }
};

static const struct name_value *const sets[] = {
  [NAMES_OPEN] = open_names, [NAMES_PROT] = prot_names, [NAMES_MAP] = map_names,
};

static int
match (const struct name_value *t, const char *s, size_t n, long *v)
{
  for (; t->name; t++)
    if (strlen (t->name) == n && strncmp (t->name, s, n) == 0)
      {
        *v = t->value;
        return 1;
      }
  return 0;
}

int
names_parse (enum name_set set, const char *text, long *out, char *bad, size_t badlen)
{
  const char *p = text;
  long acc = 0;
  int any = 0;

  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      const char *start = p;
      while (*p && *p != '|' && *p != ' ' && *p != '\t')
        p++;
      size_t n = (size_t) (p - start);
      long v;
      while (*p == ' ' || *p == '\t')
        p++;
      if (n == 0 || !match (sets[set], start, n, &v))
        {
          if (badlen)
            snprintf (bad, badlen, "%.*s", n ? (int) (n > 60 ? 60 : n) : 6,
                      n ? start : "(none)");
          return -1;
        }
      acc |= v;
      any = 1;
      if (*p == '|')
        {
          p++;
          continue;
        }
      if (*p != '\0')
        {
          if (badlen)
            snprintf (bad, badlen, "%.60s", p);
          return -1;
        }
      break;
    }
  *out = any ? acc : 0;
  return 0;
}

static void
append (char *buf, size_t len, size_t *used, const char *s)
{
  /* "|" between names; cut at the end of BUF, always NUL-terminated. */
  if (*used && *used + 1 < len)
    buf[(*used)++] = '|';
  size_t n = strlen (s);
  if (n > len - 1 - *used)
    n = len - 1 - *used;
  memcpy (buf + *used, s, n);
  *used += n;
  buf[*used] = '\0';
}

char *
names_format (enum name_set set, long value, char *buf, size_t len)
{
  const struct name_value *t = sets[set];
  size_t used = 0;
  long left = value;

  if (len == 0)
    return buf;
  buf[0] = '\0';
  if (set == NAMES_OPEN)
    {
      /* The access mode is a two-bit field, not a flag. */
      long mode = value & O_ACCMODE;
      append (buf, len, &used,
              mode == O_RDWR ? "O_RDWR" : mode == O_WRONLY ? "O_WRONLY" : "O_RDONLY");
      left &= ~(long) O_ACCMODE;
    }
  else if (set == NAMES_MAP)
    {
      long type = value & 3;
      append (buf, len, &used, type == MAP_SHARED ? "MAP_SHARED"
                               : type == MAP_PRIVATE ? "MAP_PRIVATE"
                               : type == 3 ? "MAP_SHARED_VALIDATE" : "0");
      left &= ~3L;
    }
  /* A bit a lesson may not ask for but the console's mappings can have. */
  if (set == NAMES_MAP && (left & MAP_ANONYMOUS))
    {
      append (buf, len, &used, "MAP_ANONYMOUS");
      left &= ~(long) MAP_ANONYMOUS;
    }
  for (; t->name; t++)
    if (t->value != 0 && (set != NAMES_MAP || t->value > 3)
        && (set != NAMES_OPEN || (t->value & O_ACCMODE) == 0)
        && (left & t->value) == t->value)
      {
        append (buf, len, &used, t->name);
        left &= ~t->value;
      }
  if (left)
    {
      char hex[24];
      snprintf (hex, sizeof hex, "%#lx", left);
      append (buf, len, &used, hex);
    }
  if (used == 0)
    append (buf, len, &used, set == NAMES_PROT ? "PROT_NONE" : "0");
  return buf;
}

static const struct name_value errno_names[] = {
  N(EPERM), N(ENOENT), N(EINTR), N(EIO), N(ENXIO), N(EBADF), N(EAGAIN),
  N(ENOMEM), N(EACCES), N(EFAULT), N(EBUSY), N(EEXIST), N(ENODEV),
  N(ENOTDIR), N(EISDIR), N(EINVAL), N(ENFILE), N(EMFILE), N(ETXTBSY),
  N(EFBIG), N(ENOSPC), N(ESPIPE), N(EROFS), N(EPIPE), N(ERANGE),
  N(ENAMETOOLONG), N(ELOOP), N(EOVERFLOW), N(EOPNOTSUPP), N(EDQUOT),
  N(ENOSYS), N(ESRCH), N(ECHILD), N(ETIMEDOUT), N(EPROTO),
  { NULL, 0 }
};

const char *
errno_name (int e)
{
  for (const struct name_value *t = errno_names; t->name; t++)
    if (t->value == e)
      return t->name;
#ifdef HAVE_STRERRORNAME_NP
  /* One the table lacks: the C library knows its name. */
  return e ? strerrorname_np (e) : NULL;
#else
  return NULL;
#endif
}

/* What each call's errors mean, in the words of the man pages. */
static const struct errno_text {
  const char *call;
  int err;
  const char *text;
} errno_texts[] = {
  { "open", ENOENT, "no such file: the path does not exist" },
  { "open", EACCES, "the file's permissions do not allow this access mode" },
  { "open", EMFILE, "this process has no free file descriptor left" },
  /* mmap(2): without MAP_FIXED the address is only a hint, so an
     unaligned one is no error (0x12345 gives a mapping at 0x12000). */
  { "mmap", EINVAL, "length is 0, offset is not a multiple of the page size, flags hold neither "
    "MAP_SHARED nor MAP_PRIVATE, or MAP_FIXED with an unaligned address" },
  { "mmap", EACCES, "fd is not open for reading, or MAP_SHARED with PROT_WRITE needs fd opened O_RDWR" },
  { "mmap", EBADF, "fd is not an open file descriptor (and MAP_ANONYMOUS was not given)" },
  { "mmap", ENOMEM, "no room for a mapping this long in the address space, or a limit was hit" },
  { "mmap", EAGAIN, "MAP_LOCKED would lock more than RLIMIT_MEMLOCK allows, or the file is locked" },
  { "mmap", EOVERFLOW, "offset plus length is past what the file can map (a negative offset is)" },
  { "mmap", ENODEV, "this file's file system does not support memory mapping" },
  { "mmap", EOPNOTSUPP, "MAP_SHARED_VALIDATE with a flag unknown here or unsupported by the fd" },
  { "mmap", EPERM, "PROT_EXEC on a noexec mount, or a seal forbids it" },
  { "munmap", EINVAL, "the address is not a multiple of the page size, or length is 0" },
  { "close", EBADF, "fd is not an open file descriptor: closed already?" },
  { "write", EBADF, "fd is not an open file descriptor, or not open for writing" },
  { "read", EBADF, "fd is not an open file descriptor, or not open for reading" },
  { "read", EFAULT, "the buffer is outside this process's memory" },
  { "write", EFAULT, "the buffer is outside this process's memory" },
  { "mprotect", EACCES, "a MAP_SHARED mapping of an fd not opened for writing cannot get PROT_WRITE" },
  { "mprotect", ENOMEM, "part of the range is not mapped" },
  { "mprotect", EINVAL, "the address is not page-aligned, or the prot value is invalid" },
  /* msync(2) */
  { "msync", EINVAL, "the address is not a multiple of the page size, or a bad flag: one beyond "
    "MS_ASYNC|MS_INVALIDATE|MS_SYNC, or MS_SYNC and MS_ASYNC both" },
  { "msync", ENOMEM, "the range, or part of it, is not mapped" },
  { "msync", EBUSY, "MS_INVALIDATE on a range that holds locked memory" },
  /* mincore(2) */
  { "mincore", EINVAL, "the address is not a multiple of the page size" },
  { "mincore", ENOMEM, "the range holds unmapped memory, or runs past the end of the address space" },
  { "mincore", EFAULT, "vec points outside this process's memory" },
  { "mincore", EAGAIN, "the kernel is short of resources for now: try again" },
};

const char *
errno_explain (const char *call, int e)
{
  for (size_t i = 0; i < sizeof errno_texts / sizeof errno_texts[0]; i++)
    if (errno_texts[i].err == e && call && strcmp (errno_texts[i].call, call) == 0)
      return errno_texts[i].text;
  return strerror (e);
}
