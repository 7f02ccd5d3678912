#!/usr/bin/env bash
# Runs the backend locally like `func start`: the functions under the local host (devhost/) on
# http://127.0.0.1:7071/api/..., their orchestrations on Durable Task's Azure Storage provider over Azurite.
# Installs the pinned Azurite and maildev on first use, starts each unless one already listens, stops them on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
maildev_pid=""
app_pid=""
build_pid=""
cleanup() {
  [ -n "$build_pid" ] && kill "$build_pid" 2>/dev/null
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    # The host hands back its task hub's partition leases on the way out, which needs storage: stop Azurite after it
    # (at most 20 s), or the next start waits for those leases to expire before it runs any orchestration.
    for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null
  [ -n "$maildev_pid" ] && kill "$maildev_pid" 2>/dev/null
  wait 2>/dev/null
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The build and the first-time Azurite install do not depend on each other: run them side by side.
dotnet build devhost/Opsg.DevHost.csproj -c Release -nologo -v quiet &
build_pid=$!
{ [ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ]; } || npm ci --no-audit --no-fund --prefer-offline
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

# The local mail server: the app sends the Panel's emails to its SMTP port; its inbox is a web page.
if listening 1025 && listening 1080; then
  echo "maildev already listening on 1025 (SMTP) and 1080 (inbox); using it."
else
  mkdir -p .maildev
  node_modules/.bin/maildev --silent --smtp 1025 --ip 127.0.0.1 --web 1080 --web-ip 127.0.0.1 --mail-directory .maildev &
  maildev_pid=$!
  for _ in $(seq 1 100); do listening 1025 && listening 1080 && break; sleep 0.2; done
  echo "maildev started (pid $maildev_pid), emails in .maildev/"
fi
echo "Local inbox: http://127.0.0.1:1080/ (SMTP on 127.0.0.1:1025)"

# local.settings.json "Values" become environment variables, as the Functions host would set them.
eval "$(node -e '
  const v = require("./local.settings.json").Values || {};
  for (const [k, val] of Object.entries(v)) console.log(`export ${k}=${JSON.stringify(String(val))}`);
')"

# A local run, as `func start` marks it: the only place the sample API keys of local.settings.sample.json are accepted.
export AZURE_FUNCTIONS_ENVIRONMENT=Development

# Run the app as our own child so stopping this script always stops it too.
wait "$build_pid" || { echo "The build failed." >&2; exit 1; }
build_pid=""
dotnet devhost/bin/Release/net10.0/Opsg.DevHost.dll &
app_pid=$!
wait "$app_pid"
