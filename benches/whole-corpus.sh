#!/usr/bin/env bash
# Whole-corpus measurements quoted in the README. Builds an N-article corpus with the shared
# make-corpus tool (default 100,000, about 170 MB of text), then measures, on this machine:
#   - dossier stats: load/analyze/index times, time until searchable, peak memory, query latency;
#   - the first frame of the interface, in tmux;
#   - rg -l -i over the same files, for comparison.
# usage: benches/whole-corpus.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
dir=target/c$n
[ -d "$dir" ] || ../shared/tools/make-corpus "$n" "$dir" --format txt
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep; }
cargo build --release --quiet
bin=target/release/dossier

echo "== dossier stats --json --queries benches/queries.txt $dir"
/usr/bin/time -f "wall %e s, max RSS %M kB" "$bin" stats --json --queries benches/queries.txt "$dir"

echo "== first frame (tmux, 100x30)"
session=dossier-frame-$$
start=$(date +%s%N)
tmux new-session -d -s "$session" -x 100 -y 30 "$bin $dir"
until tmux capture-pane -p -t "$session" | grep -q "Articles"; do sleep 0.005; done
echo "first frame after $(( ($(date +%s%N) - start) / 1000000 )) ms"
until tmux capture-pane -p -t "$session" | grep -q "entities and timeline\|$n articles  "; do sleep 0.05; done
echo "text searchable after $(( ($(date +%s%N) - start) / 1000000 )) ms (status bar)"
tmux kill-session -t "$session"

echo "== rg -l -i for comparison"
for word in clinton "wall street" netanyahu; do
    s=$(date +%s%N)
    count=$(rg -l -i "$word" "$dir" | wc -l)
    echo "rg -l -i '$word': $count files in $(( ($(date +%s%N) - s) / 1000000 )) ms"
done
