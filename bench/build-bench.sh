#!/usr/bin/env bash
# Build benchmark (issue 9): one Dockerfile (FROM scratch + the host's busybox-static, 3 RUNs,
# COPYs of a small app) built cold and warm by berth's builder (BuildBench: in-process, the way
# berthd runs it) and by Debian's dockerd classic builder (`DOCKER_BUILDKIT=0 docker build`),
# when a dockerd answers on the default socket.
# Not run by the test suite. Needs root, crun, conmon, and `mvn -pl runtime package -DskipTests`
# done once. Usage: bench/build-bench.sh [warm runs]
set -euo pipefail
RUNS=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/berth-build-bench.XXXXXX)
TAG=berth-bench-build-docker:latest
DOCKERD_PID=""
cleanup() {
  docker rmi -f "$TAG" >/dev/null 2>&1 || true
  if [ -n "$DOCKERD_PID" ]; then
    kill -TERM "$DOCKERD_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
ms() { date +%s%3N; }

CTX="$WORK/context"; mkdir -p "$CTX/app"
cp /bin/busybox "$CTX/busybox"
for i in $(seq 1 50); do head -c 20000 /dev/urandom | base64 > "$CTX/app/file$i.txt"; done
cat > "$CTX/Dockerfile" <<'DOCKERFILE'
FROM scratch AS base
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /etc /tmp && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd
FROM base
ARG VERSION=1
ENV APP_VERSION=$VERSION
WORKDIR /app
COPY app/ /app/
RUN ls /app | wc -l > /app/count && rm /app/file1.txt
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080"]
DOCKERFILE

CP_FILE="$WORK/cp.txt"
(cd "$ROOT" && mvn -B -q -ntp -pl runtime dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
CP="$ROOT/runtime/target/classes:$(cat "$CP_FILE")"
mkdir -p "$WORK/bench-classes"
javac -d "$WORK/bench-classes" -cp "$CP" "$ROOT/runtime/src/bench/java/dev/berth/bench/BuildBench.java"

echo "tool,run,wall_ms,notes"
java -cp "$WORK/bench-classes:$CP" dev.berth.bench.BuildBench "$CTX" "$WORK/engine" "$RUNS" \
  | awk '/cold/ {print "berth,cold," $2 ",first build in a fresh JVM and engine root (" $4 " steps)"}
         /warm/ {n++; print "berth,warm" n "," $2 "," $4 " steps from cache, same image: " $6}'

# like bin/test: use the dockerd that answers, else start Debian's and stop it afterwards
docker_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if ! docker_answers && command -v dockerd >/dev/null; then
  dockerd >"$WORK/dockerd.log" 2>&1 & DOCKERD_PID=$!
  for _ in $(seq 1 60); do docker_answers && break; sleep 1; done
fi
if docker_answers; then
  docker rmi -f "$TAG" >/dev/null 2>&1 || true
  t0=$(ms); DOCKER_BUILDKIT=0 docker build -q --no-cache -t "$TAG" "$CTX" >/dev/null 2>&1; t1=$(ms)
  echo "dockerd,cold,$((t1-t0)),DOCKER_BUILDKIT=0 docker build --no-cache (CLI incl.)"
  for r in $(seq "$RUNS"); do
    t0=$(ms); DOCKER_BUILDKIT=0 docker build -q -t "$TAG" "$CTX" >/dev/null 2>&1; t1=$(ms)
    echo "dockerd,warm$r,$((t1-t0)),classic builder cache (CLI incl.)"
  done
else
  echo "dockerd,-,-,no dockerd answers on the default socket: skipped"
fi
