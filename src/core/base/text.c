/* text.c - small string helpers shared by the core modules.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* The escaped form of byte C into TMP (at least 8 bytes); returns its length. */
static size_t
escape_one (unsigned char c, char *tmp)
{
  if (c == '\n')
    return (size_t) snprintf (tmp, 8, "\\n");
  if (c == '\t')
    return (size_t) snprintf (tmp, 8, "\\t");
  if (c == '"' || c == '\\')
    return (size_t) snprintf (tmp, 8, "\\%c", c);
  if (c < 0x20 || c == 0x7f)
    return (size_t) snprintf (tmp, 8, "\\%03o", c);   /* octal ends after 3 digits */
  tmp[0] = (char) c;
  tmp[1] = '\0';
  return 1;
}

char *
text_c_escape (const char *s, char *out, size_t len)
{
  char tmp[8];
  size_t total = 0, j = 0;
  if (len == 0)
    return out;
  for (const char *p = s; *p; p++)
    total += escape_one ((unsigned char) *p, tmp);
  /* Only a text that does not fit is cut, and then "..." says so. */
  size_t room = total < len ? len - 1 : (len > 4 ? len - 4 : 0);
  for (; *s; s++)
    {
      size_t n = escape_one ((unsigned char) *s, tmp);
      if (j + n > room)
        break;
      memcpy (out + j, tmp, n);
      j += n;
    }
  if (total >= len && len >= 4)
    {
      memcpy (out + j, "...", 3);
      j += 3;
    }
  out[j] = '\0';
  return out;
}

static int
hexval (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

size_t
text_c_unescape (const char *s, char *out, size_t len)
{
  size_t j = 0;
  if (len == 0)
    return (size_t) -1;
  while (*s)
    {
      int c = (unsigned char) *s++;
      if (c == '\\')
        {
          int e = (unsigned char) *s++;
          switch (e)
            {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case '\\': c = '\\'; break;
            case '"': c = '"'; break;
            case '\'': c = '\''; break;
            case '?': c = '?'; break;
            case 'a': c = '\a'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'v': c = '\v'; break;
            case 'x':
              {
                int h1 = hexval (s[0]), h2 = h1 >= 0 ? hexval (s[1]) : -1;
                /* C reads every hex digit that follows: "\x41BC" is one
                   (too large) character there, so it is refused here. */
                if (h1 < 0 || (h2 >= 0 && hexval (s[2]) >= 0))
                  return (size_t) -1;
                c = h2 >= 0 ? h1 * 16 + h2 : h1;
                s += h2 >= 0 ? 2 : 1;
                break;
              }
            case '0': case '1': case '2': case '3':
            case '4': case '5': case '6': case '7':
              {
                /* Up to three octal digits: \033 */
                c = e - '0';
                for (int k = 0; k < 2 && *s >= '0' && *s <= '7'; k++)
                  c = c * 8 + (*s++ - '0');
                if (c > 255)
                  return (size_t) -1;
                break;
              }
            default:
              return (size_t) -1;
            }
          if (c == 0)
            return (size_t) -1;     /* an embedded NUL would end the string */
        }
      if (j + 1 >= len)
        return (size_t) -1;
      out[j++] = (char) c;
    }
  out[j] = '\0';
  return j;
}

int
text_format_ok (const char *fmt)
{
  int conversions = 0;
  for (const char *p = fmt; *p; p++)
    {
      if (*p != '%')
        continue;
      if (p[1] == '%')
        {
          p++;
          continue;
        }
      if (p[1] != 's')
        return 0;
      conversions++;
      p++;
    }
  return conversions == 1;
}

int
text_append (char *buf, size_t len, size_t *used, const char *fmt, ...)
{
  va_list ap;
  int n;
  if (*used >= len)
    return -1;
  va_start (ap, fmt);
  n = vsnprintf (buf + *used, len - *used, fmt, ap);
  va_end (ap);
  if (n < 0)
    return -1;
  if ((size_t) n >= len - *used)
    {
      *used = len - 1;
      return -1;
    }
  *used += (size_t) n;
  return 0;
}

int
text_utf8_valid (const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *) s, *end = p + n;
  while (p < end)
    {
      unsigned c = *p++;
      int more;
      unsigned min;
      if (c < 0x80)
        continue;
      else if ((c & 0xe0) == 0xc0)
        more = 1, min = 0x80, c &= 0x1f;
      else if ((c & 0xf0) == 0xe0)
        more = 2, min = 0x800, c &= 0x0f;
      else if ((c & 0xf8) == 0xf0)
        more = 3, min = 0x10000, c &= 0x07;
      else
        return 0;
      if (end - p < more)
        return 0;
      for (int i = 0; i < more; i++)
        {
          if ((p[i] & 0xc0) != 0x80)
            return 0;
          c = (c << 6) | (p[i] & 0x3f);
        }
      p += more;
      if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    }
  return 1;
}

/* Decode the UTF-8 character that ends at byte END of S (END > 0); *START
   gets where it begins.  A broken sequence counts as one byte. */
static unsigned
char_before (const char *s, size_t end, size_t *start)
{
  const unsigned char *u = (const unsigned char *) s;
  size_t b = end - 1;
  while (b > 0 && end - b < 4 && (u[b] & 0xc0) == 0x80)
    b--;
  unsigned c = u[b];
  int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
  if ((size_t) more != end - b - 1 || !text_utf8_valid (s + b, end - b))
    {
      *start = end - 1;
      return u[end - 1];
    }
  c &= more == 3 ? 0x07 : more == 2 ? 0x0f : more == 1 ? 0x1f : 0x7f;
  for (size_t i = b + 1; i < end; i++)
    c = (c << 6) | (u[i] & 0x3f);
  *start = b;
  return c;
}

int
text_is_word (unsigned c)
{
  if (c < 0x80)
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  /* Outside ASCII, everything but the punctuation and spaces of Latin-1,
     the General Punctuation block, and CJK punctuation is a letter. */
  return !(c <= 0xbf || c == 0xd7 || c == 0xf7 || (c >= 0x2000 && c <= 0x206f)
           || (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x303f)
           || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff0f));
}

int
text_last_word (const char *s, size_t *start, size_t *end)
{
  size_t e = strlen (s), b;
  /* Skip what follows the word, then take the word (an apostrophe inside
     it too). */
  while (e > 0 && !text_is_word (char_before (s, e, &b)))
    e = b;
  size_t st = e;
  while (st > 0)
    {
      unsigned c = char_before (s, st, &b);
      if (!text_is_word (c) && c != '\'')
        break;
      st = b;
    }
  if (st == e)
    return -1;
  *start = st;
  *end = e;
  return 0;
}

char *
text_words_only (const char *s, char *out, size_t len)
{
  size_t j = 0;
  const unsigned char *u = (const unsigned char *) s;
  if (!len)
    return out;
  for (size_t i = 0; u[i];)
    {
      /* Find the end of this character, then decide on the whole of it. */
      size_t n = 1;
      if (u[i] >= 0xc0)
        while (n < 4 && (u[i + n] & 0xc0) == 0x80)
          n++;
      size_t b;
      unsigned c = char_before (s, i + n, &b);
      if (b != i)
        n = 1, c = u[i];
      if (text_is_word (c) && j + n < len)
        {
          for (size_t k = 0; k < n; k++)
            out[j++] = (char) (n == 1 && u[i] < 0x80 && u[i] >= 'A' && u[i] <= 'Z'
                               ? u[i] + 32 : u[i + k]);
        }
      i += n;
    }
  out[j] = '\0';
  return out;
}
