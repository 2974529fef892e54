/* walk.h - the walkthrough screen.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_WALK_H
#define SHMTUTOR_WALK_H

#include "lesson.h"

/* Run the walkthrough of L on the started terminal until the user quits
   (returns 0) or a terminating signal arrives (returns its number).
   Returns -1 when memory runs out. */
int walk_run(const struct lesson *L);

#endif
