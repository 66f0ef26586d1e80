#!/usr/bin/env bash
# Two Ferry jars side by side on one upstream (both up at once, same settings), measured in interleaved wrk rounds:
# req/s and Ferry's own CPU per call (from /proc), which moves far less than req/s on a shared box.
# Usage: bench/ab-proxy.sh OLD.jar NEW.jar [rounds] [seconds]   (needs wrk, curl, jq)
set -euo pipefail
A=$(realpath "$1"); B=$(realpath "$2"); ROUNDS=${3:-3}; SECS=${4:-8} # before the cd: paths as the caller gave them
cd "$(dirname "$0")/.."
WORK="$(mktemp -d /tmp/ferry-ab.XXXXXX)"; TOKEN="fry_ab_$(date +%s)"; pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done' EXIT
[ -f bench/target/ferry-bench.jar ] || mvn -B -q -DskipTests package
. bench/common.sh
UP=$(free_port)
java -Xmx512m -cp bench/target/ferry-bench.jar io.ferry.bench.BenchUpstream "$UP" > "$WORK/upstream.log" 2>&1 & pids+=($!)
start() { # jar name -> port
  local port; port=$(free_port)
  FERRY_HTTP_PORT=$port FERRY_DATA_DIR="$WORK/$2" FERRY_API_TOKEN="$TOKEN" FERRY_PROXY_ALLOW_PRIVATE=true \
    FERRY_ACCESS_LOG=false FERRY_HTTP_METRICS=false java ${FERRY_JAVA_OPTS:-} -Xmx1g -jar "$1" > "$WORK/$2.log" 2>&1 &
  pids+=($!); echo "$port $!"
}
read -r PA_PORT PA < <(start "$A" old); read -r PB_PORT PB < <(start "$B" new)
await_url "http://127.0.0.1:$PA_PORT/ready" "http://127.0.0.1:$PB_PORT/ready" "http://127.0.0.1:$UP/users"
UA=$(java -cp bench/target/ferry-bench.jar io.ferry.bench.ProxyBench --setup-only "http://127.0.0.1:$UP" "http://127.0.0.1:$PA_PORT" "$TOKEN")
UB=$(java -cp bench/target/ferry-bench.jar io.ferry.bench.ProxyBench --setup-only "http://127.0.0.1:$UP" "http://127.0.0.1:$PB_PORT" "$TOKEN")
H="Authorization: Bearer $TOKEN"
measure() { # url pid -> "rps cpu_us_per_call"
  local t0 t1 out n
  t0=$(awk '{print $14+$15}' /proc/$2/stat)
  out=$(wrk -t1 -c32 -d"${SECS}"s -H "$H" "$1")
  t1=$(awk '{print $14+$15}' /proc/$2/stat)
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(( (t1 - t0) * 10000 / (n > 0 ? n : 1) ))"
}
for _ in 1 2; do wrk -t1 -c32 -d10s -H "$H" "$UA" >/dev/null; wrk -t1 -c32 -d10s -H "$H" "$UB" >/dev/null; done # JIT
for r in $(seq 1 "$ROUNDS"); do
  echo "old $(measure "$UA" "$PA")"; echo "new $(measure "$UB" "$PB")"
done | tee "$WORK/rounds"
awk '{r[$1]+=$2; u[$1]+=$3; n[$1]++} END {printf "old: %.0f req/s, %.1f us CPU/call; new: %.0f req/s, %.1f us CPU/call; new/old req/s %.2f\n", r["old"]/n["old"], u["old"]/n["old"], r["new"]/n["new"], u["new"]/n["new"], (r["new"]/n["new"])/(r["old"]/n["old"])}' "$WORK/rounds"
