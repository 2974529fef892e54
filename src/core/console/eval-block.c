/* eval-block.c - the lines of C the console does not run, and what
   becomes of the statements after them: a block whose if's condition is
   false, or cannot be known without running a call, a loop's block and
   the body of a function other than main are skipped to their '}', so
   that a program typed or pasted as it stands does what it would do, as
   far as the console follows it, and never what it would not.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "eval-int.h"

/* The first call in node I, or NULL. */
static const char *
called (const struct cp_stmt *st, int i)
{
  const struct cp_node *n = cp_node (st, i);
  const char *c;
  if (!n)
    return NULL;
  if (n->kind == CP_FN)
    return n->name;
  return (c = called (st, n->a)) ? c : called (st, n->b);
}

/* Only names, numbers and operators: a condition worked out without
   reading memory or calling anything. */
static int
plain_expr (const struct cp_stmt *st, int i)
{
  const struct cp_node *n = cp_node (st, i);
  if (!n)
    return 1;
  if (n->kind == CP_FN || n->kind == CP_INDEX || n->kind == CP_STR
      || (n->kind == CP_UNARY && (n->op == '*' || n->op == '&')))
    return 0;
  return plain_expr (st, n->a) && plain_expr (st, n->b);
}

/* An if's condition: 1 true, 0 false, -1 not known (WHY says why). */
static int
truth (struct evaluator *ev, const struct cp_stmt *st, char *c, size_t clen, char *why,
       size_t wlen)
{
  struct call_record r;
  struct val v;
  c[0] = why[0] = '\0';
  if (st->cond.root < 0)
    {
      snprintf (why, wlen, "its condition is not one the console reads");
      return -1;
    }
  ev_expr_c (st, &st->cond, c, clen);
  const char *call = called (st, st->cond.root);
  if (call)
    {
      snprintf (why, wlen, "its condition calls %s(), which the console runs only on a line "
                "of its own%s", call, strcmp (call, "fork") == 0
                ? " (pid_t pid = fork();): this block is the child's" : "");
      return -1;
    }
  if (!plain_expr (st, st->cond.root))
    {
      snprintf (why, wlen, "its condition reads memory, which the console does only in a "
                "statement of its own: type (%s)", c);
      return -1;
    }
  memset (&r, 0, sizeof r);
  int col = ev->col;
  int bad = ev_value (ev, st, &st->cond, &v, &r) != 0 || v.kind == V_STR;
  ev->col = col;
  if (bad)
    {
      snprintf (why, wlen, "its condition cannot be worked out here: %.80s", r.explain);
      return -1;
    }
  return v.kind == V_PTR ? !ev_is_null (&v) : v.num != 0;
}

int
ev_skipping (const struct evaluator *ev)
{
  for (int i = 0; i < ev->nblocks; i++)
    if (!ev->blocks[i].run)
      return 1;
  return 0;
}

static const char *
skip_reason (const struct evaluator *ev)
{
  for (int i = ev->nblocks - 1; i >= 0; i--)
    if (!ev->blocks[i].run)
      return ev->blocks[i].why;
  return "";
}

/* Whether the block ST begins runs (its reason into WHY), and the chain
   of if and else it leaves. */
static int
decide (struct evaluator *ev, const struct cp_stmt *st, int *chain, char *why, size_t len)
{
  char c[200], because[200];
  int t;
  *chain = EV_CHAIN_NONE;
  switch (st->block)
    {
    case CB_ELSEIF:
    case CB_IF:
      if (st->block == CB_ELSEIF && ev->chain != EV_CHAIN_FALSE)
        {
          *chain = ev->chain == EV_CHAIN_RAN ? EV_CHAIN_RAN : EV_CHAIN_UNKNOWN;
          snprintf (why, len, "%s", ev->chain == EV_CHAIN_RAN
                    ? "a block of the if before it ran, so this one does not"
                    : "the if before it could not be worked out, so neither can this");
          return 0;
        }
      t = truth (ev, st, c, sizeof c, because, sizeof because);
      *chain = t > 0 ? EV_CHAIN_RAN : t == 0 ? EV_CHAIN_FALSE : EV_CHAIN_UNKNOWN;
      if (t > 0)
        snprintf (why, len, "its condition (%.100s) is true now", c);
      else if (t == 0)
        snprintf (why, len, "its condition (%.100s) is false now", c);
      else
        snprintf (why, len, "%s", because);
      return t > 0;
    case CB_ELSE:
      *chain = ev->chain == EV_CHAIN_FALSE ? EV_CHAIN_RAN : ev->chain;
      snprintf (why, len, "%s", ev->chain == EV_CHAIN_FALSE ? "the if's conditions before it "
                "are false" : ev->chain == EV_CHAIN_RAN ? "a block of the if before it ran"
                : "the if before it could not be worked out");
      return ev->chain == EV_CHAIN_FALSE;
    case CB_LOOP:
    case CB_SWITCH:
      snprintf (why, len, "the console does not follow loops or switches: type the "
                "statements of one pass yourself");
      return 0;
    case CB_FUNC:
      snprintf (why, len, "it is a function's body, whose parameters have no values here: "
                "give them values (int flags = MAP_SHARED;) and type its statements");
      return 0;
    case CB_MAIN:
      snprintf (why, len, "main is where the program starts");
      return 1;
    case CB_BARE:
    case CB_NONE:
      break;
    }
  snprintf (why, len, "a block of its own");
  return 1;
}

/* Open a block that runs (RUN) or is skipped, WHY, and say so in NOTE. */
static enum ev_line
open_block (struct evaluator *ev, const struct cp_stmt *st, int run, int chain, const char *why,
            int outer_skips, char *note, size_t len)
{
  if (ev->nblocks >= EV_MAX_BLOCKS)
    {
      snprintf (note, len, "%s: more than %d blocks open at once; the console runs what "
                "follows.", st->aside, EV_MAX_BLOCKS);
      return EV_LINE_ASIDE;
    }
  struct ev_block *b = &ev->blocks[ev->nblocks++];
  b->run = (signed char) run;
  b->kind = (signed char) st->block;
  b->chain = (signed char) chain;
  snprintf (b->why, sizeof b->why, "%s", why);
  if (outer_skips)
    snprintf (note, len, "Skipped, in a block that is not run: %s.", why);
  else
    snprintf (note, len, "%s: %s, so the console %s its block, to its }.", st->aside, why,
              run ? "runs the statements of" : "skips");
  return outer_skips ? EV_LINE_SKIP : EV_LINE_ASIDE;
}

enum ev_line
ev_line (struct evaluator *ev, const struct cp_stmt *st, char *note, size_t len)
{
  note[0] = '\0';
  int pending = ev->pending;
  ev->pending = -1;
  /* The '{' on the line after a head (if (...), a function's): the block
     the head decided. */
  if (pending >= 0 && st->kind == CP_ASIDE && st->block == CB_BARE && st->opens)
    {
      ev->skip_next = 0;
      return open_block (ev, st, pending, ev->pending_chain, ev->pending_why, 0, note, len);
    }
  if (ev->skip_next)
    {
      ev->skip_next = 0;
      snprintf (note, len, "Skipped: the statement under the line above, as %s.",
                ev->pending_why);
      return EV_LINE_SKIP;
    }
  if (st->kind != CP_ASIDE)
    {
      ev->chain = EV_CHAIN_NONE;
      if (!ev_skipping (ev))
        return EV_LINE_RUN;
      snprintf (note, len, "Skipped, in a block that is not run: %s.", skip_reason (ev));
      return EV_LINE_SKIP;
    }
  int chain = ev->chain;
  ev->chain = EV_CHAIN_NONE;
  if (st->closes)
    {
      chain = ev->nblocks > 0 ? ev->blocks[--ev->nblocks].chain : EV_CHAIN_NONE;
      if (!st->opens && !st->braceless && st->block == CB_NONE)
        {
          ev->chain = chain;
          snprintf (note, len, "%s%s.", st->aside, ev_skipping (ev) ? "" : " (the console "
                    "runs what follows)");
          return EV_LINE_ASIDE;
        }
    }
  ev->chain = chain;
  int outer_skips = ev_skipping (ev), run, ch = EV_CHAIN_NONE;
  char why[200];
  if (outer_skips)
    {
      run = 0;
      snprintf (why, sizeof why, "%s", skip_reason (ev));
    }
  else if (st->opens || st->braceless || st->block == CB_FUNC || st->block == CB_MAIN)
    run = decide (ev, st, &ch, why, sizeof why);
  else
    run = 1, why[0] = '\0';
  if (st->opens)
    {
      if (st->block == CB_BARE || st->block == CB_NONE)
        snprintf (why, sizeof why, "%s", outer_skips ? skip_reason (ev) : "a block of its own");
      return open_block (ev, st, run, ch, why, outer_skips, note, len);
    }
  if (st->braceless || st->block == CB_FUNC || st->block == CB_MAIN)
    {
      /* A head whose body is the next statement, or a block on the next
         line ({ alone, as many write it). */
      ev->pending = run;
      ev->pending_chain = ch;
      snprintf (ev->pending_why, sizeof ev->pending_why, "%s", why);
      ev->skip_next = st->braceless && !run;
      if (outer_skips)
        snprintf (note, len, "Skipped, in a block that is not run: %s.", why);
      else if (st->braceless)
        snprintf (note, len, "%s: %s, so the console %s the statement under it.", st->aside,
                  why, run ? "runs" : "skips");
      else
        snprintf (note, len, "%s: %s, so the console %s its body, in the { that follows.",
                  st->aside, why, run ? "runs" : "skips");
      return outer_skips ? EV_LINE_SKIP : EV_LINE_ASIDE;
    }
  if (outer_skips)
    snprintf (note, len, "Skipped, in a block that is not run: %s.", why);
  else if (st->block == CB_IF || st->block == CB_ELSEIF || st->block == CB_ELSE
           || st->block == CB_LOOP)
    snprintf (note, len, "%s, with its statement on the same line: the console runs neither; "
              "put the statement on a line of its own.", st->aside);
  else
    snprintf (note, len, "%s: not run by the console.", st->aside);
  return outer_skips ? EV_LINE_SKIP : EV_LINE_ASIDE;
}

enum ev_line
ev_unparsed (struct evaluator *ev, const char *err, char *note, size_t len)
{
  if (ev->skip_next)
    {
      ev->skip_next = 0;
      snprintf (note, len, "Skipped: the body of the line above, as %s (the console could "
                "not read it anyway: %.80s).", ev->pending_why, err);
      return EV_LINE_SKIP;
    }
  if (ev_skipping (ev))
    {
      snprintf (note, len, "Skipped, in a block that is not run: %s (the console could not "
                "read it anyway: %.80s).", skip_reason (ev), err);
      return EV_LINE_SKIP;
    }
  note[0] = '\0';
  return EV_LINE_RUN;
}
