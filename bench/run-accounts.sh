#!/usr/bin/env bash
# The store at 100k accounts, Ferry started by the README's command: single and bulk import rates, data file vs its
# compacted size, RSS, list filter latency, on both stores. Usage: bench/run-accounts.sh [count] [postgresql-url]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-100000}"
PG="${2:-postgresql://postgres@127.0.0.1:5432/test}"
[ -f bench/target/ferry-bench.jar ] && [ -f api/target/ferry.jar ] || mvn -B -q -DskipTests package
QUIET="-Dlogback.configurationFile=bench-logback.xml"
for store in h2 postgres; do
  java -Xmx2g $QUIET -cp bench/target/ferry-bench.jar io.ferry.bench.AccountScaleBench "$store" "$COUNT" 16 "$PG" 2>/dev/null
done
