#!/usr/bin/env bash
# Trains the narrow network of the middle effort levels (84 -> 64 -> 64 -> 60, 13k multiply-adds per
# pixel instead of 64k): the default model's recipe (model/train-photos.sh), narrower layers, 16 epochs.
# Resume an interrupted run: model/train-narrow.sh --resume.
exec "$(dirname "${BASH_SOURCE[0]}")/train-photos.sh" narrow 64,64 16 3e-3 20261201 "$@"
