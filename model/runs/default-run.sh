#!/bin/bash
# Training run of the default lcompress model. Resume after an interruption: bash run.sh --resume
# The shipped weights: 20 epochs (resumed a few times), then `bash run.sh --resume --epochs 32`; last.lcw of epoch 32.
R=/work/runs/train-default
export OMP_NUM_THREADS=1
export OPENBLAS_CORETYPE=Haswell
cd $R
exec java -Xmx8g -cp $R/lib/model-classes:$R/lib/codec-classes:$(cat $R/lib/deps-cp.txt) io.lcompress.model.TrainMain \
  --data /work/shared/data/train/wikipedia-photos,/work/shared/data/train/debian-photos-ds4,/work/shared/data/train/cbsd68,/work/shared/data/train/cifar10-train4k \
  --valid /work/shared/data/valid/imagecompression.info-rgb8bit,/work/shared/data/valid/set14,/work/shared/data/valid/set5,/work/shared/data/valid/skimage,/work/shared/data/valid/usc-sipi-misc-color,/work/shared/data/valid/waterloo-color \
  --holdout cifar10-train4k:400 --holdout-eval 200 \
  --out $R/default.lcw --checkpoint-dir $R/checkpoint \
  --hidden 192,192 --components 5 --batch 4096 --lr 2e-3 --lr-floor 4e-5 --warmup 300 \
  --epochs 29 --samples-per-epoch 8000000 --seed 20261129 --threads 1 --progress-seconds 30 "$@"
