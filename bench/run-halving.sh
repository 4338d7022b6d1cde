#!/usr/bin/env bash
# Successive halving vs CrossValidator: bench/run-halving.sh --rows 1600000 --parallelism 2 --only cv,grid,random --json bench/results/halving_1600k.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.HalvingBenchmark "$@"
