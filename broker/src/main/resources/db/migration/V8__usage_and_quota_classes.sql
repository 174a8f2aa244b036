-- Quota classes and usage intervals.
--
-- A quota class is a named set of limits; the one marked default is copied into a tenant's
-- quota when the tenant is onboarded (only if the tenant has no limits yet).
CREATE TABLE quota_class (
    name              text        PRIMARY KEY,
    description       text        NOT NULL DEFAULT '',
    limit_milli_cpu   bigint      NOT NULL CHECK (limit_milli_cpu >= 0),
    limit_memory_mib  bigint      NOT NULL CHECK (limit_memory_mib >= 0),
    limit_disk_gib    bigint      NOT NULL CHECK (limit_disk_gib >= 0),
    limit_instances   integer     NOT NULL CHECK (limit_instances >= 0),
    limit_snapshots   integer     NOT NULL CHECK (limit_snapshots >= 0),
    is_default        boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- At most one default class.
CREATE UNIQUE INDEX quota_class_one_default_uidx ON quota_class (is_default) WHERE is_default;

-- The class a tenant's limits were copied from; NULL once an admin sets limits explicitly.
ALTER TABLE tenant_quota ADD COLUMN quota_class text;

-- One row per stretch of time a workload held quota and host capacity: opened in the
-- transaction that admits it, closed in the transaction that releases it. What it held,
-- where, and the host's prices are copied at opening, so later host edits or removals do
-- not rewrite history. Times come from the broker's clock (java.time.Clock).
CREATE TABLE usage_interval (
    id                     bigserial    PRIMARY KEY,
    tenant                 text         NOT NULL,
    workload_id            uuid         NOT NULL REFERENCES workload (id),
    kind                   text         NOT NULL,
    host_id                uuid,
    host_name              text         NOT NULL,
    provider_class         text         NOT NULL,
    milli_cpu              bigint       NOT NULL CHECK (milli_cpu >= 0),
    memory_mib             bigint       NOT NULL CHECK (memory_mib >= 0),
    disk_gib               bigint       NOT NULL CHECK (disk_gib >= 0),
    price_vcpu_hour        numeric(12,6) NOT NULL,
    price_memory_gib_hour  numeric(12,6) NOT NULL,
    started_at             timestamptz  NOT NULL,
    ended_at               timestamptz,
    CONSTRAINT usage_interval_ordered CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- A workload has at most one open interval.
CREATE UNIQUE INDEX usage_interval_open_uidx ON usage_interval (workload_id) WHERE ended_at IS NULL;
CREATE INDEX usage_interval_tenant_start_idx ON usage_interval (tenant, started_at);
CREATE INDEX usage_interval_start_idx ON usage_interval (started_at);

-- Workloads holding resources when this migration runs accrue from their creation, at
-- their host's current prices: the best record there is of them.
INSERT INTO usage_interval (tenant, workload_id, kind, host_id, host_name, provider_class, milli_cpu, memory_mib,
                            disk_gib, price_vcpu_hour, price_memory_gib_hour, started_at)
SELECT w.tenant, w.id, lower(w.kind), w.host_id, h.name, h.provider_class, w.milli_cpu, w.memory_mib, w.disk_gib,
       h.price_vcpu_hour, h.price_memory_gib_hour, w.created_at
FROM workload w JOIN host h ON h.id = w.host_id
WHERE w.holds_resources;
