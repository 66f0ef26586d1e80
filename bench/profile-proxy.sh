#!/usr/bin/env bash
# Where a proxy call's CPU goes: Ferry (frame pointers kept) under wrk load against the bench upstream, sampled by
# perf on its event loops, each sample given to the innermost recognisable component (bench/perf-buckets.py).
# Usage: bench/profile-proxy.sh [seconds]   (needs perf and wrk; installs wrk from Debian when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
WORK="$(mktemp -d /tmp/ferry-profile.XXXXXX)"
TOKEN="fry_profile_$(date +%s)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null
[ -f bench/target/ferry-bench.jar ] && [ -f api/target/ferry.jar ] || mvn -B -q -DskipTests package
. bench/common.sh
UP=$(free_port); FE=$(free_port)
java -Xmx512m -cp bench/target/ferry-bench.jar io.ferry.bench.BenchUpstream "$UP" > "$WORK/upstream.log" 2>&1 & pids+=($!)
FERRY_HTTP_PORT=$FE FERRY_DATA_DIR="$WORK/data" FERRY_API_TOKEN="$TOKEN" FERRY_PROXY_ALLOW_PRIVATE=true FERRY_ACCESS_LOG=false \
  java -XX:+PreserveFramePointer -Xmx1g -jar api/target/ferry.jar > "$WORK/ferry.log" 2>&1 & FERRY=$!; pids+=($FERRY)
await_url "http://127.0.0.1:$FE/ready" "http://127.0.0.1:$UP/users"
URL=$(java -cp bench/target/ferry-bench.jar io.ferry.bench.ProxyBench --setup-only "http://127.0.0.1:$UP" "http://127.0.0.1:$FE" "$TOKEN")
H="Authorization: Bearer $TOKEN"
wrk -t1 -c32 -d30s -H "$H" "$URL" > /dev/null   # JIT warm-up
perf record -F 999 -g -p "$FERRY" -o "$WORK/perf.data" -- sleep "$SECS" > /dev/null 2>&1 &
REC=$!
wrk -t1 -c32 -d"$((SECS + 1))"s -H "$H" "$URL" | grep -E "Requests/sec"
wait $REC || true
jcmd "$FERRY" Compiler.perfmap > /dev/null
perf script -i "$WORK/perf.data" 2>/dev/null | python3 bench/perf-buckets.py
