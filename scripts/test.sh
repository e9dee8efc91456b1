#!/usr/bin/env bash
# The project's one test command (`npm test`, also run by .ci/run): installs what it needs, then
# type-checks, lints and runs every Jest suite, ending with a plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

echo "▶ type-check (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p apps/web/tsconfig.json
echo "▶ lint (eslint, prettier)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

echo "▶ console build (vite), for the browser tests"
npm run --silent build:web
bash scripts/ensure-chromium.sh

echo "▶ Temporal tools (CLI, time-skipping test server)"
eval "$(bash scripts/temporal-tools.sh)"

status=0
echo "▶ unit tests (jest)"
npx jest --ci --json --outputFile=.jest-results.json "$@" || status=$?
echo "▶ workflow tests (jest, time-skipping Temporal server, real PostgreSQL)"
npx jest -c jest.workflows.config.js --ci --json --outputFile=.jest-workflow-results.json "$@" || status=$?

node -e '
  const runs = process.argv.slice(1).map((f) => require(f));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  const skipped = sum("numPendingTests");
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (runs.some((r) => r.numTotalTests === 0)) { console.error("a test run ran no test"); process.exit(1); }
' "$PWD/.jest-results.json" "$PWD/.jest-workflow-results.json" || status=1
exit $status
