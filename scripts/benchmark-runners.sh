#!/usr/bin/env bash
# Wall time of the whole job on each runner over a generated corpus (deterministic: same size, same files):
#   scripts/benchmark-runners.sh [articles=10000] [runners=direct,flink,spark] [workDir=target/runner-benchmark]
# Prints one line per runner (wall seconds, articles/s, rows per table). Runs niced; the corpus is generated once
# per size into workDir and reused. Flink runs as an embedded mini-cluster, Spark as local[2].
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-10000}
runners=${2:-direct,flink,spark}
work=${3:-target/runner-benchmark}
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
opens+=" --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
opens+=" --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
exec nice java ${NEWSFOLD_JAVA_OPTS:--Xmx6g} $opens \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.newsfold.runners.RunnerBenchmark "$work" "$articles" "$runners"
