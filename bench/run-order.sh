#!/usr/bin/env bash
# Cost of the reproducible proposal order: bench/run-order.sh --trials 20 --parallelism 2 --repeats 3 --json bench/results/order_cost.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.OrderCost "$@"
