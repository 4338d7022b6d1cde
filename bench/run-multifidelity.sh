#!/usr/bin/env bash
# Multi-fidelity search (Hyperband + random, ASHA + TPE) against CrossValidator on a random
# forest (issue 9); see bench/java/org/sparktune/bench/MultiFidelityBenchmark.java.
#   bench/run-multifidelity.sh --data synthetic --rows 400000 --repeats 3 --json bench/results/multifidelity_synthetic.json
#   bench/run-multifidelity.sh --data adult --repeats 3 --json bench/results/multifidelity_adult.json
#   bench/run-multifidelity.sh --scaling 100000,400000,1600000 --json bench/results/multifidelity_scaling.json
#
# Size of the synthetic comparison: 400,000 rows (the default of --rows; 320,000 training rows
# after the 20 % test split), meant to make CrossValidator (a) take 15-30 minutes at
# parallelism 2 on local[2] here. Estimated, not measured at that size, from two runs of (a)
# (the CV leg of a --repeats 1 run at 20,000 rows, and --only cv --repeats 0 at 80,000), one
# each, while other work kept the machine's load average at 5-11:
#   20,000 rows (15,970 training):  523 s  (bench/results/multifidelity_probe_synthetic20k.json)
#   80,000 rows (64,019 training):  982 s, executor run time 1,687 s, executor CPU 592 s
#                                          (bench/results/multifidelity_probe_cv_synthetic80k.json)
# A line through them: 370 s + 9.6 ms per training row. The tasks got about 35 % of a core
# while they ran (CPU 592 s of 1,687 s), so on a quiet machine the line should be 0.3-0.5 times
# as high (592 s of CPU over 2 cores at 80 % use is 370 s, 0.38 of 982 s): 17-29 minutes at
# 320,000 training rows, 23 at 0.4. Under the load of those runs it would be about 57 minutes.
# Rerun with --only cv first if the machine differs; the (b) and (c) legs are much shorter.
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.MultiFidelityBenchmark "$@"
