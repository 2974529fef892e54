/* histfile.h - the prompts' history on disk: one entry a line, "KIND<TAB>
   TEXT", the text escaped so that a pasted newline or tab stays inside
   its entry; written whole to a new file that then replaces the old one.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_HISTFILE_H
#define SHMTUTOR_HISTFILE_H

#include <stddef.h>

/* The longest entry kept, and the largest file read. */
#define HIST_MAX_TEXT 4096
#define HIST_MAX_FILE (1024 * 1024)

/* Call EACH(CTX, KIND, TEXT) for every good entry of the file PATH, in
   order; lines that are not entries are skipped.  Returns the number of
   entries, 0 for a file that does not exist, or -1 when it cannot be read
   (MSG, of LEN bytes, says why). */
int histfile_load(const char *path, void (*each)(void *ctx, const char *kind, const char *text),
                  void *ctx, char *msg, size_t len);

/* Write the N entries KINDS[i], TEXTS[i] to PATH: a new file beside it,
   flushed to disk and renamed over it.  Returns 0, or -1 with why in MSG;
   the old file is then as it was. */
int histfile_save(const char *path, size_t n, const char *const kinds[],
                  const char *const texts[], char *msg, size_t len);

/* TEXT escaped for one line (\\, \n, \t, \r and other control bytes as
   \xHH) into OUT of LEN bytes.  Returns 0, or -1 when it does not fit. */
int histfile_escape(const char *text, char *out, size_t len);

/* Undo histfile_escape on S into OUT of LEN bytes.  Returns 0, or -1 for
   a bad escape, a NUL, or no room. */
int histfile_unescape(const char *s, char *out, size_t len);

#endif
