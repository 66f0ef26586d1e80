#!/usr/bin/env bash
# Load benchmark: direct → upstream, nginx → upstream, Ferry → upstream, in one run, on loopback only.
# Usage: bench/run-proxy.sh [seconds-per-measurement]   (default 8; the whole run takes about 12 × (seconds + 2))
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-8}"
WORK="$(mktemp -d /tmp/ferry-bench.XXXXXX)"
TOKEN="fry_bench_$(date +%s)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
}
trap cleanup EXIT

if ! command -v nginx >/dev/null; then
  echo "installing nginx"; DEBIAN_FRONTEND=noninteractive apt-get install -y nginx >/dev/null
fi
if [ ! -f bench/target/ferry-bench.jar ] || [ ! -f api/target/ferry.jar ]; then
  mvn -B -q -DskipTests package
fi
. bench/common.sh
UP=$(free_port); NG=$(free_port); FE=$(free_port)

java -Xmx512m -cp bench/target/ferry-bench.jar io.ferry.bench.BenchUpstream "$UP" > "$WORK/upstream.log" 2>&1 & pids+=($!)

mkdir -p "$WORK/logs"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream api { server 127.0.0.1:$UP; keepalive 64; }
  server {
    listen 127.0.0.1:$NG;
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer upstream-token";
    }
  }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf"

# like for like: nginx runs with access_log off, so Ferry runs without its access log (FERRY_ACCESS_LOG=false)
FERRY_HTTP_PORT=$FE FERRY_DATA_DIR="$WORK/data" FERRY_API_TOKEN="$TOKEN" FERRY_PROXY_ALLOW_PRIVATE=true FERRY_ACCESS_LOG=false \
  FERRY_INTEGRATIONS_DIR=integrations java ${FERRY_JAVA_OPTS:-} -Xmx1g -Xlog:gc:file="$WORK/gc.log" -jar api/target/ferry.jar > "$WORK/ferry.log" 2>&1 & pids+=($!)

await_url "http://127.0.0.1:$FE/ready" "http://127.0.0.1:$UP/users"

java -Xmx512m -cp bench/target/ferry-bench.jar io.ferry.bench.ProxyBench \
  "http://127.0.0.1:$UP" "http://127.0.0.1:$NG" "http://127.0.0.1:$FE" "$TOKEN" "$SECONDS_PER_RUN"

# Bytes allocated per proxy call over Ferry's whole run: the G1 log's heap before each young pause minus the heap
# after the previous one, summed, divided by the proxy calls Ferry counted (setup calls are negligible).
CALLS=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$FE/metrics" \
  | awk '/^ferry_proxy_calls_total/ {s += $2} END {printf "%d", s}')
python3 - "$WORK/gc.log" "$CALLS" <<'PY'
import re, sys
units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
total, prev = 0, 0
for line in open(sys.argv[1]):
    m = re.search(r"Pause Young.* (\d+)([KMG])->(\d+)([KMG])", line)
    if m:
        total += int(m.group(1)) * units[m.group(2)] - prev
        prev = int(m.group(3)) * units[m.group(4)]
calls = int(sys.argv[2] or 0)
print(f"Ferry allocation: {total / max(1, calls) / 1024:.1f} KB per proxy call ({calls} calls, {total >> 20} MB)")
PY
