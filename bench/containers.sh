#!/bin/sh
# Benchmark (run by hand as root, never by the test suite): create+start of N busybox containers
# and their stop+remove with berth (crun and runc under conmon, overlay rootfs), per step and per
# host program, then `docker run -d` / `docker stop` + `docker rm` against the local dockerd when
# one answers (a busybox image is imported from the same rootfs and removed afterwards).
#   bench/containers.sh [N=20] [RUNTIMES=crun,runc]
set -eu
cd "$(dirname "$(readlink -f "$0")")/../runtime"
mvn -B -q -ntp -o test-compile -Dspotless.check.skip=true
mvn -B -q -ntp -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.berth.runtime.container.ContainerBench "${1:-20}" "${2:-crun,runc}"
