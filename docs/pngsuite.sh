#!/usr/bin/env bash
# The PNG conformance suite through lcompress beside PNG and cjxl, in one run:
#   docs/pngsuite.sh [SUITE_DIR] [LEVELS]      (defaults: ../shared/data/pngsuite, "1 5")
# Encodes every non-x image at each level with and without --strip and decodes every file back (decode
# checks the pixels against the stored CRC; PngSuiteTest and RoundTripTest compare them with the input),
# checks that every x (corrupt) image is refused, and prints the totals beside PNG and cjxl -d 0 -e 7.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SUITE="${1:-$HERE/../../shared/data/pngsuite}"
LEVELS="${2:-1 5}"
L="$HERE/../lcompress"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/in"
cp "$SUITE"/[!x]*.png "$W/in/"
png=$(cat "$W"/in/*.png | wc -c)
n=$(ls "$W"/in/*.png | wc -l)
echo "images: $n non-x files, PNG total $png bytes"
if command -v cjxl > /dev/null; then
  mkdir -p "$W/jxl"; jn=0; jt=0; jp=0
  for f in "$W"/in/*.png; do
    b=$(basename "$f" .png)
    if cjxl -d 0 -e 7 --quiet "$f" "$W/jxl/$b.jxl" > /dev/null 2>&1; then
      jn=$((jn + 1)); jt=$((jt + $(stat -c%s "$W/jxl/$b.jxl"))); jp=$((jp + $(stat -c%s "$f")))
    fi
  done
  echo "cjxl -d 0 -e 7: $jn files it accepts, $jt bytes (their PNGs: $jp bytes)"
fi
for e in $LEVELS; do
  for strip in "" "--strip"; do
    out="$W/e$e$strip"
    "$L" encode -q -e "$e" $strip --out-dir "$out" "$W/in/" > /dev/null
    "$L" decode -q --out-dir "$out.back" "$out/" > /dev/null
    total=$(cat "$out"/*.lc | wc -c)
    larger=0; jtotal=0
    for f in "$W"/in/*.png; do
      b=$(basename "$f" .png)
      s=$(stat -c%s "$out/$b.lc")
      [[ $s -gt $(stat -c%s "$f") ]] && larger=$((larger + 1))
      [[ -f "$W/jxl/$b.jxl" ]] && jtotal=$((jtotal + s))
    done
    echo "lcompress -e $e ${strip:-(chunks kept)}: $total bytes; on cjxl's files $jtotal; larger than their PNG: $larger; decoded: $(ls "$out.back" | wc -l)"
  done
done
refused=0
for f in "$SUITE"/x*.png; do
  if "$L" encode -q "$f" "$W/x.lc" > /dev/null 2> "$W/err"; then echo "accepted: $f"; else refused=$((refused + 1)); fi
  rm -f "$W/x.lc"
done
echo "x files refused: $refused of $(ls "$SUITE"/x*.png | wc -l)"
