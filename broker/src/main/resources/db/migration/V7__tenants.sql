-- Tenants managed by Berth, provisioned in Keycloak by a saga whose state is stored here.
-- A tenant's identity objects (group /tenants/<slug>, users, service-account clients) live
-- in Keycloak; this row records the lifecycle and what the saga itself created, so that a
-- failure can be undone exactly (never an object Berth merely adopted).
--
-- Tenants that exist only in the realm (no row, e.g. the demo tenants acme and globex) are
-- legacy-active: they work as before and become managed when an admin adopts them
-- (POST /v1/admin/tenants with their slug; see broker/README.md).
CREATE TABLE tenant (
    slug                 text        PRIMARY KEY CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' AND length(slug) BETWEEN 2 AND 63),
    display_name         text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED', 'DELETING', 'DELETED')),
    status_reason        text,
    -- Keycloak group id once known; the repair job follows renames through it.
    group_id             text,
    -- True when the saga created the group (false when it adopted an existing one).
    group_created        boolean     NOT NULL DEFAULT false,
    -- The optional first tenant-admin: what was asked, and the user id when the saga created it.
    first_admin_username text,
    first_admin_email    text,
    first_admin_first    text,
    first_admin_last     text,
    first_admin_user_id  text,
    -- Set once the tenant first became ACTIVE (TenantOnboarded fired).
    onboarded_at         timestamptz,
    attempts             integer     NOT NULL DEFAULT 0,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tenant_status_idx ON tenant (status) WHERE status <> 'DELETED';

-- Tenant lifecycle events go to the existing audit trail (event, workload_id NULL).
CREATE INDEX event_tenant_lifecycle_idx ON event (tenant, id) WHERE workload_id IS NULL;
