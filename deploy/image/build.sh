#!/usr/bin/env bash
# Builds the broker's container image from Debian packages only (no image
# registry is reachable): a minimal Debian root filesystem made with mmdebstrap
# and `docker import`ed as the base, then deploy/image/Dockerfile on top of it.
#
#   deploy/image/build.sh [--with-compose] [--refresh-base]
#
# Idempotent and cached: the base image is made once per suite (--refresh-base
# makes it again, e.g. for security updates), the broker is rebuilt with Maven
# only when a source is newer than its jar, and `docker build` reuses its layer
# cache, so a re-run with nothing changed takes seconds.
#   --with-compose  also the images of deploy/compose: berth/postgres, berth/haproxy
#                   (Debian 12) and berth/keycloak (Debian 13 for its Java 21)
# Prints the broker image reference (berth/broker:VERSION) on stdout.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"
# shellcheck source=deploy/image/lib.sh disable=SC1091
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

refresh_base=false with_compose=false
for arg in "$@"; do
  case "$arg" in
    --refresh-base) refresh_base=true ;;
    --with-compose) with_compose=true ;;
    *) berth_die "unknown argument: $arg (usage: build.sh [--with-compose] [--refresh-base])" ;;
  esac
done

ensure_dirs
ensure_base_packages
ensure_docker
[[ "$BERTH_DOCKER_AVAILABLE" == true ]] || berth_die "the Docker engine is needed to build the image"
ensure_debian_base_image bookworm "$refresh_base"
version="$(berth_project_version)"

# The broker: its fast-jar, staged with the Dockerfile as the build context
# (sending the repository to the daemon would cost more than the build).
ensure_broker_jar
context="$(image_context broker)"
cp -a "$BERTH_REPO_ROOT/broker/target/quarkus-app" "$context/quarkus-app"
cp "$BERTH_REPO_ROOT/deploy/image/Dockerfile" "$context/Dockerfile"
build_image "berth/broker:$version" "$context" bookworm
broker_image="berth/broker:$version"

if [[ "$with_compose" == true ]]; then
  # The other services of deploy/compose, built the same way (Debian packages, no registry).
  images="$BERTH_REPO_ROOT/deploy/compose/images"
  context="$(image_context postgres)"
  cp -a "$images/postgres/." "$context/"
  build_image "berth/postgres:$version" "$context" bookworm
  context="$(image_context haproxy)"
  cp -a "$images/haproxy/." "$context/"
  build_image "berth/haproxy:$version" "$context" bookworm
  # Keycloak 26 needs Java >= 21, which Debian 13 (trixie) packages.
  ensure_debian_base_image trixie "$refresh_base"
  ensure_keycloak_dist
  context="$(image_context keycloak)"
  cp -a "$images/keycloak/." "$context/"
  mkdir -p "$context/keycloak"
  (cd "$KEYCLOAK_HOME" && tar --exclude=./data -c .) | tar -C "$context/keycloak" -x
  build_image "berth/keycloak:$version" "$context" trixie
fi
rm -rf "$BERTH_CACHE_DIR/image"
echo "$broker_image"
