#!/usr/bin/env bash
# What a time split reads of a Delta table partitioned by day, against a full scan:
#   bench/run-timesplit.sh --rows 10950000 --days 365 --table /tmp/sparktune-bench/events_by_day \
#       --json bench/results/timesplit_10m.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.TimeSplitScan "$@"
