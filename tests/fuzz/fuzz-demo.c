/* fuzz-demo.c - libFuzzer target: the recorded-session reader (--play).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>
#include <stdint.h>

#include "demofile.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct demo_file d;
  if (demo_parse ((const char *) data, size, "fuzz", &d, 0777, NULL, NULL) == 0)
    {
      /* Every key read is in range, every gap not negative. */
      for (size_t i = 0; i < d.n; i++)
        if (d.keys[i].key < 0 || d.keys[i].key > 0777 || d.keys[i].gap_ms < 0)
          __builtin_trap ();
    }
  else if (d.n || d.keys)
    __builtin_trap ();          /* all or nothing */
  demo_file_free (&d);
  return 0;
}
