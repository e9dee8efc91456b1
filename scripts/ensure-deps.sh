#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json, so every
# entry point works on a fresh clone. Install scripts run only for packages listed in allowScripts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "▶ installing npm dependencies…" >&2
  # If the lock file gained optional binaries the registry does not have (see scripts/prune-lock.js),
  # `npm ci` refuses it; `npm install` still installs the locked versions.
  if ! npm ci --no-audit --no-fund >&2 2>/tmp/deadline-keeper-npm-ci.log; then
    echo "  npm ci refused the lock file (see /tmp/deadline-keeper-npm-ci.log); using npm install" >&2
    npm install --no-audit --no-fund >&2
  fi
fi
