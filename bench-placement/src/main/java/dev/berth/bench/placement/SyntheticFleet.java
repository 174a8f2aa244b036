package dev.berth.bench.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import dev.berth.placement.HostSnapshot;
import dev.berth.placement.HostSnapshot.HealthStatus;
import dev.berth.placement.HostSnapshot.Price;
import dev.berth.placement.HostSnapshot.ProviderClass;
import dev.berth.placement.PlacementHints;
import dev.berth.placement.PlacementHints.Affinity;
import dev.berth.placement.PlacementRequest;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;

/**
 * A seeded, realistic-looking fleet and request stream. Shapes (all per host, independent):
 * <ul>
 *   <li>regions eu-west 50 %, eu-central 30 %, us-east 20 %; three zones each;</li>
 *   <li>80 % private (free), 20 % public with prices 20–50 k µ/vCPU-h, 2–6 k µ/GiB-h;</li>
 *   <li>kinds: 70 % container only, 20 % container + VM, 10 % VM only;</li>
 *   <li>sizes 16/32/64/128 vCPU, 4 GiB per vCPU, CPU overcommit 4x on containers hosts;</li>
 *   <li>load: 60 % at 30–80 %, 20 % at 80–100 %, 15 % under 30 %, 5 % empty;</li>
 *   <li>2 % cordoned, 1 % unhealthy; 3 % dedicated to a tenant, 5 % restricted to a tenant pool;</li>
 *   <li>labels tier=gold/silver/bronze and disk=ssd/hdd; 12 % run 1–3 members of a tenant group.</li>
 * </ul>
 * Requests: 0.25–8 vCPU, 0.5–16 GiB; 60 % without hints, 20 % pinned to a region, 10 % in a
 * group (hard or soft anti-affinity), 10 % requiring tier=gold; 20 % VMs.
 */
final class SyntheticFleet {

    static final String[] TENANTS = {"acme", "globex", "initech", "umbrella", "hooli"};
    private static final String[] TIERS = {"gold", "silver", "bronze"};

    private SyntheticFleet() {
    }

    static List<HostSnapshot> hosts(int n, long seed) {
        Random r = new Random(seed);
        List<HostSnapshot> hosts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(100);
            String region = roll < 50 ? "eu-west" : roll < 80 ? "eu-central" : "us-east";
            boolean cloud = r.nextInt(100) < 20;
            int kinds = r.nextInt(100);
            Set<WorkloadKind> supported = kinds < 70 ? Set.of(WorkloadKind.CONTAINER)
                    : kinds < 90 ? Set.of(WorkloadKind.CONTAINER, WorkloadKind.VM) : Set.of(WorkloadKind.VM);
            long vcpu = 16L << r.nextInt(4);
            long overcommit = supported.contains(WorkloadKind.VM) ? 1 : 4;
            Resources allocatable = new Resources(vcpu * 1000 * overcommit, vcpu * 4096, vcpu * 50);
            double load = load(r);
            Resources allocated = new Resources((long) (allocatable.milliCpu() * load),
                    (long) (allocatable.memoryMiB() * Math.min(1, load * (0.8 + 0.4 * r.nextDouble()))),
                    (long) (allocatable.diskGiB() * load * 0.5));
            Map<String, String> labels = new HashMap<>();
            labels.put("tier", TIERS[r.nextInt(3)]);
            labels.put("disk", r.nextBoolean() ? "ssd" : "hdd");
            int tenancy = r.nextInt(100);
            if (tenancy < 3) {
                labels.put("dedicated-to", TENANTS[r.nextInt(TENANTS.length)]);
            } else if (tenancy < 8) {
                labels.put("tenants", TENANTS[r.nextInt(TENANTS.length)] + "," + TENANTS[r.nextInt(TENANTS.length)]);
            }
            Map<String, Integer> groups = r.nextInt(100) < 12
                    ? Map.of(TENANTS[r.nextInt(TENANTS.length)] + "/web-" + r.nextInt(20), 1 + r.nextInt(3)) : Map.of();
            hosts.add(new HostSnapshot(new UUID(seed, i), "host-" + i, supported, r.nextInt(100) < 2,
                    r.nextInt(100) < 1 ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY, allocatable, allocated, labels,
                    region, region + "-" + (char) ('a' + r.nextInt(3)), cloud ? ProviderClass.PUBLIC : ProviderClass.PRIVATE,
                    cloud ? new Price(20_000 + r.nextInt(30_000), 2_000 + r.nextInt(4_000)) : Price.FREE, groups));
        }
        return hosts;
    }

    private static double load(Random r) {
        int roll = r.nextInt(100);
        if (roll < 5) {
            return 0;
        }
        if (roll < 20) {
            return 0.3 * r.nextDouble();
        }
        if (roll < 80) {
            return 0.3 + 0.5 * r.nextDouble();
        }
        return 0.8 + 0.2 * r.nextDouble();
    }

    static PlacementRequest[] requests(int n, long seed) {
        Random r = new Random(seed);
        PlacementRequest[] out = new PlacementRequest[n];
        for (int i = 0; i < n; i++) {
            long cpu = 250L << r.nextInt(6);
            Resources want = new Resources(cpu, 512L << r.nextInt(6), r.nextInt(20));
            PlacementHints hints = PlacementHints.NONE;
            int roll = r.nextInt(100);
            if (roll < 20) {
                hints = hints.withRegion(r.nextBoolean() ? "eu-west" : "eu-central");
            } else if (roll < 30) {
                hints = hints.withGroup("web-" + r.nextInt(20), Affinity.NONE, r.nextBoolean() ? Affinity.HARD : Affinity.SOFT);
            } else if (roll < 40) {
                hints = hints.withRequiredLabels(Map.of("tier", "gold"));
            }
            WorkloadKind kind = r.nextInt(100) < 20 ? WorkloadKind.VM : WorkloadKind.CONTAINER;
            out[i] = new PlacementRequest(new UUID(r.nextLong(), r.nextLong()), TENANTS[r.nextInt(TENANTS.length)], kind,
                    want, Set.of()).withHints(hints);
        }
        return out;
    }
}
