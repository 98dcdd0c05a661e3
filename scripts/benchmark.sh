#!/usr/bin/env bash
# Throughput benchmark on a generated corpus of real text (see dev.newsfold.bench.BenchmarkCorpus).
#   scripts/benchmark.sh [articles=10000] [runner=direct|flink|spark] [more pipeline options...]
# Prints articles/s end to end and per stage, peak memory, output bytes per table and story quality.
# Extra JVM flags (e.g. a JFR recording) go in NEWSFOLD_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNNER=${2:-direct}
shift $(( $# < 2 ? $# : 2 ))
DATA=${NEWSFOLD_DATA:-../shared/data}
if [[ ! -f target/classpath.txt || -n "$(find src schemas pom.xml -newer target/classpath.txt -print -quit)" ]]; then
  log=$(mktemp); mvn -q -B -Dstyle.color=never -DskipTests package >"$log" 2>&1 || { cat "$log" >&2; exit 1; }; rm -f "$log"
fi
CP="target/classes:$(cat target/classpath.txt)"
if [[ $RUNNER != direct ]]; then
  # The Flink and Spark runners are test-scoped (the cluster bundles come from -Pflink / -Pspark): use the test classpath.
  mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt
  CP="target/classes:$(cat target/test-classpath.txt)"
fi
CORPUS=target/bench/corpus-v3-$N
if [[ ! -d $CORPUS ]]; then
  java -cp "$CP" -Dnewsfold.data="$DATA" dev.newsfold.bench.BenchmarkCorpus "$CORPUS" "$N" 1
fi
OUT=target/bench/out-$N-$RUNNER
case $RUNNER in
  direct) RUNNER_ARGS=(--runner=DirectRunner --targetParallelism=2 --enforceImmutability=false --enforceEncodability=false) ;;
  flink)  RUNNER_ARGS=(--runner=FlinkRunner --flinkMaster=[local] --parallelism=2) ;;
  spark)  RUNNER_ARGS=(--runner=SparkRunner --sparkMaster=local[2]); JAVA_SPARK=(-Dspark.ui.enabled=false) ;;
  *) echo "unknown runner $RUNNER" >&2; exit 2 ;;
esac
# The DirectRunner keeps every intermediate collection in memory; Flink and Spark spill, and 4 GB runs 100k on Spark.
HEAP=-Xmx4g
[[ $RUNNER == direct ]] && HEAP=-Xmx10g
JAVA_OPTS=(${JAVA_SPARK[@]+"${JAVA_SPARK[@]}"} $HEAP --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED)
/usr/bin/time -v -o target/bench/time-$N-$RUNNER.txt java "${JAVA_OPTS[@]}" ${NEWSFOLD_JAVA_OPTS:-} -cp "$CP" dev.newsfold.NewsfoldPipeline \
  --input="$CORPUS/*/*" --output="$OUT" --overwrite "${RUNNER_ARGS[@]}" "$@"
java -cp "$CP" dev.newsfold.bench.BenchmarkReport "$OUT" target/bench/time-$N-$RUNNER.txt "$(nproc)"
