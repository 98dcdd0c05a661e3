#!/usr/bin/env bash
# Quality evaluations on the labelled corpora in ../shared/data (see that folder's README).
#   scripts/evaluate.sh extraction   # main-text extraction on article-extraction/ (token P/R/F1, as the benchmark scores it)
#   scripts/evaluate.sh ner          # entity P/R/F1 per type on CoNLL-2003 eng.testa (conlleval), tokens/s
#   scripts/evaluate.sh entity-speed # the whole entity step on real article bodies: articles/s, tokens/s
#   scripts/evaluate.sh stories      # story clustering B-cubed and pairwise F1 on ecbplus/ and news-aggregator/
#   scripts/evaluate.sh neardup      # near-duplicate precision/recall and throughput at 10k and 20k articles
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
run() { echo "== $1"; shift; java -Xmx8g -Dnewsfold.data="$DATA" -cp "$CP" "$@"; echo; }
what=${1:-all}
case $what in
  extraction|all) run "main-text extraction" dev.newsfold.parse.ExtractionEvaluation "$DATA/article-extraction" ;;&
  ner|all) run "named entities (CoNLL-2003 testa)" dev.newsfold.entities.NerEvaluation "$DATA/conll2003/eng.testa" ;;&
  entity-speed|all) run "entity step throughput" dev.newsfold.entities.EntityThroughput "$DATA/article-extraction/ground-truth.json" 5 ;;&
  stories|all) run "story clustering" dev.newsfold.stories.EvaluateStories "$DATA" all ;;&
  claims|all) run "attributions (PolNeAR dev)" dev.newsfold.claims.AttributionEvaluation dev "$DATA/polnear/polnear-train-dev.tar.gz" ;;&
  quantities|all) run "quantities" dev.newsfold.claims.QuantityEvaluation src/test/resources/claims/quantities-gold.jsonl ;;&
  neardup) run "near-duplicates" dev.newsfold.stories.NearDuplicateBenchmark "$DATA/conll2003/eng.train" 10000 20000 ;;&
  extraction|ner|entity-speed|stories|claims|quantities|neardup|all) ;;
  *) echo "unknown evaluation '$what'" >&2; exit 2 ;;
esac
