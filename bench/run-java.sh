#!/usr/bin/env bash
# Runs one benchmark main class: bench/run-java.sh org.sparktune.bench.HalvingBenchmark --rows 1000
# Builds the test classpath (the benchmarks live in bench/java), then runs one JVM with the
# Spark 4 module options from the pom.
set -euo pipefail
cd "$(dirname "$0")/.."
main=$1
shift
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
  -Dmdep.includeScope=test
opts=$(sed -n "s:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p" pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java -Xmx12g $opts -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  "$main" "$@"
