/* test-visible.c - text shown to a person: control characters as escapes.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>

#include "tap.h"
#include "visible.h"

static char out[512];

/* S shown, with FLAGS. */
static const char *
shown (const char *s, int flags)
{
  text_visible (s, strlen (s), out, sizeof out, flags);
  return out;
}

/* What text_printf_visible printed, through a temporary file. */
static char printed[512];

#define PRINTED(...)                                                     \
  do {                                                                   \
    FILE *f_ = tmpfile ();                                               \
    int n_ = f_ ? text_printf_visible (f_, __VA_ARGS__) : -1;            \
    size_t got_ = 0;                                                     \
    if (f_)                                                              \
      {                                                                  \
        rewind (f_);                                                     \
        got_ = fread (printed, 1, sizeof printed - 1, f_);               \
        fclose (f_);                                                     \
      }                                                                  \
    printed[got_] = '\0';                                                \
    tap_int (n_, (int) got_, "text_printf_visible's count is what it printed"); \
  } while (0)

int
main (void)
{
  /* As the tutor runs in the tests: a UTF-8 locale. */
  if (!setlocale (LC_ALL, "C.UTF-8"))
    {
      tap_skip ("no C.UTF-8 locale here");
      return tap_done ();
    }
  tap_str (shown ("plain text, caf\xc3\xa9", 0), "plain text, caf\xc3\xa9",
           "printable ASCII and UTF-8 stay as they are");
  tap_str (shown ("\033]0;PWNED\007\033[31mred", 0), "\\033]0;PWNED\\a\\033[31mred",
           "a title's OSC and colour sequences are shown, not sent");
  tap_str (shown ("a\rb\bc\fd\ve\nf", 0), "a\\rb\\bc\\fd\\ve\\nf", "C escapes where C has a letter");
  tap_str (shown ("x\001y\037z\177", 0), "x\\001y\\037z\\177", "other C0 and DEL in octal");
  tap_str (shown ("\xc2\x9b" "2J", 0), "\\302\\2332J", "C1 (U+009B, CSI) shown byte by byte");
  tap_str (shown ("\xc2\x85", 0), "\\302\\205", "C1 NEL shown");
  tap_str (shown ("\xc2\xa0", 0), "\xc2\xa0", "U+00A0 (after C1) stays");
  tap_str (shown ("ok\xe2\x80\xae" "cba", 0), "ok\\342\\200\\256cba",
           "U+202E (right-to-left override) shown");
  tap_str (shown ("\xe2\x81\xa6x\xe2\x81\xa9", 0), "\\342\\201\\246x\\342\\201\\251",
           "U+2066 and U+2069 (isolates) shown");
  tap_str (shown ("\xe2\x80\x8e", 0), "\xe2\x80\x8e", "U+200E (a mark) stays");
  tap_str (shown ("\xe2\x80\xa6", 0), "\xe2\x80\xa6", "U+2026 (an ellipsis) stays");
  tap_str (shown ("\xff" "a\x80", 0), "\\377a\\200", "bytes that are no UTF-8 shown");
  tap_str (shown ("\xc0\x80", 0), "\\300\\200", "an overlong form shown");
  tap_str (shown ("\xed\xa0\x80", 0), "\\355\\240\\200", "a surrogate shown");
  tap_str (shown ("\xf4\x90\x80\x80", 0), "\\364\\220\\200\\200", "past U+10FFFF shown");
  tap_str (shown ("\xf0\x9f\x98\x80", 0), "\xf0\x9f\x98\x80", "U+1F600 stays");
  tap_str (shown ("\xe2\x80", 0), "\\342\\200", "a character cut short shown");
  tap_str (shown ("a\tb", 0), "a       b", "a tab: blanks to column 8");
  tap_str (shown ("12345678\tx", 0), "12345678        x", "a tab at column 8: eight blanks");
  tap_str (shown ("\033\tx", 0), "\\033    x", "a tab counts the columns of an escape");
  tap_str (shown ("ab\ncd", VISIBLE_KEEP_NL), "ab\ncd", "VISIBLE_KEEP_NL keeps a newline");
  tap_str (shown ("ab\n\tc", VISIBLE_KEEP_NL), "ab\n        c", "a tab counts from its line");
  tap_str (shown ("back\\slash", 0), "back\\slash", "a backslash stays one");
  tap_int ((int) text_visible ("a\0b", 3, out, sizeof out, 0), 6, "a NUL inside N is shown");
  tap_str (out, "a\\000b", "NUL as \\000");

  char small[6];
  tap_int ((int) text_visible ("ab\033cd", 5, small, sizeof small, 0), 8,
           "the whole length is returned when it does not fit");
  tap_str (small, "ab", "a cut never splits an escape");
  tap_int ((int) text_visible ("abcde\xc3\xa9", 7, small, sizeof small, 0), 7,
           "length of a text ending in a 2-byte character");
  tap_str (small, "abcde", "a cut never splits a character");
  tap_int ((int) text_visible ("abc", 3, NULL, 0, 0), 3, "LEN 0 only measures");

  tap_ok (text_is_visible ("plain \xc3\xa9", 8, 0), "text_is_visible: plain");
  tap_ok (!text_is_visible ("a\tb", 3, 0), "text_is_visible: a tab changes");
  tap_ok (!text_is_visible ("\xc2\x9b", 2, 0), "text_is_visible: C1");
  tap_ok (!text_is_visible ("\xe2\x80\xae", 3, 0), "text_is_visible: U+202E");
  tap_ok (!text_is_visible ("\xe2", 1, 0), "text_is_visible: cut short");
  tap_ok (!text_is_visible ("a\nb", 3, 0), "text_is_visible: a newline changes");
  tap_ok (text_is_visible ("a\nb", 3, VISIBLE_KEEP_NL), "text_is_visible: a newline kept");

  PRINTED ("%s: %s\n", "f\033[2Jile", "line\nbreak");
  tap_str (printed, "f\\033[2Jile: line\\nbreak\n",
           "the format's newline is kept, an argument's is shown");
  PRINTED ("[%5s|%-4s|%.3s|%.*s|%*s]", "ab", "c", "\033xyz", 2, "hello", 3, "z");
  tap_str (printed, "[   ab|c   |\\033xy|he|  z]", "width and precision, then shown");
  PRINTED ("%d %i %u %x %X %o %ld %lu %lld %llu %zu %zd %hhd %hd %jd %td %c%c %%",
           -1, 2, 3u, 255u, 255u, 8u, -4L, 5UL, -6LL, 7ULL, (size_t) 8, (ssize_t) -9, 10, 11,
           (intmax_t) 12, (ptrdiff_t) 13, 'a', '\033');
  tap_str (printed, "-1 2 3 ff FF 10 -4 5 -6 7 8 -9 10 11 12 13 a\\033 %", "every conversion taken");
  PRINTED ("%+05d|%-3d|%#x|%.*s|", 7, 1, 255u, -1, "neg");
  tap_str (printed, "+0007|1  |0xff|neg|", "flags, and a negative precision is none");
  PRINTED ("[%c|%3c]", '\0', 'x');
  tap_str (printed, "[\\000|  x]", "a %%c of NUL is shown as \\000, a width kept");
  PRINTED ("%200d|", 5);
  tap_ok (strlen (printed) == 201 && printed[199] == '5', "a number wider than the buffer: "
          "all %zu bytes", strlen (printed));
  PRINTED ("%*d|", -4, 7);
  tap_str (printed, "7   |", "a negative '*' width: left-justified");
  PRINTED ("a %lc b", (wint_t) 'x');
  tap_str (printed, "a %lc b", "%%lc is not taken: the rest as written, no argument read");
  PRINTED ("%p", (void *) 0x1000);
  tap_str (printed, "0x1000", "the %%p conversion");
  PRINTED ("n=%d %f left", 1, 2.0);
  tap_str (printed, "n=1 %f left", "a conversion not taken: the rest as written");
  char *big = malloc (1000);
  if (big)
    {
      memset (big, 'x', 999);
      big[999] = '\0';
      big[500] = '\033';
      FILE *f = tmpfile ();
      int n = f ? text_printf_visible (f, "<%s>", big) : -1;
      tap_int (n, 1004, "a long argument is shown whole (999 bytes, one escape)");
      if (f)
        fclose (f);
      free (big);
    }
  /* Outside a UTF-8 locale bytes are bytes: 0x9b would be CSI to an
     8-bit terminal. */
  if (setlocale (LC_ALL, "C"))
    {
      tap_str (shown ("caf\xc3\xa9 \xc3\x9b", 0), "caf\\303\\251 \\303\\233",
               "in the C locale every byte from 0x80 is shown");
      tap_ok (!text_is_visible ("\xc3\xa9", 2, 0), "text_is_visible in the C locale: 0xc3 0xa9");
      tap_ok (text_is_visible ("caf\xc3\xa9", 5, VISIBLE_UTF8)
              && !text_is_visible ("x\xc2\x9b", 3, VISIBLE_UTF8),
              "VISIBLE_UTF8: a name in UTF-8 is one in any locale, a C1 in it still is not");
      setlocale (LC_ALL, "C.UTF-8");
    }
  FILE *full = fopen ("/dev/full", "w");
  if (full)
    {
      setvbuf (full, NULL, _IONBF, 0);
      tap_int (text_printf_visible (full, "%s\n", "x"), -1, "a write error is -1");
      fclose (full);
    }
  else
    tap_skip ("no /dev/full");
  return tap_done ();
}
