#!/usr/bin/env bash
# Submits the newsfold job to a Flink 1.19 cluster with `flink run` (the bundled jar holds newsfold and Beam's Flink
# runner; Flink itself comes from the cluster).
#
#   FLINK_HOME=/opt/flink-1.19.1 FLINK_MASTER=jobmanager.example.internal:8081 \
#   scripts/submit-flink.sh --input='hdfs:///news/raw/**' --output=hdfs:///news/tables --overwrite --parallelism=16
#
# Input and output must be reachable from every TaskManager: hdfs:// (HADOOP_CONF_DIR set on the cluster), gs://,
# or a shared mount (NFS) at the same path on every node. Any newsfold option (--minWords ...) and any Beam Flink
# option (--parallelism, --maxParallelism, --objectReuse ...) can follow.
#
#   FLINK_HOME    Flink distribution whose bin/flink is used (default: `flink` on PATH)
#   FLINK_MASTER  JobManager REST address host:port (default: jobmanager.rpc.address from the Flink configuration)
#   NEWSFOLD_JAR  bundled jar to submit (default: target/newsfold-*-flink.jar, built with `mvn -Pflink package`)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${NEWSFOLD_JAR:-$(ls target/newsfold-*-flink.jar 2>/dev/null | head -1 || true)}
if [[ -z "$jar" ]]; then
  echo "submit-flink: building the Flink bundle (mvn -Pflink package)..." >&2
  mvn -q -B -Pflink -DskipTests package
  jar=$(ls target/newsfold-*-flink.jar | head -1)
fi
flink=${FLINK_HOME:+$FLINK_HOME/bin/}flink
# --detached would return before the job ends; newsfold writes manifest.json after the job, so stay attached.
exec "$flink" run ${FLINK_MASTER:+-m "$FLINK_MASTER"} -c dev.newsfold.NewsfoldPipeline "$jar" \
  --runner=FlinkRunner "$@"
