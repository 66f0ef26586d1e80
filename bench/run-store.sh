#!/usr/bin/env bash
# Store-bound benchmarks in one run: account imports on the embedded store and PostgreSQL, and inbound webhook
# verify+enqueue. Usage: bench/run-store.sh [seconds] [postgresql-url]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-8}"
PG="${2:-postgresql://postgres@127.0.0.1:5432/test}"
[ -f bench/target/ferry-bench.jar ] || mvn -B -q -DskipTests package
QUIET="-Dlogback.configurationFile=bench-logback.xml"
java -Xmx1g $QUIET -cp bench/target/ferry-bench.jar io.ferry.bench.ImportBench "$PG" "$SECS" 2>/dev/null
java -Xmx1g $QUIET -cp bench/target/ferry-bench.jar io.ferry.bench.WebhookIngestBench "$SECS" 64 "$PG" 2>/dev/null
java -Xmx1g $QUIET -cp bench/target/ferry-bench.jar io.ferry.bench.WebhookIngestBench "$SECS" 16 h2 2>/dev/null
