/* twin.c - the parent's side of a child made by fork(), which maps what
   the parent mapped and makes its own stores and loads when the parent
   asks, over a socket (twin-child.c is the child's side).
   Each process takes its own figures right after its own call, and looks
   at its own page without touching what is not in its page table.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "inspect.h"
#include "twin-int.h"
#include "twin.h"
#include "xalloc.h"


int
twin_action (enum shm_action a)
{
  return a == SHM_FORK || a == SHM_CHILD_WRITE || a == SHM_CHILD_READ || a == SHM_PARENT_WRITE
         || a == SHM_WAIT || a == SHM_STRANGER;
}

void
twin_init (struct twin *t, size_t page)
{
  memset (t, 0, sizeof *t);
  t->sock = -1;
  pview_init (&t->child.view, page, "no child yet");
}

/* ---- the parent's side --------------------------------------------------- */

/* Reap the child, waiting up to MS milliseconds before killing it.
   Returns its status, or -1 when it could not be reaped. */
static int
reap (struct twin *t, int ms)
{
  int status = 0;
  int rc = twin_reap_pid (t->child.pid, ms, &status);
  int err = errno;
  /* Reaped, or gone without us (ECHILD): no child runs either way. */
  if (rc == 0 || err == ECHILD)
    {
      t->alive = 0;
      if (t->sock >= 0)
        close (t->sock);
      t->sock = -1;
    }
  if (rc != 0)
    {
      errno = err;
      return -1;
    }
  t->status = status;
  return status;
}

/* "exited with status 0" or "killed by signal 9 (Killed)". */
const char *
twin_status_text (int status, char *buf, size_t len)
{
  if (WIFEXITED (status))
    snprintf (buf, len, "exited with status %d", WEXITSTATUS (status));
  else if (WIFSIGNALED (status))
    snprintf (buf, len, "killed by signal %d (%s)", WTERMSIG (status),
              strsignal (WTERMSIG (status)));
  else
    snprintf (buf, len, "status 0x%x", (unsigned) status);
  return buf;
}

/* The child did not answer, or answered nonsense: it is given up, killed
   and reaped, and R says so. */
static int
child_lost (struct twin *t, struct call_record *r, const char *what)
{
  int err = errno;
  char st[96];
  int status = reap (t, err == ETIMEDOUT ? 0 : 200);
  snprintf (t->child.said, sizeof t->child.said, "%s, then %s", what,
            status < 0 ? "could not be reaped" : twin_status_text (status, st, sizeof st));
  if (r)
    {
      if (!r->call[0])
        snprintf (r->call, sizeof r->call, "(the child %d)", t->child.pid);
      snprintf (r->result, sizeof r->result, "(no answer)");
      snprintf (r->explain, sizeof r->explain, "the child %d %s", t->child.pid, t->child.said);
      r->refused = 1;
    }
  return -1;
}

/* Ask the child OP and take its answer into T (and R when not NULL). */
static int
ask_child (struct twin *t, int op, int same, long long offset, const char *text,
           struct call_record *r)
{
  static struct request rq;
  static struct reply rp;
  memset (&rq, 0, sizeof rq);
  rq.op = op;
  rq.same = same;
  rq.offset = offset;
  if (text)
    snprintf (rq.text, sizeof rq.text, "%s", text);
  if (twin_send_all (t->sock, &rq, sizeof rq) || twin_recv_all (t->sock, &rp, sizeof rp, ANSWER_MS))
    return child_lost (t, r, "gave no answer");
  struct page_view *v = &t->child.view;
  if (rp.len > (size_t) KV_MAX_PAGES * v->page || (v->page && rp.len % v->page))
    {
      errno = EPROTO;
      return child_lost (t, r, "gave an answer that made no sense");
    }
  if (rp.len != v->len || !v->cur)
    {
      /* The child's view has its own size: make room for it. */
      pview_clear (v, "");
      if (rp.len)
        {
          v->cur = xcalloc (rp.len, 1);
          v->prev = xcalloc (rp.len, 1);
        }
      v->len = rp.len;
      v->pages = v->page ? rp.len / v->page : 0;
    }
  if (rp.len && (twin_recv_all (t->sock, v->cur, rp.len, ANSWER_MS)
                 || twin_recv_all (t->sock, v->prev, rp.len, ANSWER_MS)))
    return child_lost (t, r, "gave an answer cut short");
  memcpy (v->state, rp.state, sizeof v->state);
  memcpy (v->prev_state, rp.prev_state, sizeof v->prev_state);
  v->ok = rp.ok && rp.len > 0;
  v->prev_ok = rp.prev_ok;
  snprintf (v->why, sizeof v->why, "%s", rp.why[0] ? rp.why : "nothing mapped in the child");
  t->child.kv = rp.kv;
  snprintf (t->child.maps, sizeof t->child.maps, "%s", rp.maps);
  if (r && op != OP_LOOK && op != OP_EXIT)
    {
      *r = rp.rec;
      t->child.minflt = rp.rec.minflt;
    }
  return rp.rc;
}

/* The parent's own figures and view now, after the child's step or its
   own: the view reads only pages in the parent's page table. */
static void
parent_look (struct twin *t, struct shm *s, const struct kview *kv)
{
  t->parent.pid = (int) getpid ();
  t->parent.maps[0] = '\0';
  if (!s->map)
    {
      kview_none (&t->parent.kv);
      return;
    }
  if (kv)
    t->parent.kv = *kv;
  else
    {
      kview_take (&t->parent.kv, s->map, s->map_len, s->page);
      pview_update (&s->view, s->map, s->map_len, &t->parent.kv, 1);
    }
  inspect_maps_line (NULL, s->map, t->parent.maps, sizeof t->parent.maps);
}

void
twin_after_parent (struct twin *t, struct shm *s, const struct call_record *r)
{
  t->show_stranger = 0;
  /* A new mapping and no child: the panes of the last one are history. */
  if (r->action == SHM_MMAP && !r->refused && !r->err && !t->alive)
    t->had_child = 0;
  if (!t->had_child)
    return;
  parent_look (t, s, r->refused ? NULL : &r->kv);
  t->parent.minflt = r->minflt;
  t->child.minflt = -1;       /* the child made no call this step */
  if (t->alive)
    ask_child (t, OP_LOOK, 1, 0, NULL, NULL);
}

void
twin_reset (struct twin *t)
{
  size_t page = t->child.view.page;
  if (t->alive && t->child.pid > 0)
    {
      kill (t->child.pid, SIGKILL);
      reap (t, 1000);
    }
  if (t->sock >= 0)
    close (t->sock);
  pview_clear (&t->child.view, "");
  twin_init (t, page);
}

static int
run_fork (struct twin *t, struct shm *s, struct call_record *r)
{
  int sv[2];
  snprintf (r->call, sizeof r->call, "fork()");
  if (!s->map)
    return call_refuse (r, "%s", "map something first: the child is to share the mapping");
  if (t->alive)
    return call_refuse (r, "%s", "a child runs already: wait for it first");
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
    {
      call_result (r, "socketpair", -1, errno, 0);
      return -1;
    }
  pid_t parent = getpid ();
  fflush (NULL);
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (sv[0]);
      twin_child_main (sv[1], s, parent);
    }
  int err = errno;
  close (sv[1]);
  call_result (r, "fork", pid, pid < 0 ? err : 0, 0);
  if (pid < 0)
    {
      close (sv[0]);
      return -1;
    }
  /* fork() left this process's private pages copy-on-write: its next
     store into each faults once.  The fork's own count says so, and the
     stack and the fault handler's pages are written now, while it is
     counted, so that the calls to come count only their own. */
  r->minflt_own = 1;
  guard_rewarm ();
  shm_rehearse (s->page);
  t->sock = sv[0];
  t->alive = 1;
  t->had_child = 1;
  t->status = 0;
  t->child.pid = (int) pid;
  t->child.map = s->map;
  t->child.said[0] = '\0';
  t->child.minflt = -1;
  return 0;
}

static int
run_wait (struct twin *t, struct call_record *r)
{
  char st[96];
  if (t->child.pid)
    snprintf (r->call, sizeof r->call, "waitpid(%d, &status, 0)", t->child.pid);
  else
    snprintf (r->call, sizeof r->call, "waitpid(pid, &status, 0)");
  if (!t->alive)
    return call_refuse (r, "%s", t->child.pid ? "the child is gone already"
                                              : "there is no child: fork first");
  /* The child's last act is _exit(0); it answers first, so that the
     parent knows it got there. */
  r->shmem_taken = 1;
  r->shmem_kb[0] = inspect_shmem_kb (&r->shmem_exact);
  static struct request rq;
  memset (&rq, 0, sizeof rq);
  rq.op = OP_EXIT;
  if (twin_send_all (t->sock, &rq, sizeof rq) == 0)
    {
      static struct reply rp;
      twin_recv_all (t->sock, &rp, sizeof rp, ANSWER_MS);
    }
  pid_t pid = t->child.pid;
  int status = reap (t, 2000);
  r->shmem_kb[1] = inspect_shmem_kb (&r->shmem_exact);
  if (status < 0)
    {
      call_result (r, "waitpid", -1, errno, 0);
      return -1;
    }
  call_result (r, "waitpid", pid, 0, 0);
  /* The child is gone, yet this process's pages stay write-protected
     until each is stored into again: the tutor's own faults, counted here
     rather than in the calls to come. */
  r->minflt_own = 1;
  guard_rewarm ();
  shm_rehearse (t->child.view.page);
  snprintf (r->output, sizeof r->output, "the child %d %s and is reaped", (int) pid,
            twin_status_text (status, st, sizeof st));
  snprintf (t->child.said, sizeof t->child.said, "%s, reaped by waitpid: its mappings went with it",
            twin_status_text (status, st, sizeof st));
  pview_clear (&t->child.view, "the child is gone: its mappings went when it exited");
  kview_none (&t->child.kv);
  t->child.maps[0] = '\0';
  return 0;
}

int
twin_run (struct twin *t, struct shm *s, enum shm_action action, const struct shm_args *a,
          struct call_record *r)
{
  int rc;
  t->show_stranger = 0;
  switch (action)
    {
    case SHM_PARENT_WRITE:
      rc = shm_run (s, SHM_WRITE, a, r);
      r->action = action;
      twin_after_parent (t, s, r);
      return rc;
    case SHM_CHILD_WRITE:
    case SHM_CHILD_READ:
      memset (r, 0, sizeof *r);
      snprintf (r->call, sizeof r->call, "%s", action == SHM_CHILD_WRITE ? "sprintf(...)" : "printf(...)");
      if (!t->alive && !t->child.pid)
        rc = call_refuse (r, "%s", "there is no child: fork first");
      else if (!t->alive)
        rc = call_refuse (r, "the child is gone: %s",
                          t->child.said[0] ? t->child.said : "it exited");
      else
        rc = ask_child (t, action == SHM_CHILD_WRITE ? OP_WRITE : OP_READ, 1, a->offset,
                        action == SHM_CHILD_WRITE ? (a->text ? a->text : "")
                                                  : (a->format ? a->format : "%s\\n"), r);
      r->action = action;
      if (t->alive || t->had_child)
        parent_look (t, s, NULL);
      t->parent.minflt = -1;  /* the parent made no call this step */
      return rc;
    case SHM_STRANGER:
      memset (r, 0, sizeof *r);
      r->action = action;
      kview_none (&r->kv);
      {
        long f0 = inspect_minflt ();
        rc = twin_run_stranger (t, r);
        long f1 = inspect_minflt ();
        r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
        /* Starting a program touches the tutor's own memory, never the
           mapping: its faults are the tutor's. */
        r->minflt_own = 1;
      }
      if (s->map)
        {
          kview_take (&r->kv, s->map, s->map_len, s->page);
          pview_update (&s->view, s->map, s->map_len, &r->kv, 1);
        }
      parent_look (t, s, s->map ? &r->kv : NULL);
      t->parent.minflt = r->minflt;
      t->show_stranger = 1;
      return rc;
    case SHM_FORK:
    case SHM_WAIT:
      {
        memset (r, 0, sizeof *r);
        r->action = action;
        kview_none (&r->kv);
        long f0 = inspect_minflt ();
        rc = action == SHM_FORK ? run_fork (t, s, r) : run_wait (t, r);
        long f1 = inspect_minflt ();
        r->minflt = f0 >= 0 && f1 >= f0 ? f1 - f0 : -1;
        if (s->map)
          {
            /* The step touched no page of the mapping: the view again,
               the same bytes, nothing marked as changed. */
            kview_take (&r->kv, s->map, s->map_len, s->page);
            pview_update (&s->view, s->map, s->map_len, &r->kv, 1);
          }
        if (t->had_child)
          {
            parent_look (t, s, s->map ? &r->kv : NULL);
            t->parent.minflt = r->minflt;
            t->child.minflt = -1;
          }
        if (rc == 0 && action == SHM_FORK)
          ask_child (t, OP_LOOK, 0, 0, NULL, NULL);
        return rc;
      }
    default:
      return call_refuse (r, "%s", "not a process action");
    }
}

