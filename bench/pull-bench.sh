#!/usr/bin/env bash
# Pull benchmark (issue 4): a ~100 MB, 5-layer image on a local docker-registry, pulled by
#   berth (ImagePuller: download + verify + unpack), Debian's dockerd (docker pull: same work),
#   and skopeo copy to an OCI dir (download + verify only, no unpack).
# Not run by the test suite. Needs: root, docker-registry, skopeo, docker (dockerd running),
# and `mvn -pl runtime package -DskipTests` done once. Usage: bench/pull-bench.sh [runs]
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/berth-pull-bench.XXXXXX)
REG_PID=""
TAG=""
cleanup() {
  [ -n "$TAG" ] && docker rmi -f "$TAG" >/dev/null 2>&1 || true
  [ -n "$REG_PID" ] && kill "$REG_PID" 2>/dev/null && wait "$REG_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ms() { date +%s%3N; }

# 1. build the image: 5 layers of ~20 MB each (half random, half compressible text), gzip
L="$WORK/layout"; mkdir -p "$L/blobs/sha256"
DIFFS=(); LAYERS=()
for i in 1 2 3 4 5; do
  d="$WORK/l$i"; mkdir -p "$d/data$i"
  head -c 10M /dev/urandom > "$d/data$i/random.bin"
  head -c 7M /dev/urandom | base64 > "$d/data$i/text.txt"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$d" -cf "$WORK/l$i.tar" .
  DIFFS+=("sha256:$(sha256sum "$WORK/l$i.tar" | cut -d' ' -f1)")
  gzip -n -6 < "$WORK/l$i.tar" > "$WORK/l$i.tgz"
  dg=$(sha256sum "$WORK/l$i.tgz" | cut -d' ' -f1)
  mv "$WORK/l$i.tgz" "$L/blobs/sha256/$dg"
  LAYERS+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dg\",\"size\":$(stat -c%s "$L/blobs/sha256/$dg")}")
  rm -rf "$d" "$WORK/l$i.tar"
done
join() { local IFS=,; echo "$*"; }
QUOTED=(); for x in "${DIFFS[@]}"; do QUOTED+=("\"$x\""); done
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$(join "${QUOTED[@]}")" > "$WORK/config.json"
CD=$(sha256sum "$WORK/config.json" | cut -d' ' -f1); cp "$WORK/config.json" "$L/blobs/sha256/$CD"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
  "$CD" "$(stat -c%s "$WORK/config.json")" "$(join "${LAYERS[@]}")" > "$WORK/manifest.json"
MD=$(sha256sum "$WORK/manifest.json" | cut -d' ' -f1); cp "$WORK/manifest.json" "$L/blobs/sha256/$MD"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
  "$MD" "$(stat -c%s "$WORK/manifest.json")" > "$L/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$L/oci-layout"
echo "image: $(du -sm "$L/blobs" | cut -f1) MB compressed, 5 layers, manifest sha256:$MD"

# 2. registry on a free loopback port, push with skopeo
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-60000 -n1)
cat > "$WORK/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $WORK/registry}}
http: {addr: 127.0.0.1:$PORT}
YML
/usr/bin/docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 & REG_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
REF="127.0.0.1:$PORT/berth-bench:latest"; TAG="$REF"
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$L:bench" "docker://$REF"

# 3. berth's classpath
CP_FILE="$WORK/cp.txt"
(cd "$ROOT" && mvn -B -q -ntp -pl runtime dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
CP="$ROOT/runtime/target/classes:$(cat "$CP_FILE")"
mkdir -p "$WORK/bench-classes"
javac -d "$WORK/bench-classes" -cp "$CP" "$ROOT/runtime/src/bench/java/dev/berth/bench/PullBench.java"

echo "run,tool,wall_ms,notes"
# Streaming, not buffering: the 86 MB image (three ~17 MB layers at once) pulls with a 16 MiB heap.
rm -rf "$WORK/store"
capped=$(java -Xmx16m -cp "$WORK/bench-classes:$CP" dev.berth.bench.PullBench "$REF" "$WORK/store" 1)
echo "0,berth-16MiB-heap,$capped,one pull in a fresh JVM capped at -Xmx16m (fails with OutOfMemoryError if layers were buffered)"
rm -rf "$WORK/store"
for r in $(seq "$RUNS"); do
  rm -rf "$WORK/store"; sync
  t0=$(ms); out=$(java -cp "$WORK/bench-classes:$CP" dev.berth.bench.PullBench "$REF" "$WORK/store" 8); t1=$(ms)
  read -r -a pulls <<<"$out"
  steady=$(printf '%s\n' "${pulls[@]:3}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$r,berth-first,${pulls[0]},fresh JVM: its first pull (JIT cold); process wall incl. JVM start and 8 pulls $((t1-t0)) ms"
  echo "$r,berth-second,${pulls[1]},second pull in the same JVM into a fresh store"
  echo "$r,berth-steady,$steady,median of pulls 4-8 in the same JVM (a berthd that has pulled before; all: ${pulls[*]})"
  rm -rf "$WORK/store"

  docker rmi -f "$REF" >/dev/null 2>&1 || true; sync
  t0=$(ms); docker pull -q "$REF" >/dev/null; t1=$(ms)
  echo "$r,dockerd,$((t1-t0)),docker pull (download+verify+unpack)"
  docker rmi -f "$REF" >/dev/null

  rm -rf "$WORK/skopeo"; sync
  t0=$(ms); skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$REF" "oci:$WORK/skopeo:bench"; t1=$(ms)
  echo "$r,skopeo,$((t1-t0)),copy to OCI dir (download+verify, no unpack)"
  rm -rf "$WORK/skopeo"
done
