#!/usr/bin/env bash
# `npm run bench:<name>`: the system benchmarks run compiled (NestJS needs tsc's decorator metadata,
# which tsx does not emit), with the same Temporal tools the tests use and a collectable heap.
#   bash scripts/bench.sh system|api|timers|memory [args…]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
eval "$(bash scripts/temporal-tools.sh)"
name="$1"; shift
npx tsc -p tsconfig.bench.json
exec node --expose-gc "dist/bench/${name}.bench.js" "$@"
