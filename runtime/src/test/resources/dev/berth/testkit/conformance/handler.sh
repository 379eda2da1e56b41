#!/bin/sh
# One HTTP exchange on stdin/stdout, answering what compose-spec's conformance-tests server
# answers: /ping (optionally relayed to ?address=), /volumefile?filename= (from /volumes), and
# /scalechecker?value= (records which replica called).
read -r method target version
while read -r line; do
  line=$(printf '%s' "$line" | tr -d '\r')
  [ -z "$line" ] && break
done
path=${target%%\?*}
query=
case $target in *\?*) query=${target#*\?} ;; esac
param() { printf '%s\n' "$query" | tr '&' '\n' | sed -n "s/^$1=//p" | head -n 1; }
respond() {
  printf 'HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' \
    "$1" "$2" "$(printf '%s' "$3" | wc -c)"
  printf '%s' "$3"
}
nl='
'
echo "conformance-server: $method $target" >&2
case $path in
  /ping)
    address=$(param address)
    if [ -z "$address" ]; then
      respond "200 OK" application/json "{\"response\":\"PONG FROM TARGET\"}$nl"
    # not `wget -T`: Debian's static busybox 1.35 wget segfaults with a timeout once connected
    elif body=$(timeout 5 wget -q -O - "http://$address" 2>/dev/null); then
      respond "200 OK" "text/plain; charset=UTF-8" "$body$nl"
    else
      respond "400 Bad Request" application/json \
        "{\"response\":\"Could not reach address: $address\"}$nl"
    fi
    ;;
  /volumefile)
    file=$(param filename)
    if content=$(cat "/volumes/$file" 2>/dev/null); then
      respond "200 OK" application/json "{\"response\":\"$content\"}$nl"
    else
      respond "500 Internal Server Error" application/json "{\"message\":\"no file $file\"}$nl"
    fi
    ;;
  /scalechecker)
    mkdir -p /tmp/scale && touch "/tmp/scale/$(param value)"
    respond "200 OK" text/plain "ok$nl"
    ;;
  *)
    respond "404 Not Found" application/json "{\"message\":\"Not Found\"}$nl"
    ;;
esac
