#!/usr/bin/env bash
# Cost of the reproducible proposal order: bench/run-order.sh --trials 20 --parallelism 2 \
#   --repeats 3 --json bench/results/order_cost.json
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
  org.sparktune.bench.OrderCost "$@"
