-- Issue 13: the `image` of a workload is resolved at admission, never handed to a host as typed.
--
-- Platform images: names tenants may use, registered by platform admins, each with the
-- artefact a host of each driver starts it from (a preloaded Docker image, a libvirt base
-- volume, an AWS OS family / AMI id), optionally only on some hosts.
CREATE TABLE platform_image (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    kind        text        NOT NULL CHECK (kind IN ('CONTAINER', 'VM')),
    artefacts   jsonb       NOT NULL CHECK (jsonb_typeof(artefacts) = 'object' AND artefacts <> '{}'),
    host_ids    uuid[]      NOT NULL DEFAULT '{}',
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- What the workload's image was resolved to: the kind of source and the typed value the
-- driver gets (registry parts, platform artefact, or the tenant's own snapshot and its
-- artefact). `image` keeps what the tenant wrote. Workloads admitted before this migration
-- were never resolved: their image is read as a registry reference when it parses as one
-- (what the Docker and AWS drivers did with it), else as the artefact of an unnamed
-- platform image (what the libvirt driver did) — the drivers' own checks still apply.
ALTER TABLE workload ADD COLUMN image_source text CHECK (image_source IN ('REGISTRY', 'PLATFORM', 'SNAPSHOT'));
ALTER TABLE workload ADD COLUMN image_resolved jsonb;
