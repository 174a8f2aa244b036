package dev.berth.bench.load;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of {@link LoadGenerator}, with the local stack's defaults. */
record LoadOptions(String brokerUrl, String issuer, String user, String adminUser, int workloads,
        int concurrency, int reads, String image, double vcpu, int memoryMiB, int waitSeconds) {

    static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar dev.berth.bench.load.LoadGenerator [options]
              --url URL            broker base URL            (default http://127.0.0.1:8080)
              --issuer URL         Keycloak realm URL         (default http://127.0.0.1:8180/realms/berth)
              --user NAME          demo tenant user           (default alice; password = user name, dev realm only)
              --admin NAME         platform admin who raises the tenant's quota for the run and restores it
                                   (default admin; 'none' to leave the quota alone)
              --workloads N        containers created and deleted (default 100)
              --concurrency N      virtual users per phase    (default 8)
              --reads N            GET and simulate calls per read phase (default 500)
              --image REF          container image            (default berth-demo/busybox:1)
              --vcpu X --memory M  size of each container     (default 0.05 vCPU, 16 MiB)
              --wait S             give up waiting for RUNNING/DELETED after S seconds (default 600)
            """;

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("-h") || key.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + key);
            }
            values.put(key.substring(2), args[++i]);
        }
        LoadOptions options = new LoadOptions(
                values.getOrDefault("url", "http://127.0.0.1:8080"),
                values.getOrDefault("issuer", "http://127.0.0.1:8180/realms/berth"),
                values.getOrDefault("user", "alice"),
                values.getOrDefault("admin", "admin"),
                positive(values, "workloads", 100),
                positive(values, "concurrency", 8),
                positive(values, "reads", 500),
                values.getOrDefault("image", "berth-demo/busybox:1"),
                Double.parseDouble(values.getOrDefault("vcpu", "0.05")),
                positive(values, "memory", 16),
                positive(values, "wait", 600));
        values.keySet().removeAll(java.util.Set.of("url", "issuer", "user", "admin", "workloads",
                "concurrency", "reads", "image", "vcpu", "memory", "wait"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + values.keySet());
        }
        return options;
    }

    private static int positive(Map<String, String> values, String key, int fallback) {
        int value = Integer.parseInt(values.getOrDefault(key, String.valueOf(fallback)));
        if (value <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive");
        }
        return value;
    }
}
