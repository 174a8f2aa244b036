#!/usr/bin/env bash
# Starts the Berth local stack: PostgreSQL (role + databases), Keycloak with
# the berth realm, Docker engine + demo image, libvirt client libraries, and
# the broker itself. Idempotent: whatever already runs is left as it is.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

broker_ready() {
  http_ok "$BROKER_URL/q/health/ready"
}

# True if the broker jar is missing or any build input is newer than it.
broker_needs_build() {
  [[ -f "$BROKER_JAR" ]] || return 0
  local newer
  newer="$(cd "$BERTH_REPO_ROOT" && find . \
    \( -name .git -o -name target -o -name node_modules -o -name .idea -o -path ./deploy \) -prune \
    -o -type f -newer "$BROKER_JAR" -print -quit)"
  [[ -n "$newer" ]]
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
    if broker_needs_build; then
      ensure_maven
      berth_log "building the broker: ${MVN[*]} -B -q -DskipTests install"
      (cd "$BERTH_REPO_ROOT" && JAVA_HOME="$BROKER_JAVA_HOME" "${MVN[@]}" -B -q -DskipTests install)
      [[ -f "$BROKER_JAR" ]] || berth_die "build finished but $BROKER_JAR is missing"
    fi
    (
      export QUARKUS_HTTP_HOST=127.0.0.1
      export QUARKUS_HTTP_PORT="$BROKER_PORT"
      export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-$BERTH_DB_USER}"
      export QUARKUS_DATASOURCE_PASSWORD="$BERTH_DB_PASSWORD"
      export QUARKUS_DATASOURCE_JDBC_URL="${QUARKUS_DATASOURCE_JDBC_URL:-$BERTH_DB_JDBC_URL}"
      export QUARKUS_OIDC_AUTH_SERVER_URL="${QUARKUS_OIDC_AUTH_SERVER_URL:-$BERTH_OIDC_ISSUER}"
      export JAVA_HOME="$BROKER_JAVA_HOME"
      start_detached broker "$BERTH_REPO_ROOT" "$BROKER_JAVA" -jar "$BROKER_JAR"
    )
  fi
  wait_http broker "$BROKER_URL/q/health/ready" "${BERTH_BROKER_TIMEOUT:-120}" broker quarkus-run.jar \
    || berth_die "broker did not become ready"
}

print_summary() {
  cat <<TXT

Berth local stack is up.

  API              $BROKER_URL/v1
  OpenAPI          $BROKER_URL/q/openapi
  Health           $BROKER_URL/q/health  (ready: /q/health/ready)
  Metrics          $BROKER_URL/q/metrics
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

Try it:
  TOKEN=\$(curl -s -d grant_type=password -d client_id=berth-cli -d username=alice -d password=alice \\
    $BERTH_OIDC_ISSUER/protocol/openid-connect/token | jq -r .access_token)
  curl -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/me

As a program (client credentials, tenant acme):
  SECRET=\$(sed -n 's/^BERTH_ACME_AUTOMATION_SECRET=//p' $BERTH_ENV_FILE)
  TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=acme-automation -d client_secret="\$SECRET" \\
    $BERTH_OIDC_ISSUER/protocol/openid-connect/token | jq -r .access_token)
  curl -H "Authorization: Bearer \$TOKEN" $BROKER_URL/v1/me

Stop with: $BERTH_LOCAL_DIR/down.sh
TXT
}

ensure_infra
ensure_broker
print_summary
