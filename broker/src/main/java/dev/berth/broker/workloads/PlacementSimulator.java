package dev.berth.broker.workloads;

import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.quota.QuotaLedger;
import dev.berth.broker.quota.TenantQuota;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What-if: the quota check and placement a create would run, on the current state, with
 * no side effect at all (reads only). The request id seeding the tie-break is derived from
 * the draft, so the same question asked twice of the same fleet gets the same answer.
 */
@ApplicationScoped
public class PlacementSimulator {

    /**
     * The outcome of a simulation.
     *
     * @param monthlyCostMicros what admission would charge the monthly budget on the chosen host (0 without one)
     */
    public record Simulation(boolean quotaOk, String quotaDetail, Admission.Decided decision, long monthlyCostMicros) {
        public boolean fits() {
            return quotaOk && decision.host().isPresent();
        }
    }

    private final Database db;
    private final QuotaLedger quota;
    private final Admission admission;

    PlacementSimulator(Database db, QuotaLedger quota, Admission admission) {
        this.db = db;
        this.quota = quota;
        this.admission = admission;
    }

    public Simulation simulate(String tenant, WorkloadDraft draft) {
        UUID seed = UUID.nameUUIDFromBytes((tenant + "/" + draft).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Admission.Decided decided = admission.decide(tenant, seed, draft);
        TenantQuota current = db.autoCommit(c -> quota.find(c, tenant)).orElse(TenantQuota.none(tenant));
        long charge = decided.monthlyCostMicros();
        String refusal = QuotaLedger.refusal(current, decided.resources(), charge);
        return new Simulation(refusal == null, refusal, decided, charge);
    }
}
