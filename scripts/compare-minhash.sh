#!/usr/bin/env bash
# Near-duplicate detection side by side: newsfold's story stage vs Spark MLlib MinHashLSH on the same corpus.
# Usage: scripts/compare-minhash.sh [HASH_TABLES[,HASH_TABLES...]] [ARTICLES...]   (default: 5,10 tables; 10000 20000 50000 articles)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NEWSFOLD_DATA:-../shared/data}"
conll="$data/conll2003/eng.train"
[ -f "$conll" ] || { echo "compare-minhash: $conll not found (set NEWSFOLD_DATA to the labelled data folder)" >&2; exit 2; }
tables="${1:-5,10}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 20000 50000)
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec nice java -Xmx8g \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.newsfold.stories.MinHashLshComparison "$conll" "$tables" "${sizes[@]}"
