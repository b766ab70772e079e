#!/usr/bin/env bash
# Regenerates the C# models from the OpenAPI contract with the NSwag version pinned in package-lock.json.
#
#   openapi/generate.sh               writes src/Unico.IdCloud.Client/Generated/*.g.cs (commit the result)
#   openapi/generate.sh <directory>   writes the same files into <directory> (used by check-drift.sh)
#
# Needs Node.js (npm) and the .NET 10 runtime. Installs the pinned generator with `npm ci` when it is missing or not
# the locked version. Output is deterministic: same contract + same pinned NSwag = same bytes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../src/Unico.IdCloud.Client/Generated}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Every package of the lock file must be installed at its locked version; otherwise install exactly the lock.
tools_match_lock="$(node -e "
  const lock = require('$here/package-lock.json');
  const stale = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/')).some(([path, entry]) => {
    try { return require('$here/' + path + '/package.json').version !== entry.version; } catch { return true; }
  });
  console.log(stale ? 'no' : 'yes');")"
if [ "$tools_match_lock" != "yes" ]; then
  echo "Installing the pinned tools (package-lock.json) with npm ci..." >&2
  npm ci --prefix "$here" --no-audit --no-fund >&2
fi

nswag() {
  # /runtime:Net100 runs the .NET 10 build bundled in the npm package; the config files pin every other option.
  (cd "$here" && node "$here/node_modules/nswag/bin/nswag.js" "$@" /runtime:Net100) >&2
}

# The process API: DTOs only (see docs/contract.md for why no client classes).
nswag run nswag-process.json "/variables:OutputDir=$out"
node "$here/pascalize-identifiers.mjs" "$out/ProcessApiModels.g.cs"

# The signature API has no DTO worth generating (binary PDFs, hand-parsed error shapes). Load it anyway so that a
# broken or newly type-bearing sign contract is noticed here.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
nswag run nswag-sign.json "/variables:OutputDir=$scratch"
if grep -q "partial class" "$scratch/SignApiModels.g.cs"; then
  echo "error: idcloud-sign.yaml now yields generated types; add SignApiModels.g.cs to the generated output." >&2
  exit 1
fi

echo "Generated $out/ProcessApiModels.g.cs" >&2
