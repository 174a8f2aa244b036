#!/usr/bin/env bash
# The compose stack (docker-compose.yml beside this file): PostgreSQL,
# Keycloak, three broker replicas, HAProxy on 127.0.0.1:$BERTH_COMPOSE_HTTP_PORT.
#
#   deploy/compose/stack.sh up       build the images if needed, start, wait until
#                                    the three replicas are healthy behind HAProxy
#   deploy/compose/stack.sh smoke    up, then as the platform admin register the Docker
#                                    engine and a quota; as alice a gRPC WhoAmI and a
#                                    REST create of a container through HAProxy; waits
#                                    for RUNNING, deletes it
#   deploy/compose/stack.sh down [--volumes]   stop and remove (--volumes: data too)
#   deploy/compose/stack.sh ps|logs [ARGS]     docker-compose ps / logs
#
# Secrets: the generated env file of deploy/local ($BERTH_STATE_DIR/env) is
# exported, and docker-compose.yml takes them from the environment.
set -euo pipefail
# lib.sh's token and API helpers talk to the compose stack's Keycloak and HAProxy.
export BERTH_KEYCLOAK_PORT="${BERTH_COMPOSE_KEYCLOAK_PORT:-28180}"
export BERTH_BROKER_PORT="${BERTH_COMPOSE_HTTP_PORT:-8080}"
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

COMPOSE_DIR="$BERTH_REPO_ROOT/deploy/compose"
REPLICAS=(broker-1 broker-2 broker-3)

compose() {
  docker-compose --project-name berth --project-directory "$COMPOSE_DIR" -f "$COMPOSE_DIR/docker-compose.yml" "$@"
}

# health CONTAINER_SERVICE: the Docker health status of the service's container.
health() {
  local id
  id="$(compose ps -q "$1" 2>/dev/null)"
  [[ -n "$id" ]] || { echo missing; return 0; }
  docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id"
}

# haproxy_up_servers: how many broker servers HAProxy's own checks find ready.
haproxy_up_servers() {
  curl -fsS -m 5 "http://127.0.0.1:${BERTH_COMPOSE_HAPROXY_STATS_PORT:-28404}/stats;csv" 2>/dev/null \
    | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
               $1 == "brokers" && $2 ~ /^broker-/ && $col["status"] == "UP" {n++} END {print n + 0}'
}

# haproxy_report: each replica's state and the requests HAProxy sent it.
haproxy_report() {
  curl -fsS -m 5 "http://127.0.0.1:${BERTH_COMPOSE_HAPROXY_STATS_PORT:-28404}/stats;csv" \
    | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
               $1 == "brokers" && $2 ~ /^broker-/ {printf "[berth] %s: %s, %s requests\n", $2, $col["status"], $col["stot"]}' >&2
}

stack_up() {
  ensure_dirs
  ensure_base_packages
  ensure_env_file
  ensure_docker
  [[ "$BERTH_DOCKER_AVAILABLE" == true ]] || berth_die "the compose stack needs the Docker engine"
  apt_install docker-compose
  local start=$SECONDS
  "$BERTH_REPO_ROOT/deploy/image/build.sh" --with-compose >/dev/null
  berth_log "images ready after $((SECONDS - start))s"
  # The engine of a developer or CI machine also runs the quick start's broker and the
  # tests: their containers would look like orphans to this stack's reconciler.
  export BERTH_RECONCILE_ORPHANS_REMOVE="${BERTH_RECONCILE_ORPHANS_REMOVE:-false}"
  BERTH_DOCKER_GID="$(stat -c %g "$BERTH_DOCKER_SOCKET")"
  export BERTH_DOCKER_GID
  BERTH_IMAGE_VERSION="$(berth_project_version)"
  export BERTH_IMAGE_VERSION
  start=$SECONDS
  compose up -d --no-build
  local s ready
  while :; do
    ready=0
    for s in "${REPLICAS[@]}"; do
      [[ "$(health "$s")" == healthy ]] && ready=$((ready + 1))
    done
    if ((ready == ${#REPLICAS[@]})) && (($(haproxy_up_servers) == ${#REPLICAS[@]})); then
      break
    fi
    if ((SECONDS - start > ${BERTH_COMPOSE_TIMEOUT:-300})); then
      compose ps >&2
      berth_die "the stack is not healthy after ${BERTH_COMPOSE_TIMEOUT:-300}s ($ready of ${#REPLICAS[@]} replicas healthy, $(haproxy_up_servers) up in HAProxy)"
    fi
    sleep 2
  done
  berth_log "stack up after $((SECONDS - start))s: ${#REPLICAS[@]} replicas healthy and UP in HAProxy; API $BROKER_URL, Keycloak $KEYCLOAK_URL"
}

stack_smoke() {
  stack_up
  local admin alice body id wl op status i
  admin="$(password_token admin admin)"
  body="$(jq -cn --arg ep "unix://$BERTH_DOCKER_SOCKET" \
    '{name: "compose-docker", driver: "docker", endpoint: $ep, labels: {region: "local", zone: "local-a"}}')"
  broker_api "$admin" POST /v1/admin/hosts "$body"
  case "$API_STATUS:$(api_problem_code)" in
    201:* | 409:host.name_taken) ;;
    *) api_die "registering the Docker engine" ;;
  esac
  broker_api "$admin" PUT /v1/admin/tenants/acme/quota '{"vcpu": 4, "memoryMiB": 4096, "diskGiB": 20, "instances": 10}'
  [[ "$API_STATUS" == 200 ]] || api_die "setting the quota of acme"
  alice="$(password_token alice alice)"
  # gRPC through the same HAProxy port: HTTP/2 cleartext with prior knowledge, one
  # empty WhoAmIRequest frame (no compression flag, length 0), as a gRPC client sends it.
  local grpc
  grpc="$(printf '\0\0\0\0\0' | curl -sS -m 10 --http2-prior-knowledge -X POST --data-binary @- \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $alice" \
    -D - -o /dev/null "$BROKER_URL/berth.v1.Identity/WhoAmI" | tr -d '\r')"
  grep -q '^grpc-status: 0$' <<<"$grpc" || berth_die "gRPC WhoAmI through HAProxy failed: $grpc"
  berth_log "gRPC berth.v1.Identity/WhoAmI through HAProxy (h2c): grpc-status 0"
  body='{"name":"compose-smoke","kind":"container","image":"berth-demo/busybox:1","command":["sleep","3600"],"resources":{"vcpu":0.5,"memoryMiB":64}}'
  broker_api "$alice" POST /v1/workloads "$body"
  [[ "$API_STATUS" == 202 ]] || api_die "creating a container through HAProxy"
  wl="$(jq -r .workload.id <<<"$API_BODY")" op="$(jq -r .operation.id <<<"$API_BODY")"
  berth_log "create through HAProxy answered 202: workload $wl, operation $op"
  for ((i = 0; i < 60; i++)); do
    broker_api "$alice" GET "/v1/workloads/$wl"
    status="$(jq -r .status <<<"$API_BODY")"
    [[ "$status" == RUNNING || "$status" == FAILED ]] && break
    sleep 1
  done
  [[ "$status" == RUNNING ]] || berth_die "workload $wl is $status: $(jq -c . <<<"$API_BODY")"
  berth_log "workload $wl RUNNING after ~${i}s (container $(docker ps -q --filter "label=berth.workload=$wl"))"
  broker_api "$alice" DELETE "/v1/workloads/$wl"
  [[ "$API_STATUS" == 202 ]] || api_die "deleting $wl"
  for ((i = 0; i < 60; i++)); do
    broker_api "$alice" GET "/v1/workloads/$wl"
    status="$(jq -r '.status // empty' <<<"$API_BODY")"
    [[ "$API_STATUS" == 404 || "$status" == DELETED ]] && break
    sleep 1
  done
  berth_log "workload $wl deleted (HTTP $API_STATUS ${status})"
  # Which replica answered what: HAProxy's per-server request counters.
  haproxy_report
  berth_log "smoke test passed"
}

case "${1:-}" in
  up) stack_up ;;
  smoke) stack_smoke ;;
  down)
    shift
    args=()
    [[ "${1:-}" == --volumes ]] && args+=(--volumes)
    ensure_env_file
    BERTH_DOCKER_GID=0 compose down "${args[@]}" ;;
  ps | logs)
    cmd="$1"
    shift
    ensure_env_file
    BERTH_DOCKER_GID=0 compose "$cmd" "$@" ;;
  *) berth_die "usage: stack.sh up | smoke | down [--volumes] | ps | logs [ARGS]" ;;
esac
