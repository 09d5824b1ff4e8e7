#!/usr/bin/env bash
# The training recipe of the shipped networks: the photo folders and the CIFAR-10 images of
# ../shared/data/train (the last 400 CIFAR images held out), validation on ../shared/data/valid, 8M samples
# an epoch (SAMPLES overrides it), batch 4096, K = 5 components, cosine schedule with warmup. The network's
# shape and run length come from the caller (model/train-narrow.sh, model/train-wide.sh,
# model/train-likelihoods.sh):
#   model/train-photos.sh NAME HIDDEN EPOCHS LR SEED [lcompress train options, e.g. --resume]
# writes $OUT/NAME.lcw (OUT defaults to runs/train-NAME). LCOMPRESS overrides the command (e.g. a copy of
# the jar, so that rebuilding the project does not replace the jar under a running training).
set -euo pipefail
if [[ $# -lt 5 ]]; then
  echo "usage: model/train-photos.sh NAME HIDDEN EPOCHS LR SEED [train options]" >&2
  exit 2
fi
NAME="$1" HIDDEN="$2" EPOCHS="$3" LR="$4" SEED="$5"
shift 5
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/runs/train-$NAME}"
LCOMPRESS="${LCOMPRESS:-$ROOT/lcompress}"
SAMPLES="${SAMPLES:-8000000}"
mkdir -p "$OUT"
export OMP_NUM_THREADS=1
exec $LCOMPRESS train \
  --data "$DATA/train/wikipedia-photos" "$DATA/train/debian-photos-ds4" "$DATA/train/cbsd68" "$DATA/train/cifar10-train4k" \
  --valid "$DATA/valid/imagecompression.info-rgb8bit" "$DATA/valid/set14" "$DATA/valid/set5" "$DATA/valid/skimage" \
          "$DATA/valid/usc-sipi-misc-color" "$DATA/valid/waterloo-color" \
  --holdout cifar10-train4k:400 --holdout-eval 200 \
  --out "$OUT/$NAME.lcw" --checkpoint-dir "$OUT/checkpoint" \
  --hidden "$HIDDEN" --components 5 --batch 4096 --lr "$LR" --lr-floor 4e-5 --warmup 300 \
  --epochs "$EPOCHS" --samples-per-epoch "$SAMPLES" --seed "$SEED" --threads 1 "$@"
