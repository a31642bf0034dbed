#!/bin/sh
# End-to-end time and peak memory of 'qmcheck lens' on 1,280,000 × 1280
# clustered float32 embeddings (1,000 classes, ImageNet-1k's size and a
# 1,280-d image model's width): above the exact limit, so the k-NN search runs
# against the fixed-seed reference sample (docs/lenses.md). Needs ~13 GB of
# RAM and ~7 GB of disk in $DIR. Run from the repository root:
#
#   sh bench/knn/big.sh                 # OpenBLAS and pure-Go builds
#   BUILDS=openblas sh bench/knn/big.sh # one build
set -eu
DIR=${DIR:-/tmp/qmcheck-knnbig}
BUILDS=${BUILDS:-"openblas gonum"}
mkdir -p "$DIR"
if [ ! -f "$DIR/emb.npy" ]; then
  /usr/bin/python3 bench/knn/gen.py --n 1280000 --d 1280 --clusters 1000 --out "$DIR"
fi
for b in $BUILDS; do
  tags=""
  [ "$b" = openblas ] && tags="-tags openblas"
  go build $tags -o "$DIR/qmcheck-$b" ./cmd/qmcheck
  /usr/bin/time -v "$DIR/qmcheck-$b" lens --vectors "$DIR/emb.npy" --labels "$DIR/labels.csv" \
    -o "$DIR/lens-$b.json" 2> "$DIR/time-$b.txt"
  grep -E "qmcheck: lens|Elapsed|Maximum resident" "$DIR/time-$b.txt"
done
