#!/usr/bin/env bash
# Every comparison BENCHMARKS.md quotes, one after another (about 30 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
for p in 1 2; do
  bench/run-compare.sh --data synthetic --rows 200000 --parallelism "$p" --repeats 3 \
    --json "bench/out/synthetic200k_p$p.json"
  bench/run-compare.sh --data adult --parallelism "$p" --repeats 3 \
    --json "bench/out/adult_p$p.json"
done
