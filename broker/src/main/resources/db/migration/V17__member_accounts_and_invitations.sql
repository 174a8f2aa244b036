-- Who may reset whose password, and how existing people join a tenant (issue 13, finding 3).
--
-- member_account: the accounts Berth created for a tenant (POST /v1/tenant/members). Only
-- these (and the tenant's first admin, tenant.first_admin_user_id) may have their password
-- reset by the tenant. Bound to the tenant's Keycloak group id as well as its slug, so a
-- tenant deleted and re-created under the same slug (a new group) inherits no account.
CREATE TABLE member_account (
    user_id    text        PRIMARY KEY,
    tenant     text        NOT NULL,
    group_id   text        NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX member_account_tenant_idx ON member_account (tenant);

-- member_invitation: pending invitations of existing people. A row is deleted when it is
-- accepted or cancelled (the event trail keeps the story); expired rows are ignored and
-- purged lazily. Only the SHA-256 of the one-time token is kept.
CREATE TABLE member_invitation (
    id           uuid        PRIMARY KEY,
    tenant       text        NOT NULL,
    group_id     text        NOT NULL,
    username     text        NOT NULL,
    tenant_admin boolean     NOT NULL,
    token_sha256 text        NOT NULL UNIQUE,
    invited_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);

-- One pending invitation per person and tenant: inviting again replaces it.
CREATE UNIQUE INDEX member_invitation_person_idx ON member_invitation (tenant, username);
