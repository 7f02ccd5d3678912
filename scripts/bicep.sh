#!/usr/bin/env bash
# Runs the Bicep CLI pinned in Directory.Packages.props. NuGet serves it as a package
# (Azure.Bicep.CommandLine.linux-x64, executable under tools/); infra/tools/BicepCli.csproj restores it
# against its committed lock file, and NuGet's generated path property says where it landed, so no
# cache layout is guessed.
#   scripts/bicep.sh <bicep arguments>   run it
#   scripts/bicep.sh --which             print the executable's path
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)/infra/tools/BicepCli.csproj"

if ! restore_log=$(dotnet restore "$project" 2>&1); then
  printf '%s\n' "$restore_log" >&2
  echo "Could not restore the Bicep CLI from NuGet." >&2
  exit 1
fi
package=$(dotnet msbuild "$project" -nologo -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)
bicep="$package/tools/bicep"
if ! [ -x "$bicep" ]; then
  echo "No executable Bicep CLI at $bicep" >&2
  exit 1
fi

if [ "${1:-}" = "--which" ]; then
  echo "$bicep"
else
  exec "$bicep" "$@"
fi
