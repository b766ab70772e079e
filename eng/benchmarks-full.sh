#!/usr/bin/env bash
# Takes the numbers written in docs/benchmarks.md: every benchmark with BenchmarkDotNet's default job (separate
# processes, pilot + warm-up + measured iterations), SDK and hand-written baseline side by side in each table.
# Takes roughly 20-40 minutes on 2 cores; results go to BenchmarkDotNet.Artifacts/results/ (*.md, *.csv).
#   eng/benchmarks-full.sh                      # everything
#   eng/benchmarks-full.sh --filter '*Token*'   # one class
#   eng/benchmarks-full.sh --job short          # quicker, less precise (say so when you quote its numbers)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cd "$repo"
# The scale-out benchmarks start their own redis-server on a free loopback port; install the package when missing.
bash "$repo/eng/install-redis.sh" >/dev/null
dotnet run -c Release --project benchmarks/Unico.IdCloud.Benchmarks -- "$@"
