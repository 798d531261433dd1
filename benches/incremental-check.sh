#!/usr/bin/env bash
# Brings a cached large corpus up to date after files were added, changed and removed, times
# it, and checks that it then answers as a fresh index of the same folder does: the same
# matches for every query of benches/queries.txt, the same timeline, the same related
# articles. Ids differ between the two (an incremental update fills holes), so matches are
# compared by path and events as sorted lines.
# usage: benches/incremental-check.sh [N] [ADDED]   (default 100,000 and 100)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
added=${2:-100}
dir=target/c$n
[ -d "$dir" ] || ../shared/tools/make-corpus "$n" "$dir" --format txt
cargo build --release --quiet
bin=target/release/dossier
work=target/incremental-check
rm -rf "$work" "$dir"/new-*
mkdir -p "$work/fresh-cache"
../shared/tools/make-corpus "$added" "$work/extra" --format txt --seed 7 >/dev/null

echo "== the corpus as it was, cached"
"$bin" stats --json "$dir" >/dev/null
for f in "$work"/extra/*; do cp "$f" "$dir/new-$(basename "$f")"; done
# A few changed and removed files too: the first five get a sentence, the next five go.
mapfile -t some < <(find "$dir" -maxdepth 1 -name '*.txt' ! -name 'new-*' | sort | head -10)
for f in "${some[@]:0:5}"; do printf '\nThe council met again on March 3, 1997 in Geneva.\n' >>"$f"; done
mkdir -p "$work/removed"
for f in "${some[@]:5:5}"; do mv "$f" "$work/removed/"; done

echo "== brought up to date: $added added, 5 changed, 5 removed"
"$bin" stats --json --queries benches/queries.txt "$dir"
echo "== a fresh index of the same folder (its own cache directory)"
XDG_CACHE_HOME="$work/fresh-cache" "$bin" stats --json "$dir" >/dev/null

same=0
differ=0
compare() { # label, then the command's arguments
    local label=$1
    shift
    "$bin" "$@" | sort >"$work/updated.out"
    XDG_CACHE_HOME="$work/fresh-cache" "$bin" "$@" | sort >"$work/fresh.out"
    if cmp -s "$work/updated.out" "$work/fresh.out"; then
        same=$((same + 1))
    else
        differ=$((differ + 1))
        echo "DIFFERENT: $label"
        diff "$work/updated.out" "$work/fresh.out" | cut -c1-300 | head -6
    fi
}
paths_of() { python3 -c 'import json,sys; [print(json.loads(l)["path"]) for l in sys.stdin]'; }
while IFS= read -r q; do
    [[ -z "$q" || "$q" == \#* ]] && continue
    a=$("$bin" search --json --limit 1000000 "$q" "$dir" | paths_of | sort | sha256sum)
    b=$(XDG_CACHE_HOME="$work/fresh-cache" "$bin" search --json --limit 1000000 "$q" "$dir" | paths_of | sort | sha256sum)
    if [ "$a" = "$b" ]; then same=$((same + 1)); else differ=$((differ + 1)); echo "DIFFERENT: search $q"; fi
done <benches/queries.txt
compare "timeline" timeline --json "$dir"
for f in "$dir"/new-"$(ls "$work/extra" | head -1)" "${some[0]}"; do
    compare "related $f" related --json "$f" "$dir"
done
echo "compared: $same the same, $differ different"

# The folder as it was.
rm -f "$dir"/new-*
for f in "${some[@]:0:5}"; do truncate -s -"$(printf '\nThe council met again on March 3, 1997 in Geneva.\n' | wc -c)" "$f"; done
mv "$work"/removed/* "$dir"/
[ "$differ" -eq 0 ]
