#!/usr/bin/env bash
# Fails (exit 1, with a diff) when the committed src/Unico.IdCloud.Client/Generated/ differs from a fresh generation
# from the contract in this folder. Run in CI and before committing a contract change.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
committed="$here/../src/Unico.IdCloud.Client/Generated"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT

"$here/generate.sh" "$fresh"

if diff -ru "$committed" "$fresh"; then
  echo "Generated code is up to date with the contract."
else
  echo "error: src/Unico.IdCloud.Client/Generated/ is out of date with openapi/. Run openapi/generate.sh and commit the result." >&2
  exit 1
fi
