/* test-deck.c - the deck parser: the real deck, checked against the seed
   text, the second shipped deck and the two together, then bad decks from
   memory and from tests/fixtures.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <strings.h>

#include "deck.h"
#include "tap.h"

/* The seed lesson's text, beside the source tree (the project's shared
   folder), unless SHMTUTOR_SEED names it. */
#define SEED_BESIDE "/../shared/seed/000_dfc36c47447525ef.txt"

/* The errors a parse reported, each as "FILE:LINE: message". */
#define MAX_ERRS 64
struct errs {
  int n;
  int line[MAX_ERRS];
  char msg[MAX_ERRS][1400];
};

static void
record (void *ctx, const char *file, int line, const char *msg)
{
  struct errs *e = ctx;
  if (e->n < MAX_ERRS)
    {
      e->line[e->n] = line;
      snprintf (e->msg[e->n], sizeof e->msg[0], "%s:%d: %s", file, line, msg);
    }
  e->n++;
}

static void
show_errs (const struct errs *e)
{
  for (int i = 0; i < e->n && i < MAX_ERRS; i++)
    tap_diag ("%s", e->msg[i]);
}

/* Is error I of E at FILE:LINE, with WORD in its message? */
static int
err_is (const struct errs *e, int i, const char *file, int line, const char *word)
{
  char head[4200];
  snprintf (head, sizeof head, "%s:%d: ", file, line);
  return i < e->n && i < MAX_ERRS && strncmp (e->msg[i], head, strlen (head)) == 0
         && strstr (e->msg[i] + strlen (head), word) != NULL;
}

static int int_is (long long got, long long want, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
static int
int_is (long long got, long long want, const char *fmt, ...)
{
  char desc[512];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (desc, sizeof desc, fmt, ap);
  va_end (ap);
  if (!tap_ok (got == want, "%s", desc))
    printf ("#   got:  %lld\n#   want: %lld\n", got, want);
  return got == want;
}

static const char *top;

static const char *
src_path (const char *rel)
{
  static char buf[4096];
  snprintf (buf, sizeof buf, "%s/%s", top, rel);
  return buf;
}

static const struct deck_entry *
find_entry (const struct deck *D, enum deck_kind kind, const char *word)
{
  for (size_t i = 0; i < D->nentries; i++)
    if (D->entries[i].kind == kind && strcmp (D->entries[i].word, word) == 0)
      return &D->entries[i];
  return NULL;
}

static const struct deck_aid *
find_aid (const struct deck *D, enum deck_aid_kind kind)
{
  for (size_t i = 0; i < D->naids; i++)
    if (D->aids[i].kind == kind)
      return &D->aids[i];
  return NULL;
}

static int
count_aids (const struct deck *D, enum deck_aid_kind kind)
{
  int n = 0;
  for (size_t i = 0; i < D->naids; i++)
    n += D->aids[i].kind == kind;
  return n;
}

/* The whole file PATH, NUL-terminated, or NULL. */
static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0, got;
  char *buf = malloc (cap + 1);
  while (buf && (got = fread (buf + n, 1, cap - n, f)) > 0)
    {
      n += got;
      if (n == cap)
        {
          char *b = realloc (buf, 2 * cap + 1);
          if (!b)
            {
              free (buf);
              buf = NULL;
              break;
            }
          buf = b;
          cap *= 2;
        }
    }
  fclose (f);
  if (buf)
    buf[n] = '\0';
  if (len)
    *len = n;
  return buf;
}

/* ---- the real deck -------------------------------------------------------- */

static const struct { enum deck_kind kind; const char *word, *means; } want_entries[] = {
  { DECK_TERM, "Shared Memory",
    "A memory region that can be accessed by multiple processes, allowing them to "
    "communicate directly." },
  { DECK_TERM, "mmap",
    "A function that maps files or devices into memory, making the file accessible for "
    "reading and writing." },
  { DECK_TERM, "Kernel",
    "The core component of an operating system that manages system resources and enables "
    "communication between hardware and software." },
  { DECK_TERM, "User Space",
    "The memory area where user applications operate, isolated from the system's kernel." },
  { DECK_CONCEPT, "Shared Memory",
    "Efficient method for inter-process communication by sharing a common memory region." },
  { DECK_CONCEPT, "mmap()",
    "Function used for mapping shared memory into a process's address space." },
  { DECK_CONCEPT, "Efficiency", "Reduces overhead by allowing direct access to memory." },
};
#define N_ENTRIES (sizeof want_entries / sizeof want_entries[0])

#define RHYME "Shared memory's a clever trick, processes share, it's really slick."
#define STORY "Imagine two friends living in the same apartment (shared memory), they can " \
  "give each other messages directly without going through mail, making their "          \
  "communication quick and easy."

static const char *const tool_parts[][2] = {
  { "M", "Manage memory" }, { "M", "Multiple access" }, { "M", "Memory shared" },
};
static const char *const share_parts[][2] = {
  { "S", "Share memory" }, { "H", "High speed" }, { "A", "Access directly" },
  { "R", "Read & Write" }, { "E", "Effective communication" },
};
static const char *const want_order[] = { "open", "mmap", "sprintf", "printf", "munmap", "close" };

/* The terms the lessons show, which the seed lacks: each must be in the
   glossary, and its meaning must hold the words given (so that a meaning
   emptied or turned false by an edit is caught). */
static const struct { const char *word, *has1, *has2; } added_terms[] = {
  { "Page", "unit", "mapping" },
  { "Page size", "sysconf(_SC_PAGESIZE)", "assumption" },
  { "Page fault", "page table", "SIGSEGV" },
  { "Minor fault", "without reading from disk", "ru_minflt" },
  { "Resident", "RAM", "mincore(2)" },
  { "Demand-zero fault", "new zeroed page", "zero page instead" },
  { "Zero page", "read-only", "does not count it in Rss" },
  { "Copy-on-write", "a page of its own", "fork()" },
  { "MAP_SHARED", "O_RDWR, shmem", "fork()" },
  { "MAP_PRIVATE", "copy-on-write", "no side sees the other" },
  { "MAP_FAILED", "(void *) -1", "never NULL" },
  { "PROT_READ", "read", "mprotect()" },
  { "PROT_WRITE", "written", "SIGSEGV" },
  { "SIGSEGV", "SEGV_ACCERR", "SEGV_MAPERR" },
  { "mincore", "one byte a page", "resident" },
  { "/proc/self/maps", "one a line", "rw-p" },
  { "Rss", "this process maps in RAM", "not the zero page" },
  { "Anonymous memory", "MAP_PRIVATE of MAP_ANONYMOUS or of /dev/zero", "shmem, counted as Shmem" },
};
#define N_ADDED (sizeof added_terms / sizeof added_terms[0])

/* Facts the lessons rest on, with the truth the deck must give them. */
static const struct { int truth; const char *text; } key_facts[] = {
  { 1, "read(2) from /dev/zero fills the buffer with '\\0' bytes, as many as asked for, whatever "
       "a mapping of it holds." },
  { 0, "read(2) from /dev/zero returns 0, end of file." },
  { 1, "read(2) from /dev/null returns 0, end of file." },
  { 1, "read(fd, p, 16) on a /dev/zero descriptor, with p in the mapping, sets those 16 bytes of "
       "the page to '\\0'." },
  { 1, "Reading an untouched MAP_PRIVATE page maps the kernel's zero page: mincore() says "
       "resident, yet smaps shows Rss 0." },
  { 0, "Reading an untouched MAP_SHARED page of /dev/zero maps the kernel's zero page." },
  { 0, "The first store into a MAP_PRIVATE page that was never read copies the zero page." },
  { 1, "printf() makes a write(2) system call on stdout when its buffer is flushed." },
  { 0, "Storing into the mapped page with sprintf() makes a system call." },
  { 0, "After munmap(), a store to the old address always raises SIGSEGV." },
  { 1, "When a process exits, the kernel unmaps its memory and closes its file descriptors." },
  { 0, "mmap() fails with EINVAL whenever the address passed to it is not page-aligned." },
  { 0, "In the seed's program, the kernel uses the /dev/zero page to exchange data with the "
       "program." },
};

static int
has_icase (const char *s, const char *word)
{
  size_t n = strlen (word);
  for (; s && *s; s++)
    if (strncasecmp (s, word, n) == 0)
      return 1;
  return 0;
}

/* The rows TEXT takes wrapped at W columns, breaking at the last blank that
   fits as the screens do (ASCII text: a byte is a column). */
static int
wrapped_rows (const char *text, size_t w)
{
  int rows = 0;
  const char *s = text;
  while (*s)
    {
      size_t n = strlen (s);
      if (n > w)
        {
          size_t b = w;
          while (b > 0 && s[b] != ' ')
            b--;
          n = b ? b : w;
        }
      rows++;
      s += n;
      while (*s == ' ')
        s++;
    }
  return rows;
}

/* What the lessons teach is in the deck: the added terms, the key facts,
   and nothing of the old ambiguous /dev/zero fact. */
static void
test_lesson_terms (const struct deck *D)
{
  for (size_t i = 0; i < N_ADDED; i++)
    {
      const struct deck_entry *x = find_entry (D, DECK_TERM, added_terms[i].word);
      tap_ok (x != NULL, "the lessons' term '%s' is in the glossary", added_terms[i].word);
      tap_ok (x && strstr (x->means, added_terms[i].has1) && strstr (x->means, added_terms[i].has2),
              "term '%s': its meaning says \"%s\" and \"%s\"", added_terms[i].word,
              added_terms[i].has1, added_terms[i].has2);
      /* The "Name it" question shows the meaning: it must not give the word
         away whole (terms that are also a part of another word excepted). */
      tap_ok (x && (strlen (x->word) <= 4 || !has_icase (x->means, x->word)),
              "term '%s': its meaning does not spell the word out", added_terms[i].word);
    }
  /* The quiz draws a choice as "> 4) MEANING" in two rows of 72 columns at
     80x24: a longer meaning is cut, and cannot be told from the others. */
  int fit = 1;
  for (size_t i = 0; i < D->nentries; i++)
    {
      char line[1200];
      snprintf (line, sizeof line, "> 4) %s", D->entries[i].means);
      if (wrapped_rows (line, 72) > 2)
        {
          tap_diag ("'%s': its meaning takes %d rows as a quiz choice", D->entries[i].word,
                    wrapped_rows (line, 72));
          fit = 0;
        }
    }
  tap_ok (fit, "every meaning fits a quiz choice's two rows at 80x24");
  /* The glossary's search looks at the words and their meanings. */
  int copy = 0;
  for (size_t i = 0; i < D->nentries; i++)
    copy += has_icase (D->entries[i].word, "copy") || has_icase (D->entries[i].means, "copy");
  tap_ok (copy >= 2, "a glossary search for 'copy' finds entries (%d)", copy);
  for (size_t k = 0; k < sizeof key_facts / sizeof key_facts[0]; k++)
    {
      int found = -1;
      for (size_t i = 0; i < D->nfacts; i++)
        if (strcmp (D->facts[i].text, key_facts[k].text) == 0)
          found = D->facts[i].truth;
      tap_ok (found == key_facts[k].truth, "fact (%s): %s", key_facts[k].truth ? "true" : "false",
              key_facts[k].text);
    }
  int ambiguous = 0;
  for (size_t i = 0; i < D->nfacts; i++)
    ambiguous += strstr (D->facts[i].text, "zero bytes") != NULL
                 || strstr (D->facts[i].text, "copy-on-write zero pages") != NULL;
  tap_ok (ambiguous == 0, "no fact says 'zero bytes' (read as end of file) or "
          "'copy-on-write zero pages'");
  /* Each fact is stated once. */
  int dup = 0;
  for (size_t i = 0; i < D->nfacts; i++)
    for (size_t j = i + 1; j < D->nfacts; j++)
      dup += strcmp (D->facts[i].text, D->facts[j].text) == 0;
  tap_int (dup, 0, "no fact is given twice");
}

static void
test_real_deck (struct deck *D)
{
  struct errs e = { 0 };
  const char *path = src_path ("data/shared-memory.deck");
  int rc = deck_load (path, D, record, &e);
  if (!int_is (rc, 0, "the real deck loads with 0 errors"))
    show_errs (&e);
  tap_int (e.n, 0, "the real deck: no error reported");
  tap_str (D->title, "Example of Shared Memory", "the real deck: its title");
  tap_ok (D->source && strncmp (D->source, "\"6.5.2 - Example of Shared Memory\", a section of "
                                "an online course page", 65) == 0,
          "the real deck names its source, the seed: %s", D->source ? D->source : "(none)");
  int_is (D->nentries, N_ENTRIES + N_ADDED, "the real deck: the seed's 4 terms and 3 key concepts, "
          "and %d terms of the lessons", (int) N_ADDED);

  for (size_t i = 0; i < N_ENTRIES; i++)
    {
      const char *what = want_entries[i].kind == DECK_TERM ? "term" : "concept";
      const struct deck_entry *x = find_entry (D, want_entries[i].kind, want_entries[i].word);
      tap_ok (x != NULL, "%s '%s' is there", what, want_entries[i].word);
      tap_str (x ? x->means : NULL, want_entries[i].means, "%s '%s': its definition, word for word",
               what, want_entries[i].word);
      /* In the file's order: the seed's glossary, then its key concepts
         (the lessons' terms come between them). */
      const struct deck_entry *prev
        = i ? find_entry (D, want_entries[i - 1].kind, want_entries[i - 1].word) : NULL;
      tap_ok (x && (i == 0 || (prev && x->line > prev->line)),
              "%s '%s' comes after the seed's entry before it, in file order", what,
              want_entries[i].word);
    }

  int_is (D->naids, 4, "the real deck: 4 memory aids");
  tap_int (count_aids (D, AID_RHYME), 1, "one rhyme");
  tap_int (count_aids (D, AID_STORY), 1, "one story");
  tap_int (count_aids (D, AID_TOOL), 1, "one memory tool");
  tap_int (count_aids (D, AID_ACRONYM), 1, "one acronym");
  const struct deck_aid *a = find_aid (D, AID_RHYME);
  tap_str (a ? a->text : NULL, RHYME, "the rhyme, word for word");
  tap_ok (a && a->name == NULL && a->nparts == 0, "the rhyme has no name and no parts");
  a = find_aid (D, AID_STORY);
  tap_str (a ? a->text : NULL, STORY, "the two-friends story, word for word");

  a = find_aid (D, AID_TOOL);
  tap_str (a ? a->name : NULL, "M-Mapping", "the memory tool is M-Mapping");
  tap_ok (a && a->text == NULL, "the tool has no text of its own");
  if (a && int_is (a->nparts, 3, "M-Mapping has 3 parts"))
    for (size_t i = 0; i < 3; i++)
      tap_ok (strcmp (a->parts[i].letter, tool_parts[i][0]) == 0
              && strcmp (a->parts[i].stands_for, tool_parts[i][1]) == 0,
              "M-Mapping part %zu: %s | %s", i + 1, tool_parts[i][0], tool_parts[i][1]);

  a = find_aid (D, AID_ACRONYM);
  tap_str (a ? a->name : NULL, "SHARE", "the acronym is SHARE");
  if (a && int_is (a->nparts, 5, "SHARE has 5 parts"))
    {
      char spelt[16] = "";
      for (size_t i = 0; i < 5; i++)
        {
          strncat (spelt, a->parts[i].letter, sizeof spelt - strlen (spelt) - 1);
          tap_ok (strcmp (a->parts[i].letter, share_parts[i][0]) == 0
                  && strcmp (a->parts[i].stands_for, share_parts[i][1]) == 0,
                  "SHARE part %zu: %s | %s", i + 1, share_parts[i][0], share_parts[i][1]);
        }
      tap_str (spelt, "SHARE", "the letters of SHARE's parts spell SHARE");
    }

  if (int_is (D->norder, 6, "the order has 6 calls"))
    for (size_t i = 0; i < 6; i++)
      tap_str (D->order[i], want_order[i], "call %zu of the order is %s", i + 1, want_order[i]);

  int t = 0, f = 0;
  for (size_t i = 0; i < D->nfacts; i++)
    {
      t += D->facts[i].truth == 1;
      f += D->facts[i].truth == 0;
    }
  tap_int (D->nfacts, 38, "38 facts");
  tap_ok (t == 24 && f == 14, "facts of both truths: 24 true, 14 false (got %d, %d)", t, f);
  tap_ok (D->nfacts >= 2
          && strcmp (D->facts[0].text, "mmap() returns MAP_FAILED, not NULL, when it fails.") == 0
          && D->facts[0].truth == 1
          && strcmp (D->facts[1].text, "mmap() returns NULL when it fails.") == 0
          && D->facts[1].truth == 0,
          "the first two facts, their text without the 'true |' / 'false |' and their truth");
}

/* The deck's strings against the lesson they come from. */
static void
test_against_seed (const struct deck *D)
{
  char beside[4200];
  const char *path = getenv ("SHMTUTOR_SEED"), *srcdir = getenv ("abs_top_srcdir");
  if ((!path || !*path) && srcdir)
    {
      snprintf (beside, sizeof beside, "%s%s", srcdir, SEED_BESIDE);
      path = beside;
    }
  char *seed = path && *path ? slurp (path, NULL) : NULL;
  if (!seed)
    {
      char why[4400];
      snprintf (why, sizeof why, "the seed text %s cannot be read (SHMTUTOR_SEED names it): "
                "the deck's words are not checked against it", path ? path : "(none)");
      tap_skip (why);
      return;
    }
  char want[2048];
  for (size_t i = 0; i < N_ENTRIES; i++)
    {
      const struct deck_entry *x = find_entry (D, want_entries[i].kind, want_entries[i].word);
      if (!x)
        {
          tap_ok (0, "seed: '%s' is in the deck", want_entries[i].word);
          continue;
        }
      /* The glossary lists "- WORD" then its definition on the next line;
         the key concepts are "WORD: DEFINITION". */
      if (x->kind == DECK_TERM)
        snprintf (want, sizeof want, "\n- %s\n%s\n", x->word, x->means);
      else
        snprintf (want, sizeof want, "\n%s: %s\n", x->word, x->means);
      tap_ok (strstr (seed, want) != NULL, "seed: %s '%s' and its definition are the seed's",
              x->kind == DECK_TERM ? "term" : "concept", x->word);
    }
  const struct deck_aid *a = find_aid (D, AID_RHYME);
  snprintf (want, sizeof want, "\n%s\n", a ? a->text : "(no rhyme)");
  tap_ok (strstr (seed, want) != NULL, "seed: the rhyme is a line of the seed");
  a = find_aid (D, AID_STORY);
  snprintf (want, sizeof want, "\n%s\n", a ? a->text : "(no story)");
  tap_ok (strstr (seed, want) != NULL, "seed: the story is a line of the seed");

  /* "M-Mapping: M-Manage memory, M-Multiple access, M-Memory shared." */
  a = find_aid (D, AID_TOOL);
  size_t used = 0;
  want[0] = '\0';
  if (a)
    {
      used = (size_t) snprintf (want, sizeof want, "\n%s: ", a->name);
      for (size_t i = 0; i < a->nparts && used < sizeof want; i++)
        used += (size_t) snprintf (want + used, sizeof want - used, "%s%s-%s", i ? ", " : "",
                                   a->parts[i].letter, a->parts[i].stands_for);
    }
  tap_ok (a && strstr (seed, want) != NULL, "seed: the tool and its parts: %s", want + 1);
  /* "SHARE" then one "S-Share memory" line a letter. */
  a = find_aid (D, AID_ACRONYM);
  want[0] = '\0';
  if (a)
    {
      used = (size_t) snprintf (want, sizeof want, "\n%s", a->name);
      for (size_t i = 0; i < a->nparts && used < sizeof want; i++)
        used += (size_t) snprintf (want + used, sizeof want - used, "\n%s-%s",
                                   a->parts[i].letter, a->parts[i].stands_for);
    }
  tap_ok (a && strstr (seed, want) != NULL, "seed: the acronym and its parts, line by line");

  /* The calls come in the seed's program in the deck's order. */
  const char *at = strstr (seed, "int main()");
  int in_order = at != NULL;
  for (size_t i = 0; i < D->norder && in_order; i++)
    {
      char call[80];
      snprintf (call, sizeof call, "%s(", D->order[i]);
      const char *hit = strstr (at, call);
      /* "printf(" is inside "sprintf(": a call is a whole word. */
      while (hit && hit > seed && (isalnum ((unsigned char) hit[-1]) || hit[-1] == '_'))
        hit = strstr (hit + 1, call);
      in_order = hit != NULL;
      if (hit)
        at = hit + strlen (call);
    }
  tap_ok (D->norder == 6 && in_order, "seed: the program makes the deck's calls in its order");
  tap_ok (strstr (seed, "6.5.2 - Example of Shared Memory") != NULL && D->title
          && strstr (seed, D->title) != NULL, "seed: the deck's title is the section's");
  free (seed);
}

/* ---- bad decks ------------------------------------------------------------- */

struct bad_case {
  const char *what;
  const char *text;
  int nerr;             /* errors it must give */
  int line;             /* where the first one is */
  const char *word;     /* a word of its message */
};

static const struct bad_case bad_cases[] = {
  { "unknown key", "title: T\nterm: A\nmeans: a\ncolour: red\n", 1, 4, "unknown key 'colour'" },
  { "a key with a blank before its colon", "title: T\nterm : A\n", 1, 2, "unknown key 'term '" },
  { "a line without a colon", "title: T\n\njust words\n", 1, 3, "expected 'key: value'" },
  { "term without means", "# c\nterm: A\nterm: B\nmeans: b\n", 1, 2, "term 'A' has no 'means'" },
  { "term without means at the end", "title: T\n\nterm: Lonely\n", 1, 3,
    "term 'Lonely' has no 'means'" },
  { "concept without means", "concept: C\nrhyme: a b c\n", 1, 1, "concept 'C' has no 'means'" },
  { "means without a term", "title: T\nmeans: nothing\n", 1, 2, "'means' without a term" },
  { "means after a memory aid", "rhyme: x y\nmeans: z\n", 1, 2, "'means' without a term" },
  { "means given twice", "term: A\nmeans: a\nmeans: b\n", 1, 3, "'means' given twice for 'A'" },
  { "empty means", "term: A\nmeans:\n", 2, 2, "empty 'means'" },   /* and then no means */
  { "empty term", "title: T\nterm:   \n", 1, 2, "empty term" },
  { "empty term, then its means", "term:\nmeans: x\n", 1, 1, "empty term" },
  /* The duplicate's own 'means' is spared, no other. */
  { "a duplicate with two means", "term: A\nmeans: a\nterm: a\nmeans: b\nmeans: c\n", 2, 3,
    "duplicate term 'a'" },
  { "a duplicate, an aid, a means", "term: A\nmeans: a\nterm: a\nrhyme: r s\nmeans: m\n", 2, 3,
    "duplicate term 'a'" },
  { "part outside a tool or acronym", "term: A\nmeans: a\npart: S | share\n", 1, 3,
    "'part' outside a tool or acronym" },
  { "part after a rhyme", "rhyme: a b\npart: S | share\n", 1, 2, "'part' outside" },
  { "part before anything", "part: S | share\n", 1, 1, "'part' outside" },
  { "part without a bar", "tool: T\npart: M | m\npart: M no bar\npart: M | n\n", 1, 3,
    "a part is 'LETTER | what it stands for'" },
  { "part with no letter", "tool: T\npart: M | m\npart:  | x\n", 1, 3, "LETTER | what" },
  { "part with nothing it stands for", "tool: T\npart: M | m\npart: M |   \n", 1, 3,
    "LETTER | what" },
  { "part with a 5-byte letter", "tool: T\npart: M | m\npart: ABCDE | x\n", 1, 3,
    "LETTER | what" },
  { "tool without parts", "title: T\ntool: Empty\nterm: A\nmeans: a\n", 1, 2,
    "tool 'Empty' has no 'part' lines" },
  { "acronym without parts", "acronym: NONE\n", 1, 1, "acronym 'NONE' has no 'part' lines" },
  { "acronym whose letters do not spell it",
    "title: T\nacronym: SHARP\npart: S | s\npart: H | h\npart: A | a\npart: R | r\n"
    "part: E | e\n", 1, 2, "the parts of acronym 'SHARP' spell 'SHARE'" },
  { "acronym spelt in the wrong case", "acronym: AB\npart: a | x\npart: b | y\n", 1, 1,
    "spell 'ab'" },
  { "bad fact", "title: T\nfact: maybe | it is\n", 1, 2,
    "a fact is 'true | statement' or 'false | statement'" },
  { "fact in capitals", "fact: TRUE | x\n", 1, 1, "a fact is" },
  { "fact without its bar", "fact: true x\n", 1, 1, "a fact is" },
  { "empty fact", "fact: false |   \n", 1, 1, "empty fact" },
  { "order with one call", "title: T\n\norder: open\n", 1, 3,
    "an order lists 2 to 64 calls" },
  { "order with an empty call", "order: open, , close\n", 1, 1, "an empty call in the order" },
  { "order given twice", "order: a, b\norder: c, d\n", 1, 2, "'order' given twice" },
  { "title given twice", "title: A\ntitle: B\n", 1, 2, "'title' given twice" },
  { "source given twice", "source: A\nsource: B\n", 1, 2, "'source' given twice" },
  { "empty source", "title: A\nsource:\n", 1, 2, "empty source" },
  { "empty rhyme", "rhyme:\n", 1, 1, "empty rhyme" },
  { "empty acronym", "acronym:\n", 1, 1, "empty acronym" },
};

static void
run_bad (const struct bad_case *c, const char *buf, size_t len)
{
  struct deck D = { 0 };
  struct errs e = { 0 };
  int rc = deck_parse (buf, len, "case.deck", &D, record, &e);
  int ok = int_is (rc, c->nerr, "%s: %d error%s", c->what, c->nerr, c->nerr == 1 ? "" : "s");
  ok &= tap_ok (e.n == rc && err_is (&e, 0, "case.deck", c->line, c->word),
                "%s: case.deck:%d: ...%s", c->what, c->line, c->word);
  if (!ok)
    show_errs (&e);
  deck_free (&D);
}

static char *
repeat (char c, size_t n)
{
  char *s = malloc (n + 1);
  if (s)
    {
      memset (s, c, n);
      s[n] = '\0';
    }
  return s;
}

static void
test_bad (void)
{
  struct deck D = { 0 };
  struct errs e = { 0 };
  int rc;

  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
    run_bad (&bad_cases[i], bad_cases[i].text, strlen (bad_cases[i].text));

  /* Byte-level faults: the length, not a NUL, ends the buffer. */
  static const char nul[] = "title: T\nfact: true | a\0b\nterm: A\nmeans: a\n";
  struct bad_case c = { "a NUL byte", NULL, 1, 2, "binary data (a NUL byte)" };
  run_bad (&c, nul, sizeof nul - 1);
  static const char latin1[] = "title: T\n# fine\nfact: true | caf\xe9 au lait\n";
  c = (struct bad_case) { "invalid UTF-8 (Latin-1)", NULL, 1, 3, "invalid UTF-8" };
  run_bad (&c, latin1, sizeof latin1 - 1);
  static const char overlong[] = "term: A\nmeans: \xc0\xaf\nconcept: B\nmeans: b\n";
  /* The bad line is dropped whole, so A has no means either. */
  c = (struct bad_case) { "invalid UTF-8 (overlong)", NULL, 2, 2, "invalid UTF-8" };
  run_bad (&c, overlong, sizeof overlong - 1);
  static const char utf8[] = "term: caf\xc3\xa9\nmeans: un lieu o\xc3\xb9 l'on boit\n";
  e.n = 0;
  rc = deck_parse (utf8, sizeof utf8 - 1, "case.deck", &D, record, &e);
  tap_ok (rc == 0 && D.nentries == 1 && strcmp (D.entries[0].word, "caf\xc3\xa9") == 0,
          "valid UTF-8 is fine");
  deck_free (&D);

  /* Lines of 1024 bytes are fine, 1025 are not. */
  const char *head = "title: T\n\nfact: true | ";
  char *x = repeat ('x', DECK_MAX_LINE + 1 - strlen ("fact: true | "));
  size_t blen = strlen (head) + DECK_MAX_LINE + 100;
  char *buf = malloc (blen);
  if (x && buf)
    {
      snprintf (buf, blen, "%s%s\nfact: false | y\n", head, x);
      c = (struct bad_case) { "a line of 1025 bytes", NULL, 1, 3, "line longer than 1024 bytes" };
      run_bad (&c, buf, strlen (buf));
      x[strlen (x) - 1] = '\0';
      snprintf (buf, blen, "%s%s\nfact: false | y\n", head, x);
      e.n = 0;
      rc = deck_parse (buf, strlen (buf), "case.deck", &D, record, &e);
      if (!int_is (rc, 0, "a line of exactly 1024 bytes is fine"))
        show_errs (&e);
      tap_ok (D.nfacts == 2 && strlen (D.facts[0].text) == DECK_MAX_LINE - 13,
              "... and its fact is kept whole");
      deck_free (&D);
    }
  else
    tap_ok (0, "memory for the long line");
  free (x);
  free (buf);

  /* A duplicate term: case and runs of blanks do not count. */
  const char *dup = "term: Shared Memory\nmeans: a\n\nterm: shared   MEMORY\nmeans: b\n";
  e.n = 0;
  rc = deck_parse (dup, strlen (dup), "case.deck", &D, record, &e);
  tap_ok (rc >= 1 && err_is (&e, 0, "case.deck", 4, "duplicate term 'shared   MEMORY'"),
          "duplicate term, case and blanks ignored: case.deck:4: duplicate term");
  tap_ok (D.nentries == 1 && strcmp (D.entries[0].means, "a") == 0,
          "... the first one is kept, the duplicate is not added");
  /* The duplicate's own 'means' is not blamed as well (it was once). */
  if (!int_is (rc, 1, "a duplicate term is one error, its 'means' is not blamed too"))
    show_errs (&e);
  deck_free (&D);
  const char *dup2 = "concept: Big\tIdea\nmeans: a\nconcept: big idea\nmeans: b\n";
  e.n = 0;
  rc = deck_parse (dup2, strlen (dup2), "case.deck", &D, record, &e);
  tap_ok (rc >= 1 && err_is (&e, 0, "case.deck", 3, "duplicate concept 'big idea'"),
          "duplicate concept, a tab for a blank: case.deck:3: duplicate concept");
  deck_free (&D);
  /* Not duplicates: a term and a concept may share a word (the real deck
     does), and words that differ by more than case and blanks. */
  const char *notdup = "term: mmap\nmeans: a\nconcept: mmap\nmeans: b\n"
                       "term: SharedMemory\nmeans: c\nterm: Shared Memory\nmeans: d\n";
  e.n = 0;
  rc = deck_parse (notdup, strlen (notdup), "case.deck", &D, record, &e);
  if (!int_is (rc, 0, "a term and a concept with one word, and words that differ: no error"))
    show_errs (&e);
  tap_int (D.nentries, 4, "... 4 entries");
  deck_free (&D);
  /* Duplicates are judged by a hash of kind and word; the kind must not
     merely flip a bit of the first letter (lock/mock, bash/cash once hashed
     alike).  Every letter as the first of a term and of a concept. */
  const char *collide = "term: lock\nmeans: a mutex\nconcept: mock\nmeans: a stand-in\n";
  e.n = 0;
  rc = deck_parse (collide, strlen (collide), "case.deck", &D, record, &e);
  if (!int_is (rc, 0, "term 'lock' and concept 'mock' are not duplicates"))
    show_errs (&e);
  tap_ok (find_entry (&D, DECK_CONCEPT, "mock") != NULL, "... and concept 'mock' is kept");
  deck_free (&D);
  buf = malloc (2 * 26 * 64);
  if (buf)
    {
      size_t used = 0;
      for (int k = 0; k < 2; k++)
        for (char c0 = 'a'; c0 <= 'z'; c0++)
          used += (size_t) sprintf (buf + used, "%s: %cock\nmeans: %c\n",
                                    k ? "concept" : "term", c0, c0);
      e.n = 0;
      rc = deck_parse (buf, used, "case.deck", &D, record, &e);
      if (!int_is (rc, 0, "terms and concepts aock..zock: no false duplicate"))
        show_errs (&e);
      tap_int (D.nentries, 52, "... 52 entries");
      deck_free (&D);
      free (buf);
    }

  /* A flood of errors stops at 50, with a last word. */
  buf = malloc (60 * 6 + 100);
  if (buf)
    {
      size_t used = (size_t) sprintf (buf, "title: T\n");
      for (int i = 0; i < 60; i++)
        used += (size_t) sprintf (buf + used, "junk\n");
      e.n = 0;
      rc = deck_parse (buf, used, "case.deck", &D, record, &e);
      tap_int (rc, 51, "60 bad lines: 50 errors and a last one");
      tap_ok (err_is (&e, 49, "case.deck", 51, "expected 'key: value'")
              && err_is (&e, 50, "case.deck", 51, "giving up"), "... which gives up at line 51");
      deck_free (&D);
      free (buf);
    }

  /* No callback: the errors still count. */
  tap_int (deck_parse ("bogus: 1\nmeans: 2\n", 18, "x", &D, NULL, NULL), 2,
           "errors count without a callback");
  deck_free (&D);
}

/* CRLF, blanks, comments, no final newline; what deck_free leaves. */
static void
test_good_forms (void)
{
  struct deck D = { 0 };
  struct errs e = { 0 };
  const char *crlf = "# c\r\n  title:  T  \r\n\r\n\tterm:\tA word \r\n  means: it means\t\r\n"
                     "acronym: AB\r\npart: A|alpha\r\npart:   B   |   beta  \r\n"
                     "order: x,y ,  z\r\nfact: false |  no";
  int rc = deck_parse (crlf, strlen (crlf), "crlf.deck", &D, record, &e);
  if (!int_is (rc, 0, "CRLF, blanks, comments and no final newline: fine"))
    show_errs (&e);
  tap_str (D.title, "T", "the title without blanks and CR");
  tap_ok (D.nentries == 1 && strcmp (D.entries[0].word, "A word") == 0
          && strcmp (D.entries[0].means, "it means") == 0 && D.entries[0].line == 4,
          "term 'A word' at line 4, its means without blanks");
  tap_ok (D.naids == 1 && D.aids[0].nparts == 2 && strcmp (D.aids[0].parts[0].letter, "A") == 0
          && strcmp (D.aids[0].parts[0].stands_for, "alpha") == 0
          && strcmp (D.aids[0].parts[1].letter, "B") == 0
          && strcmp (D.aids[0].parts[1].stands_for, "beta") == 0,
          "parts with and without blanks round the bar");
  tap_ok (D.norder == 3 && strcmp (D.order[0], "x") == 0 && strcmp (D.order[1], "y") == 0
          && strcmp (D.order[2], "z") == 0, "the order's calls without blanks");
  tap_ok (D.nfacts == 1 && D.facts[0].truth == 0 && strcmp (D.facts[0].text, "no") == 0
          && D.facts[0].line == 10, "the last fact, with no newline after it");
  deck_free (&D);
  tap_ok (D.title == NULL && D.entries == NULL && D.nentries == 0 && D.aids == NULL
          && D.naids == 0 && D.facts == NULL && D.nfacts == 0 && D.order == NULL
          && D.norder == 0, "deck_free empties the deck");
  e.n = 0;
  tap_int (deck_parse ("", 0, "empty.deck", &D, record, &e), 0, "an empty buffer: no error");
  deck_free (&D);
}

static void
test_blank (const struct deck *D)
{
  size_t s = 99, e = 99;
  const struct deck_aid *a = find_aid (D, AID_RHYME);
  int rc = a ? deck_aid_blank (a, &s, &e) : -1;
  tap_int (rc, 0, "deck_aid_blank: the rhyme has a word to hide");
  if (rc == 0)
    {
      tap_ok (e > s && e - s == 5 && strncmp (a->text + s, "slick", 5) == 0,
              "... its last word, 'slick' (got '%.*s')", (int) (e - s), a->text + s);
      tap_str (a->text + e, ".", "... the full stop after it stays");
    }
  a = find_aid (D, AID_STORY);
  s = e = 99;
  rc = a ? deck_aid_blank (a, &s, &e) : -1;
  tap_int (rc, 0, "deck_aid_blank: the story has words to hide");
  if (rc == 0)
    tap_ok (e - s == 13 && strncmp (a->text + s, "shared memory", 13) == 0
            && a->text[s - 1] == '(' && a->text[e] == ')',
            "... the words in brackets, 'shared memory' (got '%.*s')", (int) (e - s), a->text + s);
  a = find_aid (D, AID_TOOL);
  tap_int (a ? deck_aid_blank (a, &s, &e) : 0, -1, "deck_aid_blank: a tool has nothing to hide");
  a = find_aid (D, AID_ACRONYM);
  tap_int (a ? deck_aid_blank (a, &s, &e) : 0, -1, "deck_aid_blank: nor an acronym");

  static const struct { enum deck_aid_kind kind; const char *text; int rc; const char *hidden;
                        int bug; }
  cases[] = {
    { AID_RHYME, "Map it, don't scrap it", 0, "it", 0 },
    { AID_RHYME, "A page is what the kernel gave?!  ", 0, "gave", 0 },
    { AID_RHYME, "Nothing is yours but what you don't", 0, "don't", 0 },
    { AID_RHYME, "...", -1, NULL, 0 },
    { AID_STORY, "No brackets here", -1, NULL, 0 },
    { AID_STORY, "Empty () brackets", -1, NULL, 0 },
    { AID_STORY, "An open (bracket only", -1, NULL, 0 },
    { AID_STORY, "First (one) then (two)", 0, "one", 0 },
    /* A last word with a non-ASCII letter is hidden whole (it once lost
       all before the letter). */
    { AID_RHYME, "Map it twice and you are na\xc3\xafve", 0, "na\xc3\xafve", 0 },
    { AID_RHYME, "Map it twice and you are na\xc3\xafve.", 0, "na\xc3\xafve", 0 },
    /* BUG (deck.c, deck_aid_blank): every byte >= 0x80 now counts as a
       letter, so non-ASCII punctuation after the last word is hidden with
       it ("slick\u2026", "\u201cslick\u201d"), and after a dash the dash
       alone is the "word"; the quiz then wants the punctuation typed. */
    { AID_RHYME, "Processes share, it's really slick\xe2\x80\xa6", 0, "slick", 1 },
    { AID_RHYME, "Map it, share it, call it \xe2\x80\x9cslick\xe2\x80\x9d", 0, "slick", 1 },
    { AID_RHYME, "A page to share, a page to keep \xe2\x80\x94", 0, "keep", 1 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      struct deck_aid x = { .kind = cases[i].kind, .text = (char *) cases[i].text };
      s = e = 0;
      rc = deck_aid_blank (&x, &s, &e);
      int ok = rc == cases[i].rc;
      if (ok && rc == 0)
        ok = e - s == strlen (cases[i].hidden)
             && strncmp (cases[i].text + s, cases[i].hidden, e - s) == 0;
      if (!tap_ok (ok, "%sdeck_aid_blank (%s \"%s\"): %s", cases[i].bug ? "BUG: " : "",
                   cases[i].kind == AID_RHYME ? "rhyme" : "story", cases[i].text,
                   cases[i].hidden ? cases[i].hidden : "nothing"))
        tap_diag ("got rc %d, '%.*s'", rc, rc == 0 ? (int) (e - s) : 0,
                  rc == 0 ? cases[i].text + s : "");
    }
}

/* Several files make one deck. */
static void
test_two_files (void)
{
  struct deck D = { 0 };
  struct errs e = { 0 };
  char real[4096], extra[4096];
  snprintf (real, sizeof real, "%s", src_path ("data/shared-memory.deck"));
  snprintf (extra, sizeof extra, "%s", src_path ("tests/fixtures/good-extra.deck"));

  int rc = deck_load (real, &D, record, &e);
  size_t n1 = D.nentries, a1 = D.naids, f1 = D.nfacts;
  rc += deck_load (extra, &D, record, &e);
  if (!int_is (rc, 0, "the real deck and good-extra.deck: 0 errors"))
    show_errs (&e);
  tap_ok (n1 == 25 && D.nentries == 28, "entries of both: 25 + 3 (got %zu)", D.nentries);
  tap_ok (a1 == 4 && D.naids == 5, "aids of both: 4 + 1 (got %zu)", D.naids);
  tap_ok (f1 == 38 && D.nfacts == 40, "facts of both: 38 + 2 (got %zu)", D.nfacts);
  const struct deck_entry *x = find_entry (&D, DECK_TERM, "munmap");
  tap_ok (x && x->line == 8 && strcmp (x->means, "A function that removes a mapping made by mmap().") == 0,
          "good-extra.deck's term 'munmap', at its own line 8");
  tap_str (find_entry (&D, DECK_TERM, "mmap") ? find_entry (&D, DECK_TERM, "mmap")->means : NULL,
           want_entries[1].means, "the first file's entries are intact");
  tap_ok (D.naids == 5 && D.aids[4].kind == AID_ACRONYM && strcmp (D.aids[4].name, "PAGE") == 0
          && D.aids[4].nparts == 4, "good-extra.deck's acronym PAGE, after the real deck's aids");
  tap_str (D.title, "Example of Shared Memory", "the title is the first file's");

  /* A third buffer repeats a word of the first file: its own name and line. */
  const char *dup = "# more\nconcept: Sharing\nmeans: x\nterm: USER   space\nmeans: y\n"
                    "order: open, close\n";
  e.n = 0;
  rc = deck_parse (dup, strlen (dup), "third.deck", &D, record, &e);
  tap_ok (rc == 2 && err_is (&e, 0, "third.deck", 4, "duplicate term 'USER   space'"),
          "a duplicate across files: third.deck:4: duplicate term");
  tap_ok (err_is (&e, rc - 1, "third.deck", 6, "'order' given twice"),
          "an order across files: third.deck:6: 'order' given twice");
  tap_ok (find_entry (&D, DECK_CONCEPT, "Sharing") && D.nentries == 29,
          "the third buffer's new concept is added, the duplicate is not");
  /* Duplicates within the added files are caught as well. */
  const char *dup4 = "term: sharing\nmeans: a term, not the concept\nconcept: sharing\nmeans: z\n";
  e.n = 0;
  rc = deck_parse (dup4, strlen (dup4), "fourth.deck", &D, record, &e);
  tap_ok (rc >= 1 && err_is (&e, 0, "fourth.deck", 3, "duplicate concept 'sharing'"),
          "a concept of the third buffer, again in a fourth: fourth.deck:3");
  deck_free (&D);

  e.n = 0;
  const char *none = src_path ("tests/fixtures/no-such.deck");
  rc = deck_load (none, &D, record, &e);
  tap_ok (rc == 1 && e.n == 1 && err_is (&e, 0, none, 0, "cannot open"),
          "a missing file: 1 error at line 0, 'cannot open'");
  deck_free (&D);
}

/* ---- the second shipped deck: the lessons fork-shared and kernel-shared --- */

#define SECOND_DECK "data/shared-processes.deck"

/* Its terms, each with words its meaning must hold (as added_terms). */
static const struct { const char *word, *has1, *has2; } second_terms[] = {
  { "fork", "child process", "the child 0" },
  { "waitpid", "WNOHANG", "status" },
  { "Zombie", "not been waited for", "exit status" },
  { "PR_SET_PDEATHSIG", "prctl()", "fork() clears it" },
  { "execve", "mappings are dropped", "close-on-exec" },
  { "MAP_ANONYMOUS", "no file behind it", "pass -1" },
  { "Shared anonymous memory", "no name to open it by", "inheriting it over fork()" },
  { "memfd_create", "anonymous file in RAM", "inherited or passed descriptor" },
  { "/proc/PID/fd", "memfd's link gives the same file", "/dev/zero link a new open" },
  { "shm_open", "POSIX shared memory object", "/dev/shm" },
  { "shm_unlink", "name", "no process maps" },
  { "shmget", "System V", "numeric key" },
  { "vDSO", "every process", "often with no system call" },
  { "[vvar]", "Read-only", "plain loads" },
  { "clock_gettime", "through the vDSO when it can", "else by the system call" },
  { "io_uring", "two rings", "completions" },
  { "Submission queue", "moves the tail on", "the kernel takes them" },
  { "Completion queue", "the kernel puts results in", "the program reads them" },
  { "Ring head and tail", "the producer moves the tail", "ring_mask" },
  { "SQE", "opcode", "user_data" },
  { "CQE", "user_data", "-errno" },
  { "io_uring_setup", "descriptor", "offsets to mmap()" },
  { "io_uring_enter", "IORING_ENTER_GETEVENTS", "min_complete" },
  { "IORING_OFF_SQ_RING", "offset, 0,", "submission ring" },
  { "IORING_OFF_CQ_RING", "0x8000000", "IORING_FEAT_SINGLE_MMAP" },
  { "IORING_OFF_SQES", "0x10000000", "of its own" },
  { "kernel.io_uring_disabled", "at 1 only CAP_SYS_ADMIN or io_uring_group", "EPERM" },
  { "kernel.io_uring_group", "when io_uring is disabled at 1", "-1, the default" },
};
#define N_SECOND (sizeof second_terms / sizeof second_terms[0])
static const char *const second_concepts[] = {
  "Inheritance", "Rendezvous", "Kernel-written pages", "System call cost",
};
#define N_SECOND_CONCEPTS (sizeof second_concepts / sizeof second_concepts[0])

/* Facts the two lessons rest on, with the truth the deck must give them. */
static const struct { int truth; const char *text; } second_facts[] = {
  { 1, "After fork(), the parent's stores into a MAP_SHARED mapping of /dev/zero are seen by the "
       "child, and the child's by the parent." },
  { 1, "With MAP_PRIVATE, the child's copy starts with what the parent stored before fork()." },
  { 0, "With MAP_PRIVATE, the parent sees the stores the child makes after fork()." },
  { 1, "An unrelated process that opens /dev/zero and maps it MAP_SHARED sees only zeros, not the "
       "page that a parent and its child share." },
  { 1, "A child's new mmap() of the /dev/zero descriptor it inherited gives a new page of zeros, "
       "not the parent's shared page." },
  { 1, "Opening another process's /proc/PID/fd link to a memfd and mapping it MAP_SHARED gives "
       "the same memory that process maps." },
  { 0, "A zombie keeps its memory until its parent calls waitpid()." },
  { 0, "clock_gettime() never makes a system call, whatever the clock." },
  { 1, "The kernel moves an io_uring's CQ tail on in the program's own mapping: loading the tail "
       "(with acquire ordering) shows a new completion, no read() needed." },
  { 0, "The program moves the CQ tail on when it has read a completion." },
  { 1, "With kernel.io_uring_disabled at 2, every io_uring_setup() fails with EPERM; rings made "
       "before keep working." },
  { 0, "With kernel.io_uring_disabled at 1, no process may make a ring, root with CAP_SYS_ADMIN "
       "included." },
};
#define N_SECOND_FACTS (sizeof second_facts / sizeof second_facts[0])

/* The meanings of D's entries from index FROM on: each fits a quiz
   choice's two rows at 80x24, and none spells its word out (words of 4
   bytes or less excepted, as in test_lesson_terms). */
static void
meanings_fit (const struct deck *D, size_t from, const char *what)
{
  int fit = 1, spelt = 0;
  for (size_t i = from; i < D->nentries; i++)
    {
      char line[1200];
      snprintf (line, sizeof line, "> 4) %s", D->entries[i].means);
      if (wrapped_rows (line, 72) > 2)
        {
          tap_diag ("'%s': its meaning takes %d rows as a quiz choice", D->entries[i].word,
                    wrapped_rows (line, 72));
          fit = 0;
        }
      if (strlen (D->entries[i].word) > 4 && has_icase (D->entries[i].means, D->entries[i].word))
        {
          tap_diag ("'%s': its meaning spells the word out", D->entries[i].word);
          spelt++;
        }
    }
  tap_ok (fit, "%s: every meaning fits a quiz choice's two rows at 80x24", what);
  tap_int (spelt, 0, "%s: no meaning spells its word out", what);
}

static void
test_second_deck (void)
{
  struct deck D = { 0 };
  struct errs e = { 0 };
  char second[4096], real[4096];
  snprintf (second, sizeof second, "%s", src_path (SECOND_DECK));
  snprintf (real, sizeof real, "%s", src_path ("data/shared-memory.deck"));

  /* Alone: it checks clean, and has neither title nor order (the folder's
     are shared-memory.deck's). */
  int rc = deck_load (second, &D, record, &e);
  if (!int_is (rc, 0, SECOND_DECK " alone: 0 errors"))
    show_errs (&e);
  tap_ok (D.title == NULL && D.norder == 0, SECOND_DECK ": no title and no order");
  int terms = 0, concepts = 0, t = 0, f = 0;
  for (size_t i = 0; i < D.nentries; i++)
    {
      terms += D.entries[i].kind == DECK_TERM;
      concepts += D.entries[i].kind == DECK_CONCEPT;
    }
  for (size_t i = 0; i < D.nfacts; i++)
    {
      t += D.facts[i].truth == 1;
      f += D.facts[i].truth == 0;
    }
  int_is (terms, (long long) N_SECOND, SECOND_DECK ": %d terms", (int) N_SECOND);
  int_is (concepts, (long long) N_SECOND_CONCEPTS, SECOND_DECK ": %d key concepts",
          (int) N_SECOND_CONCEPTS);
  tap_ok (t == 47 && f == 22, SECOND_DECK ": 69 facts, 47 true and 22 false (got %d, %d)", t, f);
  for (size_t i = 0; i < N_SECOND; i++)
    {
      const struct deck_entry *x = find_entry (&D, DECK_TERM, second_terms[i].word);
      tap_ok (x && strstr (x->means, second_terms[i].has1) && strstr (x->means, second_terms[i].has2),
              "term '%s': in the glossary, its meaning says \"%s\" and \"%s\"",
              second_terms[i].word, second_terms[i].has1, second_terms[i].has2);
    }
  for (size_t i = 0; i < N_SECOND_CONCEPTS; i++)
    tap_ok (find_entry (&D, DECK_CONCEPT, second_concepts[i]) != NULL,
            "key concept '%s' is there", second_concepts[i]);
  meanings_fit (&D, 0, SECOND_DECK);

  /* Its memory aids: an acronym and a tool first, then two rhymes and two
     stories, each with words to hide.  A rhyme's or a story's card is
     keyed by its place among the folder's aids, and this file is read
     before shared-memory.deck: neither the 1st aid may be a rhyme nor the
     2nd a story, or its card would take over the progress that the
     seed's rhyme (rhyme:1) and story (story:2) had before this file. */
  int_is (D.naids, 6, SECOND_DECK ": 6 memory aids");
  tap_ok (D.naids >= 2 && D.aids[0].kind != AID_RHYME && D.aids[1].kind != AID_STORY,
          SECOND_DECK ": no rhyme 1st, no story 2nd among the aids");
  const struct deck_aid *a = find_aid (&D, AID_ACRONYM);
  if (tap_ok (a && strcmp (a->name, "vDSO") == 0 && a->nparts == 4,
              SECOND_DECK ": the acronym vDSO, 4 parts"))
    tap_ok (strcmp (a->parts[0].stands_for, "Virtual") == 0
            && strcmp (a->parts[1].stands_for, "Dynamic") == 0
            && strcmp (a->parts[2].stands_for, "Shared") == 0
            && strcmp (a->parts[3].stands_for, "Object") == 0,
            "vDSO: virtual dynamic shared object, as vdso(7) spells it out");
  a = find_aid (&D, AID_TOOL);
  tap_ok (a && strcmp (a->name, "Five ways to meet") == 0 && a->nparts == 5,
          SECOND_DECK ": the tool 'Five ways to meet', 5 parts");
  int hide = 0, texts = 0;
  for (size_t i = 0; i < D.naids; i++)
    if (D.aids[i].kind == AID_RHYME || D.aids[i].kind == AID_STORY)
      {
        size_t s0, e0;
        texts++;
        hide += deck_aid_blank (&D.aids[i], &s0, &e0) == 0;
      }
  tap_ok (texts == 4 && hide == 4, SECOND_DECK ": 4 rhymes and stories, each hides words "
          "(got %d of %d)", hide, texts);

  /* With shared-memory.deck, in the folder's order (by name, so this file
     first): one deck, no word of either repeated, one title, one order. */
  size_t n2 = D.nentries, a2 = D.naids, f2 = D.nfacts;
  e.n = 0;
  rc = deck_load (real, &D, record, &e);
  if (!int_is (rc, 0, "the folder's two decks together: 0 errors (no term repeated, one title, "
               "one order)"))
    show_errs (&e);
  tap_ok (D.nentries == n2 + 25 && D.naids == a2 + 4 && D.nfacts == f2 + 38,
          "together: %zu + 25 entries, %zu + 4 aids, %zu + 38 facts (got %zu, %zu, %zu)", n2, a2,
          f2, D.nentries, D.naids, D.nfacts);
  tap_str (D.title, "Example of Shared Memory", "together: shared-memory.deck's title");
  tap_int (D.norder, 6, "together: shared-memory.deck's order of 6 calls");
  meanings_fit (&D, 0, "together");
  int dup = 0;
  for (size_t i = 0; i < D.nfacts; i++)
    for (size_t j = i + 1; j < D.nfacts; j++)
      dup += strcmp (D.facts[i].text, D.facts[j].text) == 0;
  tap_int (dup, 0, "together: no fact is given twice");
  for (size_t k = 0; k < N_SECOND_FACTS; k++)
    {
      int found = -1;
      for (size_t i = 0; i < D.nfacts; i++)
        if (strcmp (D.facts[i].text, second_facts[k].text) == 0)
          found = D.facts[i].truth;
      tap_ok (found == second_facts[k].truth, "fact (%s): %s", second_facts[k].truth ? "true" : "false",
              second_facts[k].text);
    }
  deck_free (&D);
}

/* Every deck of data/ is installed and shipped: each is named in
   dist_deck_DATA in Makefile.am, so that make install and make dist (and
   so make distcheck) carry it. */
static void
test_decks_shipped (void)
{
  char *mk = slurp (src_path ("Makefile.am"), NULL);
  if (!mk)
    {
      tap_ok (0, "Makefile.am can be read");
      return;
    }
  /* dist_deck_DATA = ... to the end of its line, continuations included. */
  char list[4096] = "";
  const char *at = strstr (mk, "\ndist_deck_DATA =");
  if (at)
    {
      size_t used = 0;
      for (at += 1; *at && used + 1 < sizeof list; at++)
        {
          if (*at == '\\' && at[1] == '\n')
            {
              at++;
              list[used++] = ' ';
              continue;
            }
          if (*at == '\n')
            break;
          list[used++] = *at;
        }
      list[used] = '\0';
    }
  tap_ok (list[0] != '\0', "Makefile.am has a dist_deck_DATA line");
  DIR *d = opendir (src_path ("data"));
  int decks = 0;
  if (!tap_ok (d != NULL, "data/ can be listed"))
    {
      free (mk);
      return;
    }
  struct dirent *de;
  while ((de = readdir (d)))
    {
      size_t len = strlen (de->d_name);
      if (len <= 5 || de->d_name[0] == '.' || strcmp (de->d_name + len - 5, ".deck") != 0)
        continue;
      char want[300];
      snprintf (want, sizeof want, " data/%s ", de->d_name);
      char padded[4200];
      snprintf (padded, sizeof padded, " %s ", list);
      for (char *c = padded; *c; c++)
        if (*c == '\t')
          *c = ' ';
      decks++;
      tap_ok (strstr (padded, want) != NULL, "data/%s is in dist_deck_DATA", de->d_name);
    }
  closedir (d);
  tap_ok (decks >= 2, "data/ holds the shipped decks (%d)", decks);
  free (mk);
}

static void
test_fixtures (void)
{
  static const struct { const char *file; int nerr, line; const char *word; } bad[] = {
    { "bad-unknown-key.deck", 1, 12, "unknown key 'defintion'" },
    { "bad-no-means.deck", 1, 7, "term 'Page' has no 'means'" },
    { "bad-duplicate-term.deck", 1, 10, "duplicate term 'MMAP'" },
    { "bad-part.deck", 1, 11, "'part' outside a tool or acronym" },
    { "bad-acronym.deck", 1, 7, "the parts of acronym 'MAP' spell 'MAO'" },
    { "bad-fact.deck", 1, 8, "a fact is 'true | statement' or 'false | statement'" },
    { "bad-order.deck", 1, 6, "an order lists 2 to 64 calls" },
    { "bad-binary.deck", 1, 7, "binary data (a NUL byte)" },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      struct deck D = { 0 };
      struct errs e = { 0 };
      char rel[128], file[4096];
      snprintf (rel, sizeof rel, "tests/fixtures/%s", bad[i].file);
      snprintf (file, sizeof file, "%s", src_path (rel));
      int rc = deck_load (file, &D, record, &e);
      int ok = int_is (rc, bad[i].nerr, "%s: %d error%s", bad[i].file, bad[i].nerr,
                       bad[i].nerr == 1 ? "" : "s");
      ok &= tap_ok (err_is (&e, 0, file, bad[i].line, bad[i].word), "%s: line %d, '%s'",
                    bad[i].file, bad[i].line, bad[i].word);
      if (!ok)
        show_errs (&e);
      deck_free (&D);
    }
  struct deck D = { 0 };
  struct errs e = { 0 };
  int rc = deck_load (src_path ("tests/fixtures/good-extra.deck"), &D, record, &e);
  if (!int_is (rc, 0, "good-extra.deck alone: 0 errors"))
    show_errs (&e);
  tap_ok (D.title == NULL && D.nentries == 3 && D.naids == 1 && D.nfacts == 2 && D.norder == 0,
          "good-extra.deck: no title, 3 entries, 1 aid, 2 facts, no order");
  deck_free (&D);
}

int
main (void)
{
  struct deck D = { 0 };
  top = getenv ("abs_top_srcdir");
  if (!top || !*top)
    tap_skip_all ("abs_top_srcdir is not set");
  test_real_deck (&D);
  test_against_seed (&D);
  test_lesson_terms (&D);
  test_blank (&D);
  deck_free (&D);
  test_bad ();
  test_good_forms ();
  test_two_files ();
  test_second_deck ();
  test_decks_shipped ();
  test_fixtures ();
  return tap_done ();
}
