#!/usr/bin/env bash
# Trains the wide network for the strongest effort level (84 -> 256 -> 256 -> 60, 102k multiply-adds per
# pixel instead of 64k): the default model's recipe (model/train-photos.sh), wider layers, 40 epochs (the
# default's loss was still falling at its epoch 32). Resume an interrupted run: model/train-wide.sh --resume.
exec "$(dirname "${BASH_SOURCE[0]}")/train-photos.sh" wide 256,256 40 2e-3 20261202 "$@"
