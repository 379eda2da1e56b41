#!/usr/bin/env bash
# Benchmark (run by hand as root, never by the test suite): cold and warm builds of the
# quickstart's three images (examples/quickstart) with `berth build` against a berthd started here
# on fresh roots, side by side with dockerd's classic builder (`DOCKER_BUILDKIT=0 docker build`)
# on the same Dockerfile. The classic builder has no additional build contexts, so for dockerd the
# host's busybox is copied into the context and `COPY --from=busybox busybox` becomes
# `COPY busybox` — the only difference. Cold: an empty cache (berthd: a fresh root; dockerd:
# --no-cache). Warm: the same build again, nothing changed.
#   bench/quickstart-build.sh [runs=3]
set -euo pipefail
runs=${1:-3}
repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
work=$(mktemp -d /tmp/berth-bench-qsbuild.XXXXXX)
suffix=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
bridge=berthQ$suffix table=berth-q-$suffix
chain=$(echo "$table" | tr '[:lower:]' '[:upper:]')-FORWARD
berthd_pid=
stop_berthd() {
  if [ -n "$berthd_pid" ]; then
    kill "$berthd_pid" 2>/dev/null || true
    wait "$berthd_pid" 2>/dev/null || true
    berthd_pid=
    # berthd leaves its default bridge and firewall state when it stops, as dockerd leaves docker0
    ip link del "$bridge" 2>/dev/null || true
    nft delete table ip "$table" 2>/dev/null || true
    while iptables -D FORWARD -j "$chain" 2>/dev/null; do :; done
    iptables -F "$chain" 2>/dev/null && iptables -X "$chain" 2>/dev/null || true
  fi
}
cleanup() {
  stop_berthd
  for t in store api web; do docker rmi -f "berth-bench-qs/$t" >/dev/null 2>&1 || true; done
  grep " $work/" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
timeout 10 docker version >/dev/null 2>&1 || { echo "no dockerd answers (DOCKER_HOST or /var/run/docker.sock)" >&2; exit 1; }

start_berthd() { # a fresh root each time: nothing cached
  rm -rf "$work/root" "$work/run"
  "$repo/bin/berthd" --root "$work/root" --exec-root "$work/run" --socket "$work/berth.sock" \
    --bridge-name "$bridge" --default-address-pool 10.197.0.0/16:24 --firewall-table "$table" \
    >"$work/berthd.out" 2>&1 &
  berthd_pid=$!
  for _ in $(seq 300); do [ -S "$work/berth.sock" ] && break; sleep 0.1; done
}
ms() { local s e; s=$(date +%s%N); "$@" >"$work/last.out" 2>&1 || { cat "$work/last.out" >&2; exit 1; }; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
berth_build() { "$repo/bin/berth" --host "unix://$work/berth.sock" -f "$repo/examples/quickstart/compose.yaml" build -q; }

# dockerd's context: the example plus the host's busybox, the one COPY rewritten
cp -r "$repo/examples/quickstart" "$work/dctx"
cp /bin/busybox "$work/dctx/busybox"
sed -i 's#^COPY --from=busybox busybox /bin/busybox#COPY busybox /bin/busybox#' "$work/dctx/Dockerfile"
docker_build() { for t in store api web; do DOCKER_BUILDKIT=0 docker build -q "$@" --target "$t" -t "berth-bench-qs/$t" "$work/dctx" >/dev/null || return 1; done; }

"$repo/bin/berth" version >/dev/null 2>&1 || true # build the jars and the CLI's class-data archive first
printf '%-4s %12s %12s %12s %12s\n' run berth-cold docker-cold berth-warm docker-warm
for r in $(seq "$runs"); do
  start_berthd
  bc=$(ms berth_build)
  bw=$(ms berth_build)
  stop_berthd
  dc=$(ms docker_build --no-cache)
  dw=$(ms docker_build)
  printf '%-4s %12s %12s %12s %12s\n' "$r" "$bc" "$dc" "$bw" "$dw"
done
echo "times in ms; berth's include its CLI start-up (about 0.5 s), docker's three CLI runs"
