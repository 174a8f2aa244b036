# shellcheck shell=bash
# shellcheck disable=SC2034  # variables are used by the scripts that source this file
# Shared helpers for the Berth local stack. Sourced by up.sh, down.sh, test.sh.
#
# Every ensure_* function is idempotent: it checks first and only acts when
# something is missing. Nothing here binds anything but 127.0.0.1.
# Development only: the passwords and secrets handled here are for a local
# stack and must never be reused anywhere else.

if [[ -n "${BERTH_LIB_LOADED:-}" ]]; then
  return 0
fi
BERTH_LIB_LOADED=1

# ---------------------------------------------------------------- locations
BERTH_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BERTH_REPO_ROOT="$(cd "$BERTH_LOCAL_DIR/../.." && pwd)"
BERTH_STATE_DIR="${BERTH_STATE_DIR:-$HOME/.local/state/berth}"
BERTH_CACHE_DIR="${BERTH_CACHE_DIR:-$HOME/.cache/berth}"
BERTH_ENV_FILE="$BERTH_STATE_DIR/env"

BERTH_REALM_FILE="$BERTH_REPO_ROOT/deploy/keycloak/berth-realm.json"
BERTH_REALM=berth

KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.5.6}"
KEYCLOAK_PORT="${BERTH_KEYCLOAK_PORT:-8180}"
KEYCLOAK_URL="http://127.0.0.1:${KEYCLOAK_PORT}"
KEYCLOAK_ADMIN_USER="${KEYCLOAK_ADMIN_USER:-admin-kc}"
KEYCLOAK_DIR="$BERTH_CACHE_DIR/keycloak"
KEYCLOAK_ZIP="$KEYCLOAK_DIR/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip"
KEYCLOAK_HOME="$KEYCLOAK_DIR/keycloak-${KEYCLOAK_VERSION}"

BROKER_PORT="${BERTH_BROKER_PORT:-8080}"
BROKER_URL="http://127.0.0.1:${BROKER_PORT}"
# Health and metrics: the broker's management interface, never the API port.
BROKER_MANAGEMENT_PORT="${BERTH_BROKER_MANAGEMENT_PORT:-9000}"
BROKER_MANAGEMENT_URL="http://127.0.0.1:${BROKER_MANAGEMENT_PORT}"
BROKER_JAR="$BERTH_REPO_ROOT/broker/target/quarkus-app/quarkus-run.jar"

BERTH_DB_HOST=127.0.0.1
BERTH_DB_PORT="${BERTH_DB_PORT:-5432}"
BERTH_DB_USER=berth
BERTH_DB_NAMES=(berth berth_test)

BERTH_DEMO_IMAGE="berth-demo/busybox:1"
BERTH_DOCKER_SOCKET=/var/run/docker.sock
# The local image registry (Debian's docker-registry, Docker Distribution), loopback only, no auth.
BERTH_REGISTRY_ADDR="${BERTH_REGISTRY_ADDR:-127.0.0.1:5000}"
# The demo image as the registry serves it (tests pull it from there; dockerd allows plain HTTP to 127.0.0.0/8).
BERTH_REGISTRY_DEMO_IMAGE="$BERTH_REGISTRY_ADDR/demo/busybox:1"

export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- logging
berth_log()  { printf '[berth] %s\n' "$*" >&2; }
berth_warn() { printf '[berth] WARNING: %s\n' "$*" >&2; }
berth_die()  { printf '[berth] ERROR: %s\n' "$*" >&2; exit 1; }

ensure_dirs() {
  mkdir -p "$BERTH_STATE_DIR" "$BERTH_CACHE_DIR" "$KEYCLOAK_DIR"
  chmod 700 "$BERTH_STATE_DIR"
}

# ---------------------------------------------------------------- apt
_BERTH_APT_UPDATED=0

pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# apt_install PKG...: installs the packages that are not installed yet;
# runs `apt-get update` at most once per script run, and only when needed.
apt_install() {
  local missing=() p
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || berth_die "need packages ${missing[*]} but apt-get is not available"
  if ((_BERTH_APT_UPDATED == 0)); then
    berth_log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    _BERTH_APT_UPDATED=1
  fi
  berth_log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
}

# apt_candidate PKG: true if apt could install PKG.
apt_candidate() {
  local cand
  cand="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
  [[ -n "$cand" && "$cand" != "(none)" ]]
}

ensure_base_packages() {
  # genisoimage and libarchive-tools: independent readers of the cloud-init seed image in the libvirt tests
  apt_install ca-certificates openssl curl jq unzip genisoimage libarchive-tools
}

# ---------------------------------------------------------------- env file
# $BERTH_STATE_DIR/env holds the generated dev secrets (mode 600). Keys that
# already exist are kept, missing ones are generated, so re-running is safe.
# BERTH_BROKER_KEYCLOAK_SECRET: the broker's own client (berth-broker), which provisions tenants,
# members and service accounts through the Keycloak admin API.
BERTH_ENV_KEYS=(BERTH_ACME_AUTOMATION_SECRET BERTH_GLOBEX_AUTOMATION_SECRET BERTH_BROKER_KEYCLOAK_SECRET BERTH_DB_PASSWORD KEYCLOAK_ADMIN_PASSWORD)

_berth_random() {
  if command -v openssl >/dev/null; then
    openssl rand -hex 24
  else
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
  fi
}

ensure_env_file() {
  ensure_dirs
  local key
  (umask 077; touch "$BERTH_ENV_FILE")
  chmod 600 "$BERTH_ENV_FILE"
  # The broker's master key for secrets at rest (AES-256: 32 random bytes, base64), generated once.
  grep -q '^BERTH_SECRETS_MASTER_KEY=.' "$BERTH_ENV_FILE" || printf 'BERTH_SECRETS_MASTER_KEY=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" >>"$BERTH_ENV_FILE"
  for key in "${BERTH_ENV_KEYS[@]}"; do
    if ! grep -q "^${key}=." "$BERTH_ENV_FILE"; then
      sed -i "/^${key}=/d" "$BERTH_ENV_FILE"
      printf '%s=%s\n' "$key" "$(_berth_random)" >>"$BERTH_ENV_FILE"
      berth_log "generated $key in $BERTH_ENV_FILE"
    fi
  done
  load_env_file
}

# Exports every variable of the env file plus the non-secret connection
# settings of the local stack.
load_env_file() {
  set -a
  # shellcheck disable=SC1090
  . "$BERTH_ENV_FILE"
  set +a
  export BERTH_STATE_DIR BERTH_CACHE_DIR BERTH_ENV_FILE
  export BERTH_KEYCLOAK_URL="$KEYCLOAK_URL"
  export BERTH_OIDC_ISSUER="$KEYCLOAK_URL/realms/$BERTH_REALM"
  export BERTH_DB_HOST BERTH_DB_PORT BERTH_DB_USER
  export BERTH_DB_JDBC_URL="jdbc:postgresql://${BERTH_DB_HOST}:${BERTH_DB_PORT}/berth"
  # A checkout may test against its own database (parallel checkouts on one machine).
  export BERTH_DB_TEST_JDBC_URL="${BERTH_DB_TEST_JDBC_URL:-jdbc:postgresql://${BERTH_DB_HOST}:${BERTH_DB_PORT}/berth_test}"
  export BERTH_DEMO_IMAGE
  export BERTH_LIBVIRT_URI="${BERTH_LIBVIRT_URI:-test:///default}"
}

# ---------------------------------------------------------------- processes
# Processes started here run in their own session (setsid), so their pid is
# also their process-group id; pid files live in $BERTH_STATE_DIR.

# pidfile_alive NAME PATTERN: true if NAME.pid names a live process whose
# command line contains PATTERN (guards against recycled pids).
pidfile_alive() {
  local pidfile="$BERTH_STATE_DIR/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# start_detached NAME WORKDIR CMD...: starts CMD in a new session, stdout and
# stderr to NAME.log, pid to NAME.pid. Environment is inherited.
start_detached() {
  local name="$1" workdir="$2"
  shift 2
  local log="$BERTH_STATE_DIR/$name.log"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  (
    cd "$workdir" || exit 1
    setsid nohup "$@" >"$log" 2>&1 </dev/null &
    echo $! >"$BERTH_STATE_DIR/$name.pid"
  )
  berth_log "started $name (pid $(cat "$BERTH_STATE_DIR/$name.pid"), log $log)"
}

# stop_pidfile NAME PATTERN: stops the process group recorded in NAME.pid.
stop_pidfile() {
  local name="$1" pattern="$2" pidfile="$BERTH_STATE_DIR/$1.pid" pid i
  [[ -f "$pidfile" ]] || { berth_log "$name: no pid file, nothing to stop"; return 0; }
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if ! pidfile_alive "$name" "$pattern"; then
    berth_log "$name: not running (stale pid file removed)"
    rm -f "$pidfile"
    return 0
  fi
  berth_log "stopping $name (process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    berth_warn "$name did not stop in 30 s, killing"
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

http_ok() {
  [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true)" == "200" ]]
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_http NAME URL TIMEOUT PIDNAME PATTERN
wait_http() {
  local name="$1" url="$2" timeout="$3" pidname="$4" pattern="$5" start now
  start=$(date +%s)
  while ! http_ok "$url"; do
    now=$(date +%s)
    if ! pidfile_alive "$pidname" "$pattern"; then
      berth_warn "$name exited during start-up; last lines of $BERTH_STATE_DIR/$pidname.log:"
      tail -n 40 "$BERTH_STATE_DIR/$pidname.log" >&2 || true
      return 1
    fi
    if ((now - start >= timeout)); then
      berth_warn "$name not ready after ${timeout}s; last lines of $BERTH_STATE_DIR/$pidname.log:"
      tail -n 40 "$BERTH_STATE_DIR/$pidname.log" >&2 || true
      return 1
    fi
    if (((now - start) % 10 == 0)); then
      berth_log "waiting for $name ($((now - start))s) ..."
    fi
    sleep 1
  done
  berth_log "$name ready after $(($(date +%s) - start))s"
}

# ---------------------------------------------------------------- Java / Maven
_java_major() {
  local rel="$1/release" v
  if [[ -f "$rel" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")"
  else
    v="$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')"
  fi
  echo "${v:-0}"
}

# find_jdk MIN: prints a JAVA_HOME with java >= MIN, preferring Temurin 25.
find_jdk() {
  local min="$1" d
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -x "$d/bin/java" ]] || continue
    if (($(_java_major "$d") >= min)); then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# Sets KC_JAVA_HOME to a JDK >= 21 (needed by Keycloak 26).
ensure_jdk21() {
  if KC_JAVA_HOME="$(find_jdk 21)"; then
    return 0
  fi
  local p
  for p in openjdk-21-jdk-headless openjdk-25-jdk-headless; do
    if ((_BERTH_APT_UPDATED == 0)); then apt-get -o DPkg::Lock::Timeout=300 update -qq; _BERTH_APT_UPDATED=1; fi
    if apt_candidate "$p"; then
      apt_install "$p"
      KC_JAVA_HOME="$(find_jdk 21)" && return 0
    fi
  done
  berth_die "Keycloak needs a JDK >= 21 and none is installed under /usr/lib/jvm (apt has no openjdk-21/25 either)"
}

# Sets BROKER_JAVA_HOME/BROKER_JAVA to a JDK >= 17 (the broker targets Java
# 17), preferring Debian's OpenJDK 17.
ensure_jdk17() {
  local home=""
  if [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
    home=/usr/lib/jvm/java-17-openjdk-amd64
  elif ! home="$(find_jdk 17)"; then
    apt_install openjdk-17-jdk-headless
    home="$(find_jdk 17)" || berth_die "no JDK >= 17 found"
  fi
  BROKER_JAVA_HOME="$home"
  BROKER_JAVA="$home/bin/java"
}

# Sets MVN to the Maven command (the repo's wrapper if present).
ensure_maven() {
  if [[ -x "$BERTH_REPO_ROOT/mvnw" ]]; then
    MVN=("$BERTH_REPO_ROOT/mvnw")
  elif [[ -f "$BERTH_REPO_ROOT/mvnw" ]]; then
    MVN=(bash "$BERTH_REPO_ROOT/mvnw")
  else
    command -v mvn >/dev/null || apt_install maven
    MVN=(mvn)
  fi
}

# True if the broker jar is missing or any build input is newer than it
# (documentation, deploy/ and build output are not build inputs).
broker_needs_build() {
  [[ -f "$BROKER_JAR" ]] || return 0
  local newer
  newer="$(cd "$BERTH_REPO_ROOT" && find . \
    \( -name .git -o -name target -o -name node_modules -o -name .idea -o -path ./deploy \) -prune \
    -o -type f ! -name '*.md' -newer "$BROKER_JAR" -print -quit)"
  [[ -n "$newer" ]]
}

# ensure_broker_jar: builds the broker's fast-jar (broker/target/quarkus-app)
# when broker_needs_build says so. Used by up.sh and deploy/image/build.sh.
ensure_broker_jar() {
  broker_needs_build || return 0
  ensure_jdk17
  ensure_maven
  berth_log "building the broker: ${MVN[*]} -B -q -DskipTests install"
  (cd "$BERTH_REPO_ROOT" && JAVA_HOME="$BROKER_JAVA_HOME" "${MVN[@]}" -B -q -DskipTests install)
  [[ -f "$BROKER_JAR" ]] || berth_die "build finished but $BROKER_JAR is missing"
}

# berth_project_version: the Maven project version (the root pom's own <version>).
berth_project_version() {
  sed -n '/<artifactId>berth-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$BERTH_REPO_ROOT/pom.xml"
}

# ---------------------------------------------------------------- PostgreSQL
_pg_answers() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h "$BERTH_DB_HOST" -p "$BERTH_DB_PORT"
  else
    port_open "$BERTH_DB_PORT"
  fi
}

# psql as the database superuser: through the local socket as the postgres OS
# user when this machine runs the cluster, else over TCP as user postgres.
_psql_admin() {
  if id postgres >/dev/null 2>&1 && [[ -S "/var/run/postgresql/.s.PGSQL.$BERTH_DB_PORT" ]]; then
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$BERTH_DB_PORT" "$@")
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$BERTH_DB_HOST" -p "$BERTH_DB_PORT" -U postgres "$@"
  fi
}

ensure_postgres() {
  if ! _pg_answers; then
    if ! compgen -G "/etc/postgresql/*/main" >/dev/null; then
      apt_install postgresql
    fi
    local ver
    ver="$(ls /etc/postgresql | sort -V | tail -1)"
    berth_log "starting PostgreSQL $ver cluster 'main'"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
    local i
    for ((i = 0; i < 30; i++)); do
      _pg_answers && break
      sleep 1
    done
    _pg_answers || berth_die "PostgreSQL does not answer on $BERTH_DB_HOST:$BERTH_DB_PORT"
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  berth_log "PostgreSQL answers on $BERTH_DB_HOST:$BERTH_DB_PORT; ensuring role $BERTH_DB_USER and databases ${BERTH_DB_NAMES[*]}"
  # psql variables (:'pw') keep the password out of the command line and quote it.
  _psql_admin -d postgres -v pw="$BERTH_DB_PASSWORD" -v role="$BERTH_DB_USER" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'pw';
SQL
  local db
  for db in "${BERTH_DB_NAMES[@]}"; do
    _psql_admin -d postgres -v db="$db" -v role="$BERTH_DB_USER" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  done
}

# ---------------------------------------------------------------- Keycloak
ensure_keycloak_dist() {
  ensure_dirs
  if [[ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then
    if [[ ! -s "$KEYCLOAK_ZIP" ]]; then
      ensure_maven
      berth_log "fetching org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip from Maven Central"
      (cd "$BERTH_REPO_ROOT" && "${MVN[@]}" -B -q dependency:copy \
        "-Dartifact=org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip" \
        "-DoutputDirectory=$KEYCLOAK_DIR")
    fi
    berth_log "unpacking Keycloak ${KEYCLOAK_VERSION} into $KEYCLOAK_DIR"
    local tmp
    tmp="$(mktemp -d "$KEYCLOAK_DIR/unzip.XXXXXX")"
    unzip -q "$KEYCLOAK_ZIP" -d "$tmp"
    rm -rf "$KEYCLOAK_HOME"
    mv "$tmp/keycloak-${KEYCLOAK_VERSION}" "$KEYCLOAK_HOME"
    rm -rf "$tmp"
  fi
}

keycloak_ready() {
  http_ok "$KEYCLOAK_URL/realms/$BERTH_REALM/.well-known/openid-configuration"
}

# The imported realm depends on the realm file and on the secrets substituted
# into it at import time; when either changes, the dev database is wiped so
# the realm is imported afresh.
_keycloak_fingerprint() {
  {
    cat "$BERTH_REALM_FILE"
    printf '%s\n' "$BERTH_ACME_AUTOMATION_SECRET" "$BERTH_GLOBEX_AUTOMATION_SECRET" "$BERTH_BROKER_KEYCLOAK_SECRET" \
      "$KEYCLOAK_ADMIN_PASSWORD" "$KEYCLOAK_ADMIN_USER"
  } | sha256sum | cut -d' ' -f1
}

_keycloak_wait() {
  wait_http Keycloak "$KEYCLOAK_URL/realms/$BERTH_REALM/.well-known/openid-configuration" \
    "${BERTH_KEYCLOAK_TIMEOUT:-180}" keycloak keycloak
}

_keycloak_start() {
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp -f "$BERTH_REALM_FILE" "$KEYCLOAK_HOME/data/import/berth-realm.json"
  (
    export JAVA_HOME="$KC_JAVA_HOME"
    export PATH="$KC_JAVA_HOME/bin:$PATH"
    export KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER"
    export KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD"
    export JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx768m}"
    # BERTH_*_SECRET are exported from the env file: Keycloak
    # substitutes ${...} placeholders in the realm file at import time.
    start_detached keycloak "$KEYCLOAK_HOME" "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
      --http-host 127.0.0.1 --http-port "$KEYCLOAK_PORT" \
      --hostname "$KEYCLOAK_URL" --import-realm
  )
  _keycloak_wait
}

ensure_keycloak() {
  local fp_file="$BERTH_STATE_DIR/keycloak-realm.sha256" fp
  fp="$(_keycloak_fingerprint)"
  if keycloak_ready; then
    if [[ "$(cat "$fp_file" 2>/dev/null || true)" == "$fp" ]]; then
      berth_log "Keycloak already serves realm $BERTH_REALM at $KEYCLOAK_URL"
      return 0
    fi
    if pidfile_alive keycloak keycloak; then
      berth_log "realm file or secrets changed since Keycloak was started: restarting it"
      stop_pidfile keycloak keycloak
    else
      berth_warn "Keycloak at $KEYCLOAK_URL was not started by these scripts and may serve an outdated realm; leaving it alone"
      return 0
    fi
  fi
  if pidfile_alive keycloak keycloak; then
    berth_log "Keycloak is starting (pid $(cat "$BERTH_STATE_DIR/keycloak.pid")), waiting"
    _keycloak_wait || berth_die "Keycloak did not start"
  else
    if port_open "$KEYCLOAK_PORT"; then
      berth_die "port $KEYCLOAK_PORT is in use by something that does not serve realm $BERTH_REALM"
    fi
    ensure_jdk21
    ensure_keycloak_dist
    local wiped=false
    if [[ "$(cat "$fp_file" 2>/dev/null || true)" != "$fp" ]]; then
      berth_log "realm file or secrets changed: wiping Keycloak dev data so the realm is imported afresh"
      rm -rf "$KEYCLOAK_HOME/data/h2"
      wiped=true
    fi
    if ! _keycloak_start && ! $wiped; then
      # e.g. a dev database left damaged by a killed Keycloak: start from scratch once
      berth_warn "Keycloak failed to start on its existing data; wiping data/h2 and retrying once"
      stop_pidfile keycloak keycloak
      rm -rf "$KEYCLOAK_HOME/data/h2"
      _keycloak_start || berth_die "Keycloak did not start"
    elif ! keycloak_ready; then
      berth_die "Keycloak did not start"
    fi
  fi
  echo "$fp" >"$fp_file"
}

# ---------------------------------------------------------------- Docker
docker_works() {
  command -v docker >/dev/null && docker info >/dev/null 2>&1
}

ensure_docker() {
  export BERTH_DOCKER_AVAILABLE=false
  if docker_works; then
    BERTH_DOCKER_AVAILABLE=true
  else
    apt_install docker.io
    if pidfile_alive dockerd dockerd; then
      berth_log "dockerd (pid $(cat "$BERTH_STATE_DIR/dockerd.pid")) is starting, waiting"
    elif [[ -S "$BERTH_DOCKER_SOCKET" ]] && pgrep -x dockerd >/dev/null; then
      berth_warn "a dockerd not started by these scripts is running but 'docker info' fails; not touching it, continuing without Docker"
      return 0
    else
      start_detached dockerd / dockerd --bridge=none --iptables=false --ip-masq=false
    fi
    local i
    for ((i = 0; i < 60; i++)); do
      docker_works && break
      pidfile_alive dockerd dockerd || [[ ! -f "$BERTH_STATE_DIR/dockerd.pid" ]] || break
      sleep 1
    done
    if docker_works; then
      BERTH_DOCKER_AVAILABLE=true
    else
      berth_warn "Docker engine cannot run here (see $BERTH_STATE_DIR/dockerd.log); continuing without it"
      tail -n 10 "$BERTH_STATE_DIR/dockerd.log" >&2 2>/dev/null || true
      return 0
    fi
  fi
  berth_log "Docker engine available ($(docker info --format '{{.ServerVersion}}' 2>/dev/null))"
  ensure_demo_image
}

ensure_demo_image() {
  [[ "$BERTH_DOCKER_AVAILABLE" == true ]] || return 0
  if docker image inspect "$BERTH_DEMO_IMAGE" >/dev/null 2>&1; then
    return 0
  fi
  apt_install busybox-static
  berth_log "building $BERTH_DEMO_IMAGE from busybox-static"
  local rootfs tool
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/www"
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for tool in sh sleep echo httpd cat ls true false env wget hostname id ps top date; do
    ln -sf busybox "$rootfs/bin/$tool"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  echo 'Berth demo' >"$rootfs/www/index.html"
  tar -C "$rootfs" -c . | docker import \
    -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' \
    -m "Berth demo image: busybox-static" - "$BERTH_DEMO_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# ---------------------------------------------------------------- image registry
registry_works() {
  curl -fsS -m 2 -o /dev/null "http://$BERTH_REGISTRY_ADDR/v2/" 2>/dev/null
}

# ensure_registry: a Docker Distribution registry on $BERTH_REGISTRY_ADDR (loopback only, no
# auth, storage under the state dir) holding the demo image as $BERTH_REGISTRY_DEMO_IMAGE.
# Idempotent: a registry already answering is left alone, an image already pushed is not re-pushed.
ensure_registry() {
  [[ "$BERTH_DOCKER_AVAILABLE" == true ]] || return 0
  if ! registry_works; then
    apt_install docker-registry
    local dir="$BERTH_STATE_DIR/registry" i
    mkdir -p "$dir/data"
    printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: %s\n' \
      "$dir/data" "$BERTH_REGISTRY_ADDR" >"$dir/config.yml"
    if ! pidfile_alive docker-registry docker-registry; then
      start_detached docker-registry / docker-registry serve "$dir/config.yml"
    fi
    for ((i = 0; i < 30; i++)); do
      registry_works && break
      sleep 1
    done
    registry_works || { berth_warn "image registry did not start (see $BERTH_STATE_DIR/docker-registry.log)"; return 0; }
  fi
  if ! curl -fs -m 5 -o /dev/null -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      "http://$BERTH_REGISTRY_ADDR/v2/demo/busybox/manifests/1"; then
    berth_log "pushing $BERTH_DEMO_IMAGE to $BERTH_REGISTRY_DEMO_IMAGE"
    docker tag "$BERTH_DEMO_IMAGE" "$BERTH_REGISTRY_DEMO_IMAGE"
    docker push "$BERTH_REGISTRY_DEMO_IMAGE" >/dev/null
    # the engine keeps only berth-demo/busybox:1 under its local name; tests pull the registry name
    docker rmi "$BERTH_REGISTRY_DEMO_IMAGE" >/dev/null
  fi
  export BERTH_REGISTRY_ADDR
}

# ---------------------------------------------------------------- libvirt
ensure_libvirt() {
  apt_install libvirt0 libvirt-clients
}

# ---------------------------------------------------------------- kubectl
# The manifest test (deploy/src/test) renders deploy/kubernetes offline with
# `kubectl kustomize`; any kubectl on the PATH will do, else Debian's.
ensure_kubectl() {
  command -v kubectl >/dev/null || apt_install kubernetes-client
}

# ---------------------------------------------------------------- broker API
# password_token USER PASSWORD: prints an access token for a demo user from
# the public client berth-cli (password grant; development realm only).
password_token() {
  local body
  body="$(curl -sS -m 10 -d grant_type=password -d client_id=berth-cli \
    --data-urlencode "username=$1" --data-urlencode "password=$2" \
    "$KEYCLOAK_URL/realms/$BERTH_REALM/protocol/openid-connect/token")" \
    || berth_die "token request for $1 to $KEYCLOAK_URL failed"
  jq -er '.access_token // empty' <<<"$body" 2>/dev/null \
    || berth_die "no token for $1 from Keycloak: $body"
}

# broker_api TOKEN METHOD PATH [JSON]: calls the broker; sets API_STATUS
# (HTTP status, 000 if the call itself failed) and API_BODY.
broker_api() {
  local token="$1" method="$2" path="$3" data="${4:-}" out
  local args=(-sS -m 30 -X "$method" -H "Authorization: Bearer $token")
  [[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  out="$(mktemp)"
  API_STATUS="$(curl "${args[@]}" -o "$out" -w '%{http_code}' "$BROKER_URL$path")" || API_STATUS=000
  API_BODY="$(cat "$out")"
  rm -f "$out"
}

# api_problem_code: the problem+json `code` of API_BODY, empty if none.
api_problem_code() {
  jq -r '.code // empty' <<<"$API_BODY" 2>/dev/null || true
}

# api_die WHAT: fails with the last call's status and (problem) body.
api_die() {
  berth_die "$1 failed: HTTP $API_STATUS $(jq -c . <<<"$API_BODY" 2>/dev/null || printf '%s' "$API_BODY")"
}

# ---------------------------------------------------------------- aggregate
# Everything the tests and the broker depend on (not the broker itself).
ensure_infra() {
  ensure_dirs
  ensure_base_packages
  ensure_env_file
  ensure_postgres
  ensure_libvirt
  ensure_kubectl
  ensure_docker
  ensure_registry
  ensure_keycloak
}
