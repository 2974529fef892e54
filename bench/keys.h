/* keys.h - the keys whose bytes bench/bench counts, shared by keys.c and
   burst.c.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KEYS_H
#define KEYS_H

#include "bench.h"

/* A row of the bytes-per-key table each. */
enum { K_FIRST, K_STEP2, K_PROMPT, K_STEP3, K_STEP4, K_STEP5, K_STEP6, K_LAST, K_LAST2,
       K_ROW, K_PGDN, K_PASTED_ROW, K_MENU, K_GLOSSARY, K_BACK, K_N };

void key_note (int which, const struct cost *c);
double per_cell (double bytes, double cells);
const char *per_cell_text (double v, char *buf, size_t len);
double cost_row (const char *what, const struct cost *c, int n, const double *repaint,
                 int nrepaint, int verdict);

/* The bytes of the ten Enters of the burst, sent one at a time from step
   1 in run R (steps 2 to 6 and four at the last step); NAN if one failed. */
extern double single_enters[MAX_RUNS];

#endif
