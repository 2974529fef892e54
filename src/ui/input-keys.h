/* input-keys.h - the prompt's own keys bound into readline (input-keys.c),
   for input.c; the screens use input.h.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_INPUT_KEYS_H
#define SHMTUTOR_INPUT_KEYS_H

/* Bind Tab, PgUp, PgDn and F1, and completion's hooks, once. */
void input_keys_bind(void);

/* Forget the candidates shown. */
void input_matches_clear(void);

#endif
