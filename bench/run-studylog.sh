#!/usr/bin/env bash
# What the Delta study log costs per event, over many trials, and to resume from:
#   bench/run-studylog.sh --trials 1000 --log /tmp/sparktune-bench/studylog \
#       --json bench/results/studylog_1000.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.StudyLogOverhead "$@"
