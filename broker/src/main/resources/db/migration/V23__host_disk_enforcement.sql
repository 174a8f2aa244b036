-- A host whose disk capacity could not be measured (a remote Docker engine: its API does not
-- report the data root's size) must not refuse every request that asks for disk. Such a host
-- has disk_enforced = false: its disk dimension is still counted (allocated_disk_gib) but is not
-- a limit — neither in the conditional reservation nor in this CHECK. An admin who states the
-- disk capacity (registration or update) makes it enforced.
ALTER TABLE host ADD COLUMN disk_enforced boolean NOT NULL DEFAULT true;

ALTER TABLE host DROP CONSTRAINT host_allocation_within_limits;
ALTER TABLE host ADD CONSTRAINT host_allocation_within_limits CHECK (
    allocated_milli_cpu BETWEEN 0 AND limit_milli_cpu
    AND allocated_memory_mib BETWEEN 0 AND limit_memory_mib
    AND allocated_disk_gib >= 0
    AND (NOT disk_enforced OR allocated_disk_gib <= limit_disk_gib)
    AND allocated_instances >= 0);

-- Until now the Docker driver reported disk as 0 meaning "unknown": such hosts refused every
-- request for disk. They become unenforced (an admin can state their disk to enforce it).
UPDATE host SET disk_enforced = false WHERE driver = 'docker' AND capacity_disk_gib = 0;
