#!/usr/bin/env bash
# First opens of one corpus by several dossier binaries, taking turns, so that the hour's speed
# (which moves by up to 2x on a small VM) weighs on each build alike. Build each version and
# copy its binary aside first (cargo build --release; cp target/release/dossier /tmp/dossier-a).
#
# usage: benches/compare-builds.sh [--interface] [--rounds N] [--corpus DIR] BIN...
#   default: `dossier stats --json --no-cache DIR` per build and round: searchable, complete,
#            peak (peak_rss_bytes), CPU seconds (user + system, from /usr/bin/time);
#   --interface: the interface in tmux (120x35) with an empty cache directory: searchable and
#            complete as it logs them (counted from its start), VmHWM.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=stats
rounds=3
dir=target/c100000
while [ $# -gt 0 ]; do
  case "$1" in
    --interface) mode=interface; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --corpus) dir=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--interface] [--rounds N] [--corpus DIR] BIN..." >&2; exit 2; }
[ -d "$dir" ] || { echo "$dir: no such corpus (benches/whole-corpus.sh builds target/c100000)" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

stats_open() {
  local bin=$1
  rm -rf "$scratch/cache"
  XDG_CACHE_HOME="$scratch/cache" /usr/bin/time -f "%U %S" -o "$scratch/time" \
    "$bin" stats --json --no-cache "$dir" 2>/dev/null >"$scratch/out.json"
  python3 - "$bin" "$scratch/out.json" "$scratch/time" <<'EOF'
import json, sys
bin, out, time = sys.argv[1:]
d = json.load(open(out))
user, system = open(time).read().split()[-2:]
print(f"{bin}: searchable {d['searchable_ms']} ms, complete {d['total_ms']} ms, "
      f"peak {d['peak_rss_bytes'] / 1e6:.0f} MB, CPU {float(user) + float(system):.1f} s")
EOF
}

# The interface's own times, from its log (reading its screen often would slow it down).
interface_open() {
  local bin=$1 session=compare-$$ pid log=$scratch/cache/dossier/dossier.log
  rm -rf "$scratch/cache"
  mkdir -p "$scratch/cache"
  milestone() { grep -o ": $1 millis=[0-9]*" "$log" 2>/dev/null | head -1 | cut -d= -f2; }
  tmux new-session -d -s "$session" -x 120 -y 35 "env XDG_CACHE_HOME=$scratch/cache $bin $dir"
  local waited=0
  until [ -n "$(milestone complete)" ]; do
    sleep 0.5
    waited=$((waited + 1))
    # Builds before 2026-12-02 late morning do not log their milestones.
    [ "$waited" -lt 1200 ] || { echo "$bin: no \"complete\" in its log after 10 minutes" >&2; tmux kill-session -t "$session"; return; }
  done
  pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
  echo "$bin: searchable $(milestone searchable) ms, complete $(milestone complete) ms, $(grep VmHWM "/proc/$pid/status" | tr -s ' \t' ' ')"
  tmux kill-session -t "$session"
  # The cache directory belongs to one dossier at a time: let this one exit first.
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

for round in $(seq "$rounds"); do
  echo "== round $round of $rounds ($mode, $dir)"
  for bin in "$@"; do
    "${mode}_open" "$bin"
  done
done
