#!/usr/bin/env bash
# Codes the validation photos (../shared/data/valid, every set) and the CIFAR-10 hold-out (the last 400
# images of train/cifar10-train4k by file name, which training never sees: `--holdout cifar10-train4k:400`)
# with each given model and keeps `lcompress eval --json` per set:
#   model/eval-likelihoods.sh OUT_DIR MODEL...      (MODEL: a built-in name or a FILE.lcw)
# writes OUT_DIR/TAG.SET.jsonl (TAG: the model's name, or the .lcw's name without .lcw) and
# OUT_DIR/TAG.SET.seconds (wall time of that eval); then model/likelihood-table.py OUT_DIR prints the
# table. DATA overrides the data folder, LCOMPRESS the command; EVAL_OPTIONS adds eval options, e.g.
# EVAL_OPTIONS="--dequantized --samples 1" to code a mixture FILE.lcw alone (without it, eval mixes a
# mixture network's FILE.lcw with fast; a categorical one always codes alone).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: model/eval-likelihoods.sh OUT_DIR MODEL..." >&2
  exit 2
fi
OUT="$1"
shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
LCOMPRESS="${LCOMPRESS:-$ROOT/lcompress}"
mkdir -p "$OUT"
HOLDOUT="$(mktemp -d "${TMPDIR:-/tmp}/cifar-holdout.XXXXXX")"
trap 'rm -rf "$HOLDOUT"' EXIT
find "$DATA/train/cifar10-train4k" -maxdepth 1 -name '*.png' -printf '%f\n' | LC_ALL=C sort | tail -n 400 \
  | while IFS= read -r f; do ln -s "$DATA/train/cifar10-train4k/$f" "$HOLDOUT/$f"; done
for model in "$@"; do
  tag="$(basename "$model" .lcw)"
  for set in cifar10-holdout "$DATA"/valid/*/; do
    if [[ "$set" == cifar10-holdout ]]; then
      name=cifar10-holdout
      dir="$HOLDOUT"
    else
      name="$(basename "$set")"
      dir="${set%/}"
    fi
    start=$(date +%s.%N)
    $LCOMPRESS eval --json -q ${EVAL_OPTIONS:-} --model "$model" "$dir" > "$OUT/$tag.$name.jsonl"
    end=$(date +%s.%N)
    echo "$start $end" | awk '{printf "%.1f\n", $2 - $1}' > "$OUT/$tag.$name.seconds"
    echo "$tag $name: $(tail -n 1 "$OUT/$tag.$name.jsonl" | cut -c1-160)" >&2
  done
done
