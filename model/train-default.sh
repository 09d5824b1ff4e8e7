#!/usr/bin/env bash
# Trains the default model exactly as shipped (see model/README.md). About 90 minutes of one core on
# the project's 2-core machine (~30k samples/s). Resume an interrupted run: model/train-default.sh --resume
# (add --epochs N with --resume to change the total; the cosine schedule follows the new total).
# The shipped weights: this script as is (20 epochs), then `model/train-default.sh --resume --epochs 32`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/runs/train-default}"
mkdir -p "$OUT"
export OMP_NUM_THREADS=1
exec "$ROOT/lcompress" train \
  --data "$DATA/train/wikipedia-photos" "$DATA/train/debian-photos-ds4" "$DATA/train/cbsd68" "$DATA/train/cifar10-train4k" \
  --valid "$DATA/valid/imagecompression.info-rgb8bit" "$DATA/valid/set14" "$DATA/valid/set5" "$DATA/valid/skimage" \
          "$DATA/valid/usc-sipi-misc-color" "$DATA/valid/waterloo-color" \
  --holdout cifar10-train4k:400 --holdout-eval 200 \
  --out "$OUT/default.lcw" --checkpoint-dir "$OUT/checkpoint" \
  --hidden 192,192 --components 5 --batch 4096 --lr 2e-3 --lr-floor 4e-5 --warmup 300 \
  --epochs 20 --samples-per-epoch 8000000 --seed 20261129 --threads 1 "$@"
