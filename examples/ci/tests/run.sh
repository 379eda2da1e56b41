#!/bin/sh
# The test suite: exits non-zero on the first failure, so `berth run` returns it to CI.
fail() { echo "FAIL: $*"; exit 1; }
echo "tests: GET $APP_URL/cgi-bin/users"
body=$(wget -q -O - "$APP_URL/cgi-bin/users") || fail "the app did not answer"
echo "$body" | grep -q '"users": \[\]' || fail "unexpected body: $body"
echo "$body" | grep -q 'users' || fail "the users table is missing: $body"
echo "tests: all passed"
