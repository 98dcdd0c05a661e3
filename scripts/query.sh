#!/usr/bin/env bash
# SQL over newsfold's output with DuckDB (reads the Parquet files; each table directory is a view).
#   scripts/query.sh "SELECT title, published_date, outlet FROM articles"
#   scripts/query.sh --output=tables "SELECT reason, count(*) FROM rejects GROUP BY 1"
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/classpath.txt || ! -d target/classes ]]; then
  log=$(mktemp)
  mvn -q -B -Dstyle.color=never -DskipTests package >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
  rm -f "$log"
fi
exec java -cp "target/classes:$(cat target/classpath.txt)" dev.newsfold.io.QueryTables "$@"
