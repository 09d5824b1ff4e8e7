#!/usr/bin/env bash
# The second small-image network (neural/small2.lcw): the shipped small.lcw (model/train-small.sh)
# fine-tuned with a second, shorter cosine cycle - a warm restart: the first run's hold-out loss was still
# falling when its learning rate reached the floor (model/runs/small-training-log.txt). Same data,
# hold-out and shape as train-small.sh, a new seed so the epochs draw other samples.
#   model/finetune-small.sh [lcompress train options, e.g. --resume]
# writes $OUT/small.lcw, the best epoch (OUT defaults to runs/finetune-small; its epoch 0 is the starting
# network), shipped as neural/small2.lcw; every epoch's weights stay in $OUT/checkpoint/epochs/ (their
# mean: io.lcompress.model.AverageWeights). Log of the shipped run: model/runs/finetune-small-log.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$ROOT/runs/finetune-small}"
LCOMPRESS="${LCOMPRESS:-$ROOT/lcompress}"
INIT="${INIT:-$ROOT/codec/src/main/resources/io/lcompress/codec/model/neural/small.lcw}"
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
  --init "$INIT" \
  --out "$OUT/small.lcw" --checkpoint-dir "$OUT/checkpoint" \
  --hidden 256,256 --components 5 --batch 4096 --lr 6e-4 --lr-floor 2e-5 --warmup 100 \
  --epochs "${EPOCHS:-20}" --samples-per-epoch 8000000 --seed 20261205 --threads 1 "$@"
