#!/usr/bin/env bash
# Benchmark (run by hand as root, never by the test suite): `up -d` and `down` of three projects
# with berth (against a berthd this script starts on temp roots and keeps running) and with
# Debian's docker-compose v1 against the local dockerd, side by side in one run:
#   three   — 3 services (a network, a named volume, a published port)
#   twenty  — 20 independent services
#   chain   — 10 services, each gated on the previous one's healthcheck (interval 1s)
# Both engines run the same busybox image, imported from the host's busybox-static.
# berth is timed twice: with its warm CLI server (started by an untimed first command, as a CI
# job's first berth command starts it) and with BERTH_WARM=0 (every command a fresh JVM).
#   [WARM_ROUNDS=3] bench/compose-up.sh [runs=3]
set -euo pipefail
runs=${1:-3}
repo=$(dirname "$(readlink -f "$0")")/..
work=$(mktemp -d /tmp/berth-bench-compose.XXXXXX)
# berthd's network names are this run's own (bridge, nft table, iptables chain), so it runs
# beside any other berthd on the host and its clean-up touches nothing else.
suffix=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
berth_bridge=berthB$suffix berth_table=berth-b-$suffix
berth_chain=$(echo "$berth_table" | tr '[:lower:]' '[:upper:]')-FORWARD
berthd_pid= dockerd_pid= dockerd_bridge=
cleanup() {
  for p in three twenty chain warm; do
    f=$work/$p/compose.yaml
    [ "$p" = warm ] && f=$work/three/compose.yaml
    [ -f "$f" ] || continue
    BERTH_WARM=0 "$repo/bin/berth" --host "unix://$work/berth.sock" -f "$f" -p "bench-$p" down -t 0 >/dev/null 2>&1 || true
    docker-compose -f "$f" -p "bench-$p" down -t 0 >/dev/null 2>&1 || true
  done
  docker rmi -f berth-bench/busybox:latest >/dev/null 2>&1 || true
  # the warm CLI server this run's berth started (its socket and pid file are in $work/xdg)
  for pid_file in "$work"/xdg/berth-cli/*.pid; do
    [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  if [ -n "$berthd_pid" ]; then
    kill "$berthd_pid" 2>/dev/null || true
    wait "$berthd_pid" 2>/dev/null || true
    # berthd leaves its default bridge and firewall state when it stops, as dockerd leaves docker0
    ip link del "$berth_bridge" 2>/dev/null || true
    nft delete table ip "$berth_table" 2>/dev/null || true
    while iptables -D FORWARD -j "$berth_chain" 2>/dev/null; do :; done
    iptables -F "$berth_chain" 2>/dev/null && iptables -X "$berth_chain" 2>/dev/null || true
  fi
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$dockerd_pid" 2>/dev/null || true
    ip link del "$dockerd_bridge" 2>/dev/null || true
  fi
  grep " $work/" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v docker-compose >/dev/null || { echo "docker-compose (v1) is not installed" >&2; exit 1; }
# The reference engine: the dockerd that answers (DOCKER_HOST or the default socket), else one
# started here as the test kit starts its own (PrivateDockerd): private socket and roots, its own
# pre-created bridge, no iptables changes (--bridge=none would delete docker0, even another
# daemon's). Published ports then go through docker-proxy, as with the test kit's dockerd.
if ! timeout 10 docker version >/dev/null 2>&1; then
  dockerd_bridge=berthdk$suffix
  ip link add "$dockerd_bridge" type bridge
  mkdir -p "$work/dockerd"
  echo '{}' >"$work/dockerd/daemon.json"
  dockerd --config-file="$work/dockerd/daemon.json" --pidfile="$work/dockerd/dockerd.pid" \
    --data-root="$work/dockerd/data" --exec-root="$work/dockerd/exec" \
    --host="unix://$work/dockerd/docker.sock" --bridge="$dockerd_bridge" \
    --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false \
    >"$work/dockerd/dockerd.log" 2>&1 &
  dockerd_pid=$!
  export DOCKER_HOST=unix://$work/dockerd/docker.sock
  for _ in $(seq 60); do timeout 10 docker version >/dev/null 2>&1 && break; sleep 1; done
  timeout 10 docker version >/dev/null 2>&1 || { echo "dockerd did not answer:" >&2; tail "$work/dockerd/dockerd.log" >&2; exit 1; }
  echo "(started a dockerd of its own at $DOCKER_HOST)"
fi

# The image: a busybox-static rootfs, imported into dockerd, saved and loaded into berthd.
mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in sh sleep httpd wget true; do ln -s busybox "$work/rootfs/bin/$applet"; done
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
docker import -c 'CMD ["sh"]' "$work/rootfs.tar" berth-bench/busybox:latest >/dev/null

mkdir -m 700 "$work/xdg"
export XDG_RUNTIME_DIR=$work/xdg
"$repo/bin/berth" version >/dev/null 2>&1 || true # build both jars and the CLI's class-data archive first
"$repo/bin/berthd" --root "$work/root" --exec-root "$work/run" --socket "$work/berth.sock" \
  --bridge-name "$berth_bridge" --default-address-pool 10.198.0.0/16:24 \
  --firewall-table "$berth_table" >"$work/berthd.out" 2>&1 &
berthd_pid=$!
for _ in $(seq 600); do [ -S "$work/berth.sock" ] && break; sleep 0.1; done
[ -S "$work/berth.sock" ] || { echo "berthd did not start:" >&2; tail "$work/root/berthd.log" "$work/berthd.out" >&2; exit 1; }
docker save berth-bench/busybox:latest | docker -H "unix://$work/berth.sock" load -q >/dev/null
# The first project command runs in its own JVM and leaves the warm CLI server, which listens once
# it has warmed up.
"$repo/bin/berth" --host "unix://$work/berth.sock" ls >/dev/null
for _ in $(seq 600); do compgen -G "$work/xdg/berth-cli/*.sock" >/dev/null && break; sleep 0.1; done
compgen -G "$work/xdg/berth-cli/*.sock" >/dev/null || { echo "no warm CLI server came up" >&2; exit 1; }

service() { # name [depends-on]
  printf '  %s:\n    image: berth-bench/busybox:latest\n    command: ["sh", "-c", "echo ok > /tmp/index.html; exec httpd -f -p 8080 -h /tmp"]\n' "$1"
  printf '    healthcheck:\n      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]\n      interval: 1s\n'
  if [ -n "${2:-}" ]; then
    printf '    depends_on:\n      %s:\n        condition: service_healthy\n' "$2"
  fi
}
mkdir -p "$work/three" "$work/twenty" "$work/chain"
{
  echo "services:"
  service web; printf '    ports: ["127.0.0.1::8080"]\n'
  service api; service db; printf '    volumes: ["data:/data"]\n'
  printf 'volumes:\n  data:\n'
} >"$work/three/compose.yaml"
{ echo "services:"; for i in $(seq 1 20); do service "s$i"; done; } >"$work/twenty/compose.yaml"
{ echo "services:"; service c1; for i in $(seq 2 10); do service "c$i" "c$((i - 1))"; done; } \
  >"$work/chain/compose.yaml"

# Milliseconds a command took; a failing command stops the benchmark with its output.
ms() {
  local start end
  start=$(date +%s%N)
  if ! "$@" >"$work/last.out" 2>&1; then
    echo "failed: $*" >&2
    tail -n 20 "$work/last.out" >&2
    return 1
  fi
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
berth() { "$repo/bin/berth" --host "unix://$work/berth.sock" "$@"; }

# Both engines are long-running daemons ("berthd already running"): WARM_ROUNDS (3) untimed up
# and down of the first project each, so neither is timed on code its process runs for the first
# times. berthd's JIT is still compiling through its first rounds: WARM_ROUNDS=1 shows them.
for _ in $(seq "${WARM_ROUNDS:-3}"); do
  berth -f "$work/three/compose.yaml" -p bench-warm up -d >/dev/null 2>&1
  berth -f "$work/three/compose.yaml" -p bench-warm down -t 1 >/dev/null 2>&1
  docker-compose -f "$work/three/compose.yaml" -p bench-warm up -d >/dev/null 2>&1
  docker-compose -f "$work/three/compose.yaml" -p bench-warm down -t 1 >/dev/null 2>&1
done

printf '%-8s %-4s %9s %9s %9s %9s %9s %9s %8s %8s %8s %8s\n' project run berth-up cold-up compose-up \
  berth-dn cold-dn compose-dn up-ratio dn-ratio cold-up cold-dn
for p in three twenty chain; do
  f="$work/$p/compose.yaml"
  for r in $(seq "$runs"); do
    bu=$(ms berth -f "$f" -p "bench-$p" up -d)
    bd=$(ms berth -f "$f" -p "bench-$p" down -t 1)
    ku=$(BERTH_WARM=0 ms berth -f "$f" -p "bench-$p" up -d)
    kd=$(BERTH_WARM=0 ms berth -f "$f" -p "bench-$p" down -t 1)
    cu=$(ms docker-compose -f "$f" -p "bench-$p" up -d)
    cd_=$(ms docker-compose -f "$f" -p "bench-$p" down -t 1)
    printf '%-8s %-4s %9s %9s %9s %9s %9s %9s %8.2f %8.2f %8.2f %8.2f\n' "$p" "$r" "$bu" "$ku" "$cu" \
      "$bd" "$kd" "$cd_" "$(echo "$bu / $cu" | bc -l)" "$(echo "$bd / $cd_" | bc -l)" \
      "$(echo "$ku / $cu" | bc -l)" "$(echo "$kd / $cd_" | bc -l)"
  done
done
echo "times in ms (all up -d: in the chain each start waits for the previous service to be healthy);"
echo "berth: with the warm CLI server; cold: BERTH_WARM=0, a fresh JVM per command; ratios: berth/compose"
