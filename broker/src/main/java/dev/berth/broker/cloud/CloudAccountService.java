package dev.berth.broker.cloud;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.hosts.Host;
import dev.berth.broker.hosts.HostDrivers;
import dev.berth.broker.hosts.HostProblems;
import dev.berth.broker.hosts.HostRepository;
import dev.berth.broker.hosts.HostService;
import dev.berth.placement.HostSnapshot;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.provider.aws.PriceCatalogue;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cloud account administration (platform-admin). An account and its targets — one host row
 * per region — change together, in one transaction: a refused request leaves neither an
 * account row nor a host row behind. AWS is called (each new or re-pointed region is probed
 * through {@link HostService#probeNew}, as host registration does) before the transaction
 * opens, so no database lock is held across a network call.
 */
@ApplicationScoped
public class CloudAccountService {

    /** PostgreSQL: unique_violation, check_violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";
    /** Label on every target naming its account, so placement policies and admins can select by it. */
    static final String ACCOUNT_LABEL = "cloud-account";
    static final String PROVIDER_LABEL = "provider";
    private static final int UPDATE_ATTEMPTS = 3;

    private final Database db;
    private final CloudAccountRepository accounts;
    private final HostRepository hosts;
    private final HostService hostService;
    private final HostDrivers drivers;

    CloudAccountService(Database db, CloudAccountRepository accounts, HostRepository hosts, HostService hostService,
                        HostDrivers drivers) {
        this.db = db;
        this.accounts = accounts;
        this.hosts = hosts;
        this.hostService = hostService;
        this.drivers = drivers;
    }

    /** An account with its targets by region. */
    public record View(CloudAccount account, Map<String, Host> targets) {
    }

    /** A region's target as it should be after this request; {@code probed} when AWS was asked. */
    private record Planned(String region, HostConnection connection, Resources capacity, Host.Pricing pricing,
                           Map<String, String> labels, Optional<HostService.Probed> probed) {
    }

    public View create(CloudAccount draft) {
        Map<String, PriceCatalogue.RegionPrices> prices = validate(draft);
        List<Planned> planned = new ArrayList<>();
        for (String region : draft.regions()) {
            planned.add(plan(draft, region, prices.get(region), Optional.empty()));
        }
        try {
            db.transaction(c -> {
                accounts.insert(c, draft);
                for (Planned p : planned) {
                    insertTarget(c, draft, p);
                }
                return null;
            });
        } catch (Database.DatabaseException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new CloudAccountProblems.NameTaken("A cloud account named '" + draft.name()
                        + "', or a host named like one of its targets (" + draft.targetName(draft.regions().get(0))
                        + ", ...), already exists.");
            }
            throw e;
        }
        return get(draft.name());
    }

    public View get(String name) {
        return db.autoCommit(c -> view(c, accounts.find(c, name).orElseThrow(() -> new CloudAccountProblems.NotFound(name))));
    }

    public List<View> page(Optional<String> after, int size) {
        return db.autoCommit(c -> {
            List<View> out = new ArrayList<>();
            for (CloudAccount a : accounts.page(c, after, size)) {
                out.add(view(c, a));
            }
            return out;
        });
    }

    /**
     * Applies {@code change} to the current account. Planned on a read, written under the
     * account's row lock; if someone else changed the account in between, planned again.
     */
    public View update(String name, java.util.function.UnaryOperator<CloudAccount> change) {
        for (int attempt = 1; ; attempt++) {
            View current = get(name);
            CloudAccount next = change.apply(current.account());
            Map<String, PriceCatalogue.RegionPrices> prices = validate(next);
            List<Planned> planned = new ArrayList<>();
            for (String region : next.regions()) {
                planned.add(plan(next, region, prices.get(region), Optional.ofNullable(current.targets().get(region))));
            }
            List<UUID> removed = new ArrayList<>();
            boolean written;
            try {
                written = db.transaction(c -> apply(c, current.account(), next, planned, removed));
            } catch (Database.DatabaseException e) {
                if (CHECK_VIOLATION.equals(e.sqlState())) {
                    // a workload was admitted between our read of the target and the update
                    throw new HostProblems.CapacityBelowAllocation(next.name() + "-<region>");
                }
                if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw new CloudAccountProblems.NameTaken("A host named like a new target of cloud account '"
                            + name + "' already exists.");
                }
                throw e;
            }
            if (written) {
                removed.forEach(drivers::forget);
                return get(name);
            }
            if (attempt >= UPDATE_ATTEMPTS) {
                throw new IllegalStateException("cloud account " + name + " kept changing under the update");
            }
        }
    }

    /** Removes the account and every target; refused, with nothing removed, while any target runs workloads. */
    public void delete(String name) {
        List<UUID> removed = new ArrayList<>();
        db.transaction(c -> {
            accounts.lock(c, name).orElseThrow(() -> new CloudAccountProblems.NotFound(name));
            for (Map.Entry<String, Host> target : hosts.cloudTargets(c, name).entrySet()) {
                removeTarget(c, name, target.getKey(), target.getValue(), removed);
            }
            accounts.delete(c, name);
            return null;
        });
        removed.forEach(drivers::forget);
    }

    private boolean apply(Connection c, CloudAccount before, CloudAccount next, List<Planned> planned, List<UUID> removed)
            throws SQLException {
        CloudAccount locked = accounts.lock(c, next.name()).orElseThrow(() -> new CloudAccountProblems.NotFound(next.name()));
        if (!locked.updatedAt().equals(before.updatedAt())) {
            return false;
        }
        Map<String, Host> targets = hosts.cloudTargets(c, next.name());
        for (Map.Entry<String, Host> target : targets.entrySet()) {
            if (!next.regions().contains(target.getKey())) {
                removeTarget(c, next.name(), target.getKey(), target.getValue(), removed);
            }
        }
        for (Planned p : planned) {
            Host existing = targets.get(p.region());
            if (existing == null) {
                insertTarget(c, next, p);
                continue;
            }
            if (p.probed().isPresent()) {
                HostService.Probed probed = p.probed().get();
                hosts.updateConnection(c, existing.id(), p.connection().options(),
                        probed.inventory().supportedKinds(), probed.inventory().version());
                hosts.recordHealth(c, existing.id(), probed.status(), probed.health().detail());
            }
            if (!fits(p.capacity(), existing) || existing.instances() > next.limits().maxInstances()) {
                // The host table's CHECKs are the guarantee; this names the target in the answer.
                throw new HostProblems.CapacityBelowAllocation(existing.name());
            }
            hosts.updateSizing(c, existing.id(), p.capacity(), existing.overcommit(), p.labels(), p.pricing(), true);
            hosts.updateInstanceLimit(c, existing.id(), next.limits().maxInstances());
        }
        accounts.update(c, next);
        return true;
    }

    private static boolean fits(Resources capacity, Host target) {
        Resources allocated = target.allocated();
        Host.Overcommit ratio = target.overcommit();
        return limit(capacity.milliCpu(), ratio.cpu()) >= allocated.milliCpu()
                && limit(capacity.memoryMiB(), ratio.memory()) >= allocated.memoryMiB()
                && limit(capacity.diskGiB(), ratio.disk()) >= allocated.diskGiB();
    }

    /** As the host table computes its limits: floor(capacity × overcommit). */
    private static long limit(long capacity, java.math.BigDecimal ratio) {
        return java.math.BigDecimal.valueOf(capacity).multiply(ratio).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    private void removeTarget(Connection c, String account, String region, Host target, List<UUID> removed)
            throws SQLException {
        int live = hosts.deleteIfUnused(c, target.id());
        if (live > 0) {
            throw new CloudAccountProblems.InUse(account, region, live);
        }
        removed.add(target.id());
    }

    private void insertTarget(Connection c, CloudAccount account, Planned p) throws SQLException {
        HostService.Probed probed = p.probed().orElseThrow();
        Host host = new Host(UUID.randomUUID(), account.targetName(p.region()), p.connection().driver(),
                p.connection().endpoint(), p.connection().options(), p.labels(), Host.PUBLIC, p.pricing(),
                probed.inventory().supportedKinds(), probed.inventory().version(), p.capacity(), Host.Overcommit.NONE,
                p.capacity(), Resources.ZERO, 0, account.limits().maxInstances(), false, probed.status(), probed.health().detail(), OffsetDateTime.now(),
                null, null, true);
        hosts.insert(c, host);
        hosts.linkCloudTarget(c, host.id(), account.name(), p.region());
    }

    /**
     * What a region's target should look like. AWS is asked (probe and inventory) for a new
     * region and for one whose driver connection changes (limits are driver options, so a
     * change of limits does); a change of prices or labels alone does not call AWS.
     */
    private Planned plan(CloudAccount account, String region, PriceCatalogue.RegionPrices prices, Optional<Host> existing) {
        TargetCapacity.Sized size = TargetCapacity.of(account.limits(), prices);
        HostConnection connection = TargetOptions.connection(account, region, size);
        Optional<HostService.Probed> probed = existing.isPresent() && existing.get().connection().equals(connection)
                ? Optional.empty() : Optional.of(probe(account, region, connection));
        boolean runsVms = probed.map(p -> p.inventory().supportedKinds())
                .orElseGet(() -> existing.orElseThrow().supportedKinds()).contains(WorkloadKind.VM);
        return new Planned(region, connection, size.capacity(), TargetPricing.of(prices, runsVms),
                labels(account, region), probed);
    }

    private HostService.Probed probe(CloudAccount account, String region, HostConnection connection) {
        try {
            return hostService.probeNew(connection, null);
        } catch (HostProblems.EndpointRefused e) {
            // The only endpoint an account names is its override; the target's own is aws://<region>.
            throw new HostProblems.EndpointRefused("settings.endpointOverride", e.reason());
        } catch (HostProblems.Unreachable e) {
            throw new CloudAccountProblems.RegionUnreachable(account.name(), region, e.reference());
        }
    }

    private static Map<String, String> labels(CloudAccount account, String region) {
        Map<String, String> labels = new LinkedHashMap<>(account.labels());
        labels.put(HostSnapshot.REGION_LABEL, region);
        labels.put(PROVIDER_LABEL, account.provider());
        labels.put(ACCOUNT_LABEL, account.name());
        return labels;
    }

    /**
     * The checks the schema cannot make; returns each region's prices. Credentials first: a
     * pasted key is refused before anything else looks at the request.
     */
    private static Map<String, PriceCatalogue.RegionPrices> validate(CloudAccount account) {
        CredentialsCheck.reference(account.credentials(), account.externalId());
        if (new HashSet<>(account.regions()).size() != account.regions().size()) {
            throw new InvalidRequest("regions", "lists a region more than once");
        }
        if (new HashSet<>(account.settings().kinds()).size() != account.settings().kinds().size()) {
            throw new InvalidRequest("settings.kinds", "lists a kind more than once");
        }
        PriceCatalogue catalogue;
        try {
            catalogue = account.catalogue().map(json -> PriceCatalogue.parse(json, "catalogue"))
                    .orElseGet(PriceCatalogue::defaults);
        } catch (ProviderException.Permanent e) {
            throw new InvalidRequest("catalogue", e.getMessage());
        }
        Map<String, PriceCatalogue.RegionPrices> prices = new LinkedHashMap<>();
        for (String region : account.regions()) {
            prices.put(region, catalogue.region(region).orElseThrow(() -> new InvalidRequest("catalogue",
                    "has no prices for region " + region + " (it prices " + catalogue.regions() + ")"
                            + (account.catalogue().isEmpty() ? "; give the account a catalogue that does" : ""))));
        }
        return prices;
    }

    private View view(Connection c, CloudAccount account) throws SQLException {
        return new View(account, hosts.cloudTargets(c, account.name()));
    }
}
