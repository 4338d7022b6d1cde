#!/usr/bin/env bash
# Peak cached bytes during fit, sparktune vs Spark's CrossValidator:
#   bench/run-footprint.sh --data adult --parallelism 2 --repeats 1 \
#     --json bench/out/footprint_adult_p2.json
# Builds the test classpath (the benchmark lives in bench/java), then runs one JVM with the
# Spark 4 module options from the pom. The commit measured (with -dirty when src/ has local
# changes) goes into the JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
  -Dmdep.includeScope=test
opts=$(sed -n "s:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p" pom.xml)
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo -dirty)"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java -Xmx12g $opts -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  org.sparktune.bench.CacheFootprint --commit "$commit" "$@"
