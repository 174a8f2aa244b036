package dev.berth.provider.aws;

import dev.berth.provider.spi.ActualState;
import dev.berth.provider.spi.HostHealth;
import dev.berth.provider.spi.HostInventory;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadLocks;
import dev.berth.provider.spi.WorkloadSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * One AWS account-region as a placement target: VMs on EC2 ({@link Ec2Vms}), containers on
 * ECS Fargate ({@link FargateContainers}), as the host option {@code kinds} allows. An elastic
 * host: its capacity is the account's limits (options {@code maxVcpu}, {@code maxMemoryMiB};
 * {@code maxInstances} is reported as a fact), not a machine's size. Thread-safe; mutations
 * of one workload are serialised inside the driver ({@link WorkloadLocks}).
 *
 * <p>Whether a workload id is a VM or a container is looked up on AWS (EC2 first) and then
 * remembered, since a workload never changes kind.
 */
public class AwsDriver implements ProviderDriver {

    final AwsOptions options;
    final AwsClients clients;
    final Ec2Vms vms;
    final FargateContainers containers;
    final WorkloadLocks locks = new WorkloadLocks();
    private final Map<UUID, WorkloadKind> kinds = new ConcurrentHashMap<>();

    AwsDriver(AwsOptions options, AwsClients clients) {
        this.options = options;
        this.clients = clients;
        AwsErrors errors = new AwsErrors(options.target());
        Polling polling = new Polling(options.waits().pollInterval());
        this.vms = new Ec2Vms(options, clients.ec2,
                new AmiResolver(options.amis(), clients.ssm, errors, Clock.systemUTC()), errors, polling);
        this.containers = new FargateContainers(options, clients.ecs,
                new EcsTaskDefinitions(options, clients.ecs, errors), errors, polling);
    }

    /**
     * The account's limits as capacity (disk 0 = not limited by Berth), checked against AWS:
     * the availability zones (VMs) and the ECS cluster (containers) are read, so a wrong
     * region, credentials reference or cluster fails here, at registration.
     */
    @Override
    public HostInventory inventory() {
        AwsErrors errors = new AwsErrors(options.target());
        Map<String, String> facts = new TreeMap<>();
        facts.put("provider", "aws");
        facts.put("region", options.region());
        facts.put("credentials", options.credentials().toString());
        facts.put("maxInstances", String.valueOf(options.limits().maxInstances()));
        facts.put("instanceTypes", String.valueOf(options.prices().instanceTypes().size()));
        if (options.supports(WorkloadKind.VM)) {
            try {
                facts.put("zones", String.join(",", clients.ec2.describeAvailabilityZones().availabilityZones().stream()
                        .map(AvailabilityZone::zoneName).toList()));
            } catch (RuntimeException e) {
                throw errors.classify("describe availability zones", e);
            }
        }
        if (options.supports(WorkloadKind.CONTAINER)) {
            List<Cluster> clusters;
            try {
                clusters = clients.ecs.describeClusters(r -> r.clusters(options.cluster())).clusters();
            } catch (RuntimeException e) {
                throw errors.classify("describe cluster " + options.cluster(), e);
            }
            facts.put("cluster", cluster(clusters));
        }
        AwsOptions.AccountLimits limits = options.limits();
        return new HostInventory(new Resources(limits.maxVcpu() * 1000L, limits.maxMemoryMiB(), 0), options.kinds(),
                "AWS SDK for Java " + VersionInfo.SDK_VERSION, facts);
    }

    /** One cheap call per enabled kind (no retries, short timeout): the zones of EC2, the cluster of ECS. */
    @Override
    public HostHealth probe() {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        List<String> ok = new ArrayList<>();
        try {
            if (options.supports(WorkloadKind.VM)) {
                int zones = clients.probeEc2.describeAvailabilityZones().availabilityZones().size();
                ok.add("EC2 answered (" + zones + " zones)");
            }
            if (options.supports(WorkloadKind.CONTAINER)) {
                var clusters = clients.probeEcs.describeClusters(r -> r.clusters(options.cluster())).clusters();
                ok.add("ECS cluster " + cluster(clusters));
            }
            return new HostHealth(true, String.join("; ", ok), elapsed(started), checkedAt);
        } catch (RuntimeException e) {
            return new HostHealth(false, options.target() + ": " + AwsErrors.reason(e), elapsed(started), checkedAt);
        }
    }

    @Override
    public ActualState provision(WorkloadSpec spec) {
        if (!options.supports(spec.kind())) {
            throw new ProviderException.Permanent(options.target() + " is configured for " + options.kinds()
                    + " only, not " + spec.kind(), null);
        }
        return locks.with(spec.workloadId(), () -> {
            ActualState state = spec.kind() == WorkloadKind.VM ? vms.provision(spec) : containers.provision(spec);
            kinds.put(spec.workloadId(), spec.kind());
            return state;
        });
    }

    @Override
    public void start(UUID workloadId) {
        locks.with(workloadId, () -> {
            if (kindOf(workloadId, "start") == WorkloadKind.VM) {
                vms.start(workloadId);
            } else {
                containers.start(workloadId);
            }
        });
    }

    @Override
    public void stop(UUID workloadId, Duration grace) {
        locks.with(workloadId, () -> {
            if (kindOf(workloadId, "stop") == WorkloadKind.VM) {
                vms.stop(workloadId);
            } else {
                containers.stop(workloadId);
            }
        });
    }

    @Override
    public void restart(UUID workloadId, Duration grace) {
        locks.with(workloadId, () -> {
            if (kindOf(workloadId, "restart") == WorkloadKind.VM) {
                vms.restart(workloadId);
            } else {
                containers.restart(workloadId);
            }
        });
    }

    /** Deletes on both sides when the kind is not known: each is a no-op where nothing exists. */
    @Override
    public void delete(UUID workloadId) {
        locks.with(workloadId, () -> {
            WorkloadKind known = kinds.get(workloadId);
            if (options.supports(WorkloadKind.VM) && known != WorkloadKind.CONTAINER) {
                vms.delete(workloadId);
            }
            if (options.supports(WorkloadKind.CONTAINER) && known != WorkloadKind.VM) {
                containers.delete(workloadId);
            }
            kinds.remove(workloadId);
        });
    }

    @Override
    public Optional<ActualState> describe(UUID workloadId) {
        WorkloadKind known = kinds.get(workloadId);
        if (options.supports(WorkloadKind.VM) && known != WorkloadKind.CONTAINER) {
            Optional<ActualState> vm = vms.describe(workloadId);
            if (vm.isPresent() || known == WorkloadKind.VM) {
                return vm;
            }
        }
        if (options.supports(WorkloadKind.CONTAINER)) {
            return containers.describe(workloadId);
        }
        return Optional.empty();
    }

    @Override
    public List<ActualState> list() {
        List<ActualState> all = new ArrayList<>();
        if (options.supports(WorkloadKind.VM)) {
            all.addAll(vms.list());
        }
        if (options.supports(WorkloadKind.CONTAINER)) {
            all.addAll(containers.list());
        }
        return all;
    }

    @Override
    public void close() {
        clients.close();
    }

    /** VM or container, from memory or from AWS; NotFound if the workload is on neither. */
    WorkloadKind kindOf(UUID workloadId, String action) {
        WorkloadKind known = kinds.get(workloadId);
        if (known != null) {
            return known;
        }
        WorkloadKind found = null;
        if (options.supports(WorkloadKind.VM) && vms.find(workloadId).isPresent()) {
            found = WorkloadKind.VM;
        } else if (options.supports(WorkloadKind.CONTAINER) && containers.exists(workloadId)) {
            found = WorkloadKind.CONTAINER;
        }
        if (found == null) {
            throw new ProviderException.NotFound(options.target() + ": " + action + " "
                    + WorkloadSpec.providerName(workloadId) + ": no such instance or task definition", null);
        }
        kinds.put(workloadId, found);
        return found;
    }

    private String cluster(List<Cluster> clusters) {
        Cluster cluster = clusters.stream().filter(c -> "ACTIVE".equals(c.status())).findFirst()
                .orElseThrow(() -> new ProviderException.Permanent(options.target() + ": ECS cluster "
                        + options.cluster() + " does not exist or is not active", null));
        return cluster.clusterName() + " " + cluster.status();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
