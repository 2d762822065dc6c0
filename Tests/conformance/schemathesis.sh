#!/usr/bin/env bash
# The OpenAPI document must match the server (issue 10): schemathesis (PyPI) runs against a live
# talentd over the demo data set, once with the token of each demo role, and must find no 5xx and no
# response that contradicts Docs/openapi.yaml. `make test` runs it after the Swift tests.
#   Tests/conformance/schemathesis.sh            (after `swift build`)
#   EXAMPLES=50 Tests/conformance/schemathesis.sh
#   SCRATCH=.build-mine Tests/conformance/schemathesis.sh   (after `swift build --scratch-path .build-mine`)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH:-.build}"
case "$scratch" in /*) ;; *) scratch="$root/$scratch" ;; esac
talentctl="$scratch/debug/talentctl"
talentd="$scratch/debug/talentd"
examples="${EXAMPLES:-15}"
work="$(mktemp -d /tmp/talentzone-schemathesis-XXXXXX)"
chmod 755 "$work"
export TALENTZONE_HOME="$work/home"
unset DATABASE_URL PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE || true
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    "$talentctl" db down >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "schemathesis: loading the demo data set into a cluster of its own…"
"$talentctl" demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
"$talentd" --port 0 --log-level warning >"$work/talentd.out" 2>"$work/talentd.err" &
pid=$!
for _ in $(seq 1 300); do
    grep -q "listening on" "$work/talentd.out" 2>/dev/null && break
    sleep 0.2
done
base="$(sed -n 's/^talentd listening on //p' "$work/talentd.out" | head -1)"
[ -n "$base" ] || { echo "talentd did not start:"; cat "$work/talentd.err"; exit 1; }

status=0
while IFS=$'\t' read -r login role password _; do
    case "$login" in ''|'#'*) continue ;; esac
    token="$(python3 - "$base" "$login" "$password" <<'PY'
import json, sys, urllib.request
base, login, password = sys.argv[1:4]
request = urllib.request.Request(base + "/api/v1/session", method="POST", headers={"content-type": "application/json"},
                                 data=json.dumps({"login": login, "password": password}).encode())
print(json.load(urllib.request.urlopen(request))["token"])
PY
)"
    echo "schemathesis: as $login ($role)"
    # Sign-out is left out: it would end the token the run uses. The data-acceptance checks are left
    # out too: a well-formed request is still refused when the data says no (409, 422).
    # Run from the scratch folder: schemathesis keeps its cache (.schemathesis/) in the working folder.
    if ! (cd "$work" && "${SCHEMATHESIS:-schemathesis}" run "$base/openapi.yaml" --url "$base" -H "Authorization: Bearer $token" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
        --exclude-operation-id signOut --max-examples "$examples" --phases examples,coverage,fuzzing \
        --generation-deterministic --request-timeout 30 --no-color >"$work/run-$login.log" 2>&1); then
        status=1
        tail -60 "$work/run-$login.log"
    else
        grep -E "passed|failed|Summary|tested" "$work/run-$login.log" | tail -3 || true
    fi
done <"$TALENTZONE_HOME/demo-accounts.txt"
if grep -qi "fatal\|internal error" "$work/talentd.err"; then
    echo "talentd logged an internal error:"; grep -i "fatal\|internal error" "$work/talentd.err" | head; status=1
fi
exit $status
