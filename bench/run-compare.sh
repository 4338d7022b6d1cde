#!/usr/bin/env bash
# sparktune vs Spark's CrossValidator: bench/run-compare.sh --data synthetic --rows 200000 --parallelism 2 --repeats 3 --json bench/out/synthetic_p2.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.CompareWithCrossValidator "$@"
