#!/bin/sh
# The conformance client: tells the server which replica it is, then exits 0 (or fails).
sleep 1
exec wget -q -O /dev/null "http://server:8080/scalechecker?value=$(hostname)"
