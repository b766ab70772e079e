#!/usr/bin/env bash
# A client in no .NET at all — curl, openssl and a little bash (python3 only to read JSON and to play the webhook
# receiver) — completes a by Unico journey against `idcloud emulator`:
#   sign an RS256 assertion with openssl -> POST /oauth2/token -> POST /client/v1/process -> GET it (CREATED)
#   -> finish it with an outcome over the control API -> GET it (FINISHED/OK/POSITIVE) -> GET the selfie (a JPEG)
#   -> the emulator's webhook reaches a local listener with the Basic credential we registered.
# Exits non-zero on the first step that does not hold.
#
#   eng/curl-journey.sh                 # builds the CLI (Release) and runs it with `dotnet idcloud.dll`
#   IDCLOUD="dotnet idcloud" eng/curl-journey.sh   # any other way to run the tool (e.g. an installed local tool)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d "${TMPDIR:-/tmp}/idcloud-curl-journey.XXXXXX")
emulator_pid= listener_pid=

cleanup() {
  local status=$?
  [[ -n "$emulator_pid" ]] && kill -TERM "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null || true
  [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null && wait "$listener_pid" 2>/dev/null || true
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT

fail() { echo "curl-journey: FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[k]
print(d)' "$1"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

if [[ -z "${IDCLOUD:-}" ]]; then
  step "build the CLI"
  dotnet build "$repo/src/Unico.IdCloud.Cli/Unico.IdCloud.Cli.csproj" -c Release -nologo -v quiet >/dev/null
  IDCLOUD="dotnet $repo/src/Unico.IdCloud.Cli/bin/Release/net10.0/idcloud.dll"
fi

step "start idcloud emulator"
$IDCLOUD emulator --json >"$work/emulator.json" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 300); do [[ -s "$work/emulator.json" ]] && break; sleep 0.1; done
[[ -s "$work/emulator.json" ]] || fail "the emulator printed nothing: $(cat "$work/emulator.err")"
ready=$(head -n 1 "$work/emulator.json")
identity=$(json identityBaseAddress <<<"$ready")
process_api=$(json processApiBaseAddress <<<"$ready")
audience=$(json audience <<<"$ready")
control=$(json controlBaseAddress <<<"$ready")
account=$(json accountName <<<"$ready")
tenant=$(json tenantId <<<"$ready")
key=$(json privateKeyPath <<<"$ready")
echo "identity $identity, process API $process_api, account $account@$tenant"

step "start a webhook listener (python3 http.server) that records what it receives"
cat >"$work/listener.py" <<'PY'
import http.server, json, sys
out, portfile = sys.argv[1], sys.argv[2]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        with open(out, "a") as f:
            f.write(json.dumps({"path": self.path, "authorization": self.headers.get("Authorization"), "body": body}) + "\n")
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
open(portfile, "w").write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$work/listener.py" "$work/webhooks.jsonl" "$work/listener.port" &
listener_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/listener.port" ]] && break; sleep 0.1; done
hook_url="http://127.0.0.1:$(cat "$work/listener.port")/webhooks/unico"

step "register the webhook with Basic credentials over the control API"
curl -fsS -X PUT "$control/webhook" -H 'Content-Type: application/json' \
  -d "{\"url\":\"$hook_url\",\"authentication\":{\"mode\":\"basic\",\"user\":\"unico\",\"password\":\"hook-secret\"}}" >/dev/null

step "sign an RS256 assertion with openssl and exchange it for an access token"
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"%s@%s.iam.acesso.io","aud":"%s","scope":"*","iat":%d,"exp":%d}' "$account" "$tenant" "$audience" "$now" "$((now + 300))" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$key" -binary | b64url)
token_response=$(curl -fsS -X POST "$identity/oauth2/token" \
  --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer' \
  --data-urlencode "assertion=$header.$claims.$signature") || fail "token request refused"
access_token=$(json access_token <<<"$token_response")
[[ "$(json token_type <<<"$token_response")" == Bearer ]] || fail "token_type is not Bearer"
echo "token obtained (expires_in $(json expires_in <<<"$token_response") s)"

step "create a process"
created=$(curl -fsS -X POST "$process_api/client/v1/process" -H "Authorization: Bearer $access_token" -H 'Content-Type: application/json' \
  -d '{"callbackUri":"/","flow":"idlive","purpose":"creditprocess","person":{"duiType":"DUI_TYPE_BR_CPF","duiValue":"73689290074","friendlyName":"Ana Souza"}}') \
  || fail "CreateProcess refused"
id=$(json process.id <<<"$created")
[[ "$(json process.state <<<"$created")" == PROCESS_STATE_CREATED ]] || fail "a new process is not CREATED"
echo "process $id, journey at $(json process.userRedirectUrl <<<"$created")"

step "the person finishes the journey (scripted over the control API)"
curl -fsS -X POST "$control/processes/$id/finish" -H 'Content-Type: application/json' -d '{"outcome":"Approved"}' >/dev/null

step "read the result"
got=$(curl -fsS "$process_api/client/v1/process/$id" -H "Authorization: Bearer $access_token")
[[ "$(json process.state <<<"$got")" == PROCESS_STATE_FINISHED ]] || fail "state is not FINISHED"
[[ "$(json process.result <<<"$got")" == PROCESS_RESULT_OK ]] || fail "result is not OK"
[[ "$(json process.authenticationInfo.authenticationResult <<<"$got")" == AUTHENTICATION_RESULT_POSITIVE ]] || fail "identity is not POSITIVE"
[[ "$(json process.authenticationInfo.livenessResult <<<"$got")" == LIVENESS_RESULT_LIVE ]] || fail "liveness is not LIVE"
echo "FINISHED / OK / POSITIVE / LIVE"

step "download the selfie"
curl -fsS "$process_api/client/v1/process/$id/selfie" -H "Authorization: Bearer $access_token" | json fileContents | openssl base64 -d -A >"$work/selfie.jpg"
[[ "$(head -c 2 "$work/selfie.jpg" | od -An -tx1 | tr -d ' \n')" == ffd8 ]] || fail "the selfie is not a JPEG"
echo "selfie.jpg: $(wc -c <"$work/selfie.jpg") bytes"

step "the webhook reached the listener with the registered credential"
for _ in $(seq 1 100); do grep -q "$id" "$work/webhooks.jsonl" 2>/dev/null && break; sleep 0.1; done
delivery=$(grep "$id" "$work/webhooks.jsonl" | head -n 1) || fail "no webhook for $id"
[[ "$(json authorization <<<"$delivery")" == "Basic $(printf 'unico:hook-secret' | openssl base64 -A)" ]] || fail "the webhook's Authorization is not the registered Basic credential"
hook_body=$(json body <<<"$delivery")
[[ "$(json processId <<<"$hook_body")" == "$id" && "$(json state <<<"$hook_body")" == PROCESS_STATE_FINISHED ]] || fail "the webhook body is wrong: $hook_body"
echo "webhook: $hook_body"

echo "curl-journey: OK"
