" shmtutor's lesson and deck files (lessons/README.md, data/README.md).
" Copyright (C) 2026 The shmtutor authors
" SPDX-License-Identifier: GPL-3.0-or-later
autocmd BufRead,BufNewFile *.lesson setfiletype shmtutorlesson
autocmd BufRead,BufNewFile *.deck setfiletype shmtutordeck
