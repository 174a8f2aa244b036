-- Snapshots of workloads and the per-tenant snapshot quota. A snapshot row outlives its
-- workload's deletion when the provider's snapshot does (container images).
CREATE TABLE snapshot (
    id            uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    workload_id   uuid        NOT NULL REFERENCES workload (id),
    name          text        NOT NULL,
    status        text        NOT NULL,
    detail        text,
    holds_quota   boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX snapshot_live_name_uidx ON snapshot (workload_id, name) WHERE status NOT IN ('DELETED', 'FAILED');

ALTER TABLE tenant_quota ADD COLUMN limit_snapshots integer NOT NULL DEFAULT 10 CHECK (limit_snapshots >= 0);
ALTER TABLE tenant_quota ADD COLUMN used_snapshots integer NOT NULL DEFAULT 0 CHECK (used_snapshots >= 0);

ALTER TABLE operation ADD COLUMN snapshot_name text;
