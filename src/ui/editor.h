/* editor.h - the learner's editor.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_EDITOR_H
#define SHMTUTOR_EDITOR_H

#include <stddef.h>

/* Edit PATH in $VISUAL, else $EDITOR, else vi (run by /bin/sh, as git
   does, so that "emacs -nw" works), with the terminal handed over while
   it runs (tty_hand_over) and taken back after.  Ctrl-C and Ctrl-\ are
   the editor's meanwhile; a Ctrl-Z that stops it stops the tutor too, and
   both go on together; a signal to end the tutor (tty_pending_signal)
   is passed on to the editor, and waited for.  Returns 0 when the editor exited with status 0,
   else -1 with why in MSG (LEN bytes). */
int editor_run (const char *path, char *msg, size_t len);

#endif
