#!/usr/bin/env bash
# Checks the running Keycloak's berth realm against the token contract the
# broker relies on (claims, roles, audiences, lifespans). Needs curl and jq.
# Exits non-zero on the first violated expectation.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env_file

TOKEN_URL="$BERTH_OIDC_ISSUER/protocol/openid-connect/token"
fails=0 passes=0

jwt_payload() {
  local p
  p="$(cut -d. -f2 <<<"$1" | tr '_-' '/+')"
  while (( ${#p} % 4 )); do p="$p="; done
  base64 -d <<<"$p"
}

password_token() { # CLIENT USER
  curl -sf -d grant_type=password -d "client_id=$1" -d "username=$2" -d "password=$2" "$TOKEN_URL" | jq -r .access_token
}
client_token() { # CLIENT SECRET
  curl -sf -d grant_type=client_credentials -d "client_id=$1" -d "client_secret=$2" "$TOKEN_URL" | jq -r .access_token
}

check() { # NAME CLAIMS JQ-EXPR
  if jq -e "$3" >/dev/null <<<"$2"; then
    passes=$((passes + 1)); echo "ok    $1: $3"
  else
    fails=$((fails + 1)); echo "FAIL  $1: $3"; jq -c . <<<"$2"
  fi
}

aud='(.aud | if type == "array" then . else [.] end)'
common='.iss == "'"$BERTH_OIDC_ISSUER"'" and .typ == "Bearer"'

c="$(jwt_payload "$(password_token berth-cli alice)")"
check alice "$c" "$common and .tenant == \"acme\" and (.realm_access.roles | index(\"tenant-user\")) and ($aud | index(\"berth-api\")) and .preferred_username == \"alice\""
check alice "$c" '(.realm_access.roles | index("tenant-admin") | not) and (.realm_access.roles | index("platform-admin") | not)'
c="$(jwt_payload "$(password_token berth-cli carol)")"
check carol "$c" "$common and .tenant == \"acme\" and (.realm_access.roles | index(\"tenant-admin\")) and (.realm_access.roles | index(\"tenant-user\")) and ($aud | index(\"berth-api\"))"
c="$(jwt_payload "$(password_token berth-cli bob)")"
check bob "$c" "$common and .tenant == \"globex\" and (.realm_access.roles | index(\"tenant-user\")) and ($aud | index(\"berth-api\"))"
c="$(jwt_payload "$(password_token berth-cli admin)")"
check admin "$c" "$common and (has(\"tenant\") | not) and (.realm_access.roles | index(\"platform-admin\")) and (.realm_access.roles | index(\"tenant-user\") | not) and ($aud | index(\"berth-api\"))"
c="$(jwt_payload "$(client_token acme-automation "$BERTH_ACME_AUTOMATION_SECRET")")"
check acme-automation "$c" "$common and .tenant == \"acme\" and (.realm_access.roles | index(\"tenant-user\")) and ($aud | index(\"berth-api\")) and .azp == \"acme-automation\""
c="$(jwt_payload "$(client_token globex-automation "$BERTH_GLOBEX_AUTOMATION_SECRET")")"
check globex-automation "$c" "$common and .tenant == \"globex\" and (.realm_access.roles | index(\"tenant-user\")) and ($aud | index(\"berth-api\"))"
c="$(jwt_payload "$(client_token berth-broker "$BERTH_BROKER_KEYCLOAK_SECRET")")"
check berth-broker "$c" "$common and (has(\"tenant\") | not) and ((.aud // []) | if type == \"array\" then . else [.] end | index(\"berth-api\") | not) and (.resource_access[\"realm-management\"].roles | index(\"manage-users\")) and (.resource_access[\"realm-management\"].roles | index(\"manage-realm\") | not) and ((.realm_access.roles // []) | index(\"platform-admin\") | not)"
c="$(jwt_payload "$(password_token berth-other alice)")"
check berth-other "$c" "$common and ((.aud // []) | if type == \"array\" then . else [.] end | index(\"berth-api\") | not)"
c="$(jwt_payload "$(password_token berth-cli-short alice)")"
check berth-cli-short "$c" "$common and (.exp - .iat) <= 3 and .tenant == \"acme\" and ($aud | index(\"berth-api\"))"
c="$(jwt_payload "$(password_token berth-cli alice)")"
check berth-cli-lifespan "$c" '(.exp - .iat) == 300'
code="$(curl -s -o /dev/null -w '%{http_code}' -d grant_type=client_credentials -d client_id=acme-automation -d client_secret=wrong "$TOKEN_URL")"
if [[ "$code" == 401 ]]; then passes=$((passes + 1)); echo "ok    wrong client secret rejected"; else fails=$((fails + 1)); echo "FAIL  wrong client secret answered $code"; fi

echo "$passes passed, $fails failed"
((fails == 0))
