/* stats.c - the figures of make bench: medians, quantiles, the least
   and the most of a set of runs (NAN runs left out).
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>

#include "bench.h"

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The values of V that are not NAN, sorted into S; how many. */
static int
sorted (const double *v, int n, double *s)
{
  int k = 0;
  for (int i = 0; i < n && i < MAX_RUNS; i++)
    if (!isnan (v[i]))
      s[k++] = v[i];
  qsort (s, (size_t) k, sizeof *s, cmp_double);
  return k;
}

/* Between the order statistics, as the usual "type 7" quantile. */
double
quantile (const double *v, int n, double q)
{
  double s[MAX_RUNS];
  int k = sorted (v, n, s);
  if (!k)
    return NAN;
  double at = q * (k - 1);
  int lo = (int) at;
  return lo + 1 < k ? s[lo] + (at - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

double
median (const double *v, int n)
{
  return quantile (v, n, 0.5);
}

double
minimum (const double *v, int n)
{
  return quantile (v, n, 0);
}

double
maximum (const double *v, int n)
{
  return quantile (v, n, 1);
}

