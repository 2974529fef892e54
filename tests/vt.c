/* vt.c - run a program in a pseudo-terminal and read its screen back
   through libvterm, for terminal-level tests.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#ifdef HAVE_VTERM

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

#include "vt.h"

struct vt {
  pid_t pid;
  int fd;                       /* the pseudo-terminal's master side */
  int rows, cols;
  VTerm *term;
  VTermScreen *screen;
  char *out;                    /* every byte the program wrote */
  size_t out_len, out_cap;
  int altscreen, cursor_visible;
  int reaped, status;
  int closed;                   /* the slave side is closed everywhere */
  struct termios tio0;          /* the modes before the program ran */
  int have_tio0;
  char *home;                   /* the private folder, removed at the end */
  char *state_home;             /* the XDG_STATE_HOME the program got */
};

/* ---- time --------------------------------------------------------------- */

static long long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
left_ms (long long deadline)
{
  long long d = deadline - now_ms ();
  return d < 0 ? 0 : d > INT32_MAX ? INT32_MAX : (int) d;
}

/* ---- private folders ---------------------------------------------------- */

static int
remove_one (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void) sb;
  (void) ftw;
  if (flag == FTW_DNR)
    {
      /* A folder a test made unreadable: open it up, then go again. */
      chmod (path, 0700);
      return 1;
    }
  if (remove (path) != 0 && errno != ENOENT)
    return flag == FTW_DP && errno == ENOTEMPTY ? 1 : 0;
  return 0;
}

/* Remove PATH and all it holds, without following symbolic links.
   Returns 0 or -1. */
static int
remove_tree (const char *path)
{
  /* Twice at most: the second round gets what a chmod opened up. */
  for (int round = 0; round < 2; round++)
    {
      int r = nftw (path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
      if (r == 0 || (r < 0 && errno == ENOENT))
        return 0;
    }
  return -1;
}

/* A fresh private folder, 0700, under $TMPDIR or /tmp; malloc'd. */
static char *
make_tempdir (void)
{
  const char *tmp = getenv ("TMPDIR");
  char *path;
  if (!tmp || tmp[0] != '/')
    tmp = "/tmp";
  if (asprintf (&path, "%s/shmtutor-test-XXXXXX", tmp) < 0)
    return NULL;
  if (!mkdtemp (path))
    {
      free (path);
      return NULL;
    }
  return path;
}

static char **tempdirs;
static size_t ntempdirs;

void
vt_cleanup (void)
{
  for (size_t i = 0; i < ntempdirs; i++)
    {
      remove_tree (tempdirs[i]);
      free (tempdirs[i]);
    }
  free (tempdirs);
  tempdirs = NULL;
  ntempdirs = 0;
}

const char *
vt_tempdir (void)
{
  static int registered;
  char **more = realloc (tempdirs, (ntempdirs + 1) * sizeof *more);
  if (!more)
    return NULL;
  tempdirs = more;
  char *dir = make_tempdir ();
  if (!dir)
    return NULL;
  if (!registered)
    registered = atexit (vt_cleanup) == 0;
  tempdirs[ntempdirs++] = dir;
  return dir;
}

/* ---- the terminal's answers and state ---------------------------------- */

/* Write N bytes to the program; PUMP says whether its output may be read
   meanwhile (not from inside libvterm's own callback). */
static int
write_all (struct vt *vt, const char *p, size_t n, int pump)
{
  long long deadline = now_ms () + 5000;
  while (n > 0)
    {
      ssize_t w = write (vt->fd, p, n);
      if (w > 0)
        {
          p += w;
          n -= (size_t) w;
          continue;
        }
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0 && errno == EAGAIN && left_ms (deadline) > 0)
        {
          /* The program is not reading: drain its output so that it
             can, then try again. */
          struct pollfd pfd = { .fd = vt->fd, .events = POLLOUT };
          if (pump && vt_pump (vt, 0) < 0)
            return -1;
          poll (&pfd, 1, 10);
          continue;
        }
      return -1;
    }
  return 0;
}

/* libvterm's replies to the program's queries go back as its input. */
static void
on_output (const char *s, size_t len, void *user)
{
  struct vt *vt = user;
  if (!vt->closed)
    write_all (vt, s, len, 0);
}

static int
on_settermprop (VTermProp prop, VTermValue *val, void *user)
{
  struct vt *vt = user;
  if (prop == VTERM_PROP_ALTSCREEN)
    vt->altscreen = val->boolean;
  else if (prop == VTERM_PROP_CURSORVISIBLE)
    vt->cursor_visible = val->boolean;
  return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
  .settermprop = on_settermprop,
};

/* ---- starting ------------------------------------------------------------ */

static void
child (const char *const argv[], const char *const env[], int go, const char *home,
       const char *cwd)
{
  static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH,
                              SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU };
  sigset_t none;
  char c;

  /* Wait until the parent has read the terminal's modes. */
  while (read (go, &c, 1) < 0 && errno == EINTR)
    ;
  close (go);

  /* The program under test gets default signal dispositions, whatever
     the test itself inherited. */
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    signal (sigs[i], SIG_DFL);
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);

  struct rlimit nocore = { 0, 0 };
  setrlimit (RLIMIT_CORE, &nocore);

  /* As a terminal starts a program: 0, 1 and 2 only, not what the test
     harness holds open (its log, a pipe), which the program would see
     as its own (the console's first open would not return 3). */
  struct rlimit files;
  int top = getrlimit (RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 65536
    ? (int) files.rlim_cur : 65536;
  for (int fd = 3; fd < top; fd++)
    close (fd);

  setenv ("TERM", "xterm-256color", 1);
  setenv ("LC_ALL", "C.UTF-8", 1);
  setenv ("INPUTRC", "/dev/null", 1);
  /* Never the progress of whoever runs the tests (ENV may override). */
  setenv ("HOME", home, 1);
  setenv ("XDG_STATE_HOME", home, 1);
  for (size_t i = 0; env && env[i]; i++)
    {
      const char *eq = strchr (env[i], '=');
      if (eq)
        {
          char name[256];
          size_t n = (size_t) (eq - env[i]);
          if (n >= sizeof name)
            continue;
          memcpy (name, env[i], n);
          name[n] = '\0';
          setenv (name, eq + 1, 1);
        }
      else
        unsetenv (env[i]);
    }
  if (cwd && chdir (cwd) != 0)
    {
      fprintf (stderr, "vt: cannot go into %s: %s\r\n", cwd, strerror (errno));
      _exit (127);
    }
  execv (argv[0], (char *const *) argv);
  fprintf (stderr, "vt: cannot run %s: %s\r\n", argv[0], strerror (errno));
  _exit (127);
}

/* What ENV makes of XDG_STATE_HOME, the last word counting: 1 and *VALUE
   when it sets it, 1 and NULL when it unsets it, 0 when it says nothing. */
static int
env_state_home (const char *const env[], const char **value)
{
  static const char name[] = "XDG_STATE_HOME";
  int said = 0;
  for (size_t i = 0; env && env[i]; i++)
    if (strncmp (env[i], name, sizeof name - 1) == 0)
      {
        const char *rest = env[i] + sizeof name - 1;
        if (*rest == '=' || *rest == '\0')
          {
            *value = *rest ? rest + 1 : NULL;
            said = 1;
          }
      }
  return said;
}

static void
free_vt (struct vt *vt)
{
  if (vt->home)
    remove_tree (vt->home);
  free (vt->home);
  free (vt->state_home);
  free (vt->out);
  free (vt);
}

struct vt *
vt_start (const char *const argv[], int rows, int cols, const char *const env[])
{
  return vt_start_in (argv, rows, cols, env, NULL);
}

struct vt *
vt_start_in (const char *const argv[], int rows, int cols, const char *const env[],
             const char *cwd)
{
  struct winsize ws = { .ws_row = (unsigned short) rows, .ws_col = (unsigned short) cols };
  int sync[2];
  struct vt *vt = calloc (1, sizeof *vt);

  if (!vt)
    return NULL;
  vt->rows = rows;
  vt->cols = cols;
  vt->cursor_visible = 1;
  vt->out_cap = 65536;
  vt->out = malloc (vt->out_cap);
  if (!vt->out || !(vt->home = make_tempdir ()))
    {
      free_vt (vt);
      return NULL;
    }
  const char *sh = vt->home;
  env_state_home (env, &sh);
  if ((sh && !(vt->state_home = strdup (sh))) || pipe2 (sync, O_CLOEXEC) != 0)
    {
      free_vt (vt);
      return NULL;
    }
  fflush (NULL);                /* nothing buffered is written twice */
  vt->pid = forkpty (&vt->fd, NULL, NULL, &ws);
  if (vt->pid < 0)
    {
      close (sync[0]);
      close (sync[1]);
      free_vt (vt);
      return NULL;
    }
  if (vt->pid == 0)
    {
      close (sync[1]);
      child (argv, env, sync[0], vt->home, cwd);
    }
  close (sync[0]);

  /* On Linux the master reports the slave's modes: read them before the
     program may change them, then let it go. */
  vt->have_tio0 = tcgetattr (vt->fd, &vt->tio0) == 0;
  fcntl (vt->fd, F_SETFD, FD_CLOEXEC);
  fcntl (vt->fd, F_SETFL, fcntl (vt->fd, F_GETFL) | O_NONBLOCK);
  while (write (sync[1], "g", 1) < 0 && errno == EINTR)
    ;
  close (sync[1]);

  vt->term = vterm_new (rows, cols);
  vterm_set_utf8 (vt->term, 1);
  vterm_output_set_callback (vt->term, on_output, vt);
  vt->screen = vterm_obtain_screen (vt->term);
  vterm_screen_set_callbacks (vt->screen, &screen_callbacks, vt);
  vterm_screen_enable_altscreen (vt->screen, 1);
  vterm_screen_reset (vt->screen, 1);
  return vt;
}

/* ---- reading ------------------------------------------------------------- */

static void
keep (struct vt *vt, const char *p, size_t n)
{
  if (vt->out_len + n > vt->out_cap)
    {
      size_t cap = vt->out_cap;
      while (vt->out_len + n > cap)
        cap *= 2;
      char *o = realloc (vt->out, cap);
      if (!o)
        return;             /* the screen still gets the bytes */
      vt->out = o;
      vt->out_cap = cap;
    }
  memcpy (vt->out + vt->out_len, p, n);
  vt->out_len += n;
}

long
vt_pump (struct vt *vt, int timeout_ms)
{
  long total = 0;
  char buf[4096];

  if (vt->closed)
    return -1;
  for (;;)
    {
      struct pollfd pfd = { .fd = vt->fd, .events = POLLIN };
      int r = poll (&pfd, 1, total ? 0 : timeout_ms);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      ssize_t n = read (vt->fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        {
          if (errno == EAGAIN)
            break;
          continue;
        }
      if (n <= 0)
        {
          /* EIO: no process has the slave side open any more. */
          vt->closed = 1;
          break;
        }
      keep (vt, buf, (size_t) n);
      vterm_input_write (vt->term, buf, (size_t) n);
      total += n;
    }
  vterm_screen_flush_damage (vt->screen);
  return total ? total : vt->closed ? -1 : 0;
}

/* ---- the screen ---------------------------------------------------------- */

static size_t
put_utf8 (char *p, uint32_t c)
{
  if (c < 0x80)
    {
      p[0] = (char) c;
      return 1;
    }
  if (c < 0x800)
    {
      p[0] = (char) (0xc0 | c >> 6);
      p[1] = (char) (0x80 | (c & 0x3f));
      return 2;
    }
  if (c < 0x10000)
    {
      p[0] = (char) (0xe0 | c >> 12);
      p[1] = (char) (0x80 | ((c >> 6) & 0x3f));
      p[2] = (char) (0x80 | (c & 0x3f));
      return 3;
    }
  p[0] = (char) (0xf0 | c >> 18);
  p[1] = (char) (0x80 | ((c >> 12) & 0x3f));
  p[2] = (char) (0x80 | ((c >> 6) & 0x3f));
  p[3] = (char) (0x80 | (c & 0x3f));
  return 4;
}

/* Row R as UTF-8 in BUF; COLAT (may be NULL, LEN entries) gets the
   column each byte belongs to.  Blank cells are spaces; trailing ones
   are dropped. */
static int
row_text (struct vt *vt, int r, char *buf, size_t len, int *colat)
{
  size_t used = 0, keep_len = 0;

  if (len == 0)
    return 0;
  if (r < 0 || r >= vt->rows)
    {
      buf[0] = '\0';
      return -1;
    }
  for (int c = 0; c < vt->cols; c++)
    {
      VTermScreenCell cell;
      char tmp[4 * VTERM_MAX_CHARS_PER_CELL + 1];
      size_t n = 0;
      VTermPos pos = { .row = r, .col = c };

      if (!vterm_screen_get_cell (vt->screen, pos, &cell))
        continue;
      if (cell.chars[0] == (uint32_t) -1)
        continue;           /* the right half of a wide character */
      if (cell.chars[0] == 0)
        tmp[n++] = ' ';
      else
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
          n += put_utf8 (tmp + n, cell.chars[i]);
      if (used + n >= len)
        break;
      memcpy (buf + used, tmp, n);
      if (colat)
        for (size_t i = 0; i < n; i++)
          colat[used + i] = c;
      used += n;
      if (cell.chars[0] != 0)
        keep_len = used;
    }
  buf[keep_len] = '\0';
  return (int) keep_len;
}

int
vt_row (struct vt *vt, int r, char *buf, size_t len)
{
  return row_text (vt, r, buf, len, NULL);
}

int
vt_find (struct vt *vt, const char *needle, int *row, int *col)
{
  size_t len = (size_t) vt->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1;
  char *buf = malloc (len);
  int *colat = malloc (len * sizeof *colat);
  int found = 0;

  if (buf && colat)
    for (int r = 0; r < vt->rows && !found; r++)
      {
        row_text (vt, r, buf, len, colat);
        const char *p = strstr (buf, needle);
        if (p)
          {
            found = 1;
            if (row)
              *row = r;
            if (col)
              *col = *needle ? colat[p - buf] : 0;
          }
      }
  free (buf);
  free (colat);
  return found;
}

void
vt_dump (struct vt *vt)
{
  size_t len = (size_t) vt->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1;
  char *buf = malloc (len);

  if (!buf)
    return;
  printf ("# screen %dx%d (pid %d%s):\n", vt->cols, vt->rows, (int) vt->pid,
          vt->reaped ? ", ended" : "");
  for (int r = 0; r < vt->rows; r++)
    {
      row_text (vt, r, buf, len, NULL);
      printf ("# %2d|%s\n", r, buf);
    }
  fflush (stdout);
  free (buf);
}

int
vt_cell_attrs (struct vt *vt, int row, int col, int *bold, int *reverse)
{
  VTermScreenCell cell;
  VTermPos pos = { .row = row, .col = col };

  if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols
      || !vterm_screen_get_cell (vt->screen, pos, &cell))
    return -1;
  if (bold)
    *bold = cell.attrs.bold;
  if (reverse)
    *reverse = cell.attrs.reverse;
  return 0;
}

static int
color_code (const VTermColor *c, int bg)
{
  if (bg ? VTERM_COLOR_IS_DEFAULT_BG (c) : VTERM_COLOR_IS_DEFAULT_FG (c))
    return -1;
  if (VTERM_COLOR_IS_INDEXED (c))
    return c->indexed.idx;
  return -2;
}

int
vt_cell_colors (struct vt *vt, int row, int col, int *fg, int *bg)
{
  VTermScreenCell cell;
  VTermPos pos = { .row = row, .col = col };

  if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols
      || !vterm_screen_get_cell (vt->screen, pos, &cell))
    return -1;
  if (fg)
    *fg = color_code (&cell.fg, 0);
  if (bg)
    *bg = color_code (&cell.bg, 1);
  return 0;
}

int
vt_cursor (struct vt *vt, int *row, int *col)
{
  VTermPos pos;
  vterm_state_get_cursorpos (vterm_obtain_state (vt->term), &pos);
  if (row)
    *row = pos.row;
  if (col)
    *col = pos.col;
  return 0;
}

/* ---- waiting ------------------------------------------------------------- */

static int
wait_for (struct vt *vt, const char *needle, int present, int timeout_ms)
{
  long long deadline = now_ms () + timeout_ms;
  for (;;)
    {
      if (vt_find (vt, needle, NULL, NULL) == present)
        return 1;
      int left = left_ms (deadline);
      if (left == 0)
        return 0;
      if (vt_pump (vt, left < 50 ? left : 50) < 0)
        /* Nothing more can come: the screen is final. */
        return vt_find (vt, needle, NULL, NULL) == present;
    }
}

int
vt_settle (struct vt *vt, int quiet_ms, int timeout_ms)
{
  long long deadline = now_ms () + timeout_ms;
  for (;;)
    {
      int left = left_ms (deadline);
      if (left == 0)
        return 0;
      long n = vt_pump (vt, left < quiet_ms ? left : quiet_ms);
      if (n < 0 || (n == 0 && left >= quiet_ms))
        return 1;
    }
}

int
vt_wait_text (struct vt *vt, const char *needle, int timeout_ms)
{
  return wait_for (vt, needle, 1, timeout_ms);
}

int
vt_wait_gone (struct vt *vt, const char *needle, int timeout_ms)
{
  return wait_for (vt, needle, 0, timeout_ms);
}

/* ---- input, size, signals, exit ------------------------------------------ */

int
vt_send (struct vt *vt, const char *bytes)
{
  if (vt->closed)
    return -1;
  return write_all (vt, bytes, strlen (bytes), 1);
}

int
vt_resize (struct vt *vt, int rows, int cols)
{
  struct winsize ws = { .ws_row = (unsigned short) rows, .ws_col = (unsigned short) cols };

  /* The screen first, so that what the program draws for the new size
     lands on a screen of that size. */
  vterm_set_size (vt->term, rows, cols);
  vt->rows = rows;
  vt->cols = cols;
  return ioctl (vt->fd, TIOCSWINSZ, &ws) == 0 ? 0 : -1;
}

int
vt_kill (struct vt *vt, int sig)
{
  if (vt->reaped)
    return -1;
  return kill (vt->pid, sig);
}

int
vt_hangup (struct vt *vt)
{
  if (vt->fd < 0)
    return -1;
  /* What is already written still goes to the screen. */
  if (!vt->closed)
    vt_pump (vt, 0);
  int r = close (vt->fd);
  vt->fd = -1;                  /* vt_free's close is then a no-op */
  vt->closed = 1;
  return r;
}

static int
reap (struct vt *vt, int hang)
{
  if (vt->reaped)
    return 1;
  for (;;)
    {
      pid_t p = waitpid (vt->pid, &vt->status, hang ? 0 : WNOHANG);
      if (p == vt->pid)
        {
          vt->reaped = 1;
          return 1;
        }
      if (p < 0 && errno == EINTR)
        continue;
      return 0;
    }
}

int
vt_wait_exit (struct vt *vt, int timeout_ms, int *status)
{
  long long deadline = now_ms () + timeout_ms;
  int ended = 1;

  /* Until it has ended and its side of the terminal is closed (its last
     bytes are read then), or the deadline. */
  while (!(reap (vt, 0) && vt->closed))
    {
      int left = left_ms (deadline);
      if (left == 0)
        {
          ended = vt->reaped;
          break;
        }
      vt_pump (vt, left < 20 ? left : 20);
    }
  if (!ended)
    {
      kill (vt->pid, SIGKILL);
      reap (vt, 1);
      vt_pump (vt, 0);
    }
  if (status)
    *status = vt->status;
  return ended;
}

int
vt_running (const struct vt *vt)
{
  return !vt->reaped;
}

int
vt_pid (const struct vt *vt)
{
  return (int) vt->pid;
}

const char *
vt_state_home (const struct vt *vt)
{
  return vt->state_home;
}

/* ---- what is left -------------------------------------------------------- */

int
vt_altscreen (const struct vt *vt)
{
  return vt->altscreen;
}

int
vt_cursor_visible (const struct vt *vt)
{
  return vt->cursor_visible;
}

const char *
vt_output (const struct vt *vt, size_t *len)
{
  if (len)
    *len = vt->out_len;
  return vt->out;
}

/* Where the last NEEDLE starts in the output, or -1. */
static long
last_of (const struct vt *vt, const char *needle)
{
  size_t n = strlen (needle);
  if (n == 0 || n > vt->out_len)
    return -1;
  for (size_t i = vt->out_len - n + 1; i-- > 0;)
    if (memcmp (vt->out + i, needle, n) == 0)
      return (long) i;
  return -1;
}

int
vt_tail_restores (const struct vt *vt, size_t tail)
{
  long from = vt->out_len > tail ? (long) (vt->out_len - tail) : 0;
  long alt_on = last_of (vt, "\033[?1049h"), alt_off = last_of (vt, "\033[?1049l");
  long hide = last_of (vt, "\033[?25l"), show = last_of (vt, "\033[?25h");

  return alt_off > alt_on && alt_off >= from && show > hide && show >= from;
}

int
vt_termios_restored (struct vt *vt)
{
  struct termios t;

  if (!vt->have_tio0 || tcgetattr (vt->fd, &t) != 0)
    return -1;
  return t.c_iflag == vt->tio0.c_iflag && t.c_oflag == vt->tio0.c_oflag
    && t.c_lflag == vt->tio0.c_lflag && t.c_cflag == vt->tio0.c_cflag
    && memcmp (t.c_cc, vt->tio0.c_cc, sizeof t.c_cc) == 0;
}

void
vt_free (struct vt *vt)
{
  if (!vt)
    return;
  if (!vt->reaped)
    {
      kill (vt->pid, SIGKILL);
      reap (vt, 1);
    }
  close (vt->fd);
  vterm_free (vt->term);
  free_vt (vt);
}

#else
/* Without libvterm the test reports a skip and needs none of this. */
typedef int vt_unused;
#endif
