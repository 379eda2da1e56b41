#!/bin/sh
# The conformance server: HTTP on $HTTP_PORT (8080), a UDP echo on 10001.
/bin/udp-echo 10001 &
exec nc -ll -p "${HTTP_PORT:-8080}" -e /conformance/handler.sh
