#!/usr/bin/env bash
# Retrains the shipped name model (src/main/resources/dev/newsfold/entities/ner-conll2003-en.bin.gz) from
# CoNLL-2003 eng.train and prints the per-epoch F1 on eng.testa. Deterministic: the same data give the same bytes.
# Usage: scripts/train-ner.sh [DATA_DIR]   (default: $NEWSFOLD_DATA or ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-${NEWSFOLD_DATA:-../shared/data}}"
if [ ! -f "$DATA/conll2003/eng.train" ]; then
  echo "train-ner: $DATA/conll2003/eng.train not found" >&2
  exit 1
fi
${MVN:-mvn} -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
java -Xmx4g -cp "target/classes:$(cat target/cp.txt)" dev.newsfold.entities.NerTrainer \
  --train "$DATA/conll2003/eng.train" --dev "$DATA/conll2003/eng.testa" --epochs 10 \
  --out src/main/resources/dev/newsfold/entities/ner-conll2003-en.bin.gz
