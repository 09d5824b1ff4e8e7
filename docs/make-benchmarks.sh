#!/usr/bin/env bash
# Regenerates docs/BENCHMARKS.md (and the charts, CSVs and heatmap in docs/benchmarks/) from
# `lcompress bench` on the validation images (per set and in total) and on the CIFAR-10 hold-out:
# the last 400 images of train/cifar10-train4k by file name, which the models never train on; and the
# speed/size chart of `lcompress bench --pareto` (every effort level, every cjxl effort) on the former.
#
# Usage: docs/make-benchmarks.sh [--model NAME] [--threads N] [--data DIR] [--codecs LIST] [--out FILE] [--no-pareto]
#   --model     lcompress model (default: default, the learned model)
#   --threads   lcompress worker threads (default: all processors)
#   --data      the shared data folder holding valid/ and train/ (default: found next to the checkout)
#   --codecs    reference codecs for `lcompress bench --codecs` (default: all of png,optipng,webp,jxl7,jxl9)
#   --out       the Markdown file to write (default: docs/BENCHMARKS.md; the figures go to docs/benchmarks/)
#   --no-pareto leave the speed/size chart out (it takes about as long as the rest)
# Takes about two hours on a 2-core machine (about one with --no-pareto), most of it in cwebp -z 9,
# cjxl -e 8 and -e 9 and the effort levels that run a network.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL=default
THREADS=""
DATA=""
CODECS=""
PARETO=1
OUT="$ROOT/docs/BENCHMARKS.md"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) MODEL="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --codecs) CODECS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-pareto) PARETO=0; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make-benchmarks: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$DATA" ]]; then
  for d in "$ROOT/shared/data" "$ROOT/../shared/data" /work/shared/data; do
    if [[ -d "$d/valid" ]]; then DATA="$(cd "$d" && pwd)"; break; fi
  done
fi
if [[ -z "$DATA" || ! -d "$DATA/valid" ]]; then
  echo "make-benchmarks: no data folder with valid/ found (use --data DIR)" >&2
  exit 1
fi
CIFAR="$DATA/train/cifar10-train4k"
FIG_DIR="$(dirname "$OUT")/benchmarks"
mkdir -p "$FIG_DIR"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/lcompress-benchmarks.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# the CIFAR-10 hold-out as a folder of links, so that it is one set named cifar10-holdout
mkdir "$WORK/cifar10-holdout"
mapfile -t HOLDOUT < <(find "$CIFAR" -maxdepth 1 -name '*.png' -printf '%f\n' | LC_ALL=C sort | tail -n 400)
if [[ ${#HOLDOUT[@]} -ne 400 ]]; then
  echo "make-benchmarks: expected at least 400 PNGs in $CIFAR, found ${#HOLDOUT[@]}" >&2
  exit 1
fi
for f in "${HOLDOUT[@]}"; do ln -s "$CIFAR/$f" "$WORK/cifar10-holdout/$f"; done

OPTS=(--model "$MODEL" --progress lines --force)
[[ -n "$THREADS" ]] && OPTS+=(--threads "$THREADS")
[[ -n "$CODECS" ]] && OPTS+=(--codecs "$CODECS")

LC="$ROOT/lcompress"
"$LC" --version > /dev/null   # builds the jar when needed, before the clock starts

echo "make-benchmarks: validation set ($DATA/valid)" >&2
T0=$SECONDS
"$LC" bench "${OPTS[@]}" --csv "$FIG_DIR/valid.csv" --md "$WORK/valid.md" --chart "$FIG_DIR/valid.png" \
  "$DATA/valid" > "$WORK/valid.txt"
T_VALID=$((SECONDS - T0))

echo "make-benchmarks: CIFAR-10 hold-out (${HOLDOUT[0]} .. ${HOLDOUT[399]})" >&2
T0=$SECONDS
"$LC" bench "${OPTS[@]}" --csv "$FIG_DIR/cifar10-holdout.csv" --md "$WORK/cifar.md" --md-summary-only \
  --chart "$FIG_DIR/cifar10-holdout.png" "$WORK/cifar10-holdout" > "$WORK/cifar.txt"
T_CIFAR=$((SECONDS - T0))

# speed against size: every distinct effort recipe (4, 6, 8, 9 repeat 3, 5, 7) and every cjxl effort as whole commands (JVM start included)
PARETO_OPTS=(--pareto "$FIG_DIR/pareto.png" --levels 1,2,3,5,7 --jxl-efforts 1-9 --progress lines --force)
[[ -n "$THREADS" ]] && PARETO_OPTS+=(--threads "$THREADS")
T_PARETO=0
if [[ "$PARETO" == 1 ]]; then
  echo "make-benchmarks: speed/size chart, every effort level ($DATA/valid)" >&2
  T0=$SECONDS
  "$LC" bench "${PARETO_OPTS[@]}" --csv "$FIG_DIR/pareto.csv" --md "$WORK/pareto.md" "$DATA/valid" \
    > "$WORK/pareto.txt"
  T_PARETO=$((SECONDS - T0))
fi

HEAT_IMAGE="$DATA/valid/skimage/astronaut.png"
if [[ -f "$HEAT_IMAGE" ]]; then
  "$LC" heatmap --model "$MODEL" --force --quiet ${THREADS:+--threads "$THREADS"} "$HEAT_IMAGE" \
    "$FIG_DIR/heatmap-astronaut.png"
fi

# --- the machine and the tools
CPU="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^model name[[:space:]]*:[[:space:]]*//' || true)"
JAVA="$(java -version 2>&1 | head -n 1)"
ver() { if command -v "$1" > /dev/null; then "$@" 2>&1 | head -n 1; else echo "not installed"; fi; }
CWEBP_V="$(ver cwebp -version)"
CJXL_V="$(ver cjxl --version)"
OPTIPNG_V="$(ver optipng -v)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- codec cli model 2>/dev/null)" ]]; then COMMIT="$COMMIT (with local changes)"; fi
REL_FIG="$(basename "$FIG_DIR")"
# "Headers: ..." from a bench CSV's TOTAL row: .lc header bytes per image and their share in bits per subpixel
headers() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "TOTAL" { total = $0; h = $(col["header_bits"]); s = $(col["subpixels"]); next }
    { n++ }
    END { if (n > 0 && s > 0) printf "The .lc headers (model name, planes, alphabets, colour sets, stripe table, checksums) average %.0f bytes per image here, %.3f of the bits per subpixel above.\n", h / 8 / n, h / s }' "$1"
}
# what the speed/size chart shows and how it is measured (the same text as in docs/BENCHMARKS.md)
pareto_description() {
  cat <<'TEXT'
`lcompress bench --pareto` runs every lcompress effort level (`-e 1` to `-e 9`), every cjxl effort
(`cjxl -d 0 -e 1` to `-e 9`, decoded with `djxl`), `cwebp -lossless -z 9 -exact -metadata none`
(decoded with `dwebp`) and PNG on every validation image. Each command runs as a process of its own and
is timed whole, wall-clock, as a user waits for it, encode and decode apart: lcompress starts a JVM per
command (the bench's own `java` and class path), just as cjxl starts a process. Every `.lc` file is
decoded by `lcompress decode` and compared with its input. The chart plots bits per subpixel (total
file bits / total subpixels) against seconds per megapixel (total seconds / total megapixels, log
scale): filled marks encode, hollow marks decode, the grey band the encoders' Pareto front (the settings
no other setting beats on both time and size). The stored PNG has a size and no time: a horizontal line
(or a note when it lies far above the rest). The table gives the same points, the median time per image,
and each encode time over `cjxl -e 7`'s in the same run.
TEXT
}
MODEL_LINE="$(grep -m1 '^Model:' "$WORK/valid.md" | sed 's/^Model: \(`[^`]*`\) (fingerprint \(`[^`]*`\)).*/\1, fingerprint \2/')"

{
  echo "# Benchmarks"
  echo
  echo "**Model: $MODEL_LINE.**"
  if [[ "$MODEL" == "fast" ]]; then
    echo "These numbers use \`fast\`, the non-learned baseline model, not the learned default model;"
    echo "run \`docs/make-benchmarks.sh\` again (it uses \`--model default\`) to get the learned model's numbers."
  fi
  echo
  echo "Generated by \`docs/make-benchmarks.sh$( [[ "$MODEL" != default ]] && echo " --model $MODEL")$( [[ -n "$THREADS" ]] && echo " --threads $THREADS")\`"
  echo "on $(date -u +%Y-%m-%d) from commit \`$COMMIT\`. Every image was encoded, decoded and compared sample by sample."
  echo "Bits per subpixel (bpsp) = bits / (width x height x channels), lower is better; a set's number is its"
  echo "total bits / total subpixels; \"lcompress (model)\" is the model's ideal code length (-log2 P), \"lcompress\""
  echo "the actual .lc file, header included."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| machine | $(nproc) cores, ${CPU:-unknown CPU} |"
  echo "| Java | $JAVA |"
  echo "| cwebp | $CWEBP_V |"
  echo "| cjxl | $CJXL_V |"
  echo "| optipng | $OPTIPNG_V |"
  echo "| commands | \`lcompress bench ${OPTS[*]} --csv ... --md ... --chart ... DATA/valid\` ($T_VALID s) and the same on the hold-out with \`--md-summary-only\` ($T_CIFAR s) |"
  echo
  echo "Times are wall-clock seconds on a machine that may have been busy with other work (model training):"
  echo "compare sizes freely, speeds only roughly. The first image of each run also pays for the JVM's warm-up."
  echo
  echo "## Validation images (\`valid/\`, per set and in total)"
  echo
  sed '1,2d' "$WORK/valid.md"
  headers "$FIG_DIR/valid.csv"
  echo
  echo "![bits per subpixel by codec, validation images]($REL_FIG/valid.png)"
  echo
  echo "![model code length vs bits written, validation images]($REL_FIG/valid-model-vs-actual.png)"
  echo
  echo "## CIFAR-10 hold-out (400 images, 32x32)"
  echo
  echo "\`${HOLDOUT[0]}\` to \`${HOLDOUT[399]}\` of \`train/cifar10-train4k\` (the last 400 by file name, never trained on)."
  echo
  sed '1,2d' "$WORK/cifar.md"
  headers "$FIG_DIR/cifar10-holdout.csv"
  echo
  echo "![bits per subpixel by codec, CIFAR-10 hold-out]($REL_FIG/cifar10-holdout.png)"
  echo
  if [[ "$PARETO" == 1 ]]; then
    echo "## Speed and size: every effort level"
    echo
    pareto_description
    echo
    echo "\`lcompress bench --pareto $REL_FIG/pareto.png ${PARETO_OPTS[*]:2} --csv $REL_FIG/pareto.csv --md ... DATA/valid\`"
    echo "($T_PARETO s):"
    echo
    cat "$WORK/pareto.md"
    echo "![bits per subpixel vs. seconds per megapixel, every effort level, validation images]($REL_FIG/pareto.png)"
    echo
  fi
  if [[ -f "$FIG_DIR/heatmap-astronaut.png" ]]; then
    echo "## Where the bits go"
    echo
    echo "\`lcompress heatmap --model $MODEL valid/skimage/astronaut.png\`: every pixel's code length (bits summed"
    echo "over its channels). Edges and texture cost the most, flat areas the least. Stripes of rows are coded"
    echo "independently, so the first row of each stripe, which sees no rows above it, costs a little more."
    echo
    echo "![where the bits go, astronaut]($REL_FIG/heatmap-astronaut.png)"
    echo
  fi
  echo "Per-image numbers: [valid.csv]($REL_FIG/valid.csv), [cifar10-holdout.csv]($REL_FIG/cifar10-holdout.csv)$(
    [[ "$PARETO" == 1 ]] && echo "; speed/size points: [pareto.csv]($REL_FIG/pareto.csv)")."
} > "$WORK/BENCHMARKS.md"
mv "$WORK/BENCHMARKS.md" "$OUT"
echo "make-benchmarks: wrote $OUT (validation $T_VALID s, CIFAR-10 hold-out $T_CIFAR s$(
  [[ "$PARETO" == 1 ]] && echo ", speed/size chart $T_PARETO s"))" >&2
