#!/usr/bin/env bash
# Runs the backend locally like `func start`: the functions under the local host (devhost/) on
# http://127.0.0.1:7071/api/..., their orchestrations on Durable Task's Azure Storage provider over Azurite.
# Installs the pinned Azurite on first use, starts it unless one already listens, stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
app_pid=""
build_pid=""
cleanup() {
  [ -n "$build_pid" ] && kill "$build_pid" 2>/dev/null
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null
  wait 2>/dev/null
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The build and the first-time Azurite install do not depend on each other: run them side by side.
dotnet build devhost/Opsg.DevHost.csproj -c Release -nologo -v quiet &
build_pid=$!
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

if listening 10000 && listening 10001 && listening 10002; then
  echo "Azurite already listening on 10000-10002; using it."
else
  mkdir -p .azurite
  node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose \
    --location .azurite --debug .azurite/debug.log \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  azurite_pid=$!
  for _ in $(seq 1 100); do listening 10000 && listening 10001 && listening 10002 && break; sleep 0.2; done
  echo "Azurite started (pid $azurite_pid), data in .azurite/"
fi

# local.settings.json "Values" become environment variables, as the Functions host would set them.
eval "$(node -e '
  const v = require("./local.settings.json").Values || {};
  for (const [k, val] of Object.entries(v)) console.log(`export ${k}=${JSON.stringify(String(val))}`);
')"

# Run the app as our own child so stopping this script always stops it too.
wait "$build_pid" || { echo "The build failed." >&2; exit 1; }
build_pid=""
dotnet devhost/bin/Release/net10.0/Opsg.DevHost.dll &
app_pid=$!
wait "$app_pid"
