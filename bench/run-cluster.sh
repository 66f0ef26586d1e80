#!/usr/bin/env bash
# Cost of cluster coordination on the proxy's hot path: one node on PostgreSQL in a two-node cluster (the second node
# idle on the same schema) against one node alone on its own schema with FERRY_CLUSTER=false, in one run.
# Usage: bench/run-cluster.sh [seconds-per-measurement] [postgresql-url]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-8}"
PG="${2:-postgresql://postgres@127.0.0.1:5432/test}"
WORK="$(mktemp -d /tmp/ferry-bench-cluster.XXXXXX)"
TOKEN="fry_bench_$(date +%s)"
SUFFIX="$(date +%s)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  psql "$PG" -qc "DROP SCHEMA IF EXISTS bench_cluster_$SUFFIX CASCADE; DROP SCHEMA IF EXISTS bench_alone_$SUFFIX CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT
if [ ! -f bench/target/ferry-bench.jar ] || [ ! -f api/target/ferry.jar ]; then
  mvn -B -q -DskipTests package
fi
psql "$PG" -qc "CREATE SCHEMA bench_cluster_$SUFFIX; CREATE SCHEMA bench_alone_$SUFFIX" >/dev/null
. bench/common.sh
UP=$(free_port); ON=$(free_port); IDLE=$(free_port); OFF=$(free_port)
KEY=$(head -c 32 /dev/urandom | base64)

java -Xmx512m -cp bench/target/ferry-bench.jar io.ferry.bench.BenchUpstream "$UP" > "$WORK/upstream.log" 2>&1 & pids+=($!)
start_node() { # port data-dir schema cluster
  FERRY_HTTP_PORT=$1 FERRY_DATA_DIR="$WORK/$2" FERRY_API_TOKEN="$TOKEN" FERRY_PROXY_ALLOW_PRIVATE=true \
    FERRY_ENCRYPTION_KEY="$KEY" FERRY_DATABASE_URL="$PG?search_path=$3" FERRY_CLUSTER=$4 \
    FERRY_INTEGRATIONS_DIR=integrations java ${FERRY_JAVA_OPTS:-} -Xmx1g -jar api/target/ferry.jar > "$WORK/$2.log" 2>&1 &
  pids+=($!)
}
start_node "$ON" on "bench_cluster_$SUFFIX" true
start_node "$IDLE" idle "bench_cluster_$SUFFIX" true
start_node "$OFF" off "bench_alone_$SUFFIX" false
for port in "$ON" "$IDLE" "$OFF"; do
  await_url "http://127.0.0.1:$port/ready"
done
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$ON/cluster" | python3 -c 'import json,sys; print("cluster nodes:", len(json.load(sys.stdin)["result"]))'
java -Xmx512m -cp bench/target/ferry-bench.jar io.ferry.bench.ClusterBench \
  "http://127.0.0.1:$UP" "http://127.0.0.1:$ON" "http://127.0.0.1:$OFF" "$TOKEN" "$SECONDS_PER_RUN"
