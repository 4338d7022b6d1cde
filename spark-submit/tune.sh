#!/usr/bin/env bash
# Submits the sparktune job to a cluster: spark-submit/tune.sh STUDY.yaml [spark-submit options]
# Build the jar first with: mvn -B -ntp -DskipTests package
# Spark (and Delta, when a study reads Delta tables) come from the cluster.
set -euo pipefail
config=${1:?usage: spark-submit/tune.sh STUDY.yaml [spark-submit options]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
jar=$(ls "$here"/target/sparktune-*.jar | grep -v -e sources -e javadoc | head -n 1)
exec spark-submit --class org.sparktune.cli.Main \
  --conf spark.scheduler.mode=FAIR "$@" "$jar" tune --config "$config"
