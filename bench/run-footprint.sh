#!/usr/bin/env bash
# Peak cached bytes during fit, sparktune vs Spark's CrossValidator:
#   bench/run-footprint.sh --data adult --parallelism 2 --repeats 1 --json bench/out/footprint_adult_p2.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.CacheFootprint "$@"
