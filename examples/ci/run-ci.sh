#!/bin/sh
# What a CI job runs; its exit code is the tests' exit code. BERTH defaults to berth on PATH.
set -u
berth=${BERTH:-berth}
cd "$(dirname "$0")"
$berth up -d --wait --build || { status=$?; $berth logs --no-color > stack.log; $berth down -v; exit $status; }
$berth run --rm tests
status=$?
$berth logs --no-color > stack.log
$berth down -v
echo "tests exited with $status; the stack's logs are in stack.log"
exit $status
