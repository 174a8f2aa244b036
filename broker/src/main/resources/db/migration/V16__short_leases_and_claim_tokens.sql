-- Operation claims are short leases renewed by the holder's heartbeat (OperationWorker).
-- claim_token fences a holder whose lease was taken over: an outcome is recorded only while
-- the row still carries the token of the claim that produced it. claimed_by names the
-- replica holding it, for operators (and the takeover test).
ALTER TABLE operation ADD COLUMN claim_token uuid;
ALTER TABLE operation ADD COLUMN claimed_by text;

-- An Idempotency-Key in flight is held the same way: a short lease renewed while its request
-- runs, so a key whose request died (its replica was killed) frees within one lease instead of
-- a fixed minute, and a request that lost its key to a takeover cannot record an answer.
ALTER TABLE idempotency_key ADD COLUMN claim_token uuid;
ALTER TABLE idempotency_key ADD COLUMN lease_until timestamptz;
