-- Truthful state (issue 20): what the provider last reported about each workload, the
-- restart bookkeeping of Berth's own restart policy, and the reconciler's passes,
-- findings and per-host ownership.

-- Which Berth installation this database is: put on every provider object Berth creates
-- (label/tag berth.installation), so a reconciler removes only its own orphans, never the
-- objects of another installation sharing an engine or account.
CREATE TABLE berth_installation (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO berth_installation DEFAULT VALUES;

ALTER TABLE workload
    -- what the tenant last asked for: RUNNING (create, start, restart) or STOPPED (stop)
    ADD COLUMN desired_state        text        NOT NULL DEFAULT 'RUNNING'
        CHECK (desired_state IN ('RUNNING', 'STOPPED')),
    -- the provider's last report (driver phase, exit code, detail, run times) and when it was read
    ADD COLUMN observed_phase       text,
    ADD COLUMN observed_exit_code   integer,
    ADD COLUMN observed_detail      text,
    ADD COLUMN observed_started_at  timestamptz,
    ADD COLUMN observed_finished_at timestamptz,
    ADD COLUMN observed_at          timestamptz,
    -- restarts Berth made after the workload exited or was lost, since the last reset
    ADD COLUMN restart_count        integer     NOT NULL DEFAULT 0 CHECK (restart_count >= 0),
    ADD COLUMN last_exit_code       integer,
    ADD COLUMN last_restart_at      timestamptz;

UPDATE workload SET desired_state = 'STOPPED' WHERE status = 'STOPPED';

-- One reconciler owns a host at a time: the replica whose lease is current. A replica that
-- dies stops renewing, and another takes the host over when the lease has run out.
CREATE TABLE reconcile_owner (
    host_id     uuid        PRIMARY KEY REFERENCES host (id) ON DELETE CASCADE,
    owner       text        NOT NULL,
    lease_until timestamptz NOT NULL
);

-- The last pass over each host (admin view).
CREATE TABLE reconcile_pass (
    host_id     uuid        PRIMARY KEY REFERENCES host (id) ON DELETE CASCADE,
    replica     text        NOT NULL,
    trigger     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_ms bigint      NOT NULL,
    observed    integer     NOT NULL,
    findings    jsonb       NOT NULL DEFAULT '{}',
    error       text
);

-- What a pass found that persists across passes: orphans (and when they were first seen,
-- for the grace period), drift (reported once, not every pass).
CREATE TABLE reconcile_finding (
    host_id       uuid        NOT NULL REFERENCES host (id) ON DELETE CASCADE,
    workload_id   uuid        NOT NULL,
    kind          text        NOT NULL,
    tenant        text,
    handle        text,
    detail        text,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz,
    PRIMARY KEY (host_id, workload_id, kind)
);
