#!/usr/bin/env bash
# Builds and lints every Bicep and parameters file under infra/ with the pinned compiler. Any
# diagnostic fails the check: infra/bicepconfig.json makes every linter rule an error, and the
# compiler's own warnings (BCP codes, such as a resource type it has no schema for), which no
# configuration raises to errors and which leave the exit code at 0, are caught by their output.
set -uo pipefail
cd "$(dirname "$0")/.."

bicep=$(bash scripts/bicep.sh --which) || exit 1
# The parameters files read the app registration's client id from the environment at deploy time;
# a stand-in lets them compile here.
export OPSG_AUTH_CLIENT_ID="${OPSG_AUTH_CLIENT_ID:-00000000-0000-0000-0000-000000000000}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

failures=0
check() {
  local output status
  output=$("$bicep" "$@" --no-restore 2>&1)
  status=$?
  if [ "$status" -ne 0 ] || [ -n "$output" ]; then
    printf 'bicep %s (exit %s)\n%s\n' "$*" "$status" "$output"
    failures=$((failures + 1))
  fi
}

# One process per command keeps this quick; the compiler's start-up dominates a file this size.
check build --pattern 'infra/**/*.bicep' --outdir "$out"
check lint --pattern 'infra/**/*.bicep'
check build-params --pattern 'infra/**/*.bicepparam' --outdir "$out"
check lint --pattern 'infra/**/*.bicepparam'

templates=$(find "$out" -name '*.json' | wc -l)
sources=$(find infra -path infra/tools -prune -o \( -name '*.bicep' -o -name '*.bicepparam' \) -print | wc -l)
if [ "$failures" -eq 0 ] && [ "$templates" -ne "$sources" ]; then
  echo "Infra: $sources Bicep files but $templates compiled outputs"
  failures=$((failures + 1))
fi
if [ "$failures" -gt 0 ]; then
  echo "Infra: $failures bicep step(s) failed"
  exit 1
fi
echo "Infra: $sources Bicep files build and lint clean with $("$bicep" --version)"
