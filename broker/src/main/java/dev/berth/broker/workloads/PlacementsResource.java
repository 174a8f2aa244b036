package dev.berth.broker.workloads;

import dev.berth.api.model.PlacementCandidate;
import dev.berth.api.model.PlacementRejection;
import dev.berth.api.model.PlacementSimulation;
import dev.berth.api.model.PlacementSimulationResult;
import dev.berth.api.model.SimulatedPolicies;
import dev.berth.api.rest.PlacementsApi;
import dev.berth.broker.governance.GovernanceProblems;
import dev.berth.placement.PlacementExplanation;
import dev.berth.broker.security.Caller;
import dev.berth.broker.security.CallerResolver;
import dev.berth.tenants.units.Money;
import dev.berth.policies.Decision;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import static dev.berth.broker.security.Role.Names.PLATFORM_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_ADMIN;
import static dev.berth.broker.security.Role.Names.TENANT_USER;

/** {@code POST /v1/placements/simulate}: tenants for themselves, platform admins for any tenant. */
public class PlacementsResource implements PlacementsApi {

    private final SecurityIdentity identity;
    private final CallerResolver callers;
    private final PlacementSimulator simulator;

    PlacementsResource(SecurityIdentity identity, CallerResolver callers, PlacementSimulator simulator) {
        this.identity = identity;
        this.callers = callers;
        this.simulator = simulator;
    }

    @Override
    @RolesAllowed({TENANT_USER, TENANT_ADMIN, PLATFORM_ADMIN})
    public Response simulatePlacement(PlacementSimulation request) {
        Caller caller = callers.resolve(identity);
        String tenant = PlacementSimulator.tenantFor(caller, request.getTenant());
        PlacementSimulator.Simulation s = simulator.simulate(tenant, WorkloadMapper.draft(request.getWorkload()));
        PlacementSimulationResult body = new PlacementSimulationResult()
                .fits(s.fits()).policies(policies(s.policies())).quotaOk(s.quotaOk()).quotaDetail(s.quotaDetail())
                .estimatedMonthlyCost(s.decision().host().isPresent() ? Money.fromMicros(s.monthlyCostMicros()) : null)
                .explanation(toApi(s.decision().explanation()));
        s.decision().host().ifPresent(h -> body.hostId(h.id()).hostName(h.name()));
        return Response.ok(body).build();
    }

    static SimulatedPolicies policies(Decision verdict) {
        return new SimulatedPolicies().allowed(verdict.allowed())
                .denials(verdict.denials().stream().map(GovernanceProblems::violation).toList())
                .warnings(verdict.warnings().stream().map(GovernanceProblems::violation).toList());
    }

    static dev.berth.api.model.PlacementExplanation toApi(PlacementExplanation e) {
        return new dev.berth.api.model.PlacementExplanation()
                .hostsConsidered(e.hostsConsidered())
                .rejections(e.rejections().stream()
                        .map(r -> new PlacementRejection().filter(r.filter()).reason(r.reason()).hosts(r.hosts()).detail(r.detail())).toList())
                .candidates(e.candidates().stream()
                        .map(c -> new PlacementCandidate().hostId(c.hostId()).hostName(c.hostName()).score(c.score())).toList())
                .burst(WorkloadMapper.burst(e.burst()));
    }
}
