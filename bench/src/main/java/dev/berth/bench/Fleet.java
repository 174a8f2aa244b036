package dev.berth.bench;

import dev.berth.policies.context.HostContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic fleet with a realistic label spread: 6 regions x 3 zones x 2 tiers, mostly
 * private hosts with a public-cloud share, every host with its own id and name. Seeded, so
 * every run sees the same fleet.
 */
final class Fleet {

    static final List<String> REGIONS = List.of(
            "eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1", "sa-east-1");
    static final List<String> TIERS = List.of("standard", "gpu");

    private Fleet() {
    }

    static List<HostContext> of(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HostContext> hosts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            String zone = region + "abc".charAt(random.nextInt(3));
            String tier = random.nextInt(10) < 8 ? TIERS.get(0) : TIERS.get(1);
            boolean publicCloud = random.nextInt(10) < 2;
            hosts.add(new HostContext("host-" + i, "node-" + i, publicCloud ? "aws" : "docker",
                    publicCloud ? "public" : "private", region, zone, Map.of("tier", tier, "rack", "r" + (i % 40))));
        }
        return hosts;
    }
}
