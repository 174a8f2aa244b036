-- Watch streams (issue 18) deliver events in commit-safe order. Event ids come from a sequence,
-- so a transaction can commit id 10 after another committed id 11; a reader that had moved past
-- 11 would never see 10. Each event records the transaction that wrote it, and watches deliver
-- only events of transactions older than every transaction still running
-- (pg_snapshot_xmin), ordered by (txid, id): nothing can appear behind the cursor later.
ALTER TABLE event ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX event_watch_idx ON event (txid, id);
CREATE INDEX event_tenant_watch_idx ON event (tenant, txid, id);
