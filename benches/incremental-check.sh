#!/usr/bin/env bash
# Brings a cached large corpus up to date after files were added, changed and removed, times
# it, and checks that it then answers as a fresh index of the same folder does: the same
# matches for every query of benches/queries.txt, the same timeline, the same related
# articles. Ids differ between the two (an incremental update fills holes), so matches are
# compared as sorted lines of path and score, events as sorted lines; then each answer again in
# the order it is given, where ties broken by id show.
# With `jsonl`, the corpus is one JSON lines file of N articles instead of N files, and the
# articles are added, changed and removed within it.
# usage: benches/incremental-check.sh [N] [ADDED] [txt|jsonl]   (default 100,000, 100, txt)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
added=${2:-100}
format=${3:-txt}
cargo build --release --quiet
bin=target/release/dossier
# Absolute: dossier, as the XDG rules say, ignores a relative XDG_CACHE_HOME, and the fresh index
# would then be the updated one's (as it was here until the session of 2026-12-04).
work=$PWD/target/incremental-check
rm -rf "$work"
mkdir -p "$work/fresh-cache"
sentence=$'\nThe council met again on March 3, 1997 in Geneva.\n'

if [ "$format" = jsonl ]; then
    dir=target/j$n
    file=$dir/wire.jsonl
    [ -f "$file" ] || { mkdir -p "$dir" && ../shared/tools/make-corpus "$n" "$file" --format jsonl; }
    ../shared/tools/make-corpus "$added" "$work/extra.jsonl" --format jsonl --seed 7 >/dev/null
    echo "== the corpus as it was, cached"
    "$bin" stats --json "$dir" >/dev/null
    cp "$file" "$work/wire.jsonl"
    # The extra articles go at the end under ids of their own; the first five articles get a
    # sentence, the next five go.
    python3 -c '
import json, sys
was, extra, out, sentence = sys.argv[1:]
lines = open(was, encoding="utf-8").read().splitlines()
kept = []
for i, line in enumerate(lines):
    if i < 5:
        doc = json.loads(line)
        doc["text"] += sentence
        line = json.dumps(doc, ensure_ascii=False)
    if not 5 <= i < 10:
        kept.append(line)
for i, line in enumerate(open(extra, encoding="utf-8").read().splitlines()):
    doc = json.loads(line)
    doc["id"] = f"new-{i}"
    kept.append(json.dumps(doc, ensure_ascii=False))
open(out, "w", encoding="utf-8").write("\n".join(kept) + "\n")
' "$work/wire.jsonl" "$work/extra.jsonl" "$file" "$sentence"
    first_id=$(head -1 "$work/wire.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    some=("$file#$first_id")
    new_one="$file#new-0"
else
    dir=target/c$n
    [ -d "$dir" ] || ../shared/tools/make-corpus "$n" "$dir" --format txt
    rm -f "$dir"/new-* "$dir"/000new-*
    ../shared/tools/make-corpus "$added" "$work/extra" --format txt --seed 7 >/dev/null
    echo "== the corpus as it was, cached"
    "$bin" stats --json "$dir" >/dev/null
    # make-corpus's first articles are the same whatever the seed, so each new file is a copy
    # of a file already there, and ranks as it does. Most come after the others in the folder's
    # order; ten come before them all, where a fresh index gives them the first ids (copies of
    # files that are kept, and that come before the changed and removed ones).
    i=0
    for f in "$work"/extra/*; do
        if [ $i -ge 10 ] && [ $i -lt 20 ]; then prefix=000new; else prefix=new; fi
        cp "$f" "$dir/$prefix-$(basename "$f")"
        i=$((i + 1))
    done
    # A few changed and removed files too, from the 51st in order: five get a sentence, the next
    # five go.
    mapfile -t some < <(find "$dir" -maxdepth 1 -name '*.txt' ! -name '*new-*' | sort | sed -n 51,60p)
    for f in "${some[@]:0:5}"; do printf '%s' "$sentence" >>"$f"; done
    mkdir -p "$work/removed"
    for f in "${some[@]:5:5}"; do mv "$f" "$work/removed/"; done
    new_one="$dir/000new-$(ls "$work/extra" | sed -n 11p)"
fi

echo "== brought up to date: $added added, 5 changed, 5 removed"
"$bin" stats --json --queries benches/queries.txt "$dir"
echo "== a fresh index of the same folder (its own cache directory)"
XDG_CACHE_HOME="$work/fresh-cache" "$bin" stats --json "$dir" >/dev/null

same=0
differ=0
in_order=0
out_of_order=0
compare() { # label, then the command's arguments
    local label=$1
    shift
    "$bin" "$@" >"$work/updated.out"
    XDG_CACHE_HOME="$work/fresh-cache" "$bin" "$@" >"$work/fresh.out"
    if cmp -s "$work/updated.out" "$work/fresh.out"; then
        in_order=$((in_order + 1))
    else
        out_of_order=$((out_of_order + 1))
        echo "IN ANOTHER ORDER: $label"
    fi
    if cmp -s <(sort "$work/updated.out") <(sort "$work/fresh.out"); then
        same=$((same + 1))
    else
        differ=$((differ + 1))
        echo "DIFFERENT: $label"
        # A difference is shown, and the comparing goes on: the folder is put back at the end.
        diff "$work/updated.out" "$work/fresh.out" | cut -c1-300 | head -6 || true
    fi
}
# Each match as its path and its score, in rank order.
ranked() { python3 -c 'import json,sys; [print(d["path"], d["score"]) for d in map(json.loads, sys.stdin)]'; }
while IFS= read -r q; do
    [[ -z "$q" || "$q" == \#* ]] && continue
    "$bin" search --json --limit 1000000 "$q" "$dir" | ranked >"$work/updated.out"
    XDG_CACHE_HOME="$work/fresh-cache" "$bin" search --json --limit 1000000 "$q" "$dir" | ranked >"$work/fresh.out"
    if cmp -s "$work/updated.out" "$work/fresh.out"; then
        in_order=$((in_order + 1))
    else
        out_of_order=$((out_of_order + 1))
        echo "IN ANOTHER ORDER: search $q"
    fi
    a=$(sort "$work/updated.out" | sha256sum)
    b=$(sort "$work/fresh.out" | sha256sum)
    if [ "$a" = "$b" ]; then same=$((same + 1)); else differ=$((differ + 1)); echo "DIFFERENT: search $q"; fi
done <benches/queries.txt
compare "timeline" timeline --json "$dir"
for f in "$new_one" "${some[0]}"; do
    compare "related $f" related --json "$f" "$dir"
done
echo "compared: $same the same, $differ different"
echo "in the order given: $in_order the same, $out_of_order in another order"

# The folder as it was.
if [ "$format" = jsonl ]; then
    cp "$work/wire.jsonl" "$file"
else
    rm -f "$dir"/new-* "$dir"/000new-*
    for f in "${some[@]:0:5}"; do truncate -s -"$(printf '%s' "$sentence" | wc -c)" "$f"; done
    mv "$work"/removed/* "$dir"/
fi
[ "$differ" -eq 0 ]
