#!/usr/bin/env bash
# Runs every known hostile input through the real command (./lcompress) and checks what issue 10 asks:
# a refusal or success within 10 s and 1 GB of resident memory, exactly one line on stderr for a
# refusal, and no output (or temporary) file left behind; valid images are encoded with --verify. Prints a Markdown table; exit 1 on a miss.
# Usage: docs/hostile-inputs.sh            (builds the jar if needed)
set -uo pipefail
cd "$(dirname "$0")/.."
R=codec/src/test/resources/io/lcompress/codec/fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./lcompress --version > /dev/null || exit 1
misses=0
echo "| input | command | exit | seconds | max RSS MB | stderr lines | output left | message |"
echo "|---|---|---:|---:|---:|---:|---|---|"
run() {   # run NAME COMMAND IN
  local name=$1 cmd=$2 in=$3 out ext
  ext=$([[ $cmd == encode ]] && echo lc || echo png)
  out="$work/out.$ext"
  rm -f "$work"/out* "$work"/.out*
  /usr/bin/time -f "%e %M" -o "$work/time" ./lcompress "$cmd" $([[ $cmd == encode ]] && echo --verify) "$in" "$out" \
    > /dev/null 2> "$work/err"
  local code=$? secs rss lines left msg
  read -r secs rss < <(tail -1 "$work/time")
  lines=$(wc -l < "$work/err")
  left=$(ls -A "$work" | grep -c '^\.\?out' || true)
  msg=$(sed "s|^lcompress: $in: ||" "$work/err" | head -c 100 | tr '\n|' ' /')
  local ok=1
  awk -v s="$secs" 'BEGIN { exit !(s <= 10) }' || ok=0
  (( rss <= 1048576 )) || ok=0
  if (( code != 0 )); then (( lines == 1 && left == 0 )) || ok=0; fi
  (( ok )) || misses=$((misses + 1))
  printf '| %s | %s | %d | %s | %d | %d | %s | %s |\n' "$name" "$cmd" "$code" "$secs" $((rss / 1024)) "$lines" \
    "$( ((code == 0)) && echo "written, verified" || ( ((left == 0)) && echo no || echo YES))" \
    "$msg$([[ $ok == 1 ]] || echo ' **MISS**')"
}
for f in "$R"/LcDecoderFuzzTestInputs/decode/regression/*; do run "$(basename "$f")" decode "$f"; done
for f in "$R"/PngReaderFuzzTestInputs/readPng/malformed/* testdata/pngsuite/x*.png; do run "$(basename "$f")" encode "$f"; done
for f in "$R"/PngReaderFuzzTestInputs/readPng/roundtrip/*.png; do run "$(basename "$f")" encode "$f"; done
echo
echo "$misses misses"
(( misses == 0 ))
