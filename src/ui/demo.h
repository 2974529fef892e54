/* demo.h - recorded sessions: --record FILE writes every key read, with
   the time since the one before; --play FILE feeds them back, for a
   lecture.  All reading of keys goes through demo_getch.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_DEMO_H
#define SHMTUTOR_DEMO_H

#include <stddef.h>

/* Record the keys read from now on into FILE (made or emptied).
   Returns 0, or EXIT_TROUBLE (status.h) with MSG set. */
int demo_record(const char *file, char *msg, size_t len);

/* Play FILE: its keys come before the keyboard's, DELAY_MS apart (or as
   recorded, when DELAY_MS < 0).  Returns 0; EXIT_NOINPUT (status.h) when
   FILE cannot be read, EXIT_DATAERR when it is not a demo (MSG says
   FILE:LINE: message). */
int demo_play(const char *file, int delay_ms, char *msg, size_t len);

/* The next key, waiting at most TIMEOUT_MS: a demo's key when one is due,
   else the keyboard's (curses' getch); ERR when none came. */
int demo_getch(int timeout_ms);

/* Give CH back: the next demo_getch returns it (once, and does not
   record it again). */
void demo_unget(int ch);

/* Are keys still to come from a demo? */
int demo_playing(void);

/* Close the files and free the keys. */
void demo_end(void);

/* The terminal did not start after demo_record: its new file goes. */
void demo_record_abandon(void);

/* End the demo (demo_end) and say whether the recording was written
   whole: 0, or EXIT_TROUBLE with MSG (LEN bytes) saying what failed. */
int demo_finish(char *msg, size_t len);

#endif
