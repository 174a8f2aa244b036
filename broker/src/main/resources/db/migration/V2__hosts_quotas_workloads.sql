-- Hosts, quotas, workloads, operations, idempotency keys and the audit trail.
-- Invariants are enforced by the database itself where it can: a host's allocation never
-- exceeds capacity x overcommit, usage never goes negative, one live workload per name.

CREATE TABLE host (
    id                    uuid        PRIMARY KEY,
    name                  text        NOT NULL UNIQUE,
    driver                text        NOT NULL,
    endpoint              text        NOT NULL,
    options               jsonb       NOT NULL DEFAULT '{}',
    labels                jsonb       NOT NULL DEFAULT '{}',
    supported_kinds       text[]      NOT NULL,
    engine_version        text,
    capacity_milli_cpu    bigint      NOT NULL CHECK (capacity_milli_cpu > 0),
    capacity_memory_mib   bigint      NOT NULL CHECK (capacity_memory_mib > 0),
    capacity_disk_gib     bigint      NOT NULL CHECK (capacity_disk_gib >= 0),
    cpu_overcommit        numeric(8,3) NOT NULL DEFAULT 1 CHECK (cpu_overcommit > 0),
    memory_overcommit     numeric(8,3) NOT NULL DEFAULT 1 CHECK (memory_overcommit > 0),
    disk_overcommit       numeric(8,3) NOT NULL DEFAULT 1 CHECK (disk_overcommit > 0),
    limit_milli_cpu       bigint GENERATED ALWAYS AS (floor(capacity_milli_cpu * cpu_overcommit)::bigint) STORED,
    limit_memory_mib      bigint GENERATED ALWAYS AS (floor(capacity_memory_mib * memory_overcommit)::bigint) STORED,
    limit_disk_gib        bigint GENERATED ALWAYS AS (floor(capacity_disk_gib * disk_overcommit)::bigint) STORED,
    allocated_milli_cpu   bigint      NOT NULL DEFAULT 0,
    allocated_memory_mib  bigint      NOT NULL DEFAULT 0,
    allocated_disk_gib    bigint      NOT NULL DEFAULT 0,
    allocated_instances   integer     NOT NULL DEFAULT 0,
    cordoned              boolean     NOT NULL DEFAULT false,
    health                text        NOT NULL DEFAULT 'UNKNOWN',
    health_detail         text,
    health_checked_at     timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT host_allocation_within_limits CHECK (
        allocated_milli_cpu BETWEEN 0 AND limit_milli_cpu
        AND allocated_memory_mib BETWEEN 0 AND limit_memory_mib
        AND allocated_disk_gib BETWEEN 0 AND limit_disk_gib
        AND allocated_instances >= 0)
);

CREATE TABLE tenant_quota (
    tenant            text        PRIMARY KEY,
    limit_milli_cpu   bigint      NOT NULL DEFAULT 0 CHECK (limit_milli_cpu >= 0),
    limit_memory_mib  bigint      NOT NULL DEFAULT 0 CHECK (limit_memory_mib >= 0),
    limit_disk_gib    bigint      NOT NULL DEFAULT 0 CHECK (limit_disk_gib >= 0),
    limit_instances   integer     NOT NULL DEFAULT 0 CHECK (limit_instances >= 0),
    used_milli_cpu    bigint      NOT NULL DEFAULT 0 CHECK (used_milli_cpu >= 0),
    used_memory_mib   bigint      NOT NULL DEFAULT 0 CHECK (used_memory_mib >= 0),
    used_disk_gib     bigint      NOT NULL DEFAULT 0 CHECK (used_disk_gib >= 0),
    used_instances    integer     NOT NULL DEFAULT 0 CHECK (used_instances >= 0),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workload (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    name             text        NOT NULL,
    kind             text        NOT NULL,
    image            text        NOT NULL,
    command          jsonb       NOT NULL DEFAULT '[]',
    env              jsonb       NOT NULL DEFAULT '{}',
    labels           jsonb       NOT NULL DEFAULT '{}',
    restart_policy   text        NOT NULL,
    milli_cpu        bigint      NOT NULL,
    memory_mib       bigint      NOT NULL,
    disk_gib         bigint      NOT NULL,
    status           text        NOT NULL,
    status_reason    text,
    host_id          uuid        REFERENCES host (id),
    provider_handle  text,
    -- true while the workload's quota usage and host allocation are held
    holds_resources  boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX workload_live_name_uidx ON workload (tenant, name) WHERE status <> 'DELETED';
CREATE INDEX workload_tenant_created_idx ON workload (tenant, created_at DESC, id DESC);
CREATE INDEX workload_host_idx ON workload (host_id) WHERE status <> 'DELETED';

CREATE TABLE operation (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    workload_id      uuid        NOT NULL REFERENCES workload (id),
    type             text        NOT NULL,
    status           text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    error            jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX operation_unfinished_idx ON operation (created_at) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX operation_workload_idx ON operation (workload_id, created_at);

CREATE TABLE idempotency_key (
    tenant           text        NOT NULL,
    key              text        NOT NULL,
    request_hash     text        NOT NULL,
    state            text        NOT NULL,
    response_status  integer,
    response_body    text,
    response_location text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant, key)
);

CREATE INDEX idempotency_key_expiry_idx ON idempotency_key (expires_at);

CREATE TABLE event (
    id            bigserial   PRIMARY KEY,
    tenant        text        NOT NULL,
    workload_id   uuid,
    operation_id  uuid,
    actor         text        NOT NULL,
    type          text        NOT NULL,
    message       text,
    data          jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX event_workload_idx ON event (workload_id, id);
