" Vim syntax file: shmtutor lessons (the format: lessons/README.md).
" Copyright (C) 2026 The shmtutor authors
" SPDX-License-Identifier: GPL-3.0-or-later
if exists("b:current_syntax")
  finish
endif

" A comment: '#' first on its line (blanks before it).
syntax match shmtutorComment "^\s*#.*$"
" A line of the program: '|' first on its line; C after it.
syntax match shmtutorProgramBar "^|" nextgroup=shmtutorProgram
syntax match shmtutorProgram ".*$" contained
" key: value; the step's name and its action stand out.
syntax match shmtutorKey "^\s*\zs[a-z_-]\+\ze:" nextgroup=shmtutorValue
syntax match shmtutorValue ":\s*\zs.*$" contained
syntax match shmtutorStep "^\s*step:\s*\zs.*$"
syntax match shmtutorAction "^\s*action:\s*\zs\(open\|mmap\|write\|read\|munmap\|close\|fork\|child-write\|child-read\|parent-write\|wait\|stranger\|vvar\|clock-cost\|uring-setup\|uring-submit\)\>"
" A control character, which --check refuses.
syntax match shmtutorError "[\x01-\x08\x0b-\x1f\x7f]"

highlight default link shmtutorComment Comment
highlight default link shmtutorProgramBar Delimiter
highlight default link shmtutorProgram String
highlight default link shmtutorKey Keyword
highlight default link shmtutorStep Function
highlight default link shmtutorAction Type
highlight default link shmtutorError Error

let b:current_syntax = "shmtutorlesson"
