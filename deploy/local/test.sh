#!/usr/bin/env bash
# Ensures the services the test suite needs (PostgreSQL role + databases,
# Keycloak with the berth realm, Docker engine + demo image, libvirt client
# libraries) and runs `mvnw -B verify` from the repository root. Extra
# arguments are passed to Maven. The broker itself is not started.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_infra
ensure_maven
# Tests connect as the berth role; the env file's variables are exported.
export QUARKUS_DATASOURCE_PASSWORD="$BERTH_DB_PASSWORD"
# The test profile's database (application.properties' %test value unless overridden).
export _TEST_QUARKUS_DATASOURCE_JDBC_URL="$BERTH_DB_TEST_JDBC_URL"
cd "$BERTH_REPO_ROOT"
berth_log "running ${MVN[*]} -B verify $*"
exec "${MVN[@]}" -B verify "$@"
