#!/usr/bin/env bash
# Submits the newsfold job to a Spark 3.5 cluster (Scala 2.12 build, e.g. spark-3.5.7-bin-hadoop3) with spark-submit
# (the bundled jar holds newsfold and Beam's Spark runner; Spark, Scala and Hadoop's client come from the cluster).
#
#   SPARK_HOME=/opt/spark-3.5.7-bin-hadoop3 SPARK_MASTER=spark://spark-master.example.internal:7077 \
#   scripts/submit-spark.sh --input='hdfs:///news/raw/**' --output=hdfs:///news/tables --overwrite
#
# On YARN: SPARK_MASTER=yarn. Input and output must be reachable from every executor: hdfs:// (HADOOP_CONF_DIR),
# gs://, or a shared mount (NFS) at the same path on every node. Any newsfold option can follow.
#
#   SPARK_HOME             Spark distribution whose bin/spark-submit is used (default: `spark-submit` on PATH)
#   SPARK_MASTER           master URL (default: spark://localhost:7077)
#   SPARK_DEPLOY_MODE      client (default: the driver, which writes manifest.json, runs here) or cluster
#   SPARK_EXECUTOR_MEMORY  per executor (default 4g), SPARK_EXECUTOR_CORES (default 2), SPARK_DRIVER_MEMORY (2g)
#   SPARK_PARALLELISM      spark.default.parallelism, partitions per shuffle (default: 2 x total executor cores)
#   NEWSFOLD_JAR           bundled jar (default: target/newsfold-*-spark.jar, built with `mvn -Pspark package`)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${NEWSFOLD_JAR:-$(ls target/newsfold-*-spark.jar 2>/dev/null | head -1 || true)}
if [[ -z "$jar" ]]; then
  echo "submit-spark: building the Spark bundle (mvn -Pspark package)..." >&2
  mvn -q -B -Pspark -DskipTests package
  jar=$(ls target/newsfold-*-spark.jar | head -1)
fi
# Spark on Java 17 reaches into JDK internals.
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
opens+=" --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
opens+=" --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
parallelism=()
if [[ -n "${SPARK_PARALLELISM:-}" ]]; then
  parallelism=(--conf "spark.default.parallelism=$SPARK_PARALLELISM")
fi
# The master comes from --master: SparkRunner only applies --sparkMaster when spark-submit set none.
exec "${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit" \
  --master "${SPARK_MASTER:-spark://localhost:7077}" \
  --deploy-mode "${SPARK_DEPLOY_MODE:-client}" \
  --class dev.newsfold.NewsfoldPipeline \
  --driver-memory "${SPARK_DRIVER_MEMORY:-2g}" \
  --executor-memory "${SPARK_EXECUTOR_MEMORY:-4g}" \
  --executor-cores "${SPARK_EXECUTOR_CORES:-2}" \
  --conf "spark.driver.extraJavaOptions=$opens" \
  --conf "spark.executor.extraJavaOptions=$opens" \
  "${parallelism[@]}" \
  "$jar" --runner=SparkRunner "$@"
