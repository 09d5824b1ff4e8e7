#!/usr/bin/env bash
# Trains the small-image network (issue 12: CIFAR-10-sized images): the wide network's shape
# (84 -> 256 -> 256 -> 60, K = 5), trained only on small images - the CIFAR-10 training images of
# ../shared/data/train (the last 400 held out and evaluated on every pixel: they choose the best epoch)
# and 32x32 tiles of the training photos shrunk 4, 8 and 16 times by exact box averaging, as
# ImageNet32/64 were made (model/data/SmallPhotos.java; the two folders are sampled equally).
#   model/train-small.sh [lcompress train options, e.g. --resume]
# writes $OUT/small.lcw (OUT defaults to runs/train-small). LCOMPRESS overrides the command (e.g. an
# unpacked distribution, so that rebuilding the project does not replace the jar under a running training);
# LR, LR_FLOOR, WARMUP, SEED, EPOCHS and SAMPLES the schedule (model/finetune-small.sh sets them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/runs/train-small}"
LCOMPRESS="${LCOMPRESS:-$ROOT/lcompress}"
SAMPLES="${SAMPLES:-8000000}"
EPOCHS="${EPOCHS:-40}"
LR="${LR:-2e-3}"
LR_FLOOR="${LR_FLOOR:-4e-5}"
WARMUP="${WARMUP:-300}"
SEED="${SEED:-20261203}"
TILES="$OUT/small-photos"
mkdir -p "$OUT"
if [[ ! -f "$TILES/.done" ]]; then
  rm -rf "$TILES"
  java "$ROOT/model/data/SmallPhotos.java" "$TILES" 4,8,16 \
    "$DATA/train/wikipedia-photos" "$DATA/train/debian-photos-ds4" "$DATA/train/cbsd68"
  touch "$TILES/.done"
fi
export OMP_NUM_THREADS=1
exec $LCOMPRESS train \
  --data "$DATA/train/cifar10-train4k" "$TILES" \
  --holdout cifar10-train4k:400 --holdout-eval 400 \
  --out "$OUT/small.lcw" --checkpoint-dir "$OUT/checkpoint" \
  --hidden 256,256 --components 5 --batch 4096 --lr "$LR" --lr-floor "$LR_FLOOR" --warmup "$WARMUP" \
  --epochs "$EPOCHS" --samples-per-epoch "$SAMPLES" --seed "$SEED" --threads 1 "$@"
