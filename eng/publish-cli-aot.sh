#!/usr/bin/env bash
# Publishes the `idcloud` tool as a Native AOT executable (no .NET runtime needed, starts in milliseconds) and smoke-
# runs it: `explain`, then `emulator` + `doctor` with the native binary. Installs clang (the native linker NativeAOT
# needs on Linux) from Debian when it is missing. Slow: the AOT compiler needs several CPU-minutes; not in .ci/run.
#
#   eng/publish-cli-aot.sh [output-folder]     # default artifacts/idcloud-aot
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/artifacts/idcloud-aot}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v clang >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
fi

rid=linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')
# Warnings are errors in this repository, so a trim or AOT warning anywhere in the closure fails the publish.
dotnet publish "$repo/src/Unico.IdCloud.Cli/Unico.IdCloud.Cli.csproj" -c Release -r "$rid" -p:PublishAot=true -o "$out" -nologo
ls -l "$out/idcloud"

"$out/idcloud" explain 1.2.18 | grep -q locked
work=$(mktemp -d)
"$out/idcloud" emulator --json >"$work/emulator.json" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [[ -s "$work/emulator.json" ]] && break; sleep 0.1; done
eval "$(python3 -c 'import json,sys
for k, v in json.load(open(sys.argv[1]))["environment"].items(): print("export %s=%s" % (k, v))' "$work/emulator.json")"
"$out/idcloud" doctor
echo "publish-cli-aot: OK ($out/idcloud)"
