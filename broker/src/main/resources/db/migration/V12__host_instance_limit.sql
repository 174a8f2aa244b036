-- An instance-count limit per placement target (issue 8: a cloud account's maxInstances).
-- NULL = no limit, so every host registered before this migration keeps taking work as it did.
-- As with CPU, memory and disk (host_allocation_within_limits, V2), the database is the
-- guarantee: the conditional reservation refuses a host at its limit, and this CHECK catches
-- any path that would not (and a limit lowered below what already runs there).
ALTER TABLE host ADD COLUMN max_instances integer CHECK (max_instances > 0);
ALTER TABLE host ADD CONSTRAINT host_instances_within_limit
    CHECK (max_instances IS NULL OR allocated_instances <= max_instances);
