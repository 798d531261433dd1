#!/usr/bin/env bash
# Quality figures quoted in the README, with the shared scorers: entities and time
# expressions on each MEANTIME topic separately (airbus, apple) and on all of it, time
# expressions on TimeBank-dev, and the timeline against the SemEval-2015 gold timelines.
# usage: benches/quality.sh    (needs ../shared; writes only under target/quality)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=target/quality
mkdir -p "$out"
cargo build --release --quiet
bin="$PWD/target/release/dossier"
meantime=$shared/corpora/meantime-dev
# One gold file per topic, its body paths made absolute so the scorer finds them from here.
for topic in airbus apple; do
    python3 - "$meantime" "$topic" > "$out/gold-$topic.jsonl" <<'PY'
import json, os, sys
root, topic = sys.argv[1], sys.argv[2]
for line in open(os.path.join(root, "gold.jsonl")):
    doc = json.loads(line)
    if doc.get("sub") == topic:
        doc["body_file"] = os.path.abspath(os.path.join(root, doc["body_file"]))
        print(json.dumps(doc))
PY
done
for topic in airbus apple; do
    echo "== entities, MEANTIME $topic"
    "$shared/tools/score-annotations" --gold "$out/gold-$topic.jsonl" --cmd "$bin annotate --json" --only entities
    echo "== time expressions, MEANTIME $topic"
    "$shared/tools/score-annotations" --gold "$out/gold-$topic.jsonl" --cmd "$bin annotate --json" --only timexes
done
echo "== entities, all of MEANTIME"
"$shared/tools/score-annotations" --gold "$meantime/gold.jsonl" --cmd "$bin annotate --json" --only entities
echo "== time expressions, TimeBank-dev"
"$shared/tools/score-annotations" --gold "$shared/corpora/timebank-dev/gold.jsonl" --cmd "$bin annotate --json" --only timexes
for topic in airbus apple; do
    echo "== timeline, $topic gold timelines"
    "$shared/tools/score-timeline" "$bin" "$meantime" "$meantime/timelines/$topic"
done
