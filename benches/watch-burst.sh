#!/usr/bin/env bash
# How long a watched folder's new files take to appear: the interface in tmux (120x35) with
# --watch on a cached corpus; ten seconds after it is complete, N files are copied in GAP
# seconds apart; each file's latency runs from its copy to the log line of the update that
# took it in (updates take files in the order they came). The files are then removed, and
# the corpus's cache is brought back to the folder as it is. Run a corpus once first, so that
# it opens from its cache; build each version and copy its binary aside to compare them
# (cargo build --release; cp target/release/dossier /tmp/dossier-a).
#
# usage: benches/watch-burst.sh BIN [N] [GAP] [CORPUS]   (default 20 files, 0.5 s apart,
#        target/c1000000; new files from target/whole-corpus-extra, or made with make-corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
n=${2:-20}
gap=${3:-0.5}
dir=${4:-target/c1000000}
extra=target/whole-corpus-extra
[ -d "$extra" ] || ../shared/tools/make-corpus 100 "$extra" --format txt --seed 11 >/dev/null
cache=${XDG_CACHE_HOME:-$HOME/.cache}
log="$cache/dossier/dossier.log"
mkdir -p "$(dirname "$log")"
touch "$log"
rm -f "$dir"/zz-burst-*.txt
seen=$(wc -l <"$log")
session=watch-burst-$$
tmux new-session -d -s "$session" -x 120 -y 35 "XDG_CACHE_HOME=$cache $bin --watch $dir"
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
until tail -n +$((seen + 1)) "$log" | grep -q ": complete millis"; do sleep 0.2; done
sleep 10
seen=$(wc -l <"$log")
copies=$(mktemp)
i=0
for f in $(ls "$extra"/* | head -"$n"); do
  i=$((i + 1))
  date +%s.%N >>"$copies"
  cp "$f" "$dir/zz-burst-$i.txt"
  sleep "$gap"
done
taken() { tail -n +$((seen + 1)) "$log" | grep "the folder changed" | grep -o "change=+[0-9]*" | cut -d+ -f2 | awk '{s += $1} END {print s + 0}'; }
until [ "$(taken)" -ge "$n" ]; do sleep 0.05; done
updates=$(mktemp)
tail -n +$((seen + 1)) "$log" | grep "the folder changed" | grep "change=+" >"$updates"
python3 - "$copies" "$updates" <<'PY'
import datetime, sys
copies = [float(line) for line in open(sys.argv[1])]
updates = open(sys.argv[2]).read().splitlines()
latencies, taken = [], 0
for update in updates:
    at = datetime.datetime.strptime(update[:26], "%Y-%m-%dT%H:%M:%S.%f")
    at = at.replace(tzinfo=datetime.timezone.utc).timestamp()
    count = int(update.split("change=+")[1].split()[0])
    latencies += [at - copied for copied in copies[taken:taken + count]]
    taken += count
latencies.sort()
print("files %d, updates %d, latency p50 %.2f s, max %.2f s"
      % (len(latencies), len(updates), latencies[len(latencies) // 2], latencies[-1]))
PY
rm -f "$copies" "$updates" "$dir"/zz-burst-*.txt
sleep 15
tmux kill-session -t "$session"
while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
XDG_CACHE_HOME=$cache "$bin" stats "$dir" >/dev/null 2>&1
