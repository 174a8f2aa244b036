-- VM user data sealed at rest (envelope encryption, dev.berth.broker.secrets.Envelopes): the
-- envelope v1.<key id>.<wrapped data key>.<sealed value> (AES-256-GCM, data key wrapped by the
-- master key) is bound to the workload's id, so it does not open in another row.
ALTER TABLE workload ADD COLUMN vm_user_data text;
-- Only envelopes: clear text written here by mistake is refused by the database.
ALTER TABLE workload ADD CONSTRAINT workload_vm_user_data_sealed
    CHECK (vm_user_data IS NULL OR vm_user_data ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$');
-- The master key is not available to SQL, so rows written before V14 (user data in clear inside
-- the vm jsonb) are sealed by the broker at start-up (workloads.UserDataSealing), which removes
-- the clear text in the same transaction. This index finds them without scanning the table.
CREATE INDEX workload_clear_user_data_idx ON workload (id) WHERE vm ? 'userData';
