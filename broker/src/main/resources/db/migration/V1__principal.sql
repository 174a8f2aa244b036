-- Every principal (user or service account) that has called Berth, with its tenant.
-- Written on each authenticated identity call; the basis of "who uses the platform".
CREATE TABLE principal (
    subject         text        PRIMARY KEY,
    username        text        NOT NULL,
    tenant          text,
    client_id       text        NOT NULL,
    service_account boolean     NOT NULL,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX principal_tenant_idx ON principal (tenant);
