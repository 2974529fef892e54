/* cparse-split.c - where one statement of the console ends in what was
   typed or pasted, and a line with its comments made blanks.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <string.h>

#include "cparse-int.h"

/* ---- where a statement ends ------------------------------------------- */

/* Does a statement whose last character outside comments is C go on
   with the next line? */
static int
goes_on (int c)
{
  return c && strchr (",=+-*/%|&^<>!~?:(", c) != NULL;
}

/* Does the next line begin with a binary operator, so that the
   statement goes on there (a long sum broken before its '+')?  Not '*',
   '-' or '&', which begin statements of their own (*p = 'A'). */
static int
goes_on_next (const char *s)
{
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
    s++;
  if (s[0] == '/' && (s[1] == '/' || s[1] == '*'))
    return 0;
  return *s && strchr ("+/%|^?:.=<>", *s) != NULL;
}

enum cp_piece
cp_next (const char *text, size_t *at, size_t *start, size_t *len)
{
  size_t i = *at, from = (size_t) -1;
  int depth = 0, last = 0, hash = 0, code = 0;
  for (;;)
    {
      char c = text[i];
      if (c == '\0')
        break;
      if (c == '/' && text[i + 1] == '*')
        {
          const char *end = strstr (text + i + 2, "*/");
          if (!end)
            {
              /* A comment not closed: the next line goes on with it. */
              if (from == (size_t) -1)
                from = i;
              *start = from;
              *len = strlen (text + from);
              return CP_PIECE_OPEN;
            }
          if (from == (size_t) -1)
            from = i;
          i = (size_t) (end - text) + 2;
          continue;
        }
      if (c == '/' && text[i + 1] == '/')
        {
          if (from == (size_t) -1)
            from = i;
          while (text[i] && text[i] != '\n')
            i++;
          continue;
        }
      if (c == '\n')
        {
          if (code && (hash || (depth <= 0 && !goes_on (last) && !goes_on_next (text + i + 1))))
            {
              *start = from;
              *len = i - from;
              *at = i + 1;
              return CP_PIECE_WHOLE;
            }
          i++;
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\r')
        {
          i++;
          continue;
        }
      if (from == (size_t) -1)
        from = i;
      if (!code)
        {
          code = 1;
          hash = c == '#';
        }
      if (c == '"' || c == '\'')
        {
          i++;
          while (text[i] && text[i] != c && text[i] != '\n')
            i += text[i] == '\\' && text[i + 1] && text[i + 1] != '\n' ? 2 : 1;
          if (text[i] == c)
            i++;
          last = c;
          continue;
        }
      depth += c == '(' || c == '[';
      depth -= c == ')' || c == ']';
      last = (unsigned char) c;
      i++;
      if (c == ';' && depth <= 0 && !hash)
        {
          *start = from;
          *len = i - from;
          *at = i;
          return CP_PIECE_WHOLE;
        }
    }
  if (from == (size_t) -1)
    {
      *at = i;
      return CP_PIECE_NONE;
    }
  *start = from;
  *len = i - from;
  if (!hash && (depth > 0 || goes_on (last)))
    return CP_PIECE_OPEN;
  *at = i;
  return CP_PIECE_WHOLE;
}

/* ---- comments --------------------------------------------------------- */

/* LINE with its comments made blanks, into OUT (as long as LINE), so
   that every column stays where it was typed.  -1 when a comment is not
   closed. */
int
cp_blank_comments (const char *line, char *out)
{
  size_t i = 0;
  char q = 0;
  for (; line[i]; i++)
    {
      out[i] = line[i];
      if (q)
        {
          if (line[i] == '\\' && line[i + 1])
            out[i + 1] = line[i + 1], i++;
          else if (line[i] == q || line[i] == '\n')
            q = 0;
        }
      else if (line[i] == '"' || line[i] == '\'')
        q = line[i];
      else if (line[i] == '/' && line[i + 1] == '/')
        {
          for (; line[i] && line[i] != '\n'; i++)
            out[i] = ' ';
          /* The newline (or the end) is the loop's own to copy. */
          i--;
        }
      else if (line[i] == '/' && line[i + 1] == '*')
        {
          const char *end = strstr (line + i + 2, "*/");
          if (!end)
            return -1;
          for (size_t k = (size_t) (end - line) + 2; i < k; i++)
            out[i] = line[i] == '\n' ? '\n' : ' ';
          i--;
        }
      if (!line[i])
        break;
    }
  out[i] = '\0';
  return 0;
}

