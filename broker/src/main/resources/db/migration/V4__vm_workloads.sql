-- VM workloads and the container-vs-VM decision: why a workload runs as its kind, its
-- isolation level, and VM settings (guest OS family, cloud-init user data, SSH keys).
ALTER TABLE workload ADD COLUMN kind_reason text NOT NULL DEFAULT 'requested';
ALTER TABLE workload ADD COLUMN isolation text NOT NULL DEFAULT 'STANDARD';
ALTER TABLE workload ADD COLUMN vm jsonb;
