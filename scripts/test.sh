#!/usr/bin/env bash
# The project's one test command (`npm test`, also run by .ci/run): installs what it needs, then
# type-checks, lints and runs every Jest suite, ending with a plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

echo "▶ type-check (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json
echo "▶ lint (eslint, prettier)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

echo "▶ tests (jest)"
results=.jest-results.json
status=0
npx jest --ci --json --outputFile="$results" "$@" || status=$?
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$PWD/$results" || status=1
exit $status
