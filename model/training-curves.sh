#!/usr/bin/env bash
# Training curves as CSV from the logs of `lcompress train`: one row per epoch and log,
#   family,epoch,train_bpsp,valid_photos_bpsp,holdout_bpsp
# where family is the log's name up to "-training-log" (e.g. model/runs/categorical-short-training-log.txt
# gives categorical-short), train_bpsp the mean training loss of the epoch (the coder's code length on the
# training samples, in bits per subpixel), valid_photos_bpsp and holdout_bpsp the exact validation figures
# of the exported weights after that epoch. Usage: model/training-curves.sh LOG... > curves.csv
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: model/training-curves.sh LOG... > curves.csv" >&2
  exit 2
fi
echo "family,epoch,train_bpsp,valid_photos_bpsp,holdout_bpsp"
for log in "$@"; do
  family="$(basename "$log")"
  family="${family%-training-log.txt}"
  family="${family%.txt}"
  # "epoch 3/6 done: train 3.5688 | valid photos 3.7278  holdout 4.1817 | ..."
  sed -n 's#^epoch \([0-9]*\)/[0-9]* done: train \([0-9.]*\) | valid photos \([0-9.NaN]*\) *holdout \([0-9.NaN]*\) .*#\1,\2,\3,\4#p' "$log" \
    | while IFS= read -r row; do echo "$family,$row"; done
done
