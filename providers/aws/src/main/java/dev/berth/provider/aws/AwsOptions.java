package dev.berth.provider.aws;

import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderException;
import dev.berth.provider.spi.WorkloadKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One AWS account-region's settings, parsed and validated once when the driver opens. The
 * host endpoint is {@code aws://<region>}; everything else is an option (see the module
 * README for the table). Only references to credentials are accepted, never keys.
 *
 * @param region          from the endpoint {@code aws://<region>}
 * @param credentials     option {@code credentials}: {@code default} | {@code profile:<name>} | {@code role:<arn>}
 * @param endpointOverride option {@code endpointOverride}: one URL for every AWS service (tests: the local emulator), parsed and checked
 * @param kinds           option {@code kinds}: comma list of {@code vm}, {@code container}; default both
 * @param subnetIds       option {@code subnetIds}: EC2 tries them in order when a zone lacks capacity; Fargate needs at least one
 * @param securityGroupIds option {@code securityGroupIds}
 * @param cluster         option {@code cluster}: ECS cluster of the Fargate tasks, default {@code default}
 * @param assignPublicIp  option {@code assignPublicIp}: Fargate tasks get a public IP, default false
 * @param amis            option {@code amis}: {@code family=ami-…|ssm:/param,…}, over the catalogue's mapping
 * @param catalogue       option {@code priceCatalogue} (JSON, format of deploy/aws/catalogue.json), default the built-in one
 * @param limits          options {@code maxVcpu}, {@code maxInstances}, {@code maxMemoryMiB}
 * @param instanceProfile option {@code instanceProfile}: IAM instance profile name or ARN for VMs
 * @param keyName         option {@code keyName}: EC2 key pair for VMs
 * @param executionRoleArn option {@code executionRoleArn}: ECS task execution role (private registries, logs)
 * @param calls           retry and timeout settings of every SDK call
 * @param waits           how the driver waits for AWS state changes
 */
record AwsOptions(String region, CredentialsReference credentials, Optional<EndpointOverride> endpointOverride,
                  Set<WorkloadKind> kinds, List<String> subnetIds, List<String> securityGroupIds, String cluster,
                  boolean assignPublicIp, Map<String, String> amis, PriceCatalogue catalogue, AccountLimits limits,
                  Optional<String> instanceProfile, Optional<String> keyName, Optional<String> executionRoleArn,
                  CallSettings calls, WaitSettings waits) {

    static final String SCHEME = "aws";

    static final String CREDENTIALS = "credentials";
    static final String EXTERNAL_ID = "externalId";
    static final String ENDPOINT_OVERRIDE = "endpointOverride";
    static final String KINDS = "kinds";
    static final String SUBNET_IDS = "subnetIds";
    static final String SECURITY_GROUP_IDS = "securityGroupIds";
    static final String CLUSTER = "cluster";
    static final String ASSIGN_PUBLIC_IP = "assignPublicIp";
    static final String AMIS = "amis";
    static final String PRICE_CATALOGUE = "priceCatalogue";
    static final String MAX_VCPU = "maxVcpu";
    static final String MAX_INSTANCES = "maxInstances";
    static final String MAX_MEMORY_MIB = "maxMemoryMiB";
    static final String INSTANCE_PROFILE = "instanceProfile";
    static final String KEY_NAME = "keyName";
    static final String EXECUTION_ROLE_ARN = "executionRoleArn";
    static final String MAX_ATTEMPTS = "maxAttempts";
    static final String RETRY_BASE_DELAY = "retryBaseDelayMillis";
    static final String THROTTLE_BASE_DELAY = "throttleBaseDelayMillis";
    static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";
    static final String ATTEMPT_TIMEOUT = "attemptTimeoutSeconds";
    static final String PROBE_TIMEOUT = "probeTimeoutSeconds";
    static final String POLL_INTERVAL = "pollIntervalMillis";
    static final String WAIT_TIMEOUT = "waitTimeoutSeconds";
    static final String IMAGE_TIMEOUT = "imageTimeoutSeconds";

    private static final Set<String> KNOWN = Set.of(CREDENTIALS, EXTERNAL_ID, ENDPOINT_OVERRIDE, KINDS, SUBNET_IDS,
            SECURITY_GROUP_IDS, CLUSTER, ASSIGN_PUBLIC_IP, AMIS, PRICE_CATALOGUE, MAX_VCPU, MAX_INSTANCES,
            MAX_MEMORY_MIB, INSTANCE_PROFILE, KEY_NAME, EXECUTION_ROLE_ARN, MAX_ATTEMPTS, RETRY_BASE_DELAY,
            THROTTLE_BASE_DELAY, CONNECT_TIMEOUT, ATTEMPT_TIMEOUT, PROBE_TIMEOUT, POLL_INTERVAL, WAIT_TIMEOUT,
            IMAGE_TIMEOUT);

    /** AWS region names: {@code us-east-1}, {@code eu-west-1}, {@code us-gov-west-1}, {@code ap-southeast-3}. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern AWS_ID = Pattern.compile("[a-z]+-[0-9a-f]{8,17}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/+=@-]{0,254}");

    /** Account limits of the target: its capacity as the broker sees it. */
    record AccountLimits(int maxVcpu, int maxInstances, long maxMemoryMiB) {
    }

    /**
     * @param maxAttempts         SDK attempts per call, first one included (default 5)
     * @param retryBaseDelay      base of the exponential, jittered backoff between attempts (default 100 ms)
     * @param throttleBaseDelay   the same after a throttling error (default 1 s), as AWS recommends
     * @param connectTimeout      TCP connect timeout (default 5 s)
     * @param attemptTimeout      longest one HTTP attempt may take (default 30 s)
     * @param probeTimeout        connect and whole-call limit of {@code probe()}, which never retries (default 5 s)
     */
    record CallSettings(int maxAttempts, Duration retryBaseDelay, Duration throttleBaseDelay, Duration connectTimeout,
                        Duration attemptTimeout, Duration probeTimeout) {
    }

    /**
     * @param pollInterval  between two reads while waiting for AWS (default 2 s)
     * @param timeout       longest wait for a task to start or an instance to settle (default 300 s)
     * @param imageTimeout  longest wait for an AMI to become available or a root volume to be replaced (default 1800 s)
     */
    record WaitSettings(Duration pollInterval, Duration timeout, Duration imageTimeout) {
    }

    boolean supports(WorkloadKind kind) {
        return kinds.contains(kind);
    }

    /**
     * Reads a host connection; an unknown/invalid option is Permanent, a malformed endpoint or
     * an {@code endpointOverride} that is unsafe or outside {@code destinations} is
     * {@link ProviderException.EndpointRefused}.
     */
    static AwsOptions from(HostConnection connection, DestinationPolicy destinations) {
        Map<String, String> options = connection.options();
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw invalid("unknown aws options " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        String region = region(connection.endpoint());
        PriceCatalogue catalogue = Optional.ofNullable(options.get(PRICE_CATALOGUE))
                .map(json -> PriceCatalogue.parse(json, "option " + PRICE_CATALOGUE))
                .orElseGet(PriceCatalogue::defaults);
        PriceCatalogue.RegionPrices prices = catalogue.region(region).orElseThrow(() -> invalid("the price catalogue has no "
                + "prices for region " + region + " (it has " + catalogue.regions() + "); give option " + PRICE_CATALOGUE));
        int maxVcpu = positiveInt(options, MAX_VCPU, 32);
        return new AwsOptions(region,
                CredentialsReference.parse(options.getOrDefault(CREDENTIALS, "default"), Optional.ofNullable(options.get(EXTERNAL_ID))),
                Optional.ofNullable(options.get(ENDPOINT_OVERRIDE)).map(url -> EndpointOverride.parse(url, destinations)),
                kinds(options.getOrDefault(KINDS, "vm,container")),
                ids(options, SUBNET_IDS, "subnet"),
                ids(options, SECURITY_GROUP_IDS, "sg"),
                name(options, CLUSTER).orElse("default"),
                bool(options, ASSIGN_PUBLIC_IP),
                amis(catalogue.amis(region), options.get(AMIS)),
                catalogue,
                new AccountLimits(maxVcpu, positiveInt(options, MAX_INSTANCES, 20),
                        positiveLong(options, MAX_MEMORY_MIB, maxVcpu * prices.largestMemoryPerVcpuMiB())),
                name(options, INSTANCE_PROFILE), name(options, KEY_NAME), name(options, EXECUTION_ROLE_ARN),
                new CallSettings(positiveInt(options, MAX_ATTEMPTS, 5),
                        Duration.ofMillis(positiveLong(options, RETRY_BASE_DELAY, 100)),
                        Duration.ofMillis(positiveLong(options, THROTTLE_BASE_DELAY, 1000)),
                        Duration.ofSeconds(positiveLong(options, CONNECT_TIMEOUT, 5)),
                        Duration.ofSeconds(positiveLong(options, ATTEMPT_TIMEOUT, 30)),
                        Duration.ofSeconds(positiveLong(options, PROBE_TIMEOUT, 5))),
                new WaitSettings(Duration.ofMillis(positiveLong(options, POLL_INTERVAL, 2000)),
                        Duration.ofSeconds(positiveLong(options, WAIT_TIMEOUT, 300)),
                        Duration.ofSeconds(positiveLong(options, IMAGE_TIMEOUT, 1800))));
    }

    PriceCatalogue.RegionPrices prices() {
        return catalogue.region(region).orElseThrow();
    }

    /** What the driver calls the target in its messages: {@code aws eu-west-1}. */
    String target() {
        return "aws " + region;
    }

    private static String region(String endpoint) {
        String prefix = SCHEME + "://";
        String region = endpoint.startsWith(prefix) ? endpoint.substring(prefix.length()) : "";
        if (region.endsWith("/")) {
            region = region.substring(0, region.length() - 1);
        }
        if (!REGION.matcher(region).matches()) {
            throw new ProviderException.EndpointRefused("endpoint", "aws endpoint must be aws://<region>, e.g. aws://eu-west-1");
        }
        return region;
    }

    private static Set<WorkloadKind> kinds(String value) {
        EnumSet<WorkloadKind> kinds = EnumSet.noneOf(WorkloadKind.class);
        for (String kind : value.split(",")) {
            String trimmed = kind.trim().toUpperCase(Locale.ROOT);
            try {
                kinds.add(WorkloadKind.valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                throw invalid("option " + KINDS + " lists vm and/or container, got '" + value + "'");
            }
        }
        return Set.copyOf(kinds);
    }

    private static List<String> ids(Map<String, String> options, String key, String prefix) {
        String value = options.getOrDefault(key, "");
        List<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String id : ids) {
            if (!AWS_ID.matcher(id).matches() || !id.startsWith(prefix + "-")) {
                throw invalid("option " + key + " lists " + prefix + "-… ids, got '" + id + "'");
            }
        }
        return ids;
    }

    /** {@code family=ami-0abc…} or {@code family=ssm:/aws/service/…}, comma-separated, over the catalogue's. */
    private static Map<String, String> amis(Map<String, String> fromCatalogue, String option) {
        Map<String, String> amis = new LinkedHashMap<>(fromCatalogue);
        if (option != null) {
            for (String entry : option.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String family = eq < 0 ? "" : entry.substring(0, eq).trim();
                String image = eq < 0 ? "" : entry.substring(eq + 1).trim();
                if (family.isEmpty() || !AmiResolver.isImageSource(image)) {
                    throw invalid("option " + AMIS + " is family=ami-… or family=ssm:/parameter, comma-separated; got '"
                            + entry.trim() + "'");
                }
                amis.put(family, image);
            }
        }
        return Map.copyOf(amis);
    }

    private static Optional<String> name(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!NAME.matcher(value).matches()) {
            throw invalid("option " + key + " must be a name or ARN without spaces, got '" + value + "'");
        }
        return Optional.of(value);
    }

    private static boolean bool(Map<String, String> options, String key) {
        String value = options.getOrDefault(key, "false").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid("option " + key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static int positiveInt(Map<String, String> options, String key, int defaultValue) {
        long value = positiveLong(options, key, defaultValue);
        if (value > Integer.MAX_VALUE) {
            throw invalid("option " + key + " is too large: " + value);
        }
        return (int) value;
    }

    private static long positiveLong(Map<String, String> options, String key, long defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed <= 0) {
                throw invalid("option " + key + " must be a positive whole number, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid("option " + key + " must be a positive whole number, got '" + value + "'");
        }
    }

    static ProviderException.Permanent invalid(String message) {
        return new ProviderException.Permanent(message, null);
    }
}
