package dev.berth.provider.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What AWS charges, per region: EC2 instance types (vCPU, memory, On-Demand USD per hour) and
 * Fargate's per-vCPU-hour and per-GiB-hour prices, plus the AMI of each OS family. The driver
 * uses it to pick the cheapest instance type that fits a workload; the broker can use it to
 * estimate what a workload costs ({@link RegionPrices#hourlyUsd}). The default is
 * {@code deploy/aws/catalogue.json}, bundled into this jar at build time; a host overrides it
 * with the option {@code priceCatalogue} (same format).
 *
 * <pre>{@code
 * {"currency": "USD",
 *  "regions": {"us-east-1": {"instanceTypes": [{"name": "t3.micro", "vcpu": 2, "memoryMiB": 1024,
 *                                               "hourlyUsd": 0.0104, "architecture": "x86_64"}],
 *                            "fargate": {"vcpuHourUsd": 0.04048, "gibHourUsd": 0.004445},
 *                            "amis": {"debian-12": "ami-0123456789abcdef0"}}},
 *  "amis": {"amazon-linux-2023": "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"}}
 * }</pre>
 * {@code architecture} defaults to {@code x86_64}; a region's {@code amis} win over the top-level ones.
 */
public final class PriceCatalogue {

    /** Where the build puts deploy/aws/catalogue.json inside this jar. */
    static final String DEFAULT_RESOURCE = "/dev/berth/provider/aws/catalogue.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");

    /** One instance type: its size, price and CPU architecture. */
    public record InstanceType(String name, int vcpu, long memoryMiB, BigDecimal hourlyUsd, String architecture) {

        boolean fits(Resources wanted) {
            return vcpu * 1000L >= wanted.milliCpu() && memoryMiB >= wanted.memoryMiB();
        }

        /** The size the instance really has: whole vCPUs and the type's memory; disk is the root volume's. */
        Resources size(long rootVolumeGiB) {
            return new Resources(vcpu * 1000L, memoryMiB, rootVolumeGiB);
        }
    }

    /** Fargate's Linux/x86 prices. */
    public record FargatePrices(BigDecimal vcpuHourUsd, BigDecimal gibHourUsd) {

        /** What a task of this size costs per hour. */
        public BigDecimal hourlyUsd(FargateSize size) {
            return vcpuHourUsd.multiply(BigDecimal.valueOf(size.cpuUnits()))
                    .divide(BigDecimal.valueOf(1024))
                    .add(gibHourUsd.multiply(BigDecimal.valueOf(size.memoryMiB())).divide(BigDecimal.valueOf(1024)));
        }
    }

    /** One region's prices and AMI mapping. */
    public record RegionPrices(String region, List<InstanceType> instanceTypes, Optional<FargatePrices> fargate,
                               Map<String, String> amis) {

        public RegionPrices {
            instanceTypes = List.copyOf(instanceTypes);
            amis = Map.copyOf(amis);
        }

        /**
         * The instance types that fit {@code wanted} on {@code architecture}, cheapest first (ties:
         * fewer vCPUs, less memory, then by name, so the order is stable). This is the order the
         * driver tries them in when EC2 lacks capacity for one.
         */
        public List<InstanceType> fitting(Resources wanted, String architecture) {
            return instanceTypes.stream()
                    .filter(type -> type.architecture().equals(architecture) && type.fits(wanted))
                    .sorted(Comparator.comparing(InstanceType::hourlyUsd)
                            .thenComparingInt(InstanceType::vcpu)
                            .thenComparingLong(InstanceType::memoryMiB)
                            .thenComparing(InstanceType::name))
                    .toList();
        }

        public Optional<InstanceType> type(String name) {
            return instanceTypes.stream().filter(type -> type.name().equals(name)).findFirst();
        }

        /**
         * Estimated On-Demand USD per hour of a workload of this size: the cheapest fitting
         * x86_64 instance type for a VM, the smallest Fargate task size for a container. Empty
         * when nothing in the catalogue fits. EBS and data transfer are not included.
         */
        public Optional<BigDecimal> hourlyUsd(WorkloadKind kind, Resources wanted) {
            if (kind == WorkloadKind.VM) {
                return fitting(wanted, "x86_64").stream().findFirst().map(InstanceType::hourlyUsd);
            }
            return fargate.flatMap(prices -> FargateSize.fit(wanted).map(prices::hourlyUsd));
        }

        /** The most memory per vCPU of any type: what the account's vCPU limit is worth in memory. */
        long largestMemoryPerVcpuMiB() {
            return instanceTypes.stream().mapToLong(type -> type.memoryMiB() / type.vcpu()).max().orElse(8192);
        }
    }

    private final Map<String, RegionPrices> regions;

    private PriceCatalogue(Map<String, RegionPrices> regions) {
        this.regions = Map.copyOf(regions);
    }

    /** The catalogue shipped with Berth (deploy/aws/catalogue.json). */
    public static PriceCatalogue defaults() {
        try (InputStream in = PriceCatalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the AWS provider jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the built-in catalogue");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a catalogue document; {@code source} names it in error messages. Malformed → Permanent. */
    public static PriceCatalogue parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(source, "is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("regions").isObject()) {
            throw invalid(source, "needs an object 'regions' of region name → prices");
        }
        String currency = root.path("currency").asText("USD");
        if (!currency.equals("USD")) {
            throw invalid(source, "prices must be in USD, got " + currency);
        }
        Map<String, String> sharedAmis = amis(root.path("amis"), source);
        Map<String, RegionPrices> regions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("regions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> region = it.next();
            Map<String, String> amis = new LinkedHashMap<>(sharedAmis);
            amis.putAll(amis(region.getValue().path("amis"), source));
            regions.put(region.getKey(), new RegionPrices(region.getKey(),
                    instanceTypes(region.getValue().path("instanceTypes"), source + " region " + region.getKey()),
                    fargate(region.getValue().path("fargate"), source + " region " + region.getKey()), amis));
        }
        return new PriceCatalogue(regions);
    }

    public Optional<RegionPrices> region(String region) {
        return Optional.ofNullable(regions.get(region));
    }

    public Set<String> regions() {
        return new TreeSet<>(regions.keySet());
    }

    Map<String, String> amis(String region) {
        return region(region).map(RegionPrices::amis).orElse(Map.of());
    }

    private static List<InstanceType> instanceTypes(JsonNode node, String source) {
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(source, "needs a non-empty array 'instanceTypes'");
        }
        List<InstanceType> types = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode type : node) {
            String name = type.path("name").asText("");
            if (!TYPE_NAME.matcher(name).matches() || !names.add(name)) {
                throw invalid(source, "has a missing, malformed or repeated instance type name '" + name + "'");
            }
            int vcpu = type.path("vcpu").asInt(0);
            long memory = type.path("memoryMiB").asLong(0);
            BigDecimal price = type.path("hourlyUsd").isNumber() ? type.path("hourlyUsd").decimalValue() : null;
            if (vcpu <= 0 || memory <= 0 || price == null || price.signum() < 0) {
                throw invalid(source, "instance type " + name + " needs vcpu > 0, memoryMiB > 0 and hourlyUsd >= 0");
            }
            String architecture = type.path("architecture").asText("x86_64");
            types.add(new InstanceType(name, vcpu, memory, price, architecture));
        }
        return types;
    }

    private static Optional<FargatePrices> fargate(JsonNode node, String source) {
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        JsonNode vcpu = node.path("vcpuHourUsd");
        JsonNode gib = node.path("gibHourUsd");
        if (!vcpu.isNumber() || !gib.isNumber() || vcpu.decimalValue().signum() < 0 || gib.decimalValue().signum() < 0) {
            throw invalid(source, "fargate needs vcpuHourUsd >= 0 and gibHourUsd >= 0");
        }
        return Optional.of(new FargatePrices(vcpu.decimalValue(), gib.decimalValue()));
    }

    private static Map<String, String> amis(JsonNode node, String source) {
        Map<String, String> amis = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return amis;
        }
        if (!node.isObject()) {
            throw invalid(source, "'amis' must be an object of OS family → ami-… or ssm:/parameter");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> ami = it.next();
            if (!AmiResolver.isImageSource(ami.getValue().asText(""))) {
                throw invalid(source, "AMI of " + ami.getKey() + " must be ami-… or ssm:/parameter, got '"
                        + ami.getValue().asText() + "'");
            }
            amis.put(ami.getKey(), ami.getValue().asText());
        }
        return amis;
    }

    private static ProviderException.Permanent invalid(String source, String why) {
        return new ProviderException.Permanent("price catalogue (" + source + ") " + why, null);
    }
}
