#!/usr/bin/env bash
# Benchmark (by hand, never in CI): wall time of `bin/berth config -q` on a 5-service and a
# 200-service project, side by side with Debian's docker-compose (v1) when it is installed.
# Usage: bench/config-startup.sh [RUNS]   (default 15 runs each; prints median and min)
set -euo pipefail
runs=${1:-15}
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
work=$(mktemp -d /tmp/berth-bench-config.XXXXXX)
trap 'rm -rf "$work"' EXIT

project() { # project DIR N: N services in a chain of depends_on, with ports, env, a volume
  local dir=$1 n=$2
  mkdir -p "$dir"
  {
    echo "services:"
    for i in $(seq 1 "$n"); do
      echo "  svc$i:"
      echo "    image: registry.example/app:\${TAG:-1.$i}"
      echo "    environment: {SERVICE: svc$i, LEVEL: \"$i\"}"
      echo "    ports: [\"$((20000 + i)):80\"]"
      echo "    volumes: [\"data$i:/data\", \"./conf:/etc/app:ro\"]"
      echo "    healthcheck: {test: [\"CMD\", \"true\"], interval: 5s}"
      [[ $i -gt 1 ]] && echo "    depends_on: {svc$((i - 1)): {condition: service_healthy}}"
    done
    echo "volumes:"
    for i in $(seq 1 "$n"); do echo "  data$i: {}"; done
  } >"$dir/compose.yaml"
}

measure() { # measure LABEL DIR COMMAND...: median and min wall seconds over $runs runs
  local label=$1 dir=$2
  shift 2
  (cd "$dir" && "$@" >/dev/null) # warm-up (and the class-data archive on berth's first run)
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && "$@" >/dev/null)
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" \
    '{t[NR]=$1} END {printf "%-32s median %.3f s   min %.3f s   (%d runs)\n", l, t[int((NR+1)/2)], t[1], NR}'
}

project "$work/p5" 5
project "$work/p200" 200
"$top/bin/berth" version >/dev/null # builds the jar if needed
for n in 5 200; do
  measure "berth config -q ($n services)" "$work/p$n" "$top/bin/berth" config -q
  if command -v docker-compose >/dev/null; then
    measure "docker-compose config -q ($n)" "$work/p$n" docker-compose config -q
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
