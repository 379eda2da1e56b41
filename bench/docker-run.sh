#!/usr/bin/env bash
# Benchmark (issue 7; run by hand as root, never by the test suite or .ci/run):
#  1. `docker run --rm IMAGE true` x N against a berthd this script starts on temporary roots and
#     against the dockerd already answering (DOCKER_HOST if unix://, else /var/run/docker.sock);
#     hyperfine when installed, else a loop timed with `date +%s%N`;
#  2. resident memory (VmRSS from /proc): berthd idle, then with C running containers (+ its conmon
#     monitors), against dockerd + containerd + the containerd shims.
# The image is a one-layer busybox-static rootfs pushed to a private docker-registry on a free
# loopback port and pulled by both engines. Everything made here is removed on exit.
#   bench/docker-run.sh [N=20] [C=20]
# Needs: root, docker CLI, docker-registry, skopeo, curl, /bin/busybox, Maven (bin/berthd builds
# the jar on first use) and berthd serving containers (the wiring branches of issue 7).
set -euo pipefail
N=${1:-20}
C=${2:-20}
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
WORK=$(mktemp -d /tmp/berth-run-bench.XXXXXX)
LABEL="dev.berth.bench=${WORK##*/}"
BERTHD_SOCK="$WORK/run/berthd.sock"
BERTHD_PID="" REG_PID="" REF=""

DOCKERD_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}
[[ $DOCKERD_HOST == unix://* ]] || DOCKERD_HOST=unix:///var/run/docker.sock
bdocker() { docker -H "unix://$BERTHD_SOCK" "$@"; }
ddocker() { docker -H "$DOCKERD_HOST" "$@"; }

# berthd's default network gets names of its own, removed on exit (berthd leaves it, as dockerd
# leaves docker0)
NET_BRIDGE="berthB$(printf '%x' $$)"
NET_TABLE="berth-bench-$$"
NET_CHAIN="$(echo "$NET_TABLE" | tr a-z A-Z)-FORWARD"
cleanup() {
  set +e
  for d in bdocker ddocker; do
    ids=$($d ps -aq --filter "label=$LABEL" 2>/dev/null)
    [ -n "$ids" ] && $d rm -f $ids >/dev/null 2>&1
  done
  [ -n "$REF" ] && ddocker rmi -f "$REF" >/dev/null 2>&1
  if [ -n "$BERTHD_PID" ] && kill -0 "$BERTHD_PID" 2>/dev/null; then
    kill -TERM "$BERTHD_PID"; for _ in $(seq 100); do kill -0 "$BERTHD_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$REG_PID" ] && kill "$REG_PID" 2>/dev/null && wait "$REG_PID" 2>/dev/null
  ip link del "$NET_BRIDGE" 2>/dev/null
  nft delete table ip "$NET_TABLE" 2>/dev/null
  while iptables -D FORWARD -j "$NET_CHAIN" 2>/dev/null; do :; done
  iptables -F "$NET_CHAIN" 2>/dev/null && iptables -X "$NET_CHAIN" 2>/dev/null
  # berthd leaves containers' mounts behind only if their removal failed above
  grep -q " $WORK/" /proc/self/mounts && echo "warning: mounts left under $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

ddocker version --format '{{.Server.Version}}' >/dev/null 2>&1 ||
  { echo "no dockerd answers on $DOCKERD_HOST: start one (bin/test starts one) or set DOCKER_HOST" >&2; exit 1; }

# 1. a one-layer busybox image in a private registry
R="$WORK/rootfs"; mkdir -p "$R/bin" "$R/tmp" "$R/etc" "$R/proc" "$R/sys" "$R/dev"
cp /bin/busybox "$R/bin/busybox"
for a in sh true sleep echo cat; do ln -s busybox "$R/bin/$a"; done
L="$WORK/layout"; mkdir -p "$L/blobs/sha256"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$R" -cf "$WORK/layer.tar" .
DIFF=$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
gzip -n < "$WORK/layer.tar" > "$WORK/layer.tgz"; LD=$(sha256sum "$WORK/layer.tgz" | cut -d' ' -f1)
mv "$WORK/layer.tgz" "$L/blobs/sha256/$LD"
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$DIFF" > "$WORK/config.json"
CD=$(sha256sum "$WORK/config.json" | cut -d' ' -f1); cp "$WORK/config.json" "$L/blobs/sha256/$CD"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
  "$CD" "$(stat -c%s "$WORK/config.json")" "$LD" "$(stat -c%s "$L/blobs/sha256/$LD")" > "$WORK/manifest.json"
MD=$(sha256sum "$WORK/manifest.json" | cut -d' ' -f1); cp "$WORK/manifest.json" "$L/blobs/sha256/$MD"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
  "$MD" "$(stat -c%s "$WORK/manifest.json")" > "$L/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$L/oci-layout"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cat > "$WORK/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $WORK/registry}}
http: {addr: 127.0.0.1:$PORT}
YML
/usr/bin/docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 & REG_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
REF="127.0.0.1:$PORT/berth-run-bench:latest"
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$L:bench" "docker://$REF"

# 2. berthd on temporary roots, detached like `berth engine start` does it
mkdir -p "$WORK/run"
setsid "$ROOT/bin/berthd" --root "$WORK/root" --exec-root "$WORK/run" --socket "$BERTHD_SOCK" \
  --bridge-name "$NET_BRIDGE" --firewall-table "$NET_TABLE" --default-address-pool 10.188.0.0/16:24 \
  </dev/null >"$WORK/berthd.out" 2>&1 &
BERTHD_PID=$!
for _ in $(seq 600); do
  curl -sf --unix-socket "$BERTHD_SOCK" http://berthd/_ping >/dev/null 2>&1 && break
  kill -0 "$BERTHD_PID" 2>/dev/null || { echo "berthd exited:" >&2; cat "$WORK/berthd.out" >&2; exit 1; }
  sleep 0.1
done
# bin/berthd execs java; the pid that serves is the one holding berthd's root lock
BERTHD_PID=$(cat "$WORK/root/berthd.lock")
echo "berthd pid $BERTHD_PID on $BERTHD_SOCK; dockerd on $DOCKERD_HOST; image $REF"
bdocker pull -q "$REF" >/dev/null
ddocker pull -q "$REF" >/dev/null

# 3. docker run --rm IMAGE true, N times each
echo
echo "== docker run --rm $REF true, $N runs (after 2 warm-up runs)"
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 2 -r "$N" \
    -n berthd "docker -H unix://$BERTHD_SOCK run --rm --label $LABEL $REF true" \
    -n dockerd "docker -H $DOCKERD_HOST run --rm --label $LABEL $REF true"
else
  for engine in bdocker ddocker; do
    for _ in 1 2; do $engine run --rm --label "$LABEL" "$REF" true; done
    times=()
    for _ in $(seq "$N"); do
      t0=$(date +%s%N); $engine run --rm --label "$LABEL" "$REF" true; t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v name="${engine/bdocker/berthd}" '
      { a[NR] = $1; s += $1 }
      END { name = (name == "ddocker" ? "dockerd" : name);
            printf "%-8s mean %6.1f ms  median %5d ms  min %5d ms  max %5d ms  (n=%d)\n",
              name, s / NR, a[int((NR + 1) / 2)], a[1], a[NR], NR }'
  done
fi

# 4. resident memory
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
sum_rss() { local t=0 p; for p in "$@"; do t=$(( t + $(rss_kib "$p") )); done; echo "$t"; }
berthd_side() {  # berthd and the conmon monitors of its containers (their args name its root)
  local mons; mons=$(pgrep -f "conmon.*$WORK/" || true)
  echo "berthd $(( $(rss_kib "$BERTHD_PID") / 1024 )) MiB + conmon x$(echo "$mons" | grep -c . || true)" \
    "$(( $(sum_rss $mons) / 1024 )) MiB = $(( $(sum_rss "$BERTHD_PID" $mons) / 1024 )) MiB"
}
dockerd_side() {  # the dockerd serving DOCKERD_HOST, containerd, and the moby shims
  local sock=${DOCKERD_HOST#unix://} dpid cpids spids
  dpid=$(ss -xlpn 2>/dev/null | awk -v s="$sock" '$5 == s' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [ -z "$dpid" ] && dpid=$(pgrep -xo dockerd)
  cpids=$(pgrep -x containerd -P "$dpid" || pgrep -x containerd || true)
  spids=$(pgrep -f 'containerd-shim-runc-v2 -namespace moby' || true)
  echo "dockerd $(( $(rss_kib "$dpid") / 1024 )) MiB + containerd $(( $(sum_rss $cpids) / 1024 )) MiB" \
    "+ shims x$(echo "$spids" | grep -c . || true) $(( $(sum_rss $spids) / 1024 )) MiB" \
    "= $(( $(sum_rss "$dpid" $cpids $spids) / 1024 )) MiB"
}
echo
echo "== resident memory (VmRSS)"
echo "idle:    $(berthd_side)"
echo "idle:    $(dockerd_side)  (shims of other moby containers included)"
for engine in bdocker ddocker; do
  for i in $(seq "$C"); do $engine run -d --label "$LABEL" "$REF" sleep 3600 >/dev/null; done
done
sleep 2
echo "with $C: $(berthd_side)"
echo "with $C: $(dockerd_side)"
