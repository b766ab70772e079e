#!/usr/bin/env bash
# Fails (exit 1, with a diff) when the committed src/Unico.IdCloud.Client/Generated/ differs from a fresh generation
# from the contract in this folder, or when a vendor example embedded in the contract differs from its test fixture.
# Run in CI and before committing a contract change.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
committed="$here/../src/Unico.IdCloud.Client/Generated"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT

"$here/generate.sh" "$fresh"

status=0
if diff -ru "$committed" "$fresh"; then
  echo "Generated code is up to date with the contract."
else
  echo "error: src/Unico.IdCloud.Client/Generated/ is out of date with openapi/. Run openapi/generate.sh and commit the result." >&2
  status=1
fi

# The vendor examples exist twice (embedded in the contract, and as test fixtures): they must stay identical.
node "$here/check-examples.mjs" || status=1

exit "$status"
