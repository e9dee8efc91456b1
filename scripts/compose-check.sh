#!/usr/bin/env bash
# Runs tools/compose-check (compose-go, the loader Docker Compose itself uses) on the given Compose
# files, building it first into the cache outside the repository; it is rebuilt when its main.go or
# go.sum changes. Variables for interpolation come from this process's environment.
#   bash scripts/compose-check.sh docker-compose.yml > project.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/tools/compose-check"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/deadline-keeper/bin"
bin="$cache/compose-check"
mkdir -p "$cache"

sum="$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$bin" ] || [ "$(cat "$bin.sha256" 2>/dev/null)" != "$sum" ]; then
  command -v go >/dev/null 2>&1 || { echo "compose-check: Go is needed to build tools/compose-check" >&2; exit 127; }
  echo "▶ building compose-check from the Go module proxy (first run only)…" >&2
  start=$(date +%s)
  # A temporary name per process: concurrent first runs, or one killed mid-build, never leave a
  # half-written binary under the real name.
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$bin.tmp.$$" .) >&2
  mv "$bin.tmp.$$" "$bin"
  echo "$sum" > "$bin.sha256"
  echo "  built in $(( $(date +%s) - start )) s: $bin" >&2
fi
exec "$bin" "$@"
