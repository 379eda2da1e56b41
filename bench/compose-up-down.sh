#!/usr/bin/env bash
# Benchmark (by hand, never in CI): `bin/berth up -d` / `down` against Debian's docker-compose (v1)
# on the same engine (the test kit's dockerd), files and images (busybox pushed to a private
# registry): 3 services; 20 independent services; a chain of 10 gated on healthchecks (1s).
# Usage: bench/compose-up-down.sh [RUNS]   (default 3; prints medians)
set -euo pipefail
runs=${1:-3}
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$top"
cp=$(mktemp /tmp/berth-bench-cp.XXXXXX)
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl runtime,orchestrator test-compile dependency:build-classpath -Dmdep.outputFile="$cp"
"$top/bin/berth" version >/dev/null # builds the jar if needed
java -cp "orchestrator/target/test-classes:orchestrator/target/classes:$(cat "$cp")" \
  -Dberth.home="$top" dev.berth.orchestrator.e2e.ComposeBenchmark "$runs"
