#!/usr/bin/env bash
# What a crash costs a study with a Delta study log: an uninterrupted run against one killed
# with SIGKILL mid-trial and resumed from its log:
#   bench/run-resume.sh --trials 12 --kill-after 4 --lease 10s --dir /tmp/sparktune-bench/resume \
#       --json bench/results/resume_after_kill.json
exec "$(dirname "$0")/run-java.sh" org.sparktune.bench.ResumeAfterKill "$@"
