#!/usr/bin/env bash
# The likelihood comparison of issue #15: the default network's trunk (84 -> 192 -> 192, ReLU, feature
# spec 1) with one head per family, all trained with exactly the same short recipe (model/train-photos.sh
# with 6 epochs of 2M samples, lr 2e-3, seed 20261215), so that only the head and its loss differ:
#   model/train-likelihoods.sh dmol          -> runs/train-dmol-short/dmol-short.lcw
#   model/train-likelihoods.sh categorical   -> runs/train-categorical-short/categorical-short.lcw
# (further arguments go to lcompress train, e.g. --resume). The shipped built-in `categorical` is the
# categorical run's best-validation weights.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: model/train-likelihoods.sh dmol|categorical [train options]" >&2
  exit 2
fi
FAMILY="$1"
shift
SAMPLES="${SAMPLES:-2000000}" exec "$(dirname "${BASH_SOURCE[0]}")/train-photos.sh" "$FAMILY-short" 192,192 6 2e-3 20261215 \
  --likelihood "$FAMILY" "$@"
