#!/usr/bin/env bash
# How long quitting the interface takes at a given moment of opening a corpus: dossier runs in
# tmux, the key (or a hangup) is sent once its log shows MILESTONE and WAIT seconds more have
# passed, and the time is taken until the shell that ran dossier sees it end. The shell is
# what the user waits for; a probe that polls the process (`kill -0`, `/proc`) still finds it
# until the shell reaps it, and reading its `/proc` files while it ends slows its end.
# MILESTONE is a word of the log: opening (the state being read), loaded, searchable, counted,
# complete. The corpus should be cached in CACHE already for a reopen to be timed.
# usage: benches/quit-probe.sh CORPUS CACHE MILESTONE [WAIT] [q|hup] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "$1")
cache=$(realpath "$2")
milestone=$3
wait=${4:-0.1}
key=${5:-q}
runs=${6:-3}
cargo build --release --quiet
bin=$(realpath target/release/dossier)
log=$cache/dossier/dossier.log
ended=$(mktemp)
for _ in $(seq "$runs"); do
    # A dossier still ending keeps the cache claimed, and the next would index afresh.
    while pgrep -x dossier >/dev/null; do sleep 0.2; done
    : >"$log"
    : >"$ended"
    tmux new-session -d -s dossier-quit -x 200 -y 50 \
        "XDG_CACHE_HOME='$cache' '$bin' '$corpus'; date +%s.%N > '$ended'; sleep 30"
    until grep -q "$milestone" "$log" 2>/dev/null; do sleep 0.05; done
    sleep "$wait"
    sent=$(date +%s.%N)
    if [ "$key" = q ]; then
        tmux send-keys -t dossier-quit q
    else
        kill -HUP "$(pgrep -x dossier)"
    fi
    until [ -s "$ended" ]; do sleep 0.01; done
    echo "$milestone + $wait s, $key: ended after $(echo "$(cat "$ended") - $sent" | bc) s"
    tmux kill-session -t dossier-quit
done
rm -f "$ended"
