-- Issue 15: container images pulled from registries.
-- pull_policy: when a Docker host pulls the workload's registry image (IF_NOT_PRESENT, ALWAYS, NEVER);
--   rows admitted before pulls existed keep NEVER, which is what they were created under.
-- image_digest: the registry digest (sha256:...) of the image the workload runs, as its host reported it.
ALTER TABLE workload ADD COLUMN pull_policy text NOT NULL DEFAULT 'NEVER'
    CHECK (pull_policy IN ('IF_NOT_PRESENT', 'ALWAYS', 'NEVER'));
ALTER TABLE workload ALTER COLUMN pull_policy SET DEFAULT 'IF_NOT_PRESENT';
ALTER TABLE workload ADD COLUMN image_digest text;

-- What a running operation is doing right now ({phase, stepUnit, stepsDone, stepsTotal, bytesDone,
-- bytesTotal, updatedAt}); kept after it finishes as the last thing it reported.
ALTER TABLE operation ADD COLUMN progress jsonb;
