#!/usr/bin/env bash
# Whole-command timings of lcompress's distinct effort levels (LEVELS, default 1 2 3 5 7) and cjxl -e 5/7/9 (+ djxl),
# interleaved in one run so that both see the same machine, REPEAT times per image (default 3).
# One line per command: IMAGE SETTING enc|dec SECONDS [BYTES]. Check `uptime` first: on a busy machine
# every figure is inflated. Usage: docs/side-by-side.sh IMAGE.png... > times.txt
set -euo pipefail
L="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lcompress"
REPEAT="${REPEAT:-3}"
LEVELS="${LEVELS:-1 2 3 5 7}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
"$L" encode -q -f -e 1 "$1" "$T/warm.lc"     # builds the jar and its class-data archive, untimed
now() { date +%s.%N; }
for rep in $(seq "$REPEAT"); do
  for f in "$@"; do
    n="$(basename "$f" .png)"
    for e in $LEVELS; do
      s=$(now); "$L" encode -q -f -e "$e" "$f" "$T/x.lc"; t=$(now)
      echo "$n lc-e$e enc $(echo "$t - $s" | bc) $(stat -c %s "$T/x.lc")"
      s=$(now); "$L" decode -q -f "$T/x.lc" "$T/x.png"; t=$(now)
      echo "$n lc-e$e dec $(echo "$t - $s" | bc)"
    done
    for e in 5 7 9; do
      s=$(now); cjxl -d 0 -e "$e" --quiet "$f" "$T/x.jxl" 2>/dev/null; t=$(now)
      echo "$n cjxl-e$e enc $(echo "$t - $s" | bc) $(stat -c %s "$T/x.jxl")"
      s=$(now); djxl "$T/x.jxl" "$T/y.png" --quiet 2>/dev/null; t=$(now)
      echo "$n cjxl-e$e dec $(echo "$t - $s" | bc)"
    done
  done
done
