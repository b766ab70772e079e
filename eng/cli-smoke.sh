#!/usr/bin/env bash
# CI check of the tool as users get it: eng/install-cli.sh installs it from the packed package into a local tool
# manifest in a fresh folder outside the repository, then the installed `dotnet idcloud` starts the emulator, runs
# `idcloud doctor` against it (every check must pass) and `idcloud explain 1.2.18`; finally eng/curl-journey.sh runs
# the non-.NET journey with the same installed tool. Exits non-zero if any step fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d "${TMPDIR:-/tmp}/idcloud-cli-smoke.XXXXXX")
version=0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$
global_packages=$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: *//')
emulator_pid=

cleanup() {
  local status=$?
  [[ -n "$emulator_pid" ]] && kill -TERM "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null || true
  rm -rf "$work" "${global_packages%/}/unico.idcloud.cli/$version"
  exit $status
}
trap cleanup EXIT
fail() { echo "cli-smoke: FAIL: $*" >&2; exit 1; }

PACKAGE_VERSION=$version bash "$repo/eng/install-cli.sh" "$work"
cd "$work"
dotnet idcloud --version | grep -q "^${version%%+*}" || fail "the installed tool is not version $version"

echo "== dotnet idcloud emulator (installed tool)"
dotnet idcloud emulator --json >"$work/emulator.json" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 300); do [[ -s "$work/emulator.json" ]] && break; sleep 0.1; done
[[ -s "$work/emulator.json" ]] || fail "the emulator printed nothing: $(cat "$work/emulator.err")"
eval "$(head -n 1 "$work/emulator.json" | python3 -c 'import json,sys
for k, v in json.load(sys.stdin)["environment"].items(): print("export %s=%s" % (k, v))')"

echo "== dotnet idcloud doctor"
dotnet idcloud doctor | tee "$work/doctor.txt"
grep -q ' 0 failed' "$work/doctor.txt" || fail "doctor reported failures"
if grep -Eq 'BEGIN [A-Z ]*PRIVATE KEY-----|eyJ' "$work/doctor.txt"; then fail "doctor printed a secret"; fi

echo "== dotnet idcloud explain 1.2.18"
dotnet idcloud explain 1.2.18 | grep -q 'locked' || fail "explain 1.2.18"

kill -TERM "$emulator_pid"; wait "$emulator_pid" || fail "the emulator did not stop cleanly on SIGTERM"
emulator_pid=

echo "== eng/curl-journey.sh with the installed tool"
IDCLOUD="dotnet idcloud" bash "$repo/eng/curl-journey.sh"
echo "cli-smoke: OK"
