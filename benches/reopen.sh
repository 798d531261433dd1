#!/usr/bin/env bash
# Reopens of a cached corpus in the interface by several dossier binaries, taking turns (the
# hour's speed weighs on each alike): the times the interface logs (counted from its start)
# until it showed the cached corpus, put its timeline in order, counted its entities, checked
# its folder and was complete; its processor time and peak memory.
#
# The corpus must be cached already, in CACHE (an XDG_CACHE_HOME), by the same state format:
# run `XDG_CACHE_HOME=CACHE dossier stats DIR` once. With --added, a file is copied into the
# folder before each reopen, so that the reopen brings the corpus up to date, and taken out
# after (a `stats` run then brings the cache back to the folder as it is, untimed).
#
# usage: benches/reopen.sh [--added] [--rounds N] --cache CACHE --corpus DIR BIN...
set -euo pipefail
cd "$(dirname "$0")/.."
added=false
rounds=2
cache=""
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --added) added=true; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    # Absolute: dossier ignores a relative XDG_CACHE_HOME, as the XDG rules say.
    --cache) cache=$(realpath -m "$2"); shift 2 ;;
    --corpus) dir=$2; shift 2 ;;
    *) break ;;
  esac
done
[ -n "$cache" ] && [ -n "$dir" ] && [ $# -gt 0 ] || {
  echo "usage: benches/reopen.sh [--added] [--rounds N] --cache CACHE --corpus DIR BIN..." >&2
  exit 2
}
log="$cache/dossier/dossier.log"
extra=$(find "$dir" -type f -name '*.txt' -print -quit)
for round in $(seq "$rounds"); do
  for bin in "$@"; do
    if $added; then cp "$extra" "$dir/zz-reopen-added.txt"; fi
    seen=0
    [ -f "$log" ] && seen=$(wc -l <"$log")
    milestone() { tail -n +$((seen + 1)) "$log" 2>/dev/null | grep -o ": $1 millis=[0-9]*" | head -1 | cut -d= -f2; }
    session=dossier-reopen-$$
    # The cache named outright: a tmux server already running would give its own environment.
    tmux new-session -d -s "$session" -x 120 -y 35 "env XDG_CACHE_HOME=$cache $bin $dir"
    until [ -n "$(milestone complete)" ]; do sleep 0.2; done
    pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
    ticks=$(getconf CLK_TCK)
    cpu=$(awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$pid/stat")
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    echo "round $round $bin: shown $(milestone searchable) ms, ordered $(milestone ordered) ms," \
      "counted $(milestone counted) ms, checked $(milestone checked) ms, complete $(milestone complete) ms," \
      "cpu ${cpu} s, VmHWM ${peak} kB"
    tmux kill-session -t "$session"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    if $added; then
      rm -f "$dir/zz-reopen-added.txt"
      XDG_CACHE_HOME=$cache "$bin" stats "$dir" >/dev/null 2>&1
    fi
  done
done
