-- Governance: policies (current version) with their full history, tenant labels that
-- policies read, and the record of admission requests that replay evaluates drafts against.
CREATE TABLE policy (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    tenant      text,
    stage       text        NOT NULL,
    expression  text        NOT NULL,
    effect      text        NOT NULL,
    mode        text        NOT NULL,
    message     text        NOT NULL DEFAULT '',
    version     bigint      NOT NULL,
    enabled     boolean     NOT NULL,
    deleted     boolean     NOT NULL DEFAULT false,
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE policy_version (LIKE policy INCLUDING DEFAULTS, PRIMARY KEY (id, version));

CREATE TABLE tenant_profile (
    tenant      text        PRIMARY KEY,
    labels      jsonb       NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admission_record (
    id          bigserial   PRIMARY KEY,
    tenant      text        NOT NULL,
    name        text        NOT NULL,
    context     jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admission_record_time_idx ON admission_record (recorded_at);
