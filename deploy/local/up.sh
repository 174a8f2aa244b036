#!/usr/bin/env bash
# Starts the Berth local stack: PostgreSQL (role + databases), Keycloak with
# the berth realm, Docker engine + demo image, libvirt client libraries, and
# the broker itself. Idempotent: whatever already runs is left as it is.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

broker_ready() {
  http_ok "$BROKER_MANAGEMENT_URL/q/health/ready"
}

ensure_broker() {
  if broker_ready; then
    berth_log "broker already healthy at $BROKER_URL"
    return 0
  fi
  [[ -f "$BERTH_REPO_ROOT/broker/pom.xml" ]] || berth_die "broker/pom.xml does not exist yet: nothing to build"
  ensure_jdk17
  if pidfile_alive broker quarkus-run.jar; then
    berth_log "broker is starting (pid $(cat "$BERTH_STATE_DIR/broker.pid")), waiting"
  else
    if port_open "$BROKER_PORT"; then
      berth_die "port $BROKER_PORT is in use by something that is not a healthy broker"
    fi
    if port_open "$BROKER_MANAGEMENT_PORT"; then
      berth_die "management port $BROKER_MANAGEMENT_PORT is in use by something that is not a healthy broker (set BERTH_BROKER_MANAGEMENT_PORT)"
    fi
    ensure_broker_jar
    (
      export QUARKUS_HTTP_HOST=127.0.0.1
      export QUARKUS_HTTP_PORT="$BROKER_PORT"
      export QUARKUS_MANAGEMENT_HOST=127.0.0.1
      export QUARKUS_MANAGEMENT_PORT="$BROKER_MANAGEMENT_PORT"
      export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-$BERTH_DB_USER}"
      export QUARKUS_DATASOURCE_PASSWORD="$BERTH_DB_PASSWORD"
      export QUARKUS_DATASOURCE_JDBC_URL="${QUARKUS_DATASOURCE_JDBC_URL:-$BERTH_DB_JDBC_URL}"
      export QUARKUS_OIDC_AUTH_SERVER_URL="${QUARKUS_OIDC_AUTH_SERVER_URL:-$BERTH_OIDC_ISSUER}"
      export JAVA_HOME="$BROKER_JAVA_HOME"
      start_detached broker "$BERTH_REPO_ROOT" "$BROKER_JAVA" -jar "$BROKER_JAR"
    )
  fi
  wait_http broker "$BROKER_MANAGEMENT_URL/q/health/ready" "${BERTH_BROKER_TIMEOUT:-120}" broker quarkus-run.jar \
    || berth_die "broker did not become ready"
}

# ---------------------------------------------------------------- demo data
# Applied as the platform admin on every run; each step is idempotent.
DEMO_ADMIN_USER="admin"
DEMO_HOST_NAME=local-docker
DEMO_KVM_HOST_NAME=local-kvm
DEMO_TENANTS=(acme globex)
DEMO_QUOTA='{"vcpu": 4, "memoryMiB": 4096, "diskGiB": 20, "instances": 10}'

# find_host_id TOKEN NAME: prints the id of the host called NAME (empty if
# none), following every page of GET /v1/admin/hosts.
find_host_id() {
  local token="$1" name="$2" page="" id
  while :; do
    broker_api "$token" GET "/v1/admin/hosts?pageSize=200${page:+&pageToken=$(jq -rn --arg t "$page" '$t|@uri')}"
    [[ "$API_STATUS" == 200 ]] || api_die "GET /v1/admin/hosts"
    id="$(jq -r --arg n "$name" '.items[] | select(.name == $n) | .id' <<<"$API_BODY" | head -n 1)"
    [[ -n "$id" ]] && { echo "$id"; return 0; }
    page="$(jq -r '.nextPageToken // empty' <<<"$API_BODY")"
    [[ -n "$page" ]] || return 0
  done
}

# ensure_demo_host TOKEN: registers the local Docker engine as host
# $DEMO_HOST_NAME unless a host of that name exists.
ensure_demo_host() {
  local token="$1" id body
  if [[ "$BERTH_DOCKER_AVAILABLE" != true ]]; then
    berth_warn "Docker engine not available: host $DEMO_HOST_NAME not registered (workloads will get placement.no_fit)"
    return 0
  fi
  id="$(find_host_id "$token" "$DEMO_HOST_NAME")"
  if [[ -n "$id" ]]; then
    broker_api "$token" GET "/v1/admin/hosts/$id"
    berth_log "host $DEMO_HOST_NAME already registered (id $id, health $(jq -r '.health.status // "?"' <<<"$API_BODY"))"
    return 0
  fi
  body="$(jq -cn --arg name "$DEMO_HOST_NAME" --arg ep "unix://$BERTH_DOCKER_SOCKET" \
    '{name: $name, driver: "docker", endpoint: $ep, labels: {region: "local", zone: "local-a"}}')"
  broker_api "$token" POST /v1/admin/hosts "$body"
  case "$API_STATUS:$(api_problem_code)" in
    201:*)
      berth_log "registered host $DEMO_HOST_NAME (id $(jq -r .id <<<"$API_BODY"), capacity $(jq -c .capacity <<<"$API_BODY"), health $(jq -r .health.status <<<"$API_BODY"))" ;;
    409:host.name_taken)
      berth_log "host $DEMO_HOST_NAME already registered (registered concurrently)" ;;
    *)
      api_die "registering host $DEMO_HOST_NAME (POST /v1/admin/hosts)" ;;
  esac
}

# ensure_demo_kvm_host TOKEN: registers libvirt's test:///default hypervisor as
# host local-kvm, so VMs can be tried right away. Its state lives in the broker's
# process (test driver); the base image debian-12-base is seeded on first use.
ensure_demo_kvm_host() {
  local token="$1" id body
  id="$(find_host_id "$token" "$DEMO_KVM_HOST_NAME")"
  if [[ -n "$id" ]]; then
    berth_log "host $DEMO_KVM_HOST_NAME already registered (id $id)"
    return 0
  fi
  body="$(jq -cn --arg name "$DEMO_KVM_HOST_NAME" \
    '{name: $name, driver: "libvirt", endpoint: "test:///default", labels: {region: "local", zone: "local-b"},
      options: {seedBaseImages: "debian-12-base"}}')"
  broker_api "$token" POST /v1/admin/hosts "$body"
  case "$API_STATUS:$(api_problem_code)" in
    201:*) berth_log "registered host $DEMO_KVM_HOST_NAME (libvirt test:///default, id $(jq -r .id <<<"$API_BODY"))" ;;
    409:host.name_taken) berth_log "host $DEMO_KVM_HOST_NAME already registered (registered concurrently)" ;;
    *) api_die "registering host $DEMO_KVM_HOST_NAME (POST /v1/admin/hosts)" ;;
  esac
}

# ensure_demo_images TOKEN: registers the platform images the quick start's VMs boot
# (issue 13: a VM starts from a registered base image or the tenant's own snapshot, never
# from a volume it names). berth-demo/busybox:1 needs no registration: it is a registry
# reference, run by the Docker host it is preloaded on.
ensure_demo_images() {
  local token="$1" body
  body='{"name":"debian-12-base","kind":"vm","artefacts":{"libvirt":"debian-12-base"},"description":"Demo base volume of the libvirt test host"}'
  broker_api "$token" POST /v1/admin/images "$body"
  case "$API_STATUS:$(api_problem_code)" in
    201:*) berth_log "registered platform image debian-12-base" ;;
    409:image.name_taken) berth_log "platform image debian-12-base already registered" ;;
    *) api_die "registering platform image debian-12-base (POST /v1/admin/images)" ;;
  esac
}

# ensure_demo_tenants TOKEN: lets Berth manage the realm's demo tenants. Posting a
# slug whose group /tenants/<slug> already exists adopts the group as it is (members,
# roles and attributes unchanged); 409 tenant.exists means it was adopted before.
ensure_demo_tenants() {
  local token="$1" tenant name
  for tenant in "${DEMO_TENANTS[@]}"; do
    case "$tenant" in
      acme) name="ACME Corporation" ;;
      globex) name="Globex Corporation" ;;
      *) name="$tenant" ;;
    esac
    broker_api "$token" POST /v1/admin/tenants "$(jq -cn --arg s "$tenant" --arg n "$name" '{slug: $s, displayName: $n}')"
    case "$API_STATUS:$(api_problem_code)" in
      201:*) berth_log "tenant $tenant adopted ($(jq -r .tenant.status <<<"$API_BODY"))" ;;
      409:tenant.exists) berth_log "tenant $tenant already managed by Berth" ;;
      *) api_die "adopting tenant $tenant (POST /v1/admin/tenants)" ;;
    esac
  done
}

# ensure_demo_quotas TOKEN: sets the demo quota of every demo tenant (PUT is
# idempotent: the same limits again change nothing).
ensure_demo_quotas() {
  local token="$1" tenant
  for tenant in "${DEMO_TENANTS[@]}"; do
    broker_api "$token" PUT "/v1/admin/tenants/$tenant/quota" "$DEMO_QUOTA"
    [[ "$API_STATUS" == 200 ]] || api_die "setting the quota of tenant $tenant (PUT /v1/admin/tenants/$tenant/quota)"
    berth_log "quota of tenant $tenant: limits $(jq -c .limits <<<"$API_BODY"), usage $(jq -c .usage <<<"$API_BODY")"
  done
}

ensure_demo_data() {
  local token
  token="$(password_token "$DEMO_ADMIN_USER" "$DEMO_ADMIN_USER")"
  ensure_demo_host "$token"
  ensure_demo_kvm_host "$token"
  ensure_demo_images "$token"
  ensure_demo_tenants "$token"
  ensure_demo_quotas "$token"
}

print_summary() {
  cat <<TXT

Berth local stack is up.

  API              $BROKER_URL/v1
  OpenAPI          $BROKER_URL/q/openapi
  Health           $BROKER_MANAGEMENT_URL/q/health  (ready: /q/health/ready; management port, loopback only)
  Metrics          $BROKER_MANAGEMENT_URL/q/metrics
  Keycloak admin   $KEYCLOAK_URL/admin/master/console/#/$BERTH_REALM
                   user $KEYCLOAK_ADMIN_USER, password: KEYCLOAK_ADMIN_PASSWORD in $BERTH_ENV_FILE
  OIDC issuer      $BERTH_OIDC_ISSUER
  PostgreSQL       $BERTH_DB_HOST:$BERTH_DB_PORT, databases berth + berth_test, user $BERTH_DB_USER
                   (password: BERTH_DB_PASSWORD in $BERTH_ENV_FILE)
  Docker           available=$BERTH_DOCKER_AVAILABLE, demo image $BERTH_DEMO_IMAGE
  libvirt          $BERTH_LIBVIRT_URI
  State / logs     $BERTH_STATE_DIR

Demo users (DEVELOPMENT ONLY, password = user name):
  alice   tenant acme,   tenant-user
  carol   tenant acme,   tenant-admin
  bob     tenant globex, tenant-user
  admin   no tenant,     platform-admin
  dave    tenant acme,   no Berth role (gets 403; for testing)

Demo data: host $DEMO_HOST_NAME = local Docker engine (labels region=local, zone=local-a),
quota of ${DEMO_TENANTS[*]}: $DEMO_QUOTA

Try it (bash; alice is a tenant-user of acme; tokens live 5 minutes, re-run the first command on a 401):
  TOKEN=\$(curl -s -d grant_type=password -d client_id=berth-cli -d username=alice -d password=alice \\
    $BERTH_OIDC_ISSUER/protocol/openid-connect/token | jq -r .access_token)
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/me | jq -c .

  # create a container: 202 with the workload and its operation (same Idempotency-Key again = same answer, nothing new)
  KEY=\$(cat /proc/sys/kernel/random/uuid)
  RESP=\$(curl -s -X POST $BROKER_URL/v1/workloads -H "Authorization: Bearer \$TOKEN" \\
    -H "Idempotency-Key: \$KEY" -H 'Content-Type: application/json' \\
    -d '{"name":"hello","kind":"container","image":"$BERTH_DEMO_IMAGE","command":["sleep","3600"],"resources":{"vcpu":0.5,"memoryMiB":64}}')
  echo "\$RESP" | jq .
  WL=\$(echo "\$RESP" | jq -r .workload.id); OP=\$(echo "\$RESP" | jq -r .operation.id)

  # watch it: PENDING -> ... -> RUNNING, and its operation (SUCCEEDED when done)
  for i in \$(seq 60); do S=\$(curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/workloads/\$WL | jq -r .status)
    echo "\$S"; case \$S in RUNNING|FAILED) break;; esac; sleep 1; done
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/workloads/\$WL | jq .
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/operations/\$OP | jq .

  # the container on the Docker host, and the tenant's quota (usage: 1 instance, 0.5 vCPU, 64 MiB)
  docker ps --filter label=berth.tenant=acme
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/quota | jq .

  # delete it: 202, then DELETING -> DELETED; the container is gone and the quota usage back to 0
  curl -s -X DELETE -H "Authorization: Bearer \$TOKEN" -H "Idempotency-Key: \$(cat /proc/sys/kernel/random/uuid)" \\
    $BROKER_URL/v1/workloads/\$WL | jq .
  for i in \$(seq 60); do S=\$(curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/workloads/\$WL | jq -r .status)
    echo "\$S"; case \$S in DELETED|FAILED) break;; esac; sleep 1; done
  docker ps -a --filter label=berth.tenant=acme
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/quota | jq -c .usage

  # its audit trail (admission, quota, placement, status changes)
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/workloads/\$WL/events \\
    | jq -r '.items[] | "\\(.createdAt)  \\(.type)  \\(.message // "")"'

  # a VM on the libvirt host (test:///default), and what Berth would do with kind auto
  curl -s -X POST $BROKER_URL/v1/workloads -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"name":"vm-1","kind":"vm","image":"debian-12-base","resources":{"vcpu":1,"memoryMiB":256,"diskGiB":2}}' | jq .workload
  curl -s -X POST $BROKER_URL/v1/placements/simulate -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"workload":{"name":"x","kind":"auto","isolation":"strong","image":"debian-12-base","resources":{"vcpu":1,"memoryMiB":256,"diskGiB":2}}}' | jq .

As the platform admin (done above by this script):
  ADMIN=\$(curl -s -d grant_type=password -d client_id=berth-cli -d username=admin -d password=admin \\
    $BERTH_OIDC_ISSUER/protocol/openid-connect/token | jq -r .access_token)
  curl -s -H "Authorization: Bearer \$ADMIN" $BROKER_URL/v1/admin/hosts | jq .
  curl -s -H "Authorization: Bearer \$ADMIN" $BROKER_URL/v1/admin/tenants/acme/quota | jq .

As a program (client credentials, tenant acme):
  SECRET=\$(sed -n 's/^BERTH_ACME_AUTOMATION_SECRET=//p' $BERTH_ENV_FILE)
  TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=acme-automation -d client_secret="\$SECRET" \\
    $BERTH_OIDC_ISSUER/protocol/openid-connect/token | jq -r .access_token)
  curl -s -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/me | jq -c .

Stop with: $BERTH_LOCAL_DIR/down.sh
TXT
}

ensure_infra
ensure_broker
ensure_demo_data
print_summary
