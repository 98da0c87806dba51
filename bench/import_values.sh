#!/usr/bin/env bash
# Imports generated values through the API of a release server started here on its own
# cluster, and reports time and the server's peak memory (VmHWM) for each row count.
#   bench/import_values.sh [ROWS...]      (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=("$@")
[ $# -eq 0 ] && rows=(100000 1000000)
work=$(mktemp -d /tmp/seguia-bench-import.XXXXXX)
chmod 755 "$work"
port=8097
swift build -c release --product seguia >/dev/null
seguia=.build/release/seguia
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

for count in "${rows[@]}"; do
    rm -rf "$work/data"
    "$seguia" serve --data-dir "$work/data" --port "$port" >"$work/server.log" 2>&1 &
    server=$!
    until curl -sf "localhost:$port/health" >/dev/null; do sleep 1; done
    token=$("$seguia" token create --data-dir "$work/data" --name bench --role editor 2>/dev/null)
    python3 bench/generate.py values --server "http://localhost:$port" --rows "$count" --periods 600 >"$work/values.csv"
    before=$(awk '/VmRSS/ {print $2}' /proc/$server/status)
    start=$(date +%s.%N)
    answer=$(curl -sf -X POST -H "Authorization: Bearer $token" -H "Content-Type: text/csv" --data-binary @"$work/values.csv" \
        "localhost:$port/api/v1/values/import")
    first=$(echo "$(date +%s.%N) - $start" | bc)
    start=$(date +%s.%N)
    curl -sf -X POST -H "Authorization: Bearer $token" -H "Content-Type: text/csv" --data-binary @"$work/values.csv" \
        "localhost:$port/api/v1/values/import" >/dev/null
    again=$(echo "$(date +%s.%N) - $start" | bc)
    peak=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
    printf '%s rows (%s MB): import %.1f s, re-import (all unchanged) %.1f s, server RSS before %d MB, peak %d MB\n  %s\n' \
        "$count" "$(( $(stat -c %s "$work/values.csv") / 1048576 ))" "$first" "$again" $((before / 1024)) $((peak / 1024)) "$answer"
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=""
done
