#!/usr/bin/env bash
# CI check that every benchmark still builds, passes its set-up checks (both sides do the same work) and runs: each
# benchmark runs once, in process (BenchmarkDotNet's Dry job with the in-process toolchain). The numbers it prints
# mean nothing; docs/benchmarks.md has the real ones and the command that takes them (eng/benchmarks-full.sh).
# Exits non-zero if any benchmark failed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The scale-out benchmarks start their own redis-server on a free loopback port; install the package when missing.
bash "$repo/eng/install-redis.sh" >/dev/null

artifacts=$(mktemp -d "${TMPDIR:-/tmp}/idcloud-benchmarks-smoke.XXXXXX")
trap 'rm -rf "$artifacts"' EXIT

# The guard only stops a hung run (normally well under 3 minutes on 2 cores).
timeout 900 dotnet run -c Release --project "$repo/benchmarks/Unico.IdCloud.Benchmarks" -- \
  --smoke --filter '*' --artifacts "$artifacts" "$@"
