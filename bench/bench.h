/* bench.h - what the parts of bench/bench share: a program on a
   pseudo-terminal read back through libvterm, its screen's cells, where
   its bytes go, its counters, and the statistics.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <vterm.h>

#define ROWS 24
#define COLS 80
#define MAX_RUNS 101

extern int quiet_ms;            /* quiet that settles a screen */

int64_t now_ns (void);
void die (const char *what);

/* ---- where the bytes go (spend.c) ---------------------------------------- */

enum spend_kind { SP_TEXT, SP_MOVE, SP_ATTR, SP_ERASE, SP_OTHER, SP_N };
extern const char *const spend_name[SP_N];

struct spend {
  size_t n[SP_N];
  int state;                    /* inside an escape sequence, and where */
  size_t len;                   /* the bytes of that sequence so far */
  int priv;                     /* a CSI sequence with ? > = or < first */
};

void spend_feed (struct spend *s, const char *p, size_t n);

/* ---- counters (counters.c) ------------------------------------------------ */

struct counters {
  int ins;                      /* user-space instructions, or -1 */
  int clk;                      /* the task clock (time on a CPU), or -1 */
};

/* Whether instructions (and the task clock) can be counted here; when
   not, why, in words. */
void counters_probe (void);
int counters_have_ins (void);
int counters_have_clk (void);
const char *counters_ins_why (void);
const char *counters_clk_why (void);
/* Count the process PID (and the children it makes) from its exec on:
   call between its fork and its exec. */
void counters_attach (struct counters *c, pid_t pid);
/* The counts so far; NAN for what is not counted. */
void counters_read (const struct counters *c, double *ins, double *cpu_ms);
void counters_close (struct counters *c);

/* ---- one program on one pseudo-terminal (term.c) ------------------------- */

struct term {
  pid_t pid;
  int fd;                       /* the master side */
  int pidfd;                    /* readable when the child ends; -1 if none */
  VTerm *vt;
  VTermScreen *vs;
  char home[64];
  int64_t t0;                   /* just before the fork */
  int64_t last;                 /* when the last byte came */
  int64_t t_reaped;
  size_t bytes;                 /* all the bytes read */
  size_t answered;              /* bytes the terminal wrote back */
  struct spend spend;
  struct counters ctr;
  double ins_last, cpu_last;    /* the counters when the last byte came */
  FILE *raw;                    /* --dump --raw: every byte, escaped */
  int closed, reaped, status;
  struct rusage ru;
};

/* Start ARGV with ENV (may be NULL) added; with COUNT, its counters too. */
void term_start (struct term *t, char *const argv[], const char *const env[], int count);
size_t pump (struct term *t, int timeout_ms);
int term_find (struct term *t, const char *expect);
int term_find_row (struct term *t, const char *needle, char *row, size_t len);
/* The hex view's rows shown now, from its title's "rows FIRST-LAST of";
   returns 0 when there is none.  The rows a screen has depend on its
   layout: the measures ask the screen rather than assume them. */
int term_rows_shown (struct term *t, int *first, int *last);
int settle (struct term *t, const char *needle, int64_t from, int timeout_ms);
int term_wait_exit (struct term *t, int timeout_ms);
void term_send (struct term *t, const char *keys);
void term_write (struct term *t, const char *p, size_t n);
/* A paste as a terminal sends it: in \e[200~ ... \e[201~ when the program
   asked for bracketed paste.  Returns whether it did. */
int term_paste (struct term *t, const char *p, size_t n);
void term_dump (struct term *t, FILE *out);
void term_free (struct term *t);

/* The screen's cells, to count those a key changed (spend.c). */
struct snap {
  VTermScreenCell cell[ROWS * COLS];
};

void term_snap (struct term *t, struct snap *s);
void snap_blank (struct snap *s);
int snap_diff (const struct snap *a, const struct snap *b);

/* ---- statistics (bench.c) ------------------------------------------------ */

/* Of the values that are not NAN. */
double median (const double *v, int n);
double quantile (const double *v, int n, double q);
double minimum (const double *v, int n);
double maximum (const double *v, int n);

/* ---- the programs started and compared (start.c) ------------------------ */

struct peer {
  const char *name;             /* as in the table */
  const char *how;              /* the command, for the notes */
  char note[4200];              /* and more about it; may be empty */
  char *argv[8];
  const char *env[4];
  const char *expect;           /* on the settled first screen */
  const char *expect_how;       /* and in words, when the needles say it badly */
  const char *quit;             /* the keys that end it */
  const char *quit_how;         /* and in words */
  int present;
  int failed;
  /* By round; NAN where the run failed (or, for the counters, where
     there is nothing to count). */
  double start_ms[MAX_RUNS], cpu_ms[MAX_RUNS], ins[MAX_RUNS], quit_ms[MAX_RUNS],
    rss_kb[MAX_RUNS], bytes[MAX_RUNS], cells[MAX_RUNS];
};

enum { P_FLOOR, P_SHM, P_VIM, P_GTYPIST, P_N };

void start_round (struct peer *peers, int round);
void start_tables (struct peer *peers, char **skips, int nskips, int rounds);

/* ---- bytes per key, bursts and a paste (keys.c, burst.c) ---------------- */

/* What one key cost: bytes, the cells it changed, where the bytes went. */
struct cost {
  double bytes, cells;
  double sp[SP_N];
  int ok;
};

/* Type KEYS (in one write) and wait for EXPECT (may be NULL) on a quiet
   screen.  Fills C; returns 0 when the screen never settles. */
int key_cost (struct term *t, const char *keys, const char *expect, struct cost *c);
void cost_head (void);
void keys_run (const struct peer *shm, const char *shmtutor, const char *const env[], int run);
void keys_tables (int runs);
void burst_run (const struct peer *shm, int run);
void burst_tables (int runs);

#endif
