#!/usr/bin/env bash
# Multi-fidelity search (Hyperband + random, ASHA + TPE) against CrossValidator on a random
# forest (issue 9); see bench/java/org/sparktune/bench/MultiFidelityBenchmark.java.
#   bench/run-multifidelity.sh --data synthetic --rows ROWS --repeats 3 --json bench/results/multifidelity_synthetic.json
#   bench/run-multifidelity.sh --data adult --repeats 3 --json bench/results/multifidelity_adult.json
#   bench/run-multifidelity.sh --scaling 100000,400000,1600000 --json bench/results/multifidelity_scaling.json
# ROWS: see the size note below (estimated, not yet measured at full size).
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.MultiFidelityBenchmark "$@"
