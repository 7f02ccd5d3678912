#!/usr/bin/env bash
# Runs every test. Tests start their own in-memory Azurite on free ports, so a running
# backend or a developer's data is never touched.
set -uo pipefail
cd "$(dirname "$0")/.."

{ [ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/redocly ]; } || npm ci --no-audit --no-fund || exit 1

# The report print tests drive headless Chromium (Debian package `chromium`). Install it when
# missing and we may; refresh the package lists only if the install cannot find it otherwise.
if ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y chromium || { apt-get update && apt-get install -y chromium; } || exit 1
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get install -y chromium || { sudo apt-get update && sudo apt-get install -y chromium; } || exit 1
  else
    echo "chromium is missing and this user cannot install it: apt-get install -y chromium" >&2
  fi
fi

# The infrastructure: every Bicep and parameters file builds and lints without a single diagnostic,
# with the compiler NuGet serves (scripts/check-infra.sh). A failure here fails the run, after the tests.
bash scripts/check-infra.sh
infra_status=$?

# The OpenAPI document kept in the repository lints clean with Redocly's recommended rules (errors fail
# the run, after the tests; warnings are shown).
node_modules/.bin/redocly lint functions/OpenApi/openapi.json --format=summary
openapi_status=$?

log=$(mktemp)
dotnet test Opsg.Functions.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One plain summary line across all test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failures=$(grep -E '^\s*Failed [A-Za-z_]' "$log" | sort -u)
rm -f "$log"
[ -n "$failures" ] && printf 'Failed tests:\n%s\n' "$failures"
[ "$infra_status" -eq 0 ] || echo "Infra check failed: see the bicep output above the tests"
[ "$openapi_status" -eq 0 ] || echo "OpenAPI lint failed: see the redocly output above the tests"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$infra_status" -eq 0 ] && [ "$openapi_status" -eq 0 ] && [ "$status" -eq 0 ] && [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
