#!/bin/sh
# The test suite: exits non-zero on the first failure, so `berth run` returns it to CI.
fail() { echo "FAIL: $*"; exit 1; }
# fetch URL: its body, trying three times a second apart (berth's DNS has been seen to fail a
# lookup now and then under load; see NOTES.md)
fetch() {
  for _ in 1 2 3; do wget -q -O - "$1" && return 0; sleep 1; done
  return 1
}
echo "tests: GET $APP_URL/cgi-bin/users"
body=$(fetch "$APP_URL/cgi-bin/users") || fail "the app did not answer"
echo "$body" | grep -q '"users": \[\]' || fail "unexpected body: $body"
echo "$body" | grep -q 'users' || fail "the users table is missing: $body"
echo "tests: all passed"
