#!/usr/bin/env bash
# Provisions the Temporal tools the tests and `npm start` use, cached outside the repository so later
# runs on the same machine reuse them, and prints them as shell assignments:
#   TEMPORAL_CLI=…          the official Temporal CLI (`temporal server start-dev`), or empty when
#                           neither PATH nor Go can supply it (the SDK then downloads its own)
#   TEMPORAL_TEST_SERVER=…  an executable wrapping Temporal's Java time-skipping test server
# Usage: eval "$(bash scripts/temporal-tools.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."

CLI_VERSION=v1.5.1            # newer tags carry a `replace` directive that `go install` refuses
cache="${XDG_CACHE_HOME:-$HOME/.cache}/deadline-keeper"
mkdir -p "$cache/bin" "$cache/test-server"
log() { echo "$@" >&2; }

cli=""
if command -v temporal >/dev/null 2>&1; then
  cli="$(command -v temporal)"
elif [ -x "$cache/bin/temporal" ]; then
  cli="$cache/bin/temporal"
elif command -v go >/dev/null 2>&1; then
  log "▶ building the Temporal CLI $CLI_VERSION from the Go module proxy (first run only, a few minutes)…"
  start=$(date +%s)
  CGO_ENABLED=0 GOBIN="$cache/bin" go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION" >&2
  log "  built in $(( $(date +%s) - start )) s: $cache/bin/temporal"
  cli="$cache/bin/temporal"
else
  log "  no temporal on PATH and no Go toolchain: the Temporal SDK will download its dev server"
fi

server="$cache/test-server/temporal-test-server"
pom="tools/temporal-test-server/pom.xml"
pom_sum="$(sha256sum "$pom" | cut -d' ' -f1)"
if [ ! -x "$server" ] || [ "$(cat "$cache/test-server/pom.sha256" 2>/dev/null)" != "$pom_sum" ]; then
  command -v java >/dev/null 2>&1 || { log "java is needed for the time-skipping test server"; exit 1; }
  command -v mvn >/dev/null 2>&1 || { log "mvn is needed to fetch the time-skipping test server"; exit 1; }
  log "▶ resolving io.temporal:temporal-test-server from Maven Central…"
  mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cache/test-server/classpath.txt" >&2
  cat > "$server" <<WRAPPER
#!/usr/bin/env bash
# Temporal's time-skipping test server, started by TestWorkflowEnvironment as an existing-path executable.
exec java -Xss1m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "\$(cat "$cache/test-server/classpath.txt")" io.temporal.testserver.TestServer "\$@"
WRAPPER
  chmod +x "$server"
  echo "$pom_sum" > "$cache/test-server/pom.sha256"
fi

printf 'export TEMPORAL_CLI=%q\nexport TEMPORAL_TEST_SERVER=%q\n' "$cli" "$server"
