#!/usr/bin/env bash
# Successive halving vs CrossValidator: bench/run-halving.sh --rows 1600000 --parallelism 2 \
#   --only cv,grid,random --json bench/results/halving_1600k.json
# Builds the test classpath (the benchmark lives in bench/java), then runs one JVM with the
# Spark 4 module options from the pom.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
  -Dmdep.includeScope=test
opts=$(sed -n "s:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p" pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java -Xmx12g $opts -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  org.sparktune.bench.HalvingBenchmark "$@"
