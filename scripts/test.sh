#!/usr/bin/env bash
# Runs every test. Tests start their own in-memory Azurite on free ports, so a running
# backend or a developer's data is never touched.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the document tests use: headless Chromium (print, screenshots, axe) and a Java
# runtime for the Nu Html Checker. Install one when missing and we may; refresh the package lists
# only if the install cannot find it otherwise.
install_missing() { # command package
  command -v "$1" >/dev/null && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"
    else echo "$1 is missing and this user cannot install it: apt-get install -y $2" >&2; return 0; fi
  fi
  $sudo apt-get install -y "$2" || { $sudo apt-get update && $sudo apt-get install -y "$2"; }
}
install_missing chromium chromium || exit 1
install_missing java default-jre-headless || exit 1

# npm tooling from package.json: Azurite, the Nu Html Checker (vnu-jar), axe-core and the OpenAPI linter. After Java, so
# vnu-jar's install step finds the system's Java and downloads none. Packages already in npm's cache are taken from
# it without asking the registry again (the lock file pins each one's integrity either way).
{ [ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ] && [ -x node_modules/.bin/redocly ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ] && [ -f node_modules/axe-core/axe.min.js ]; } \
  || npm ci --no-audit --no-fund --prefer-offline || exit 1

# The infrastructure: every Bicep and parameters file builds and lints without a single diagnostic,
# with the compiler NuGet serves (scripts/check-infra.sh). A failure here fails the run, after the tests.
bash scripts/check-infra.sh
infra_status=$?

# The OpenAPI document kept in the repository lints clean with Redocly's recommended-strict rules (redocly.yaml:
# every recommended rule an error; an error fails the run, after the tests).
node_modules/.bin/redocly lint functions/OpenApi/openapi.json --format=summary
openapi_status=$?

# Every project builds, warnings as errors: `dotnet test` alone builds only the test projects and what they use,
# and would let the benchmarks rot unseen.
dotnet build Opsg.Functions.sln -c Release
build_status=$?

log=$(mktemp)
dotnet test Opsg.Functions.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One plain summary line across all test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failures=$(grep -E '^\s*Failed [A-Za-z_]' "$log" | sort -u)
# Each failure's message again at the end, where a CI log's tail shows it (the stack trace stays above).
messages=$(awk '/^[[:space:]]*Failed [A-Za-z_]/ {n=25; print; next}
                /^[[:space:]]*Stack Trace:/ {n=0}
                n > 0 {print; n--}' "$log")
rm -f "$log"
[ -n "$messages" ] && printf 'Failure messages:\n%s\n' "$messages"
[ -n "$failures" ] && printf 'Failed tests:\n%s\n' "$failures"
[ "$build_status" -eq 0 ] || echo "Build failed: see the dotnet build output above the tests"
[ "$infra_status" -eq 0 ] || echo "Infra check failed: see the bicep output above the tests"
[ "$openapi_status" -eq 0 ] || echo "OpenAPI lint failed: see the redocly output above the tests"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$build_status" -eq 0 ] && [ "$infra_status" -eq 0 ] && [ "$openapi_status" -eq 0 ] && [ "$status" -eq 0 ] && [ "$passed" -gt 0 ] && [ "$failed" -eq 0 ]
