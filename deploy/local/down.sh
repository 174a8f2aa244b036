#!/usr/bin/env bash
# Stops what up.sh / test.sh started (only processes recorded in pid files in
# the state directory). PostgreSQL and anything that was already running
# before (e.g. a system dockerd) are left alone.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$BERTH_STATE_DIR"
stop_pidfile broker quarkus-run.jar
stop_pidfile keycloak keycloak
stop_pidfile docker-registry docker-registry
stop_pidfile dockerd dockerd
berth_log "down. (PostgreSQL, Docker images and Keycloak data are kept; state in $BERTH_STATE_DIR)"
