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
export OUT="${OUT:-$ROOT/runs/finetune-small}"
INIT="${INIT:-$ROOT/codec/src/main/resources/io/lcompress/codec/model/neural/small.lcw}"
LR=6e-4 LR_FLOOR=2e-5 WARMUP=100 SEED=20261205 EPOCHS="${EPOCHS:-20}" SAMPLES=8000000 \
  exec "$ROOT/model/train-small.sh" --init "$INIT" "$@"
