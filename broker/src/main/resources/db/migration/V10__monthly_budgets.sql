-- Monthly cost budgets (a quota dimension) and cloud bursting on the workload row.
--
-- Money is in micro-units of the hosts' price currency (USD by convention; 1 = 0.000001),
-- exact integers like milli-CPU. A tenant without a budget (NULL) is unlimited.
ALTER TABLE tenant_quota ADD COLUMN limit_monthly_cost_micros bigint CHECK (limit_monthly_cost_micros >= 0);
ALTER TABLE tenant_quota ADD COLUMN used_monthly_cost_micros bigint NOT NULL DEFAULT 0
    CHECK (used_monthly_cost_micros >= 0);
ALTER TABLE quota_class ADD COLUMN limit_monthly_cost_micros bigint CHECK (limit_monthly_cost_micros >= 0);

-- What admission charged the tenant's budget for this workload (its estimated monthly cost
-- at the chosen host's prices): release refunds exactly this, whatever the host's prices
-- have become since.
ALTER TABLE workload ADD COLUMN monthly_cost_micros bigint NOT NULL DEFAULT 0 CHECK (monthly_cost_micros >= 0);
-- Why placement put the workload on a public host it did not ask for, as the placement
-- explanation said it ({reason, privateUtilisation, threshold}); NULL: it did not burst.
ALTER TABLE workload ADD COLUMN burst jsonb;

-- Workloads holding resources now are charged as admission would have charged them, at
-- their host's current prices (730 hours a month, rounded up to a whole micro-unit), so a
-- budget set later sees them and their release refunds what is recorded here.
UPDATE workload w
SET monthly_cost_micros = ceil(730 * 1000000 * (w.milli_cpu * h.price_vcpu_hour / 1000
                                                + w.memory_mib * h.price_memory_gib_hour / 1024))::bigint
FROM host h
WHERE h.id = w.host_id AND w.holds_resources;

UPDATE tenant_quota q
SET used_monthly_cost_micros = s.total
FROM (SELECT tenant, sum(monthly_cost_micros) AS total FROM workload WHERE holds_resources GROUP BY tenant) s
WHERE s.tenant = q.tenant;
