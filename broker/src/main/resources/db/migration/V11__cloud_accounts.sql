-- Public-cloud accounts (issue 8). An account holds a credentials *reference*, never a key;
-- each of its regions is a placement target: a host row (driver 'aws') that belongs to the
-- account and is written, changed and removed in the same transaction as the account.

CREATE TABLE cloud_account (
    name              text        PRIMARY KEY,
    provider          text        NOT NULL DEFAULT 'aws' CHECK (provider IN ('aws')),
    regions           text[]      NOT NULL CHECK (cardinality(regions) >= 1),
    -- 'default' | 'profile:<name>' | 'role:<arn>': checked by the broker before it gets here
    credentials       text        NOT NULL,
    external_id       text,
    max_vcpu          integer     NOT NULL CHECK (max_vcpu > 0),
    max_memory_mib    bigint      CHECK (max_memory_mib > 0),
    max_instances     integer     NOT NULL CHECK (max_instances > 0),
    max_disk_gib      bigint      CHECK (max_disk_gib > 0),
    -- null = the catalogue shipped with the AWS driver (deploy/aws/catalogue.json)
    catalogue         jsonb,
    settings          jsonb       NOT NULL DEFAULT '{}',
    labels            jsonb       NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX cloud_account_created_idx ON cloud_account (created_at, name);

-- The account a host is a region of (null for hosts registered directly). No cascade:
-- the broker removes targets itself, after checking no live workload runs there.
ALTER TABLE host ADD COLUMN cloud_account text REFERENCES cloud_account (name);
ALTER TABLE host ADD COLUMN cloud_region text;
ALTER TABLE host ADD CONSTRAINT host_cloud_target_complete
    CHECK ((cloud_account IS NULL) = (cloud_region IS NULL));
CREATE UNIQUE INDEX host_cloud_target_uidx ON host (cloud_account, cloud_region) WHERE cloud_account IS NOT NULL;
