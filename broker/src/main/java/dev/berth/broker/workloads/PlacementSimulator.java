package dev.berth.broker.workloads;

import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import dev.berth.broker.governance.Governance;
import dev.berth.broker.quota.QuotaLedger;
import dev.berth.tenants.quota.TenantQuota;
import dev.berth.policies.Decision;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What-if: the admission policies, quota check and placement a create would run, on the
 * current state, with no side effect at all (reads only: the policies are evaluated without
 * the admission record a create leaves for replay). The request id seeding the tie-break is
 * derived from the draft, so the same question asked twice of the same fleet gets the same answer.
 */
@ApplicationScoped
public class PlacementSimulator {

    /**
     * The outcome of a simulation.
     *
     * @param policies          the admission policies' verdict; a denial is the answer whatever quota and fleet say
     * @param monthlyCostMicros what admission would charge the monthly budget on the chosen host (0 without one)
     */
    public record Simulation(Decision policies, boolean quotaOk, String quotaDetail, Admission.Decided decision,
                             long monthlyCostMicros) {
        public boolean fits() {
            return policies.allowed() && quotaOk && decision.host().isPresent();
        }
    }

    private final Database db;
    private final QuotaLedger quota;
    private final Admission admission;
    private final Governance governance;

    PlacementSimulator(Database db, QuotaLedger quota, Admission admission, Governance governance) {
        this.db = db;
        this.quota = quota;
        this.admission = admission;
        this.governance = governance;
    }

    /**
     * Whom a simulation is for: the caller's own tenant, or — platform admins only, REST and
     * gRPC alike — the tenant named. A tenant naming another is refused (403), so it learns
     * nothing about the other's quota, policies or eligible hosts.
     */
    public static String tenantFor(Caller caller, String named) {
        if (named != null && !named.isEmpty() && !named.equals(caller.tenant().orElse(null))) {
            if (!caller.hasRole(Role.PLATFORM_ADMIN)) {
                throw new ForbiddenException();
            }
            return named;
        }
        return caller.requireTenant();
    }

    public Simulation simulate(String tenant, WorkloadDraft draft) {
        // Read-only twin of Admission.admit's first step: a what-if must not land in replay's record.
        Decision policies = governance.evaluateAdmission(tenant, draft);
        // Placed even when denied: where it would otherwise land is cheap to show and useful to know.
        UUID seed = UUID.nameUUIDFromBytes((tenant + "/" + draft).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Admission.Decided decided = admission.decide(tenant, seed, draft);
        TenantQuota current = db.autoCommit(c -> quota.find(c, tenant)).orElse(TenantQuota.none(tenant));
        long charge = decided.monthlyCostMicros();
        String refusal = QuotaLedger.refusal(current, decided.resources(), charge);
        return new Simulation(policies, refusal == null, refusal, decided, charge);
    }
}
