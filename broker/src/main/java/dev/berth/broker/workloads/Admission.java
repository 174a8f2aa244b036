package dev.berth.broker.workloads;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.events.EventLog;
import dev.berth.broker.governance.Governance;
import dev.berth.broker.governance.GovernanceProblems;
import dev.berth.broker.governance.TenantProfiles;
import dev.berth.broker.hosts.FleetSnapshots;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.idempotency.Recorder;
import dev.berth.broker.images.ImageResolver;
import dev.berth.broker.images.ResolvedImage;
import dev.berth.broker.operations.Operation;
import dev.berth.broker.operations.OperationRepository;
import dev.berth.broker.operations.OperationType;
import dev.berth.placement.engine.FleetIndex;
import dev.berth.placement.HostSnapshot;
import dev.berth.broker.placement.NoFit;
import dev.berth.placement.PlacementDecision;
import dev.berth.placement.PlacementConfig;
import dev.berth.placement.PlacementExplanation;
import dev.berth.placement.plugins.PolicyFilter;
import dev.berth.policies.Decision;
import dev.berth.policies.RuleOutcome;
import dev.berth.placement.PlacementPipeline;
import dev.berth.placement.PlacementRequest;
import dev.berth.tenants.quota.MonthlyCost;
import dev.berth.broker.quota.QuotaLedger;
import dev.berth.broker.security.Caller;
import dev.berth.broker.tenants.TenantGate;
import dev.berth.broker.usage.UsageIntervals;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The create path's decision and commit: place on a snapshot (no lock held while
 * deciding), then one transaction that reserves quota and host capacity with conditional
 * updates and inserts workload, operation, events and the idempotent response. A host
 * reservation lost to a concurrent broker rolls everything back and places again on a
 * fresh snapshot, a bounded number of times — never over-admitting, never failing while
 * room exists elsewhere.
 */
@ApplicationScoped
public class Admission {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final HostRepository hosts;
    /** Field-injected to keep the constructor's long list as it is. */
    @jakarta.inject.Inject
    DriverMinimums minimums;
    private final FleetSnapshots fleets;
    private final TenantProfiles tenantProfiles;
    private final QuotaLedger quota;
    private final WorkloadRepository workloads;
    private final OperationRepository operations;
    private final EventLog events;
    private final PlacementPipeline placement;
    private final KindResolver kinds;
    private final PlacementConfig placementConfig;
    private final Governance governance;
    private final UsageIntervals usage;
    private final TenantGate gate;
    private final ImageResolver images;
    private final int maxPlacementAttempts;

    Admission(Database db, HostRepository hosts, FleetSnapshots fleets, TenantProfiles tenantProfiles, QuotaLedger quota,
              WorkloadRepository workloads, OperationRepository operations, EventLog events, KindResolver kinds,
              PlacementPipeline placement, PlacementConfig placementConfig, Governance governance, UsageIntervals usage,
              TenantGate gate, ImageResolver images,
              @ConfigProperty(name = "berth.placement.max-attempts", defaultValue = "8") int maxPlacementAttempts) {
        this.db = db;
        this.hosts = hosts;
        this.fleets = fleets;
        this.tenantProfiles = tenantProfiles;
        this.quota = quota;
        this.workloads = workloads;
        this.operations = operations;
        this.events = events;
        this.kinds = kinds;
        this.placement = placement;
        this.placementConfig = placementConfig;
        this.governance = governance;
        this.usage = usage;
        this.gate = gate;
        this.images = images;
        this.maxPlacementAttempts = maxPlacementAttempts;
    }

    /** Thrown inside the transaction to roll it back when the chosen host filled up meanwhile. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    public Accepted admit(Caller caller, WorkloadDraft draft, Recorder<Accepted> recorder) {
        // The image first: nothing a tenant typed goes further unresolved, and a refusal stores nothing
        // (not even the admission record the policies leave).
        ResolvedImage image = resolveImage(caller.requireTenant(), draft);
        // Admission policies next: a denial is the answer whatever quota and fleet look like.
        Decision verdict = governance.admit(caller.requireTenant(), draft);
        if (!verdict.allowed()) {
            throw new GovernanceProblems.Denied(verdict.denials());
        }
        UUID workloadId = UUID.randomUUID();
        for (int attempt = 1; ; attempt++) {
            Decided decision = decide(caller.requireTenant(), workloadId, draft, image);
            // A request the chosen host's driver cannot run is the client's to fix: 400, nothing stored.
            decision.host().ifPresent(h -> minimums.check(h.id(), decision.kind(), decision.resources()));
            int thisAttempt = attempt;
            try {
                return db.transaction(c -> commit(c, caller, workloadId, draft, image, decision, thisAttempt, verdict,
                        recorder));
            } catch (LostRace lost) {
                if (attempt >= maxPlacementAttempts) {
                    throw new NoFit(decision.explanation());
                }
            } catch (Database.DatabaseException e) {
                if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw new WorkloadProblems.NameTaken(draft.name());
                }
                throw e;
            }
        }
    }

    /** A kind decided and a host chosen (or not), on one snapshot of the fleet. */
    public record Decided(WorkloadKind kind, String kindReason, Resources resources, PlacementDecision placement) {
        public PlacementExplanation explanation() {
            return placement.explanation();
        }

        public Optional<HostSnapshot> host() {
            return placement.host();
        }

        /** What admission charges the monthly budget: the estimate at the chosen host's prices (0 without a host). */
        public long monthlyCostMicros() {
            return host().map(h -> MonthlyCost.estimate(resources, h.price().microsPerVcpuHour(), h.price().microsPerGiBHour())).orElse(0L);
        }
    }

    /**
     * Decides the kind and places the draft on a fresh snapshot of the fleet; no lock, no
     * side effect. Under {@code auto}, when no host can run the preferred kind, the fallback
     * kind is tried on the same snapshot. The tenant's labels (its profile) go with the
     * request: they say which regions and provider classes it may use.
     */
    public Decided decide(String tenant, UUID workloadId, WorkloadDraft draft) {
        return decide(tenant, workloadId, draft, resolveImage(tenant, draft));
    }

    /** The image resolution step: what the tenant wrote → where it exists and what each host's driver gets. */
    private ResolvedImage resolveImage(String tenant, WorkloadDraft draft) {
        Optional<WorkloadKind> requested = draft.requestedKind() == KindRequest.AUTO ? Optional.empty()
                : Optional.of(WorkloadKind.valueOf(draft.requestedKind().name()));
        return images.resolve(tenant, draft.image(), requested);
    }

    private Decided decide(String tenant, UUID workloadId, WorkloadDraft draft, ResolvedImage image) {
        KindDecision kind = kinds.resolve(draft);
        FleetIndex fleet = fleets.current();
        Map<String, String> tenantLabels = tenantProfiles.labels(tenant);
        // Built once per decision: the placement policies' verdicts are cached per host attribute set;
        // the image's availability (which hosts carry it, as which kind) is one more rule from outside.
        List<PolicyFilter> policies = new java.util.ArrayList<>(governance.placementFilters(tenant, draft));
        policies.add(image.placementFilter());
        PlacementPipeline pipeline = new PlacementPipeline(placementConfig, policies);
        Decided first = place(pipeline, tenant, tenantLabels, workloadId, draft, kind.kind(), kind.reason(), fleet);
        if (first.host().isPresent() || kind.fallback().isEmpty()) {
            return first;
        }
        WorkloadKind other = kind.fallback().get();
        Decided second = place(pipeline, tenant, tenantLabels, workloadId, draft, other,
                kind.reason() + "; no host could take a " + kind.kind().name().toLowerCase() + ", so a "
                        + other.name().toLowerCase(), fleet);
        return second.host().isPresent() ? second : first;
    }

    private Decided place(PlacementPipeline pipeline, String tenant, Map<String, String> tenantLabels, UUID workloadId,
                          WorkloadDraft draft, WorkloadKind kind, String reason, FleetIndex fleet) {
        Resources resources = draft.resourcesAs(kind);
        PlacementRequest request = new PlacementRequest(workloadId, tenant, kind, resources, Set.of())
                .withHints(placementHints(draft)).withTenantLabels(tenantLabels);
        return new Decided(kind, reason, resources, pipeline.place(request, fleet));
    }

    static dev.berth.placement.PlacementHints placementHints(WorkloadDraft draft) {
        PlacementHints h = draft.placement();
        dev.berth.placement.PlacementHints hints = dev.berth.placement.PlacementHints.NONE
                // Strong isolation is met by the kind (a VM), not by host tenancy: no DEDICATED here.
                .withRequiredLabels(h.requiredLabels()).withRegion(h.region()).withZone(h.zone());
        if (h.providerClass() != null) {
            hints = hints.withProviderClass(Host.PUBLIC.equals(h.providerClass())
                    ? HostSnapshot.ProviderClass.PUBLIC : HostSnapshot.ProviderClass.PRIVATE);
        }
        if (h.group() != null) {
            hints = hints.withGroup(h.group(), affinity(h.affinity()), affinity(h.antiAffinity()));
        }
        return hints;
    }

    private static dev.berth.placement.PlacementHints.Affinity affinity(PlacementHints.Preference p) {
        return dev.berth.placement.PlacementHints.Affinity.valueOf(p.name());
    }

    private Accepted commit(Connection c, Caller caller, UUID workloadId, WorkloadDraft draft, ResolvedImage image,
                            Decided decision, int attempt, Decision verdict, Recorder<Accepted> recorder) throws SQLException {
        String tenant = caller.requireTenant();
        // Locked until commit: a suspension cannot slip between this check and the admission.
        gate.requireActive(c, tenant);
        Resources resources = decision.resources();
        // Quota first: "over quota" is the answer the tenant can act on, whatever the fleet looks like.
        // The budget charge depends on the chosen host's prices (none chosen: nothing to charge, no-fit next).
        long charge = decision.monthlyCostMicros();
        quota.reserve(c, tenant, resources, charge);
        HostSnapshot host = decision.host().orElseThrow(() -> new NoFit(decision.explanation()));
        if (!hosts.reserve(c, host.id(), resources)) {
            throw new LostRace();
        }
        Workload workload = new Workload(workloadId, tenant, draft.name(), decision.kind(), decision.kindReason(),
                draft.isolation(), draft.vm(), draft.image(), draft.command(),
                draft.env(), draft.labels(), draft.restartPolicy(), resources, draft.placement(), WorkloadStatus.SCHEDULED,
                "placed on " + host.name(), host.id(), null, true, null, null, charge, decision.explanation().burst(),
                image.on(host.id()), Observation.NONE, Restarts.NONE, new ImagePull(draft.pullPolicy(), null));
        workloads.insert(c, workload);
        // Usage accrues from the moment quota and capacity are held, in this same transaction.
        usage.open(c, workloadId, tenant, decision.kind(), host.id(), resources);
        Operation op = Operation.pending(workloadId, tenant, OperationType.CREATE);
        operations.insert(c, op);
        String actor = caller.username();
        events.append(c, tenant, workloadId, op.id(), actor, "workload.admitted", "quota reserved; kind "
                        + decision.kind().name().toLowerCase() + " (" + decision.kindReason() + ")",
                Map.of("milliCpu", resources.milliCpu(), "memoryMiB", resources.memoryMiB(),
                        "diskGiB", resources.diskGiB(), "kind", decision.kind().name(), "kindReason", decision.kindReason(),
                        "monthlyCostMicros", charge));
        events.append(c, tenant, workloadId, op.id(), actor, "placement.decided",
                "placed on " + host.name() + " (" + decision.explanation().summary() + ", attempt " + attempt + ")",
                decision.explanation().asData());
        events.append(c, tenant, workloadId, op.id(), actor, "workload.status_changed", "SCHEDULED",
                Map.of("status", "SCHEDULED"));
        for (RuleOutcome warning : verdict.warnings()) {
            events.append(c, tenant, workloadId, op.id(), actor, "policy.warned", warning.message(),
                    Map.of("policy", warning.policyId(), "version", warning.policyVersion()));
        }
        for (RuleOutcome finding : verdict.auditFindings()) {
            events.append(c, tenant, workloadId, op.id(), actor, "policy.audit", "would have "
                    + (finding.effect() == dev.berth.policies.PolicyEffect.DENY ? "denied" : "warned") + ": " + finding.message(),
                    Map.of("policy", finding.policyId(), "version", finding.policyVersion()));
        }
        Accepted accepted = new Accepted(
                workloads.find(c, tenant, workloadId, false).orElseThrow(),
                operations.find(c, tenant, op.id()).orElseThrow(),
                verdict.warnings().stream().map(RuleOutcome::message).toList());
        recorder.record(c, accepted);
        return accepted;
    }
}
