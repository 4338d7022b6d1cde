#!/usr/bin/env bash
# Samplers on standard test functions (no Spark): bench/run-samplers.sh --seeds 30 --trials 100
# Adds the peer's reference figures beside ours when ../shared/bench/optuna_ref.json exists.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
  -Dmdep.includeScope=test
ref=../shared/bench/optuna_ref.json
extra=()
[ -f "$ref" ] && extra=(--reference "$ref")
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  org.sparktune.bench.SamplerBenchmark "${extra[@]}" "$@"
