# shellcheck shell=bash
# Image helpers shared by deploy/image/build.sh and deploy/compose/*.sh.
# Sourced after deploy/local/lib.sh (logging, apt_install, BERTH_CACHE_DIR).

# debian_base_image SUITE: the reference of the minimal Debian image of SUITE.
debian_base_image() {
  echo "berth/debian:$1-minbase"
}

# _debian_sources SUITE: the apt sources of SUITE (main, updates, security).
_debian_sources() {
  printf 'deb http://deb.debian.org/debian %s main\n' "$1"
  printf 'deb http://deb.debian.org/debian %s-updates main\n' "$1"
  printf 'deb http://deb.debian.org/debian-security %s-security main\n' "$1"
}

# ensure_debian_base_image SUITE [REFRESH]: makes berth/debian:SUITE-minbase
# from Debian packages (mmdebstrap, variant minbase: dpkg, apt and essentials)
# and imports it into the Docker engine, unless it exists and REFRESH is not
# true. Documentation and locales are left out; apt lists are dropped, so
# images built on it run `apt-get update` first.
ensure_debian_base_image() {
  local suite="$1" refresh="${2:-false}" image
  image="$(debian_base_image "$suite")"
  if [[ "$refresh" != true ]] && docker image inspect "$image" >/dev/null 2>&1; then
    berth_log "base image $image exists (deploy/image/build.sh --refresh-base makes it again)"
    return 0
  fi
  apt_install mmdebstrap
  berth_log "making $image with mmdebstrap (Debian $suite, variant minbase)"
  local start=$SECONDS
  _debian_sources "$suite" | mmdebstrap --quiet --variant=minbase \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --aptopt='Acquire::Languages "none"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$suite" - - \
    | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' \
        -m "Debian $suite minbase (mmdebstrap)" - "$image" >/dev/null
  berth_log "made $image in $((SECONDS - start))s"
}

# image_context NAME: prints a fresh, empty staging folder for a build context.
image_context() {
  local dir="$BERTH_CACHE_DIR/image/$1-context"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "$dir"
}

# build_image REF CONTEXT SUITE: `docker build` of CONTEXT/Dockerfile on the
# base image of SUITE. --network host: RUN steps install packages from the
# Debian mirror, and the engine runs with --bridge=none (no other network).
# The layer cache makes a re-run with unchanged inputs take seconds.
build_image() {
  local ref="$1" context="$2" suite="$3" start=$SECONDS
  berth_log "building $ref"
  docker build -q --network host \
    --build-arg "BASE_IMAGE=$(debian_base_image "$suite")" \
    --label "org.opencontainers.image.version=${ref##*:}" \
    -t "$ref" "$context" >/dev/null
  berth_log "built $ref in $((SECONDS - start))s, $(docker image inspect -f '{{.Size}}' "$ref" | awk '{printf "%.0f MB", $1/1000000}')"
}
