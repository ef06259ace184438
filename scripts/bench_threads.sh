#!/usr/bin/env bash
# Ensemble thread scaling: builds smesim_bench with the bench preset and runs
# independent replications (one per thread) on 1, 2, 4, ... threads up to the
# number of CPUs, printing aggregate SME-steps per second. See
# docs/performance.md.
#
#   scripts/bench_threads.sh                 # scale 1:100, 2 years
#   scripts/bench_threads.sh --scale 1000    # any smesim_bench option
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" --target smesim_bench

cpus=$(nproc)
list=1
t=2
while [ "$t" -le "$cpus" ]; do
  list="$list,$t"
  t=$((t * 2))
done
# The last power of two may fall short of the CPU count (e.g. 6 or 12 CPUs).
case ",$list," in *",$cpus,"*) ;; *) list="$list,$cpus" ;; esac

exec build/bench/smesim_bench --threads "$list" "$@"
