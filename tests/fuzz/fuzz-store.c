/* fuzz-store.c - libFuzzer target: the progress-file reader.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct store st;
  memset (&st, 0, sizeof st);
  if (store_parse (&st, (const char *) data, size) == 0)
    {
      /* Every item read back must be findable by its key. */
      for (size_t i = 0; i < st.n; i++)
        if (store_find (&st, st.items[i].key) != &st.items[i])
          __builtin_trap ();
    }
  store_close (&st);
  return 0;
}
