#!/usr/bin/env bash
# Proves the packages work the way a user gets them: packs Unico.IdCloud.Client, .Testing, .AspNetCore and .Redis into a
# throw-away local feed under a unique prerelease version, checks what each package carries (README, license
# expression, repository metadata, XML docs, symbols), then creates a brand-new console app OUTSIDE the repository,
# installs the packages with `dotnet add package`, and runs eng/consumer/Program.cs in it against the embedded
# emulator, first with `dotnet run`, then as a Native AOT binary (PublishAot=true, zero trim/AOT warnings allowed).
# When redis-server is installed (eng/install-redis.sh; .ci/run installs it) a throw-away one is started on a free
# loopback port and the consumer runs its journey through Unico.IdCloud.Redis (shared token, shared budget, the durable
# webhook inbox); without it the consumer only registers the Redis services and builds the container.
# Exits non-zero if any step fails.
#
#   eng/pack-and-consume.sh                 # from a clean clone or CI (CI=true); needs the NuGet registry for the
#                                           # packages' own dependencies (Polly.Core, Microsoft.Extensions.*, ...)
#   KEEP_WORK=1 eng/pack-and-consume.sh     # keep the feed and the consumer app for a look afterwards
#   PACKAGE_VERSION=0.1.0-rc.1 eng/pack-and-consume.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false

# A version no cache has seen: a stale package in ~/.nuget/packages can never stand in for the one just built.
version=${PACKAGE_VERSION:-0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$}
packages=(Unico.IdCloud.Client Unico.IdCloud.Testing Unico.IdCloud.AspNetCore Unico.IdCloud.Redis)
frameworks=(net8.0 net10.0)

work=$(mktemp -d "${TMPDIR:-/tmp}/idcloud-pack-and-consume.XXXXXX")
feed=$work/feed
app=$work/ConsumerApp
global_packages=$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: *//')

redis_pid=""
cleanup() {
  local status=$?
  if [[ -n $redis_pid ]]; then kill "$redis_pid" 2>/dev/null || true; fi
  # The unique version is only ever used once: drop it from the global cache so runs don't pile up.
  for id in "${packages[@]}"; do
    local cached="${global_packages%/}/$(echo "$id" | tr '[:upper:]' '[:lower:]')"
    rm -rf "$cached/$version"
    rmdir "$cached" 2>/dev/null || true   # only if no other version is cached
  done
  if [[ "${KEEP_WORK:-}" == 1 ]]; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
  exit $status
}
trap cleanup EXIT

fail() { echo "pack-and-consume: FAIL: $*" >&2; exit 1; }

# Zip listing/reading without assuming unzip is installed (python3 as the fallback).
zip_list() {
  if command -v unzip >/dev/null; then unzip -Z1 "$1"
  else python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; fi
}
zip_cat() {
  if command -v unzip >/dev/null; then unzip -p "$1" "$2"
  else python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2"; fi
}

echo "== pack $version -> $feed (${SECONDS}s)"
# One MSBuild run for the four projects (a solution filter): one restore, shared build of the Client project.
projects=$(for id in "${packages[@]}"; do printf '"src/%s/%s.csproj",' "$id" "$id"; done)
echo "{ \"solution\": { \"path\": \"$repo/Unico.IdCloud.Client.sln\", \"projects\": [${projects%,}] } }" >"$work/packages.slnf"
dotnet pack "$work/packages.slnf" -c Release -o "$feed" -p:Version="$version" -nologo -v quiet || fail "dotnet pack"

echo "== check package contents (${SECONDS}s)"
origin=$(git -C "$repo" remote get-url origin 2>/dev/null || true)
for id in "${packages[@]}"; do
  nupkg=$feed/$id.$version.nupkg
  snupkg=$feed/$id.$version.snupkg
  [[ -f $nupkg ]] || fail "$nupkg was not produced"
  [[ -f $snupkg ]] || fail "$snupkg (symbols) was not produced"
  files=$(zip_list "$nupkg")
  symbols=$(zip_list "$snupkg")
  grep -qx "README.md" <<<"$files" || fail "$id: README.md missing from the package"
  for tfm in "${frameworks[@]}"; do
    grep -qx "lib/$tfm/$id.dll" <<<"$files" || fail "$id: lib/$tfm/$id.dll missing"
    grep -qx "lib/$tfm/$id.xml" <<<"$files" || fail "$id: lib/$tfm/$id.xml (XML docs) missing"
    grep -qx "lib/$tfm/$id.pdb" <<<"$symbols" || fail "$id: lib/$tfm/$id.pdb missing from the symbol package"
  done
  nuspec=$(zip_cat "$nupkg" "$id.nuspec")
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: license expression MIT missing"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: readme not declared"
  grep -q '<repository type="git" url="https://github.com/[^"]*"[^>]* commit="[0-9a-f]\{40\}"' <<<"$nuspec" \
    || fail "$id: repository url/commit missing"
  grep -q '<description>' <<<"$nuspec" || fail "$id: description missing"
  # SourceLink maps the PDB's sources to the commit on GitHub; the SDK derives the URL from the 'origin' remote, so a
  # clone without a GitHub remote (a local mirror, CI's clone) builds fine but produces no mapping.
  if [[ $origin == *github.com* ]]; then
    zip_cat "$snupkg" "lib/net10.0/$id.pdb" | grep -aq 'raw.githubusercontent.com' \
      || fail "$id: the PDB has no SourceLink mapping although origin is $origin"
    sourcelink="SourceLink -> GitHub"
  else
    sourcelink="no SourceLink mapping (origin '${origin:-none}' is not on GitHub)"
  fi
  echo "   $id $version: README, MIT, repository+commit, lib/{${frameworks[*]}}/{dll,xml}, symbols; $sourcelink"
done

if command -v redis-server >/dev/null 2>&1; then
  redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes >"$work/redis.log" 2>&1 &
  redis_pid=$!
  export IDCLOUD_CONSUMER_REDIS="127.0.0.1:$redis_port"
  echo "== redis-server on $IDCLOUD_CONSUMER_REDIS for the consumer's Redis journey (pid $redis_pid)"
else
  echo "== no redis-server (eng/install-redis.sh installs it): the consumer only registers Unico.IdCloud.Redis"
fi

echo "== create a fresh console app in $app (${SECONDS}s)"
mkdir -p "$app"
# Nothing of the repository's build settings may leak in: the app is outside it, and these empty files stop the
# search for Directory.Build.*/Directory.Packages.props in any folder above the temp directory too.
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Build.targets"
echo '<Project />' >"$work/Directory.Packages.props"
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <!-- The machine's sources (the NuGet registry) stay; the local feed is added for the packages just built. -->
    <add key="idcloud-local-feed" value="$feed" />
  </packageSources>
</configuration>
XML
(
  cd "$app"
  dotnet new console --framework net10.0 --name ConsumerApp --output . --no-restore >/dev/null
  dotnet add package Unico.IdCloud.Client --version "$version" >/dev/null
  dotnet add package Unico.IdCloud.Testing --version "$version" >/dev/null
  dotnet add package Unico.IdCloud.Redis --version "$version" >/dev/null
  dotnet add package Microsoft.Extensions.DependencyInjection --version 10.0.14 >/dev/null
  cp "$repo/eng/consumer/Program.cs" Program.cs
  echo "== dotnet run (consumer of $version)"
  dotnet run -c Release
) || fail "the consumer app did not build or run successfully"

# Native AOT, proven end to end: the same app, published with PublishAot=true from the same packages, must compile
# with zero trim/AOT warnings (they are errors here, one line per warning), and the native binary must run the same
# journey against the emulator (Kestrel, RSA token minting, the Refit clients: all in the native image).
echo "== dotnet publish -p:PublishAot=true (consumer of $version) (${SECONDS}s)"
(
  cd "$app"
  dotnet publish -c Release --use-current-runtime -o "$work/aot" -p:PublishAot=true -p:TreatWarningsAsErrors=true \
    -p:TrimmerSingleWarn=false -p:IlcTreatWarningsAsErrors=true -p:SuppressTrimAnalysisWarnings=false -nologo \
    >"$work/aot-publish.log" 2>&1
) || { cat "$work/aot-publish.log" >&2; fail "the Native AOT publish failed"; }
if grep -E 'warning (IL[0-9]+|AOT)' "$work/aot-publish.log"; then
  fail "the Native AOT publish reported trim/AOT warnings"
fi
[[ -x "$work/aot/ConsumerApp" ]] || fail "no native ConsumerApp binary in $work/aot"
echo "   native binary: $(du -h "$work/aot/ConsumerApp" | cut -f1), zero trim/AOT warnings"
echo "== run the native binary (${SECONDS}s)"
"$work/aot/ConsumerApp" || fail "the Native AOT consumer did not complete its journey"

echo "pack-and-consume: OK ($version)"
