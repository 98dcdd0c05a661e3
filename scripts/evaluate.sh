#!/usr/bin/env bash
# Quality evaluations on the labelled corpora in ../shared/data (see that folder's README).
#   scripts/evaluate.sh extraction   # main-text extraction on article-extraction/ (token P/R/F1, as the benchmark scores it)
#   scripts/evaluate.sh ner          # entity P/R/F1 per type on CoNLL-2003 eng.testa (conlleval), tokens/s
#   scripts/evaluate.sh entity-speed # the whole entity step on real article bodies: articles/s, tokens/s
#   scripts/evaluate.sh stories      # story clustering B-cubed and pairwise F1 on ecbplus/ and news-aggregator/
#   scripts/evaluate.sh neardup      # near-duplicate precision/recall and throughput at 10k and 20k articles
#   scripts/evaluate.sh neardup 10000 100000 --runner=FlinkRunner --parallelism=2   # other sizes, another runner
#   scripts/evaluate.sh claims       # attribution P/R/F1, source and cue accuracy on PolNeAR dev
#   scripts/evaluate.sh quantities   # quantity value/unit/qualifier F1 on 72 hand-labelled CoNLL-2003 sentences
#   scripts/evaluate.sh all
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSFOLD_DATA:-../shared/data}
if [[ ! -f target/classpath.txt || -n "$(find src schemas pom.xml -newer target/classpath.txt -print -quit)" ]]; then
  log=$(mktemp); mvn -q -B -Dstyle.color=never -DskipTests package >"$log" 2>&1 || { cat "$log" >&2; exit 1; }; rm -f "$log"
fi
CP="target/classes:$(cat target/classpath.txt)"
JVM=(-Xmx8g)
run() { echo "== $1"; shift; java "${JVM[@]}" ${NEWSFOLD_JAVA_OPTS:-} -Dnewsfold.data="$DATA" -cp "$CP" "$@"; echo; }
what=${1:-all}
shift $(( $# > 0 ? 1 : 0 ))
NEARDUP=("$@")
[[ ${#NEARDUP[@]} -gt 0 ]] || NEARDUP=(10000 20000)
if [[ $what == neardup && " ${NEARDUP[*]} " == *" --runner="* && " ${NEARDUP[*]} " != *"--runner=DirectRunner"* ]]; then
  # The Flink and Spark runners are test-scoped (the cluster bundles come from -Pflink / -Pspark): use the test classpath.
  mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt
  CP="target/classes:$(cat target/test-classpath.txt)"
  JVM+=(-Dspark.ui.enabled=false --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED)
fi
case $what in
  extraction|all) run "main-text extraction" dev.newsfold.parse.ExtractionEvaluation "$DATA/article-extraction" ;;&
  ner|all) run "named entities (CoNLL-2003 testa)" dev.newsfold.entities.NerEvaluation "$DATA/conll2003/eng.testa" ;;&
  entity-speed|all) run "entity step throughput" dev.newsfold.entities.EntityThroughput "$DATA/article-extraction/ground-truth.json" 5 ;;&
  stories|all) run "story clustering" dev.newsfold.stories.EvaluateStories "$DATA" all ;;&
  claims|all) run "attributions (PolNeAR dev)" dev.newsfold.claims.AttributionEvaluation dev "$DATA/polnear/polnear-train-dev.tar.gz" ;;&
  quantities|all) run "quantities" dev.newsfold.claims.QuantityEvaluation src/test/resources/claims/quantities-gold.jsonl ;;&
  neardup) run "near-duplicates" dev.newsfold.stories.NearDuplicateBenchmark "$DATA/conll2003/eng.train" "${NEARDUP[@]}" ;;&
  extraction|ner|entity-speed|stories|claims|quantities|neardup|all) ;;
  *) echo "unknown evaluation '$what'" >&2; exit 2 ;;
esac
