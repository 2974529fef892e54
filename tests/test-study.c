/* test-study.c - the menu, the glossary, the quiz, the flashcards, the
   walkthrough's offer to resume and the progress file, tested as a user
   meets them: the real program in a pseudo-terminal of 80x24, its screen
   read back through libvterm.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later

   Needs SHMTUTOR (the program, an absolute path) and SHMTUTOR_DATA_DIR
   (the source tree, where lessons/ and data/ are) in the environment.
   The quiz's answers come from the decks of data/ (every *.deck, in the
   byte order of their names, as the program reads them), which this test
   reads itself: nothing of the program is linked in.  Every child gets a
   private state folder from the harness; the cases that restart the
   program on the same progress make one with vt_tempdir. */
#include <config.h>

#define QUIET_MS 40             /* no output this long: a redraw is complete */
#include "vt-tap.h"

#ifdef HAVE_VTERM

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <strings.h>

#define ROWS 24
#define COLS 80
#define LINE_MAX_ 1024

/* Keys as xterm sends them in keypad mode (the program turns it on). */
#define KEY_UP_ "\033OA"
#define KEY_DOWN_ "\033OB"
#define KEY_HOME_ "\033OH"
#define KEY_END_ "\033OF"
#define KEY_NPAGE_ "\033[6~"

/* ---- the deck, read the simple way --------------------------------------- */

#define MAX_ITEMS 256
#define MAX_PARTS 26

struct entry {
  int concept;
  char word[128];
  char means[512];
};

struct aid {
  char kind[16];                /* rhyme, story, tool, acronym */
  char name[64];
  char text[512];
  int nparts;
  char letter[MAX_PARTS][16];
  char stands[MAX_PARTS][128];
};

static struct {
  struct entry e[MAX_ITEMS];
  int ne;
  struct aid a[16];
  int na;
  char order[16][32];
  int norder;
  int truth[MAX_ITEMS];
  char fact[MAX_ITEMS][512];
  int nf;
} deck;

/* Copy SRC into the array DST, cut short to fit. */
static void
copy (char *dst, size_t len, const char *src)
{
  size_t n = strlen (src);
  if (n >= len)
    n = len - 1;
  memcpy (dst, src, n);
  dst[n] = '\0';
}
#define COPY(dst, src) copy ((dst), sizeof (dst), (src))

/* Read "key: value" lines; returns the number of lines not understood, or
   -1 when the file cannot be read. */
static int
deck_read (const char *path)
{
  char line[2048];
  int bad = 0;
  FILE *f = fopen (path, "r");
  if (!f)
    return -1;
  while (fgets (line, sizeof line, f))
    {
      char *s = trim (line), *colon = strchr (s, ':');
      if (!*s || *s == '#')
        continue;
      if (!colon)
        {
          bad++;
          continue;
        }
      *colon = '\0';
      char *key = trim (s), *val = trim (colon + 1);
      struct aid *a = deck.na ? &deck.a[deck.na - 1] : NULL;
      if ((!strcmp (key, "term") || !strcmp (key, "concept")) && deck.ne < MAX_ITEMS)
        {
          deck.e[deck.ne].concept = key[0] == 'c';
          COPY (deck.e[deck.ne].word, val);
          deck.ne++;
        }
      else if (!strcmp (key, "means") && deck.ne)
        COPY (deck.e[deck.ne - 1].means, val);
      else if ((!strcmp (key, "rhyme") || !strcmp (key, "story") || !strcmp (key, "tool")
                || !strcmp (key, "acronym")) && deck.na < 16)
        {
          a = &deck.a[deck.na++];
          COPY (a->kind, key);
          if (!strcmp (key, "rhyme") || !strcmp (key, "story"))
            COPY (a->text, val);
          else
            COPY (a->name, val);
        }
      else if (!strcmp (key, "part") && a && a->nparts < MAX_PARTS && strchr (val, '|'))
        {
          char *bar = strchr (val, '|');
          *bar = '\0';
          COPY (a->letter[a->nparts], trim (val));
          COPY (a->stands[a->nparts], trim (bar + 1));
          a->nparts++;
        }
      else if (!strcmp (key, "order"))
        for (char *tok = strtok (val, ","); tok && deck.norder < 16; tok = strtok (NULL, ","))
          COPY (deck.order[deck.norder++], trim (tok));
      else if (!strcmp (key, "fact") && strchr (val, '|') && deck.nf < MAX_ITEMS)
        {
          char *bar = strchr (val, '|');
          *bar = '\0';
          deck.truth[deck.nf] = !strcmp (trim (val), "true");
          COPY (deck.fact[deck.nf], trim (bar + 1));
          deck.nf++;
        }
      else if (strcmp (key, "title") != 0 && strcmp (key, "source") != 0)
        bad++;
    }
  fclose (f);
  return bad;
}

static int
by_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Read every DIR/NAME.deck, NAME not starting with a dot, in the byte
   order of the names (as the program does); returns the number of lines
   not understood, or -1 when the folder or a file cannot be read.  *NFILES
   is how many files were read. */
static int
deck_read_dir (const char *dir, int *nfiles)
{
  char *names[64];
  size_t n = 0;
  int bad = 0;
  DIR *d = opendir (dir);
  struct dirent *e;
  *nfiles = 0;
  if (!d)
    return -1;
  while ((e = readdir (d)) && n < sizeof names / sizeof names[0])
    {
      size_t len = strlen (e->d_name);
      if (len > 5 && e->d_name[0] != '.' && strcmp (e->d_name + len - 5, ".deck") == 0)
        names[n++] = strdup (e->d_name);
    }
  closedir (d);
  qsort (names, n, sizeof names[0], by_name);
  for (size_t i = 0; i < n; i++)
    {
      char path[4500];
      snprintf (path, sizeof path, "%.4200s/%.255s", dir, names[i] ? names[i] : "");
      int b = names[i] ? deck_read (path) : -1;
      if (b < 0 || bad < 0)
        bad = -1;
      else
        bad += b;
      free (names[i]);
    }
  *nfiles = (int) n;
  return bad;
}

/* The word a rhyme (its last) or a story (the first in brackets) hides:
   bytes [*S, *E) of TEXT.  Returns 0, or -1. */
static int
hidden (const struct aid *a, size_t *s, size_t *e)
{
  const char *t = a->text;
  if (!strcmp (a->kind, "rhyme"))
    {
      size_t end = strlen (t);
      while (end && !isalnum ((unsigned char) t[end - 1]))
        end--;
      size_t start = end;
      while (start && (isalnum ((unsigned char) t[start - 1]) || t[start - 1] == '\''))
        start--;
      *s = start;
      *e = end;
      return start < end ? 0 : -1;
    }
  const char *open = strchr (t, '('), *close = open ? strchr (open, ')') : NULL;
  if (!close || close == open + 1)
    return -1;
  *s = (size_t) (open + 1 - t);
  *e = (size_t) (close - t);
  return 0;
}

/* The flashcards the deck makes: each word both ways, and one per memory
   aid (the decks' rhymes and stories each hide a word). */
static int
deck_ncards (void)
{
  return 2 * deck.ne + deck.na;
}

/* ---- starting, waiting, checking ----------------------------------------- */

/* Start the program with ARGS (NULL terminated); STATE is the progress
   folder to use (XDG_STATE_HOME), NULL for the harness's private one. */
static struct vt *
start (const char *what, const char *state, const char *const args[])
{
  char state_env[4200];
  snprintf (state_env, sizeof state_env, "XDG_STATE_HOME=%s", state ? state : "");
  const char *const env[] = {
    data_env, "NO_COLOR", "LINES", "COLUMNS", state ? state_env : NULL, NULL
  };
  return start_program (what, args, ROWS, COLS, env, NULL);
}

/* The test of wait_either: 1 or 2 when the first or the second of the
   two strings at ARG is on the screen, 0 for neither. */
static int
either_shows (struct vt *vt, void *arg)
{
  const char *const *ab = arg;
  return vt_find (vt, ab[0], NULL, NULL) ? 1 : vt_find (vt, ab[1], NULL, NULL) ? 2 : 0;
}

/* Wait for A or B; returns 1 or 2 for the one that showed, 0 for neither. */
static int
wait_either (struct vt *vt, const char *a, const char *b, int ms)
{
  const char *ab[] = { a, b };
  return wait_until (vt, either_shows, ab, ms);
}

/* Rows FROM to TO (inclusive), without leading blanks, joined by single
   blanks until the first empty row: a paragraph the program wrapped. */
static void
paragraph (struct vt *vt, int from, int to, char *out, size_t len)
{
  char buf[LINE_MAX_];
  size_t used = 0;
  out[0] = '\0';
  for (int r = from; r <= to; r++)
    {
      const char *p = row (vt, r, buf, sizeof buf, 1);
      if (!*p)
        break;
      used += (size_t) snprintf (out + used, used < len ? len - used : 0, "%s%s",
                                 used ? " " : "", p);
      if (used >= len)
        return;
    }
}

static int
reversed (struct vt *vt, int r, int c)
{
  int rev = 0;
  return vt_cell_attrs (vt, r, c, NULL, &rev) == 0 && rev;
}

/* ---- files ----------------------------------------------------------------- */

static char *
progress_path (const char *state, char *buf, size_t len)
{
  snprintf (buf, len, "%s/shmtutor/progress", state);
  return buf;
}

/* STATE/shmtutor, made; returns 0 or -1. */
static int
make_state (const char *state)
{
  char dir[4200];
  snprintf (dir, sizeof dir, "%s/shmtutor", state);
  return mkdir (dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static void
show_file (const char *path)
{
  char buf[4096];
  if (slurp (path, buf, sizeof buf) < 0)
    {
      tap_diag ("%s: %s", path, strerror (errno));
      return;
    }
  tap_diag ("%s holds:", path);
  for (char *l = strtok (buf, "\n"); l; l = strtok (NULL, "\n"))
    tap_diag ("  %s", l);
}

/* ---- a: the menu ----------------------------------------------------------- */

static const char *const menu_items[] = {
  "[w] Walkthrough", "[z] Quiz", "[f] Flashcards", "[g] Glossary", "[q] Quit"
};
#define NMENU ((int) (sizeof menu_items / sizeof menu_items[0]))

/* The highlight is on item SEL, and only there, and so is the cursor. */
static void
menu_selected (struct vt *vt, const char *what, int sel)
{
  int rows[NMENU], cr = -1, cc = -1, good = 1;
  char want[64];
  snprintf (want, sizeof want, "> %s", menu_items[sel]);
  if (!shows (vt, what, want))
    return;
  settle (vt);
  for (int i = 0; i < NMENU; i++)
    if (!vt_find (vt, menu_items[i], &rows[i], NULL))
      rows[i] = -1;
  for (int i = 0; i < NMENU; i++)
    if (rows[i] < 0 || highlighted (vt, rows[i], 4) != (i == sel)
        || highlighted (vt, rows[i], 12) != (i == sel))
      good = 0;
  if (!tap_ok (good, "%s: only the row of %s is drawn highlighted (reverse or on a colour)",
               what, menu_items[sel]))
    {
      for (int i = 0; i < NMENU; i++)
        {
          int rev = 0, bg = -1;
          vt_cell_attrs (vt, rows[i], 4, NULL, &rev);
          vt_cell_colors (vt, rows[i], 4, NULL, &bg);
          tap_diag ("row %d (%s): reverse %d, background %d", rows[i], menu_items[i], rev, bg);
        }
      vt_dump (vt);
    }
  vt_cursor (vt, &cr, &cc);
  if (!tap_ok (rows[sel] >= 0 && cr == rows[sel],
               "%s: the hardware cursor is on the row of %s", what, menu_items[sel]))
    tap_diag ("cursor at row %d, column %d; the item is on row %d", cr, cc, rows[sel]);
}

static void
menu (void)
{
  const char *w = "menu";
  const char *const args[] = { NULL };
  struct vt *vt = start (w, NULL, args);
  if (!vt)
    return;
  shows (vt, w, "Choose with the arrows");
  settle (vt);
  for (int i = 0; i < NMENU; i++)
    if (!tap_ok (vt_find (vt, menu_items[i], NULL, NULL), "%s: the menu offers %s", w,
                 menu_items[i]))
      vt_dump (vt);
  menu_selected (vt, "menu at the start", 0);
  vt_send (vt, KEY_DOWN_);
  menu_selected (vt, "menu after Down", 1);
  vt_send (vt, KEY_DOWN_);
  menu_selected (vt, "menu after Down, Down", 2);
  vt_send (vt, KEY_UP_);
  menu_selected (vt, "menu after Down, Down, Up", 1);
  vt_send (vt, "g");
  shows (vt, "menu, g", "Glossary \xc2\xb7");
  lacks (vt, "menu, g", "Choose with the arrows");
  vt_send (vt, "q");
  shows (vt, "menu, g then q", "Choose with the arrows");
  menu_selected (vt, "menu after the glossary", 3);
  vt_send (vt, "q");
  ends_restored (vt, "menu, q", 0);
  vt_free (vt);
}

/* ---- b: the glossary ------------------------------------------------------- */

/* The title's "FIRST-LAST/N"; returns 1 when it is there. */
static int
glossary_range (struct vt *vt, int *first, int *last, int *n)
{
  char buf[LINE_MAX_];
  vt_row (vt, 0, buf, sizeof buf);
  char *q = strstr (buf, "  q back");
  if (!q)
    return 0;
  *q = '\0';
  while (q > buf && q[-1] != ' ')
    q--;
  return sscanf (q, "%d-%d/%d", first, last, n) == 3;
}

/* Send KEYS, then wait until the title's range starts elsewhere than at
   FIRST (or the deadline); the new range goes to *A, *B, *N. */
static int
scroll_by (struct vt *vt, const char *keys, int first, int *a, int *b, int *n)
{
  long long deadline = now_ms () + WAIT_MS;
  vt_send (vt, keys);
  for (;;)
    {
      settle (vt);
      if (glossary_range (vt, a, b, n) && *a != first)
        return 1;
      if (now_ms () > deadline)
        return 0;
      vt_pump (vt, 20);
    }
}

/* Case-insensitive strstr. */
static const char *
find_nocase (const char *hay, const char *needle)
{
  size_t n = strlen (needle);
  for (; *hay; hay++)
    if (strncasecmp (hay, needle, n) == 0)
      return hay;
  return NULL;
}

/* Every cell of the first match of WORD in row R is reversed, and the
   cell after it is not.  Returns 1 or 0. */
static int
match_reversed (struct vt *vt, int r, const char *word)
{
  char buf[LINE_MAX_];
  vt_row (vt, r, buf, sizeof buf);
  const char *m = find_nocase (buf, word);
  if (!m)
    return 0;
  int c = (int) (m - buf);      /* ASCII rows: a byte is a column */
  for (size_t i = 0; i < strlen (word); i++)
    if (!reversed (vt, r, c + (int) i))
      return 0;
  return !reversed (vt, r, c + (int) strlen (word));
}

static void
glossary (void)
{
  const char *w = "glossary";
  const char *const args[] = { "glossary", NULL };
  int a = 0, b = 0, n = 0, a2, b2, n2, body = ROWS - 3;
  static char seen[65536];
  size_t used = 0;
  struct vt *vt = start (w, NULL, args);
  if (!vt)
    return;
  shows (vt, w, "Glossary \xc2\xb7");
  settle (vt);
  if (!tap_ok (glossary_range (vt, &a, &b, &n) && a == 1 && b == body && n > body,
               "%s: the title says lines 1-%d of more", w, body))
    {
      vt_dump (vt);
      vt_free (vt);
      return;
    }

  /* Page through it all with PgDn, keeping every row seen. */
  seen[0] = '\n';
  used = 1;
  for (int page = 0; page < 20; page++)
    {
      char buf[LINE_MAX_];
      for (int r = 1; r <= body; r++)
        used += (size_t) snprintf (seen + used, sizeof seen - used, "%s\n",
                                   row (vt, r, buf, sizeof buf, 0));
      if (b >= n || used >= sizeof seen - 1)
        break;
      int want = a + body <= n - body + 1 ? a + body : n - body + 1;
      if (!tap_ok (scroll_by (vt, KEY_NPAGE_, a, &a2, &b2, &n2) && a2 == want && n2 == n,
                   "%s: PgDn goes from line %d to line %d", w, a, want))
        {
          vt_dump (vt);
          break;
        }
      a = a2;
      b = b2;
    }
  tap_ok (b == n, "%s: PgDn reaches the last line, %d", w, n);
  for (int i = 0; i < deck.ne; i++)
    {
      char want[600];
      snprintf (want, sizeof want, "\n   %s\n", deck.e[i].word);
      if (!tap_ok (strstr (seen, want) != NULL, "%s: the %s '%s' has a line of its own", w,
                   deck.e[i].concept ? "key concept" : "term", deck.e[i].word))
        tap_diag ("seen:\n%s", seen);
      snprintf (want, sizeof want, "\n       %.24s", deck.e[i].means);
      tap_ok (strstr (seen, want) != NULL, "%s: what '%s' means follows (%.24s...)", w,
              deck.e[i].word, deck.e[i].means);
    }
  /* Headings at the margin, the aids' names indented by two. */
  static const char *const lines[] = {
    " Glossary", " Key concepts", " Memory aids",
    "   Rhyme", "   Story", "   Memory tool: M-Mapping", "   Acronym: SHARE"
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    {
      char want[64];
      snprintf (want, sizeof want, "\n%s\n", lines[i]);
      tap_ok (strstr (seen, want) != NULL, "%s: the line '%s' is there", w, lines[i] + 1);
    }
  for (int i = 0; i < deck.na; i++)
    {
      char want[600];
      int ok = 1;
      if (deck.a[i].text[0])
        {
          snprintf (want, sizeof want, "\n       %.30s", deck.a[i].text);
          ok = strstr (seen, want) != NULL;
        }
      for (int j = 0; j < deck.a[i].nparts; j++)
        {
          snprintf (want, sizeof want, "\n       %s - %s\n", deck.a[i].letter[j],
                    deck.a[i].stands[j]);
          ok = ok && strstr (seen, want);
        }
      tap_ok (ok, "%s: the %s %s is there in full", w, deck.a[i].kind,
              deck.a[i].name[0] ? deck.a[i].name : "text");
    }

  /* Home, End. */
  char top[LINE_MAX_];
  if (tap_ok (scroll_by (vt, KEY_HOME_, a, &a2, &b2, &n2) && a2 == 1
              && !strcmp (row (vt, 1, top, sizeof top, 0), " Glossary"),
              "%s: Home goes back to line 1, the heading Glossary", w))
    a = a2;
  else
    vt_dump (vt);
  if (tap_ok (scroll_by (vt, KEY_END_, a, &a2, &b2, &n2) && a2 == n - body + 1 && b2 == n,
              "%s: End shows the last %d lines, %d-%d", w, body, n - body + 1, n))
    a = a2;
  else
    vt_dump (vt);
  if (deck.norder)
    {
      char want[160];
      snprintf (want, sizeof want, "%s() -> %s()", deck.order[0], deck.order[1]);
      shows_now (vt, "glossary after End", want);
    }

  /* Search: from the top, the acronym's line comes into view. */
  if (!scroll_by (vt, KEY_HOME_, a, &a2, &b2, &n2) || a2 != 1)
    {
      tap_ok (0, "%s: Home after End goes back to line 1", w);
      vt_dump (vt);
    }
  vt_send (vt, "/");
  shows (vt, w, "search: ");
  vt_send (vt, "acronym");
  shows (vt, w, "search: acronym");
  vt_send (vt, "\r");
  lacks (vt, w, "search: ");
  int r = -1;
  settle (vt);
  /* The first acronym of the decks, in their order, is the first match:
     no word or meaning before it says "acronym". */
  char acro[128] = "Acronym: SHARE", below[300] = "S - Share memory";
  for (int i = 0; i < deck.na; i++)
    if (!strcmp (deck.a[i].kind, "acronym") && deck.a[i].nparts > 0)
      {
        snprintf (acro, sizeof acro, "Acronym: %s", deck.a[i].name);
        snprintf (below, sizeof below, "%s - %s", deck.a[i].letter[0], deck.a[i].stands[0]);
        break;
      }
  int said = 0;
  for (int i = 0; i < deck.ne; i++)
    said += find_nocase (deck.e[i].word, "acronym") || find_nocase (deck.e[i].means, "acronym");
  tap_int (said, 0, "%s: no glossary word or meaning says 'acronym'", w);
  if (tap_ok (vt_find (vt, acro, &r, NULL), "%s: /acronym brings '%s' into view", w, acro))
    {
      if (!tap_ok (match_reversed (vt, r, "acronym"),
                   "%s: the match 'Acronym' is drawn in reverse, and only it", w))
        vt_dump (vt);
      int pr = -1;
      if (vt_find (vt, below, &pr, NULL))
        tap_ok (!reversed (vt, pr, 7), "%s: the line below it is not reversed", w);
    }
  else
    vt_dump (vt);

  /* n: the next match of a word found on many lines. */
  glossary_range (vt, &a, &b, &n);
  if (a != 1 && (!scroll_by (vt, KEY_HOME_, a, &a2, &b2, &n2) || a2 != 1))
    {
      tap_ok (0, "%s: Home goes back to line 1", w);
      vt_dump (vt);
    }
  vt_send (vt, "/share\r");
  int first = 0, next = 0;
  if (tap_ok (scroll_by (vt, "", 1, &a2, &b2, &n2) && (first = a2) > 1,
              "%s: /share scrolls to the first line with 'share'", w))
    {
      char buf[LINE_MAX_];
      tap_ok (find_nocase (row (vt, 1, buf, sizeof buf, 0), "share") && match_reversed (vt, 1, "share"),
              "%s: the top line has 'share' drawn in reverse", w);
      if (tap_ok (scroll_by (vt, "n", first, &a2, &b2, &n2) && (next = a2) > first,
                  "%s: n goes down to the next line with 'share'", w))
        tap_ok (find_nocase (row (vt, 1, buf, sizeof buf, 0), "share")
                && match_reversed (vt, 1, "share"),
                "%s: after n the top line has 'share' drawn in reverse", w);
      else
        vt_dump (vt);
      tap_diag ("matches at lines %d and %d", first, next);
    }
  else
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, "glossary, q", 0);
  vt_free (vt);
}

/* ---- c: the quiz --------------------------------------------------------- */

struct question {
  int at, total;                /* "question AT/TOTAL" */
  char kind[64];
  int again;                    /* "(again: missed before)" */
  char prompt[1024];
  int nchoices;
  char choice[4][512];
  int choice_row[4];
  int typed;                    /* the readline prompt is open */
};

static int
read_question (struct vt *vt, struct question *q)
{
  char buf[LINE_MAX_];
  memset (q, 0, sizeof *q);
  vt_row (vt, 0, buf, sizeof buf);
  const char *t = strstr (buf, "question ");
  if (!t || sscanf (t, "question %d/%d", &q->at, &q->total) != 2)
    return 0;
  COPY (q->kind, row (vt, 2, buf, sizeof buf, 1));
  char *again = strstr (q->kind, "  (again: missed before)");
  if (again)
    {
      *again = '\0';
      q->again = 1;
    }
  /* The question from row 4 to a blank row, then the choices to the next
     blank row (the verdict comes after it). */
  paragraph (vt, 4, ROWS - 3, q->prompt, sizeof q->prompt);
  int r = 4;
  while (r < ROWS - 2 && *row (vt, r, buf, sizeof buf, 1))
    r++;
  for (r++; r <= ROWS - 3; r++)
    {
      const char *p = row (vt, r, buf, sizeof buf, 1);
      if (!*p)
        break;
      if (*p == '>')
        p = p + 1 + (p[1] == ' ');
      if (isdigit ((unsigned char) p[0]) && p[1] == ')' && p[2] == ' ' && q->nchoices < 4)
        {
          q->choice_row[q->nchoices] = r;
          COPY (q->choice[q->nchoices], p + 3);
          q->nchoices++;
        }
      else if (q->nchoices)
        {
          char *c = q->choice[q->nchoices - 1];
          size_t n = strlen (c);
          snprintf (c + n, 512 - n, " %s", p);
        }
    }
  q->typed = vt_find (vt, "answer> ", NULL, NULL);
  return q->prompt[0] && (q->typed ? q->nchoices == 0 : q->nchoices >= 2);
}

/* The answers the deck accepts for Q, into ANS (up to 4); returns how many. */
static int
solve (const struct question *q, char ans[4][512])
{
  char x[512];
  int n = 0, ord;
  const char *p = q->prompt;
  char kind[32];
  if (!strcmp (q->kind, "Meaning")
      && sscanf (p, "What does the %31[a-z ] \"%511[^\"]\" mean?", kind, x) == 2)
    {
      /* "the term" or "the key concept": the same word can be both. */
      int want_term = !strncmp (kind, "term", 4);
      for (int i = 0; i < deck.ne && n < 4; i++)
        if (!strcmp (deck.e[i].word, x) && deck.e[i].concept != want_term)
          COPY (ans[n++], deck.e[i].means);
    }
  else if (!strcmp (q->kind, "Name it"))
    {
      static const char *const lead[] = { "Which term is this? ", "Which key concept is this? " };
      for (int k = 0; k < 2; k++)
        if (!strncmp (p, lead[k], strlen (lead[k])))
          for (int i = 0; i < deck.ne && n < 4; i++)
            if (deck.e[i].concept == k && !strcmp (deck.e[i].means, p + strlen (lead[k])))
              COPY (ans[n++], deck.e[i].word);
    }
  else if (!strcmp (q->kind, "Letters"))
    {
      int tool = 0;
      if (sscanf (p, "The memory tool %511[^:]: what does its %d", x, &ord) == 2)
        tool = 1;
      else if (sscanf (p, "%511[^:]: what does the %d", x, &ord) != 2)
        return 0;
      for (int i = 0; i < deck.na && n < 1; i++)
        if (!strcmp (deck.a[i].kind, tool ? "tool" : "acronym") && !strcmp (deck.a[i].name, x)
            && ord >= 1 && ord <= deck.a[i].nparts)
          COPY (ans[n++], deck.a[i].stands[ord - 1]);
    }
  else if (!strcmp (q->kind, "Rhyme") || !strcmp (q->kind, "Story"))
    {
      int rhyme = q->kind[0] == 'R';
      for (int i = 0; i < deck.na && n < 1; i++)
        {
          size_t s, e;
          if (strcmp (deck.a[i].kind, rhyme ? "rhyme" : "story") || hidden (&deck.a[i], &s, &e))
            continue;
          /* The question is the aid with the hidden word blanked out. */
          char blanked[1200];
          snprintf (blanked, sizeof blanked, "%s: %.*s____%s",
                    rhyme ? "Finish the rhyme" : "Fill in the story", (int) s,
                    deck.a[i].text, deck.a[i].text + e);
          if (!strcmp (blanked, p))
            snprintf (ans[n++], 512, "%.*s", (int) (e - s), deck.a[i].text + s);
        }
    }
  else if (!strcmp (q->kind, "Order of the calls")
           && sscanf (p, "In the lesson's program, which call comes right after %511[^(]()?",
                      x) == 1)
    {
      for (int i = 0; i + 1 < deck.norder && n < 1; i++)
        if (!strcmp (deck.order[i], x))
          COPY (ans[n++], deck.order[i + 1]);
    }
  else if (!strcmp (q->kind, "True or false") && !strncmp (p, "True or false? ", 15))
    {
      for (int i = 0; i < deck.nf && n < 1; i++)
        if (!strcmp (deck.fact[i], p + 15))
          COPY (ans[n++], deck.truth[i] ? "True" : "False");
    }
  return n;
}

/* Read the question the screen shows once it is complete. */
static int
current_question (struct vt *vt, struct question *q)
{
  for (int tries = 0; tries < 20; tries++)
    {
      settle (vt);
      if (read_question (vt, q))
        return 1;
      vt_pump (vt, 20);
    }
  return 0;
}

/* The answer as a learner might type it: another case, a blank more,
   punctuation ("MMAP", "slick!"); never the exact text. */
static void
variant (const char *ans, int which, char *out, size_t len)
{
  size_t i = 0;
  for (; ans[i] && i + 3 < len; i++)
    out[i] = (char) (which % 2 ? toupper ((unsigned char) ans[i]) : ans[i]);
  out[i] = '\0';
  if (which % 2 == 0 || i == 0 || strlen (ans) < 3)
    snprintf (out + i, len - i, "!");
}

/* Play one round to its score screen; the first multiple-choice and the
   first typed question get a wrong answer.  *FIRST gets the round's first
   question. */
static void
quiz_round (struct vt *vt, const char *w, char *first, size_t first_len)
{
  char missed[4][1024];
  int nmissed = 0, right_first = 0, total = 0, wrong_mc = 0, wrong_typed = 0;
  int arrows = 0, typed_right = 0, unknown = 0, ambiguous = 0;
  int last_at = 0;

  for (int k = 1; k <= 40; k++)
    {
      struct question q;
      char ans[4][512], needle[32], typed[600], want[1100], got[1100];
      snprintf (needle, sizeof needle, "question %d/", k);
      int which = wait_either (vt, needle, "Score: ", WAIT_MS);
      if (which == 2)
        break;
      if (!tap_ok (which == 1 && current_question (vt, &q) && q.at == k,
                   "%s: question %d is on the screen, complete", w, k))
        {
          vt_dump (vt);
          return;
        }
      last_at = k;
      if (k == 1)
        {
          total = q.total;
          snprintf (first, first_len, "%s", q.prompt);
        }
      int round = k <= total;
      if (!round)
        {
          int idx = k - total - 1;
          if (!tap_ok (q.again && idx < nmissed && !strcmp (q.prompt, missed[idx]),
                       "%s: question %d is missed question %d again, marked as again", w, k,
                       idx + 1))
            {
              tap_diag ("kind '%s', again %d, prompt: %s", q.kind, q.again, q.prompt);
              vt_dump (vt);
            }
        }
      else if (q.again)
        {
          tap_ok (0, "%s: question %d of the round is not marked as again", w, k);
          vt_dump (vt);
        }

      int nans = solve (&q, ans);
      if (nans == 0)
        {
          unknown++;
          tap_diag ("no answer in the deck for the %s question: %s", q.kind, q.prompt);
          snprintf (ans[0], sizeof ans[0], "?");
        }
      int wrong;
      const char *right_text = ans[0];
      if (q.typed)
        {
          wrong = round && !wrong_typed;
          if (wrong)
            snprintf (typed, sizeof typed, "no idea at all");
          else
            variant (ans[0], typed_right++, typed, sizeof typed);
          tap_diag ("%d %s (typed): %s  -> typing '%s'", k, q.kind, q.prompt, typed);
          vt_send (vt, typed);
          char echo[700];
          snprintf (echo, sizeof echo, "answer> %s", typed);
          shows (vt, w, echo);
          vt_send (vt, "\r");
        }
      else
        {
          int right = -1, nright = 0;
          for (int i = 0; i < q.nchoices; i++)
            for (int j = 0; j < nans; j++)
              if (!strcmp (q.choice[i], ans[j]))
                {
                  nright++;
                  if (right < 0)
                    right = i;
                  break;
                }
          if (nright != 1)
            {
              ambiguous++;
              tap_diag ("question %d: %d of the choices are right by the deck: %s", k, nright,
                        q.prompt);
              vt_dump (vt);
            }
          if (right < 0)
            right = 0;
          right_text = q.choice[right];
          wrong = round && !wrong_mc;
          int pick = wrong ? (right + 1) % q.nchoices : right;
          tap_diag ("%d %s: %s  -> choice %d", k, q.kind, q.prompt, pick + 1);
          if (!wrong && !arrows && pick > 0)
            {
              /* Down to it, then Enter: the highlight and the cursor follow. */
              arrows = 1;
              for (int i = 0; i < pick; i++)
                vt_send (vt, KEY_DOWN_);
              char mark[600];
              snprintf (mark, sizeof mark, "> %d) ", pick + 1);
              shows (vt, w, mark);
              settle (vt);
              int cr = -1;
              vt_cursor (vt, &cr, NULL);
              if (!tap_ok (highlighted (vt, q.choice_row[pick], 6)
                           && !highlighted (vt, q.choice_row[0], 6)
                           && cr == q.choice_row[pick],
                           "%s: Down moves the highlight and the cursor to choice %d", w,
                           pick + 1))
                {
                  tap_diag ("cursor on row %d, choice on row %d", cr, q.choice_row[pick]);
                  vt_dump (vt);
                }
              vt_send (vt, "\r");
            }
          else
            {
              char key[2] = { (char) ('1' + pick), 0 };
              vt_send (vt, key);
            }
        }

      /* The feedback, at once. */
      if (wrong)
        snprintf (want, sizeof want, "Not quite. The answer: %s", right_text);
      else
        snprintf (want, sizeof want, "Right!");
      if (wait_either (vt, "Right!", "Not quite.", WAIT_MS))
        settle (vt);
      /* The verdict comes right under the choices (the prompt), wrapped. */
      int vr = -1;
      if (!vt_find (vt, "Right!", &vr, NULL))
        vt_find (vt, "Not quite.", &vr, NULL);
      paragraph (vt, vr, ROWS - 3, got, sizeof got);
      char *press = strstr (got, " Press Enter for the next question.");
      if (press)
        *press = '\0';
      if (!tap_ok (!strcmp (got, want), "%s: question %d answered %s gets '%.40s%s'", w, k,
                   wrong ? "wrong" : "right", want, strlen (want) > 40 ? "..." : ""))
        {
          tap_diag ("got: '%s'", got);
          vt_dump (vt);
        }
      if (round)
        {
          if (wrong)
            {
              if (q.typed)
                wrong_typed++;
              else
                wrong_mc++;
              if (nmissed < 4)
                COPY (missed[nmissed++], q.prompt);
            }
          else
            right_first++;
        }
      vt_send (vt, "\r");
    }

  tap_ok (unknown == 0, "%s: every question could be answered from the deck", w);
  tap_ok (ambiguous == 0, "%s: every multiple-choice question has exactly one choice the deck"
          " says is right", w);
  tap_ok (wrong_mc == 1 && wrong_typed == 1 && arrows,
          "%s: the round had a multiple-choice question and a typed one to miss, and one"
          " answered with the arrows", w);
  tap_int (last_at, total + nmissed, "%s: the missed questions came back at the end, once", w);

  char score[128];
  snprintf (score, sizeof score, "Score: %d of %d right the first time.", right_first, total);
  shows (vt, w, score);
  shows_now (vt, w, "To look at again:");
  for (int i = 0; i < nmissed; i++)
    {
      char want[64];
      snprintf (want, sizeof want, "- %.40s", missed[i]);
      shows_now (vt, w, want);
    }
  shows_now (vt, w, "r for a new round");
}

static void
quiz (void)
{
  const char *w = "quiz";
  const char *const args[] = { "quiz", "--seed", "7", NULL };
  char first[1024] = "", again[1024] = "";
  struct question q;
  struct vt *vt = start (w, NULL, args);
  if (!vt)
    return;
  quiz_round (vt, w, first, sizeof first);

  /* r: a new round; q leaves (after a typed answer, where q is a letter). */
  vt_send (vt, "r");
  shows (vt, "quiz, r", "question 1/");
  lacks (vt, "quiz, r", "Score: ");
  if (tap_ok (current_question (vt, &q), "quiz, r: the new round's first question is there")
      && q.typed)
    {
      vt_send (vt, "x\r");
      shows (vt, "quiz, r", "Not quite.");
    }
  vt_send (vt, "q");
  ends_restored (vt, "quiz, q", 0);
  vt_free (vt);

  /* The same seed, the same round. */
  w = "quiz again";
  vt = start (w, NULL, args);
  if (!vt)
    return;
  if (shows (vt, w, "question 1/") && current_question (vt, &q))
    COPY (again, q.prompt);
  if (!tap_ok (first[0] && !strcmp (first, again), "%s: --seed 7 asks the same first question",
               w))
    tap_diag ("first run: %s\n# second run: %s", first, again);
  /* Esc never ends the program: started on the quiz there is nothing to
     go back to, and it says that q quits (at the answer prompt Esc is
     readline's; Ctrl-G gives the question up first). */
  vt_send (vt, "\007");
  vt_send (vt, "\r");
  vt_send (vt, "\033");
  shows (vt, "quiz again, Esc", "q quits");
  tap_ok (vt_running (vt), "quiz again, Esc: the program still runs");
  vt_send (vt, "q");
  ends_restored (vt, "quiz again, q", 0);
  vt_free (vt);
}

/* ---- d: the flashcards ----------------------------------------------------- */

/* Grade the card on the screen: Space, then KEY.  TOGO is the count the
   title shows before.  Returns 1 when the card turned over, 2 when the
   summary came instead, 0 on a failure (reported). */
static int
grade_card (struct vt *vt, const char *w, int togo, const char *key)
{
  char needle[32];
  snprintf (needle, sizeof needle, " %d to go", togo);
  int which = wait_either (vt, "Nothing is due now.", needle, WAIT_MS);
  if (which == 2)
    {
      /* The summary says " 0 to go" too: the title can come first. */
      settle (vt);
      which = vt_find (vt, "Nothing is due now.", NULL, NULL) ? 1 : 2;
    }
  if (which == 1)
    return 2;
  if (which == 0)
    {
      tap_ok (0, "%s: the title says '%s'", w, needle + 1);
      vt_dump (vt);
      return 0;
    }
  vt_send (vt, " ");
  if (!vt_wait_text (vt, "How well did you know it?", WAIT_MS))
    {
      tap_ok (0, "%s: Space turns the card over", w);
      vt_dump (vt);
      return 0;
    }
  vt_send (vt, key);
  return 1;
}

static void
cards (void)
{
  const char *w = "cards";
  const char *state = vt_tempdir ();
  const char *const args[] = { "flashcards", NULL };
  int total = deck_ncards ();
  char needle[256], path[4200], buf[8192];
  if (!tap_ok (state != NULL, "%s: a state folder for two runs", w))
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;

  snprintf (needle, sizeof needle, " %d to go", total);
  shows (vt, w, needle);
  shows_now (vt, w, "(new)");
  snprintf (needle, sizeof needle, "%s  (new)", deck.e[0].concept ? "Key concept" : "Term");
  shows_now (vt, w, needle);
  shows_now (vt, w, deck.e[0].word);
  shows_now (vt, w, "press Space to turn the card over");
  lacks (vt, w, "How well did you know it?");
  vt_send (vt, " ");
  shows (vt, "cards, Space", "How well did you know it?");
  snprintf (needle, sizeof needle, "%.40s", deck.e[0].means);
  shows_now (vt, "cards, Space", needle);
  vt_send (vt, "3");
  snprintf (needle, sizeof needle, " %d to go", total - 1);
  shows (vt, "cards, 3", needle);
  shows_now (vt, "cards, 3", "Good: this card comes back in 1 day");
  /* The program graded the first card at T0 or before.  The last grade
     waits for the next second, as any learner's would: the summary then
     comes at least a second after the first grade. */
  time_t t0 = time (NULL);
  int graded = 1;
  for (int i = 1; i < 3 * total; i++)     /* until the summary, bounded */
    {
      if (graded == total - 1)
        for (long long end = now_ms () + 2000; time (NULL) <= t0 && now_ms () < end;)
          vt_pump (vt, 50);
      int r = grade_card (vt, w, total - i, "3");
      if (r != 1)
        break;
      graded++;
    }
  tap_int (graded, total, "%s: every card was shown once and graded Good", w);
  shows (vt, w, "Nothing is due now.");
  snprintf (needle, sizeof needle, "This session: %d cards seen, %d right.", total, total);
  shows_now (vt, w, needle);
  shows_now (vt, w, "The next card is due in 1 day");
  shows_now (vt, w, " 0 to go");

  /* a: study ahead, every card again. */
  vt_send (vt, "a");
  snprintf (needle, sizeof needle, " %d to go", total);
  shows (vt, "cards, a", needle);
  lacks (vt, "cards, a", "Nothing is due now.");
  shows_now (vt, "cards, a", "seen 1, right 1");
  if (!tap_ok (!vt_find (vt, "(new)", NULL, NULL), "cards, a: the cards are not new any more"))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, "cards, q", 0);
  vt_free (vt);

  /* The schedule survives a restart. */
  progress_path (state, path, sizeof path);
  if (tap_ok (slurp (path, buf, sizeof buf) > 0, "%s: the progress file %s exists", w, path))
    {
      char *nl = buf;
      int lines = 0;
      tap_ok (buf[0] == '#', "%s: the progress file starts with a comment", w);
      while (nl && *nl == '#')
        nl = strchr (nl, '\n') ? strchr (nl, '\n') + 1 : NULL;
      tap_ok (nl && !strncmp (nl, "shmtutor-progress 1\n", 20),
              "%s: after the comment lines comes 'shmtutor-progress 1'", w);
      for (char *p = buf; (p = strstr (p, "\ncard ")); p++)
        lines++;
      if (!tap_ok (lines == total, "%s: it holds a line for each of the %d cards", w, total))
        {
          tap_diag ("%d card lines", lines);
          show_file (path);
        }
    }
  w = "cards restarted";
  vt = start (w, state, args);
  if (!vt)
    return;
  shows (vt, w, "Nothing is due now.");
  shows_now (vt, w, "This session: 0 cards seen, 0 right.");
  shows_now (vt, w, "The next card is due in 1 day");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);

  /* Again: the card comes back before the session ends. */
  w = "cards, Again";
  vt = start (w, NULL, args);
  if (!vt)
    return;
  grade_card (vt, w, total, "1");
  shows (vt, w, "Again: this card comes back in 1 minute");
  snprintf (needle, sizeof needle, " %d to go", total);
  shows_now (vt, w, needle);
  for (int i = 1; i < total; i++)
    if (!grade_card (vt, w, total - i + 1, "3"))
      break;
  shows (vt, w, " 1 to go");
  settle (vt);
  char front[LINE_MAX_], label[LINE_MAX_], want[300];
  row (vt, 4, front, sizeof front, 1);
  row (vt, 2, label, sizeof label, 1);
  snprintf (want, sizeof want, " %s ", deck.e[0].word);
  if (!tap_ok (strstr (front, want) && strstr (label, "box 0 of 5, seen 1, right 0"),
               "%s: the last card is the first one again, graded once, not right", w))
    vt_dump (vt);
  grade_card (vt, w, 1, "3");
  shows (vt, w, "Nothing is due now.");
  snprintf (needle, sizeof needle, "This session: %d cards seen, %d right.", total + 1, total);
  shows_now (vt, w, needle);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);

  /* The harness kept this child's progress in a folder of its own. */
  const char *mine = vt_state_home (vt);
  char home[4200] = "";
  if (mine)
    snprintf (home, sizeof home, "%s", mine);
  const char *real = getenv ("HOME");
  tap_ok (mine && exists (progress_path (home, path, sizeof path))
          && !(real && *real && !strncmp (home, real, strlen (real))),
          "harness: the progress went to the child's private folder %s", home);
  vt_free (vt);
  tap_ok (home[0] && !exists (home), "harness: the private folder is gone after vt_free");
}

/* ---- e: resume the walkthrough --------------------------------------------- */

static void
resume (void)
{
  const char *w = "resume";
  const char *state = vt_tempdir ();
  const char *const args[] = { "walkthrough", NULL };
  const char *offer = "You left this lesson at step 4. Resume there? (y/n)";
  char path[4200];
  if (!tap_ok (state != NULL, "%s: a state folder for three runs", w))
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  vt_send (vt, "g4");
  shows (vt, w, "step 4/6");
  vt_send (vt, "q");
  ends_restored (vt, "resume, step 4 then q", 0);
  vt_free (vt);
  show_file (progress_path (state, path, sizeof path));

  w = "resume, y";
  vt = start (w, state, args);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  int offered = shows_now (vt, w, offer);
  vt_send (vt, "y");
  shows_within (vt, w, "step 4/6", offered ? WAIT_MS : 300);
  shows_now (vt, w, "0000  48 65 6c 6c 6f 20 66 72 6f 6d 20 75 73 65 72 20");
  shows_now (vt, w, "stdout: Shared Memory: Hello from user space");
  if (!tap_ok (!vt_find (vt, "Resume there?", NULL, NULL), "%s: the offer is gone", w))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  show_file (path);

  w = "resume, n";
  vt = start (w, state, args);
  if (!vt)
    return;
  shows (vt, w, "step 1/6");
  offered = shows_now (vt, w, offer);
  vt_send (vt, "n");
  if (offered)
    lacks (vt, w, "Resume there?");
  settle (vt);
  if (!tap_ok (vt_find (vt, "step 1/6", NULL, NULL) && !vt_find (vt, "Resume there?", NULL, NULL),
               "%s: n stays on step 1/6 and the offer is gone", w))
    vt_dump (vt);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

/* ---- f: progress problems -------------------------------------------------- */

/* The menu's notice: the rows between the last item and the key line,
   joined (the program may wrap it).  Returns 1 when there is one. */
static int
menu_notice (struct vt *vt, char *out, size_t len)
{
  int last = -1;
  out[0] = '\0';
  if (!vt_find (vt, menu_items[NMENU - 1], &last, NULL))
    return 0;
  paragraph (vt, last + 1, ROWS - 2, out, len);
  for (int r = last + 1; !out[0] && r < ROWS - 1; r++)
    paragraph (vt, r, ROWS - 2, out, len);
  return out[0] != '\0';
}

/* One assertion: the menu's notice mentions WORDS. */
static void
notice_says (struct vt *vt, const char *what, const char *notice, const char *words)
{
  if (!tap_ok (find_nocase (notice, words) != NULL, "%s: the warning says '%s'", what, words))
    vt_dump (vt);
}

/* How many files STATE/shmtutor/progress.corrupt-TIME there are. */
static int
corrupt_files (const char *state)
{
  char dir[4200];
  int n = 0;
  snprintf (dir, sizeof dir, "%s/shmtutor", state);
  DIR *d = opendir (dir);
  if (!d)
    return 0;
  for (struct dirent *e; (e = readdir (d));)
    {
      const char *t = e->d_name + strlen ("progress.corrupt-");
      if (!strncmp (e->d_name, "progress.corrupt-", strlen ("progress.corrupt-"))
          && isdigit ((unsigned char) *t) && strspn (t, "0123456789") == strlen (t))
        n++;
    }
  closedir (d);
  return n;
}

/* A warning that names a folder whose name holds an escape sequence shows
   it as text: the menu's notice ("cannot read PATH: not a regular file")
   draws "\033]0;...", and no byte the tutor writes to the terminal starts
   the sequence. */
static void
corrupt_escaped (void)
{
  const char *w = "progress in a folder named with escapes";
  const char *top = vt_tempdir ();
  const char *const args[] = { NULL };
  char state[3000], path[4200];
  if (!top)
    return;
  snprintf (state, sizeof state, "%s/s\033]0;PWNED\007", top);
  if (!tap_ok (mkdir (state, 0700) == 0 && make_state (state) == 0
               && mkdir (progress_path (state, path, sizeof path), 0700) == 0,
               "%s: a folder where the progress file would be", w))
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;
  char notice[LINE_MAX_];
  shows (vt, w, "Choose with the arrows");
  settle (vt);
  if (!tap_ok (menu_notice (vt, notice, sizeof notice) && strstr (notice, "s\\033]0;PWNED\\a"),
               "%s: the notice shows the folder's name with \\033 and \\a", w))
    vt_dump (vt);
  size_t sent_len;
  const char *sent = vt_output (vt, &sent_len);
  tap_ok (!memmem (sent, sent_len, "\033]0;PWNED", strlen ("\033]0;PWNED")),
          "%s: the terminal was sent no ESC ] of it", w);
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
}

static void
corrupt (void)
{
  const char *w = "corrupt progress";
  const char *state = vt_tempdir ();
  const char *const args[] = { NULL };
  char path[4200];
  if (!tap_ok (state && make_state (state) == 0
               && write_file (progress_path (state, path, sizeof path),
                              "\x7f" "ELF garbage, not progress\n\x01\x02\x03 more of it\n") == 0,
               "%s: a progress file of garbage", w))
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;
  char notice[LINE_MAX_];
  shows (vt, w, "Choose with the arrows");
  settle (vt);
  if (tap_ok (menu_notice (vt, notice, sizeof notice), "%s: the menu shows a warning", w))
    tap_diag ("the warning: %s", notice);
  else
    vt_dump (vt);
  notice_says (vt, w, notice, "progress");
  notice_says (vt, w, notice, "set aside");
  tap_ok (corrupt_files (state) == 1, "%s: the file was set aside as progress.corrupt-TIME", w);
  tap_ok (!exists (path), "%s: no progress file is left in its place", w);
  /* It runs on: the flashcards start from scratch and are saved. */
  vt_send (vt, "f");
  shows (vt, w, "(new)");
  vt_send (vt, " ");
  shows (vt, w, "How well did you know it?");
  vt_send (vt, "3");
  shows (vt, w, "Good: this card comes back");
  vt_send (vt, "q");
  shows (vt, w, "Choose with the arrows");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  char buf[4096];
  tap_ok (slurp (path, buf, sizeof buf) > 0 && strstr (buf, "\nshmtutor-progress 1\n")
          && strstr (buf, "\ncard "), "%s: a good progress file was written afresh", w);
}

static void
no_save (void)
{
  const char *w = "--no-save";
  const char *state = vt_tempdir ();
  const char *const args[] = { "--no-save", "flashcards", NULL };
  char path[4200], dir[4200];
  if (!state)
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;
  if (grade_card (vt, w, deck_ncards (), "3"))
    shows (vt, w, "Good: this card comes back in 1 day");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  progress_path (state, path, sizeof path);
  snprintf (dir, sizeof dir, "%s/shmtutor", state);
  tap_ok (!exists (path), "%s: there is no progress file after a grade", w);
  tap_ok (!exists (dir), "%s: not even the state folder was made", w);
}

static void
unwritable (void)
{
  const char *w = "unwritable state folder";
  const char *base = vt_tempdir ();
  const char *const args[] = { NULL };
  char file[4200], state[4300];
  if (!tap_ok (base != NULL, "%s: a scratch folder", w))
    return;
  /* Below a regular file: no one, not even root, can make a folder there. */
  snprintf (file, sizeof file, "%s/f", base);
  snprintf (state, sizeof state, "%s/s", file);
  if (!tap_ok (write_file (file, "a file, not a folder\n") == 0, "%s: %s is a file", w, file))
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;
  char notice[LINE_MAX_];
  shows (vt, w, "Choose with the arrows");
  settle (vt);
  if (tap_ok (menu_notice (vt, notice, sizeof notice), "%s: the menu shows a warning", w))
    tap_diag ("the warning: %s", notice);
  else
    vt_dump (vt);
  notice_says (vt, w, notice, "will not be saved");
  /* It runs on. */
  vt_send (vt, "f");
  shows (vt, w, "(new)");
  vt_send (vt, " ");
  shows (vt, w, "How well did you know it?");
  vt_send (vt, "3");
  shows (vt, w, "Good: this card comes back");
  vt_send (vt, "q");
  shows (vt, w, "Choose with the arrows");
  vt_send (vt, "q");
  ends_restored (vt, w, 0);
  vt_free (vt);
  struct stat sb;
  tap_ok (stat (file, &sb) == 0 && S_ISREG (sb.st_mode), "%s: %s is still just a file", w, file);
}

/* ---- g: SIGTERM after a grade ------------------------------------------------ */

static void
sigterm (void)
{
  const char *w = "SIGTERM in the cards";
  const char *state = vt_tempdir ();
  const char *const args[] = { "flashcards", NULL };
  char path[4200], buf[8192];
  if (!state)
    return;
  struct vt *vt = start (w, state, args);
  if (!vt)
    return;
  if (grade_card (vt, w, deck_ncards (), "3"))
    shows (vt, w, "Good: this card comes back in 1 day");
  vt_kill (vt, SIGTERM);
  ends_restored (vt, w, SIGTERM);
  vt_free (vt);
  int found = 0;
  if (slurp (progress_path (state, path, sizeof path), buf, sizeof buf) > 0)
    for (char *l = strtok (buf, "\n"); l; l = strtok (NULL, "\n"))
      {
        int box;
        long long due;
        unsigned seen, right, lapses;
        if (!strncmp (l, "card ", 5)
            && sscanf (l, "card %*s %d %lld %u %u %u", &box, &due, &seen, &right, &lapses) == 5
            && seen == 1 && right == 1)
          found++;
      }
  if (!tap_ok (found == 1, "%s: the progress file holds the graded card, seen 1", w))
    show_file (path);
}

/* ---- h: --reset ---------------------------------------------------------------- */

static void
reset (void)
{
  const char *w = "--reset";
  const char *state = vt_tempdir ();
  const char *const args[] = { "--reset", NULL };
  char path[4200];
  if (!tap_ok (state && make_state (state) == 0
               && write_file (progress_path (state, path, sizeof path),
                              "# progress\nshmtutor-progress 1\nwalk shared-memory 3\n") == 0,
               "%s: a progress file to forget", w))
    return;
  struct vt *vt = start ("--reset, n", state, args);
  if (!vt)
    return;
  shows (vt, "--reset, n", "Forget all progress kept in");
  shows_now (vt, "--reset, n", "[y/N]");
  vt_send (vt, "n\r");
  shows (vt, "--reset, n", "Nothing was changed.");
  ends_as (vt, "--reset, n", END_EXIT, 0, WAIT_MS);
  tap_ok (vt_termios_restored (vt) == 1, "--reset, n: the terminal modes are as they were");
  vt_free (vt);
  tap_ok (exists (path), "--reset, n: the progress file is still there");

  vt = start ("--reset, y", state, args);
  if (!vt)
    return;
  shows (vt, "--reset, y", "Forget all progress kept in");
  vt_send (vt, "y\r");
  shows (vt, "--reset, y", "Progress forgotten.");
  ends_as (vt, "--reset, y", END_EXIT, 0, WAIT_MS);
  vt_free (vt);
  tap_ok (!exists (path), "--reset, y: the progress file is gone");
}

int
main (void)
{
  char deck_dir[4200];
  int nfiles = 0;
  if (!program_ready ())
    return tap_done ();
  snprintf (deck_dir, sizeof deck_dir, "%s/data", data_dir);
  int bad = deck_read_dir (deck_dir, &nfiles);
  if (!tap_ok (bad == 0 && nfiles >= 1 && deck.ne >= 2 && deck.na >= 1 && deck.norder >= 2
               && deck.nf >= 1 && deck.ne < MAX_ITEMS && deck.nf < MAX_ITEMS && deck.na < 16,
               "%s: %d decks, read %d words, %d memory aids, %d calls, %d facts", deck_dir,
               nfiles, deck.ne, deck.na, deck.norder, deck.nf))
    return tap_done ();

  menu ();
  glossary ();
  quiz ();
  cards ();
  resume ();
  corrupt ();
  corrupt_escaped ();
  no_save ();
  unwritable ();
  sigterm ();
  reset ();
  vt_cleanup ();
  return tap_done ();
}

#endif
