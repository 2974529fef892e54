/* visible.c - text shown to a person: no byte of it acts on the terminal.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>

#include "visible.h"
#include "xalloc.h"

/* Where text_visible writes: OUT holds the start of the shown text for as
   long as every piece fitted whole; TOTAL counts all of it. */
struct sink {
  char *out;
  size_t len, used, total;
};

static void
put (struct sink *k, const char *p, size_t m)
{
  if (k->used == k->total && k->len > 0 && k->used + m < k->len)
    {
      memcpy (k->out + k->used, p, m);
      k->used += m;
    }
  k->total += m;
}

/* Byte C as a C escape. */
static void
put_escape (struct sink *k, unsigned char c)
{
  static const char letters[] = "\a" "a" "\b" "b" "\f" "f" "\n" "n" "\r" "r" "\v" "v";
  char tmp[8];
  for (size_t i = 0; i + 1 < sizeof letters; i += 2)
    if ((unsigned char) letters[i] == c)
      {
        tmp[0] = '\\';
        tmp[1] = letters[i + 1];
        put (k, tmp, 2);
        return;
      }
  snprintf (tmp, sizeof tmp, "\\%03o", c);
  put (k, tmp, 4);
}

/* The length of the UTF-8 character at S (N bytes left) and its code point
   in *CP; 0 when the bytes there are no character (a stray continuation, a
   sequence cut short, an overlong form, a surrogate, past U+10FFFF). */
static size_t
u8_char (const unsigned char *s, size_t n, unsigned *cp)
{
  unsigned c = s[0];
  size_t k;
  unsigned lo = 0x80, hi = 0xbf;    /* the second byte's range */
  if (c >= 0xc2 && c <= 0xdf)
    k = 2;
  else if (c >= 0xe0 && c <= 0xef)
    {
      k = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      k = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;
  if (n < k || s[1] < lo || s[1] > hi)
    return 0;
  unsigned v = c & (0xffu >> (k + 1));
  for (size_t i = 1; i < k; i++)
    {
      if (i > 1 && (s[i] & 0xc0) != 0x80)
        return 0;
      v = v << 6 | (s[i] & 0x3fu);
    }
  *cp = v;
  return k;
}

/* Is code point CP one that is never shown as itself? */
static int
hidden_point (unsigned cp)
{
  return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t
text_visible (const char *s, size_t n, char *out, size_t len, int flags)
{
  struct sink k = { out, len, 0, 0 };
  const unsigned char *u = (const unsigned char *) s;
  size_t col = 0;
  int utf8 = MB_CUR_MAX > 1;
  for (size_t i = 0; i < n;)
    {
      unsigned c = u[i], cp;
      if (c == '\t')
        {
          do
            {
              put (&k, " ", 1);
              col++;
            }
          while (col % 8);
          i++;
        }
      else if (c == '\n' && (flags & VISIBLE_KEEP_NL))
        {
          put (&k, "\n", 1);
          col = 0;
          i++;
        }
      else if (c < 0x20 || c == 0x7f)
        {
          put_escape (&k, (unsigned char) c);
          col += c == 0x7f || c == 0 || !strchr ("\a\b\f\n\r\v", (int) c) ? 4 : 2;
          i++;
        }
      else if (c < 0x80)
        {
          put (&k, s + i, 1);
          col++;
          i++;
        }
      else
        {
          /* Outside a UTF-8 locale the terminal takes bytes, and 0x80 to
             0x9f are C1 controls to an 8-bit one: every byte shown. */
          size_t m = utf8 ? u8_char (u + i, n - i, &cp) : 0;
          if (m == 0)
            {
              put_escape (&k, (unsigned char) c);
              col += 4;
              i++;
            }
          else if (hidden_point (cp))
            {
              for (size_t j = 0; j < m; j++)
                put_escape (&k, u[i + j]);
              col += 4 * m;
              i += m;
            }
          else
            {
              put (&k, s + i, m);
              col++;
              i += m;
            }
        }
    }
  if (len > 0)
    out[k.used] = '\0';
  return k.total;
}

int
text_is_visible (const char *s, size_t n, int flags)
{
  const unsigned char *u = (const unsigned char *) s;
  for (size_t i = 0; i < n;)
    {
      unsigned cp;
      if (u[i] == '\n' && (flags & VISIBLE_KEEP_NL))
        {
          i++;
          continue;
        }
      if (u[i] < 0x20 || u[i] == 0x7f)
        return 0;
      if (u[i] < 0x80)
        {
          i++;
          continue;
        }
      size_t m = MB_CUR_MAX > 1 || (flags & VISIBLE_UTF8) ? u8_char (u + i, n - i, &cp) : 0;
      if (m == 0 || hidden_point (cp))
        return 0;
      i += m;
    }
  return 1;
}

/* Print the N bytes of S to F as they are shown.  Returns the bytes
   printed, or -1. */
static long
put_shown (FILE *f, const char *s, size_t n)
{
  char small[256];
  size_t need = text_visible (s, n, small, sizeof small, 0);
  char *buf = small;
  if (need >= sizeof small)
    {
      buf = xmalloc (need + 1);
      text_visible (s, n, buf, need + 1, 0);
    }
  long rc = fwrite (buf, 1, need, f) == need ? (long) need : -1;
  if (buf != small)
    free (buf);
  return rc;
}

/* The lengths a conversion may have. */
enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T };

/* Format one number of conversion CONV with length LM (SPEC is the whole
   conversion) from AP into BUF (size LEN).  Returns snprintf's count, or
   -1 for a conversion not taken. */
static int
format_number (char *buf, size_t len, const char *spec, char conv, enum len_mod lm, va_list *ap)
{
  int is_signed = conv == 'd' || conv == 'i';
  if (conv == 'p' && lm == LEN_NONE)
    return snprintf (buf, len, spec, va_arg (*ap, void *));
  if (!conv || !strchr ("diuxXo", conv))
    return -1;
  switch (lm)
    {
    case LEN_NONE:
    case LEN_HH:
    case LEN_H:
      return is_signed ? snprintf (buf, len, spec, va_arg (*ap, int))
                       : snprintf (buf, len, spec, va_arg (*ap, unsigned));
    case LEN_L:
      return is_signed ? snprintf (buf, len, spec, va_arg (*ap, long))
                       : snprintf (buf, len, spec, va_arg (*ap, unsigned long));
    case LEN_LL:
      return is_signed ? snprintf (buf, len, spec, va_arg (*ap, long long))
                       : snprintf (buf, len, spec, va_arg (*ap, unsigned long long));
    case LEN_Z:
      return is_signed ? snprintf (buf, len, spec, va_arg (*ap, ssize_t))
                       : snprintf (buf, len, spec, va_arg (*ap, size_t));
    case LEN_J:
      return is_signed ? snprintf (buf, len, spec, va_arg (*ap, intmax_t))
                       : snprintf (buf, len, spec, va_arg (*ap, uintmax_t));
    case LEN_T:
      return snprintf (buf, len, spec, va_arg (*ap, ptrdiff_t));
    }
  return -1;
}

/* Copy the digits at *P into SPEC (*SN bytes used, room for 64). */
static void
take_digits (const char **p, char *spec, size_t *sn)
{
  while (**p >= '0' && **p <= '9' && *sn < 40)
    spec[(*sn)++] = *(*p)++;
}

/* A number taken for a '*' into SPEC. */
static void
take_star (int v, char *spec, size_t *sn)
{
  int w = snprintf (spec + *sn, 64 - *sn, "%d", v);
  if (w > 0)
    *sn += (size_t) w;
}

int
text_printf_visible (FILE *f, const char *fmt, ...)
{
  va_list ap;
  long total = 0;
  int bad = 0;
  va_start (ap, fmt);
  for (const char *p = fmt; *p && !bad;)
    {
      size_t lit = strcspn (p, "%");
      if (lit && fwrite (p, 1, lit, f) != lit)
        bad = 1;
      total += (long) lit;
      p += lit;
      if (*p != '%')
        break;
      if (p[1] == '%')
        {
          bad |= putc ('%', f) == EOF;
          total++;
          p += 2;
          continue;
        }
      const char *start = p++;
      char spec[64];
      size_t sn = 0;
      spec[sn++] = '%';
      while (*p && strchr ("-+ #0", *p) && sn < 8)
        spec[sn++] = *p++;
      if (*p == '*')
        {
          take_star (va_arg (ap, int), spec, &sn);
          p++;
        }
      else
        take_digits (&p, spec, &sn);
      if (*p == '.')
        {
          spec[sn++] = *p++;
          if (*p == '*')
            {
              int v = va_arg (ap, int);
              /* A negative precision is taken as none. */
              if (v < 0)
                sn--;
              else
                take_star (v, spec, &sn);
              p++;
            }
          else
            take_digits (&p, spec, &sn);
        }
      enum len_mod lm = LEN_NONE;
      static const struct { const char *s; enum len_mod lm; } mods[] = {
        { "hh", LEN_HH }, { "h", LEN_H }, { "ll", LEN_LL }, { "l", LEN_L },
        { "z", LEN_Z }, { "j", LEN_J }, { "t", LEN_T },
      };
      for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++)
        if (strncmp (p, mods[i].s, strlen (mods[i].s)) == 0)
          {
            lm = mods[i].lm;
            for (const char *m = mods[i].s; *m; m++)
              spec[sn++] = *p++;
            break;
          }
      char conv = *p;
      if (conv)
        p++;
      spec[sn++] = conv;
      spec[sn] = '\0';
      char num[128];
      int w;
      if ((conv == 's' || conv == 'c') && lm == LEN_NONE)
        {
          /* Padded and cut as printf would, then shown; a %c of NUL is a
             byte too, counted by snprintf's result. */
          const char *s = NULL;
          int ch = 0;
          if (conv == 's')
            s = va_arg (ap, const char *);
          else
            ch = va_arg (ap, int);
          w = conv == 's' ? snprintf (num, sizeof num, spec, s)
                          : snprintf (num, sizeof num, spec, ch);
          char *buf = num;
          if (w >= (int) sizeof num)
            {
              buf = xmalloc ((size_t) w + 1);
              if (conv == 's')
                snprintf (buf, (size_t) w + 1, spec, s);
              else
                snprintf (buf, (size_t) w + 1, spec, ch);
            }
          long m = w < 0 ? -1 : put_shown (f, buf, (size_t) w);
          if (buf != num)
            free (buf);
          if (m < 0)
            bad = 1;
          else
            total += m;
          continue;
        }
      va_list again;
      va_copy (again, ap);
      w = (conv == 's' || conv == 'c') ? -1 : format_number (num, sizeof num, spec, conv, lm, &ap);
      if (w >= (int) sizeof num)
        {
          /* Wider than the buffer: formatted again, whole. */
          char *big = xmalloc ((size_t) w + 1);
          format_number (big, (size_t) w + 1, spec, conv, lm, &again);
          bad |= fwrite (big, 1, (size_t) w, f) != (size_t) w;
          total += w;
          free (big);
          va_end (again);
          continue;
        }
      va_end (again);
      if (w < 0)
        {
          /* Not a conversion of ours: the rest is printed as it is, with
             no argument taken. */
          size_t rest = strlen (start);
          bad |= fwrite (start, 1, rest, f) != rest;
          total += (long) rest;
          break;
        }
      bad |= fwrite (num, 1, (size_t) w, f) != (size_t) w;
      total += w;
    }
  va_end (ap);
  return bad || total > INT32_MAX ? -1 : (int) total;
}
