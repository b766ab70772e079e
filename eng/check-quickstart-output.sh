#!/usr/bin/env bash
# Checks that the files the Quickstart wrote are real: magic bytes, non-trivial sizes, and each PDF renders page 1
# with pdftoppm (installed from Debian's packages when missing; the structural PDF test in the emulator's test suite
# proves validity even where poppler cannot be installed).
set -euo pipefail
out=${1:?usage: check-quickstart-output.sh <folder>}
fail() { echo "quickstart output check: $*" >&2; exit 1; }

magic() { head -c "$2" "$1" | od -An -tx1 | tr -d ' \n'; }
size() { stat -c %s "$1"; }

[ -f "$out/selfie.jpg" ] || fail "selfie.jpg missing"
[ "$(magic "$out/selfie.jpg" 3)" = "ffd8ff" ] || fail "selfie.jpg is not a JPEG"
[ "$(size "$out/selfie.jpg")" -gt 100 ] || fail "selfie.jpg is too small"

if ! command -v pdftoppm >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq poppler-utils) >/dev/null 2>&1 || echo "note: poppler-utils could not be installed; skipping rendering"
fi
for f in evidence-set.pdf signed-document.pdf signature-evidence.pdf; do
  [ -f "$out/$f" ] || fail "$f missing"
  [ "$(head -c 5 "$out/$f")" = "%PDF-" ] || fail "$f does not start with %PDF-"
  tail -c 1024 "$out/$f" | grep -q '%%EOF' || fail "$f has no %%EOF trailer"
  [ "$(size "$out/$f")" -gt 300 ] || fail "$f is too small"
  if command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -f 1 -l 1 -png -r 30 "$out/$f" "$out/${f%.pdf}-page" || fail "$f: pdftoppm could not render page 1"
    ls "$out/${f%.pdf}-page"*.png >/dev/null 2>&1 || fail "$f: no page image"
    echo "$f: rendered page 1 ($(size "$out/$f") bytes)"
  fi
done
[ -f "$out/manifest.json" ] && echo "manifest: $(wc -c < "$out/manifest.json") bytes"
echo "quickstart output is real"
