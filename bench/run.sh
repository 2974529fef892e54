#!/bin/sh
# run.sh - `make bench`: build the drivers, time shmtutor against a floor
# program, vim's tutor and gtypist in paired runs, count its bytes per
# changed cell, a burst of keys and a paste, time its loading, print the
# tables and write them into the README's "## Performance" section.
# Copyright (C) 2026 The shmtutor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run.sh [SRCDIR [BUILDDIR]]   (make bench passes both)
# Environment: BENCH_START_RUNS (rounds of starts, each program once a
# round and paired with shmtutor's start of the same round, default 31),
# BENCH_RUNS (walks through the lesson and loads of each deck, default 11;
# the README is written only with at least 31 rounds and 10 runs),
# BENCH_QUIET (ms of quiet that settle a screen, default 100),
# BENCH_README=no (print only; leave README.md alone), and the compiler and
# library variables configure found (make bench passes them; run by hand,
# pkg-config finds them).
set -eu

srcdir=$(cd "${1:-.}" && pwd)
builddir=$(cd "${2:-.}" && pwd)
runs=${BENCH_RUNS:-11}
start_runs=${BENCH_START_RUNS:-31}
quiet=${BENCH_QUIET:-100}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--g -O2}
pc() { pkg-config "$@" 2>/dev/null || true; }
: "${VTERM_CFLAGS=$(pc --cflags vterm)}"
: "${VTERM_LIBS=$(pc --libs vterm)}"
: "${CURSES_CFLAGS=$(pc --cflags ncursesw)}"
: "${CURSES_LIBS=$(pc --libs ncursesw)}"
: "${READLINE_LIBS=-lreadline}"
: "${UTIL_LIBS=}"

shmtutor=$builddir/src/shmtutor
# The core's rooms (make bench passes them as the Makefile has them).
rooms="base store study walk console"
: "${CORE_LIBS=$(for r in console walk study store base; do printf 'src/core/lib%s.a ' "$r"; done)}"
: "${CORE_INCLUDES=$(for r in $rooms; do printf -- '-I%s/src/core/%s ' "$srcdir" "$r"; done)}"
core=
for l in $CORE_LIBS; do
  core="$core $builddir/$l"
done
for f in "$shmtutor" $core; do
  test -f "$f" || { echo "bench: $f is missing: run make first" >&2; exit 1; }
done
case $VTERM_LIBS in
  *vterm*) ;;
  *) echo "bench: libvterm is needed: apt-get install libvterm-dev, then ./configure again" >&2
     exit 1 ;;
esac

out=$builddir/bench
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/shmbench-run-XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# --- the drivers -------------------------------------------------------------
build() {
  echo "  CC       bench/$1"
  shift
  # shellcheck disable=SC2086 # the flags are lists
  $CC $CFLAGS -Wall -Wextra "$@"
}
# shellcheck disable=SC2086
build bench -o "$out/bench" -I"$srcdir/bench" \
  "$srcdir/bench/bench.c" "$srcdir/bench/term.c" "$srcdir/bench/spend.c" \
  "$srcdir/bench/counters.c" "$srcdir/bench/start.c" "$srcdir/bench/keys.c" \
  "$srcdir/bench/burst.c" "$srcdir/bench/stats.c" $VTERM_CFLAGS $VTERM_LIBS $UTIL_LIBS -lutil -lm
# shellcheck disable=SC2086
build floor -o "$out/floor" "$srcdir/bench/floor.c" $CURSES_CFLAGS $CURSES_LIBS $READLINE_LIBS
# shellcheck disable=SC2086 # the flags and libraries are lists
build load -o "$out/load" -I"$builddir" $CORE_INCLUDES "$srcdir/bench/load.c" $core -lm

# --- the peers ------------------------------------------------------------------
set -- --floor "$out/floor" --shmtutor "$shmtutor"
versions="ncurses $(ncursesw6-config --version 2>/dev/null || ncurses6-config --version 2>/dev/null || echo '?')"
if vim=$(command -v vim) && test -x "$vim"; then
  # shellcheck disable=SC2016 # $VIMRUNTIME is vim's to expand
  rt=$("$vim" -u NONE -N -es '+verbose echo $VIMRUNTIME' '+q' </dev/null 2>&1 >/dev/null || true)
  tutor=
  for f in "$rt/tutor/tutor" /usr/share/vim/vim*/tutor/tutor; do
    test -f "$f" && { tutor=$f; break; }
  done
  if test -n "$tutor"; then
    # A copy, as vimtutor makes: the swap file goes next to it.
    cp "$tutor" "$tmp/tutor"
    set -- "$@" --vim "$vim" "$tmp/tutor" "$tutor"
    versions="$versions, $("$vim" --version | sed -n '1s/ (.*//p')"
  else
    set -- "$@" --skip "vim tutor: vim is installed but its tutor file was not found"
  fi
else
  set -- "$@" --skip "vim tutor: vim is not installed (Debian: apt-get install vim)"
fi
if gtypist=$(command -v gtypist) && test -x "$gtypist"; then
  typ=
  for f in /usr/share/gtypist/gtypist.typ /usr/local/share/gtypist/gtypist.typ; do
    test -f "$f" && { typ=$f; break; }
  done
  if test -n "$typ"; then
    set -- "$@" --gtypist "$gtypist" "$typ"
    versions="$versions, $("$gtypist" -v 2>/dev/null | head -n 1)"
  else
    set -- "$@" --skip "gtypist: installed, but gtypist.typ was not found"
  fi
else
  set -- "$@" --skip "gtypist: not installed (Debian: apt-get install gtypist)"
fi

# --- the runs ----------------------------------------------------------------------
echo "  BENCH    $start_runs rounds of starts, $runs walks through the lesson (a minute or so)"
SHMTUTOR_DATA_DIR=$srcdir; export SHMTUTOR_DATA_DIR
status=0
"$out/bench" --start-runs "$start_runs" --runs "$runs" --quiet "$quiet" "$@" >"$tmp/term.md" 2>"$tmp/term.err" || status=$?
"$out/load" --runs "$runs" "$srcdir/lessons/shared-memory.lesson" >"$tmp/load.md" 2>"$tmp/load.err" \
  || status=$?
grep -v '^target: ' "$tmp/term.err" "$tmp/load.err" >&2 || true
if test "$status" -ne 0; then
  echo "bench: a driver failed (status $status)" >&2
  exit 1
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -srm), ${cpu:-an unknown CPU}," \
       "$(nproc) CPUs; $versions."
  echo
  cat "$tmp/term.md"
  echo
  cat "$tmp/load.md"
  echo
  echo "### Targets"
  echo
  sed -n 's/^target: \(.*\): \(met\|MISSED\)$/- \2: \1/p' "$tmp/term.err" "$tmp/load.err"
} >"$tmp/section.md"

echo
cat "$tmp/section.md"

# --- the README ------------------------------------------------------------------
readme=$srcdir/README.md
if test "${BENCH_README:-yes}" = no; then
  echo "bench: README.md left alone (BENCH_README=no)"
elif test "$runs" -lt 10 || test "$start_runs" -lt 31; then
  echo "bench: README.md left alone: its figures take at least 31 rounds of starts and 10 runs"
elif grep -q '^<!-- bench:start -->$' "$readme" && grep -q '^<!-- bench:end -->$' "$readme"; then
  awk -v section="$tmp/section.md" '
    /^<!-- bench:start -->$/ { print; while ((getline l < section) > 0) print l; skip = 1; next }
    /^<!-- bench:end -->$/ { skip = 0 }
    !skip { print }
  ' "$readme" >"$tmp/README.md"
  cat "$tmp/README.md" >"$readme"
  echo "bench: wrote the tables into $readme"
else
  echo "bench: $readme has no <!-- bench:start --> and <!-- bench:end --> lines: not written" >&2
fi
