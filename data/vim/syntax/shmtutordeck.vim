" Vim syntax file: shmtutor decks (the format: data/README.md).
" Copyright (C) 2026 The shmtutor authors
" SPDX-License-Identifier: GPL-3.0-or-later
if exists("b:current_syntax")
  finish
endif

syntax match shmtutorComment "^\s*#.*$"
syntax match shmtutorKey "^\s*\zs\(title\|source\|term\|means\|concept\|rhyme\|story\|tool\|acronym\|part\|order\|fact\)\ze:"
syntax match shmtutorTerm "^\s*\(term\|concept\|acronym\|tool\):\s*\zs.*$"
syntax match shmtutorError "[\x01-\x08\x0b-\x1f\x7f]"

highlight default link shmtutorComment Comment
highlight default link shmtutorKey Keyword
highlight default link shmtutorTerm Function
highlight default link shmtutorError Error

let b:current_syntax = "shmtutordeck"
