#!/usr/bin/env bash
# The bilevel benchmark: 1-bit images coded by PNG, JPEG XL, JBIG and lcompress, bytes and bits per pixel.
#   docs/bilevel.sh [WORK]          (WORK defaults to /tmp/lcompress-bilevel; LCOMPRESS_BEFORE=path/to/an/older/
#                                    lcompress adds its column, e.g. a checkout of main before the bilevel model)
# Image sets:
#   valid    every photo of ../shared/data/valid binarized by docs/bilevel/Bilevel.java (grey =
#            (299R + 587G + 114B + 500) / 1000, white where grey >= 128), written as 1-bit grey PNGs by ImageIO;
#   pngsuite PngSuite's 1-bit images (basn0g01, basi0g01 interlaced, basn3p01 and basi3p01 palettes), as stored;
#   text     testdata/bilevel/*.png, pages of random words rendered by Bilevel.java (shipped: fonts differ
#            between machines).
# Codecs: png = the PNG file as given; cjxl -d 0 -e 7 and -e 9 (libjxl); JBIG = pbmtojbg (jbigkit) on a raw PBM
# (P4) of the same pixels, default options and -q (sequential, no resolution layers); lcompress encode (default
# effort) with --verify, then decode, one command per set (seconds include the JVM's start).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
WORK="${1:-/tmp/lcompress-bilevel}"
LC="$ROOT/lcompress"
rm -rf "$WORK"
mkdir -p "$WORK"/{valid,pngsuite,text,tool}
javac -d "$WORK/tool" "$ROOT/docs/bilevel/Bilevel.java"
TOOL=(java -cp "$WORK/tool" Bilevel)
for d in "$DATA"/valid/*/; do
  for f in "$d"*.png; do
    "${TOOL[@]}" binarize "$f" "$WORK/valid/$(basename "$d")-$(basename "$f")"
  done
done
for n in basn0g01 basi0g01 basn3p01 basi3p01; do
  cp "$DATA/pngsuite/$n.png" "$WORK/pngsuite/"
done
cp "$ROOT"/testdata/bilevel/*.png "$WORK/text/"

now() { date +%s.%N; }
notes=""
size() { stat -c %s "$1"; }
printf '| set | images | pixels | PNG | cjxl e7 | cjxl e9 | JBIG | JBIG -q |%s lcompress | enc s | dec s |\n' \
  "${LCOMPRESS_BEFORE:+ lcompress before |}"
printf '|---|---|---|---|---|---|---|---|%s---|---|---|\n' "${LCOMPRESS_BEFORE:+---|}"
for set in valid pngsuite text; do
  dir="$WORK/$set"
  mkdir -p "$dir.out/jxl7" "$dir.out/jxl9" "$dir.out/pbm" "$dir.out/lc" "$dir.out/dec" "$dir.out/before"
  px=0 png=0 j7=0 j9=0 jb=0 jq=0 n=0 j9failed=""
  for f in "$dir"/*.png; do
    b="$(basename "$f" .png)"
    n=$((n + 1))
    w="$(file "$f" | sed -E 's/.*, ([0-9]+) x ([0-9]+),.*/\1/')"
    h="$(file "$f" | sed -E 's/.*, ([0-9]+) x ([0-9]+),.*/\2/')"
    px=$((px + w * h))
    png=$((png + $(size "$f")))
    cjxl -d 0 -e 7 "$f" "$dir.out/jxl7/$b.jxl" > /dev/null 2>&1
    j7=$((j7 + $(size "$dir.out/jxl7/$b.jxl")))
    # libjxl 0.7's -e 9 dies (SIGILL) on some bilevel pages: then the cell counts -e 7's file and says so
    if cjxl -d 0 -e 9 "$f" "$dir.out/jxl9/$b.jxl" > /dev/null 2>&1; then
      j9=$((j9 + $(size "$dir.out/jxl9/$b.jxl")))
    else
      j9=$((j9 + $(size "$dir.out/jxl7/$b.jxl")))
      j9failed="$j9failed $b"
    fi
    "${TOOL[@]}" pbm "$f" "$dir.out/pbm/$b.pbm"
    jb=$((jb + $(pbmtojbg "$dir.out/pbm/$b.pbm" | wc -c)))
    jq=$((jq + $(pbmtojbg -q "$dir.out/pbm/$b.pbm" | wc -c)))
  done
  before=""
  if [[ -n "${LCOMPRESS_BEFORE:-}" ]]; then
    "$LCOMPRESS_BEFORE" encode -q -f -d "$dir.out/before" "$dir"/*.png
    before=0
    for f in "$dir.out/before"/*.lc; do before=$((before + $(size "$f"))); done
  fi
  t0=$(now)
  "$LC" encode -q -f --verify -d "$dir.out/lc" "$dir"/*.png
  t1=$(now)
  "$LC" decode -q -f -d "$dir.out/dec" "$dir.out/lc"/*.lc
  t2=$(now)
  lc=0
  for f in "$dir.out/lc"/*.lc; do lc=$((lc + $(size "$f"))); done
  cell() { awk -v b="$1" -v p="$px" 'BEGIN { printf "%d (%.4f)", b, 8 * b / p }'; }
  printf '| %s | %d | %d | %s | %s | %s | %s | %s |%s %s | %.1f | %.1f |\n' "$set" "$n" "$px" "$(cell $png)" \
    "$(cell $j7)" "$(cell $j9)" "$(cell $jb)" "$(cell $jq)" "${before:+ $(cell $before) |}" "$(cell $lc)" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
  if [[ -n "$j9failed" ]]; then
    notes="$notes\n$set: cjxl -e 9 failed on$j9failed (its -e 7 file counted instead)"
  fi
done
printf "$notes\n"
echo
echo "cells: bytes (bits per pixel); lcompress encode time includes --verify (a decode); images in $WORK"
