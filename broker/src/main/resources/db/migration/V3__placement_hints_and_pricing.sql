-- Placement hints of a workload (echoed back, and its group for affinity/spread), and the
-- host attributes the richer placement pipeline reads: provider class and price table.
ALTER TABLE workload ADD COLUMN placement jsonb NOT NULL DEFAULT '{}';
ALTER TABLE workload ADD COLUMN placement_group text;
CREATE INDEX workload_live_group_idx ON workload (host_id, tenant, placement_group)
    WHERE placement_group IS NOT NULL AND status NOT IN ('DELETED', 'FAILED');

ALTER TABLE host ADD COLUMN provider_class text NOT NULL DEFAULT 'private'
    CHECK (provider_class IN ('private', 'public'));
ALTER TABLE host ADD COLUMN price_vcpu_hour numeric(12,6) NOT NULL DEFAULT 0 CHECK (price_vcpu_hour >= 0);
ALTER TABLE host ADD COLUMN price_memory_gib_hour numeric(12,6) NOT NULL DEFAULT 0 CHECK (price_memory_gib_hour >= 0);
