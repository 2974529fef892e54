/* call.c - the record of one call filled in: its result as strace shows it
   and errno's explanation, or why it was not run.  The walkthrough's
   engine and the console's both use these.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "call.h"
#include "names.h"

void
call_result (struct call_record *r, const char *call, long long ret, int err, int ptr)
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

int
call_refuse (struct call_record *r, const char *fmt, const char *a)
{
  r->refused = 1;
  snprintf (r->result, sizeof r->result, "(not run)");
  snprintf (r->explain, sizeof r->explain, fmt, a ? a : "");
  return -1;
}

void
call_fault (struct call_record *r, const struct guard_fault *f, const char *verb,
            const void *at, const char *why)
{
  r->fault = f->sig;
  guard_result (f, r->result, sizeof r->result);
  guard_describe (f, verb, at, why, r->explain, sizeof r->explain);
}
