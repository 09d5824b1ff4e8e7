#!/usr/bin/env bash
# Trains the wide network for the strongest effort level (84 -> 256 -> 256 -> 60, 102k multiply-adds per
# pixel instead of 64k): the default model's data and loss, wider layers, 40 epochs (the default's loss
# was still falling at its epoch 32).
# Resume an interrupted run: model/train-wide.sh --resume. LCOMPRESS overrides the command (e.g. a
# copy of the jar, so that rebuilding the project does not replace the jar under a running training).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/runs/train-wide}"
LCOMPRESS="${LCOMPRESS:-$ROOT/lcompress}"
mkdir -p "$OUT"
export OMP_NUM_THREADS=1
exec $LCOMPRESS train \
  --data "$DATA/train/wikipedia-photos" "$DATA/train/debian-photos-ds4" "$DATA/train/cbsd68" "$DATA/train/cifar10-train4k" \
  --valid "$DATA/valid/imagecompression.info-rgb8bit" "$DATA/valid/set14" "$DATA/valid/set5" "$DATA/valid/skimage" \
          "$DATA/valid/usc-sipi-misc-color" "$DATA/valid/waterloo-color" \
  --holdout cifar10-train4k:400 --holdout-eval 200 \
  --out "$OUT/wide.lcw" --checkpoint-dir "$OUT/checkpoint" \
  --hidden 256,256 --components 5 --batch 4096 --lr 2e-3 --lr-floor 4e-5 --warmup 300 \
  --epochs 40 --samples-per-epoch 8000000 --seed 20261202 --threads 1 "$@"
