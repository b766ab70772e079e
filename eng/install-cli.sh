#!/usr/bin/env bash
# Installs the `idcloud` tool from this repository into a local tool manifest, the way a user installs a .NET tool:
# packs src/Unico.IdCloud.Cli into a local feed, creates .config/dotnet-tools.json in the target folder (if missing)
# and runs `dotnet tool install --local` from that feed. Then, in that folder: `dotnet idcloud --help`.
#
#   eng/install-cli.sh            # into the repository root
#   eng/install-cli.sh /some/dir  # into another folder (CI uses a temporary one)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=$(cd "${1:-$repo}" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A version no NuGet cache has seen, so the package just built is the one installed.
version=${PACKAGE_VERSION:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}
feed="$target/.idcloud-feed"
mkdir -p "$feed"

echo "== pack Unico.IdCloud.Cli $version -> $feed"
dotnet pack "$repo/src/Unico.IdCloud.Cli/Unico.IdCloud.Cli.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v quiet

cd "$target"
[[ -f .config/dotnet-tools.json || -f dotnet-tools.json ]] || dotnet new tool-manifest >/dev/null
echo "== install into the local tool manifest of $target"
if dotnet tool list --local | grep -qi '^unico.idcloud.cli '; then
  dotnet tool update --local Unico.IdCloud.Cli --add-source "$feed" --version "$version"
else
  dotnet tool install --local Unico.IdCloud.Cli --add-source "$feed" --version "$version"
fi
echo "installed: run 'dotnet idcloud --help' in $target"
