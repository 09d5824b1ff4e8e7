#!/usr/bin/env bash
# Trains the Bernoulli network of the bilevel model (lcompress train --likelihood bernoulli): the photos of
# ../shared/data/train binarized (grey (299R+587G+114B+500)/1000, ink below 128; CIFAR-10 left out, 32x32
# thumbnails are no bilevel material), validation on ../shared/data/valid binarized likewise. The
# 33-pixel binary template -> 32 -> 32 -> 1 (2.1k multiply-adds per pixel), batch 2048, 8 epochs of 6M samples, cosine schedule.
#   [HIDDEN=32,32] model/train-bernoulli.sh [EPOCHS [SAMPLES_PER_EPOCH]] [train options, e.g. --resume]
# writes $OUT/bilevel.lcw (OUT defaults to runs/train-bilevel). LCOMPRESS overrides the command (e.g. a
# copy of the jar, so that rebuilding the project does not replace the jar under a running training).
set -euo pipefail
EPOCHS="${1:-8}"
SAMPLES="${2:-6000000}"
shift $(( $# > 2 ? 2 : $# ))
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/runs/train-bilevel}"
LCOMPRESS="${LCOMPRESS:-$ROOT/lcompress}"
mkdir -p "$OUT"
export OMP_NUM_THREADS=1
exec $LCOMPRESS train --likelihood bernoulli \
  --data "$DATA/train/wikipedia-photos" "$DATA/train/debian-photos-ds4" "$DATA/train/cbsd68" \
  --valid "$DATA/valid/imagecompression.info-rgb8bit" "$DATA/valid/set14" "$DATA/valid/set5" "$DATA/valid/skimage" \
          "$DATA/valid/usc-sipi-misc-color" "$DATA/valid/waterloo-color" \
  --holdout none --out "$OUT/bilevel.lcw" --checkpoint-dir "$OUT/checkpoint" \
  --hidden "${HIDDEN:-32,32}" --batch 2048 --lr 3e-3 --lr-floor 5e-5 --warmup 200 \
  --epochs "$EPOCHS" --samples-per-epoch "$SAMPLES" --seed 20261202 --threads 1 "$@"
