#!/usr/bin/env bash
# `npm start`: installs what it needs, builds, and brings the whole system up (apps/start/main.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
eval "$(bash scripts/temporal-tools.sh)"
echo "▶ building (tsc)…"
npx tsc -p tsconfig.build.json
echo "▶ building the console (vite)…"
npm run --silent build:web
exec node dist/apps/start/main.js
