#!/usr/bin/env bash
# Loads a policy set (default: the starter set beside this script) into a running broker,
# as the platform admin: creates each policy, or updates it (a new version) when it exists.
# Usage: deploy/policies/load.sh [policy-set.json]   (BERTH_URL defaults to http://127.0.0.1:8080)
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
load_env_file

SET="${1:-$(dirname "${BASH_SOURCE[0]}")/starter-policies.json}"
BROKER="${BERTH_URL:-http://127.0.0.1:8080}"
ADMIN_USER="${BERTH_ADMIN_USER:-admin}"
TOKEN="$(curl -sf -d grant_type=password -d client_id=berth-cli -d "username=$ADMIN_USER" -d "password=${BERTH_ADMIN_PASSWORD:-$ADMIN_USER}" \
  "$BERTH_OIDC_ISSUER/protocol/openid-connect/token" | jq -r .access_token)"

jq -c '.policies[] | {id, name, description, stage, expression, effect, mode, message, enabled}
       + (if (.scope // "global") | startswith("tenant:") then {tenant: (.scope | ltrimstr("tenant:"))} else {} end)' "$SET" |
while read -r policy; do
  id="$(jq -r .id <<<"$policy")"
  status="$(curl -s -o /tmp/berth-policy-load.json -w '%{http_code}' -X POST "$BROKER/v1/admin/policies" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$policy")"
  if [[ "$status" == 409 ]]; then
    status="$(curl -s -o /tmp/berth-policy-load.json -w '%{http_code}' -X PUT "$BROKER/v1/admin/policies/$id" \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$policy")"
  fi
  case "$status" in
    200|201) berth_log "policy $id: version $(jq -r .version /tmp/berth-policy-load.json)" ;;
    *) berth_die "policy $id: HTTP $status $(cat /tmp/berth-policy-load.json)" ;;
  esac
done
