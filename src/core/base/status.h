/* status.h - the exit statuses, one table for the whole program (the man
   page lists them too).  A failure that ends the program before or
   without the screens is said on stderr and ends with one of these.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SHMTUTOR_STATUS_H
#define SHMTUTOR_STATUS_H

enum exit_status {
  EXIT_TROUBLE = 1,     /* no usable terminal, out of memory, a file that cannot be written */
  EXIT_USAGE = 2,       /* bad options */
  EXIT_DATAERR = 65,    /* a lesson, deck or demo file is malformed */
  EXIT_NOINPUT = 66,    /* the data folder, a lesson or the --play file cannot be read */
  EXIT_CANTCREAT = 73,  /* the learner's exercise file cannot be made */
};

#endif
