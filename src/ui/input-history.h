/* input-history.h - what input.c asks of the prompts' history
   (input-history.c); input_history() itself is in input.h.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_INPUT_HISTORY_H
#define SHMTUTOR_INPUT_HISTORY_H

/* Make KIND's list (enum input_kind) readline's own. */
void input_history_use(int kind);

/* Write every kind's list to the file, whole (when saving is on). */
void input_history_save(void);

/* Free every list, at exit. */
void input_history_free(void);

#endif
