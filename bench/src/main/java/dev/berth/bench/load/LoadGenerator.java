package dev.berth.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Load generator for a running broker (the local stack of {@code deploy/local/up.sh}). One
 * tenant user drives, with N concurrent virtual users:
 * <ol>
 * <li>{@code create}: POST /v1/workloads until every container is accepted (202) — admission,
 * quota, policies, placement and the reservation transaction;</li>
 * <li>{@code create→RUNNING}: time from submission until the workload reads RUNNING — the
 * operation worker and the Docker engine included;</li>
 * <li>{@code get}, {@code list}, {@code simulate}: read paths and a placement without side
 * effects, on the loaded fleet;</li>
 * <li>{@code delete} and {@code delete→DELETED}: the way back, after which the tenant's usage
 * must be what it was before the run (checked and reported).</li>
 * </ol>
 * The admin user raises the tenant's quota for the run and restores it afterwards.
 */
public final class LoadGenerator {

    private final LoadOptions options;
    private final BerthHttp tenant;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    private LoadGenerator(LoadOptions options) {
        this.options = options;
        this.tenant = new BerthHttp(options.brokerUrl(), options.issuer(), options.user());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.print((e.getMessage().isEmpty() ? "" : e.getMessage() + "\n") + LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new LoadGenerator(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        String tenantSlug = tenant.get("/v1/me").body().path("tenant").asText();
        if (tenantSlug.isEmpty()) {
            throw new IllegalStateException(options.user() + " has no tenant");
        }
        QuotaRaise quota = options.adminUser().equals("none") ? null
                : QuotaRaise.apply(new BerthHttp(options.brokerUrl(), options.issuer(), options.adminUser()),
                        tenantSlug, options);
        JsonNode usageBefore = tenant.get("/v1/quota").body().path("usage");
        System.out.printf("berth load: %s as %s (tenant %s), %d containers of %s vCPU / %d MiB, %d virtual users%n",
                options.brokerUrl(), options.user(), tenantSlug, options.workloads(), options.vcpu(),
                options.memoryMiB(), options.concurrency());
        List<Latencies> phases = new ArrayList<>();
        Map<String, Long> submittedAt = new ConcurrentHashMap<>();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        try {
            phases.add(phase("create (202)", options.workloads(), i -> {
                long start = System.nanoTime();
                BerthHttp.Response r = tenant.post("/v1/workloads", workload("load-" + runId + "-" + i));
                if (r.status() != 202) {
                    throw new IllegalStateException("create: HTTP " + r.status() + " " + r.body());
                }
                String id = r.body().path("workload").path("id").asText();
                submittedAt.put(id, start);
                ids.add(id);
            }));
            phases.add(awaitStatus("create → RUNNING", ids, submittedAt, "RUNNING"));
            List<String> live = List.copyOf(ids);
            phases.add(phase("get", options.reads(), i -> expect(tenant.get("/v1/workloads/" + live.get(i % live.size())), 200)));
            phases.add(phase("list (50)", Math.max(1, options.reads() / 5), i -> expect(tenant.get("/v1/workloads?limit=50"), 200)));
            ObjectNode simulation = BerthHttp.json().createObjectNode();
            simulation.set("workload", workload("load-" + runId + "-simulated"));
            phases.add(phase("simulate", options.reads(), i -> expect(tenant.post("/v1/placements/simulate", simulation), 200)));
        } finally {
            List<String> created = List.copyOf(ids);
            Map<String, Long> deletedAt = new ConcurrentHashMap<>();
            phases.add(phase("delete (202)", created.size(), i -> {
                long start = System.nanoTime();
                expect(tenant.delete("/v1/workloads/" + created.get(i)), 202);
                deletedAt.put(created.get(i), start);
            }));
            phases.add(awaitStatus("delete → DELETED", created, deletedAt, "DELETED"));
            if (quota != null) {
                quota.restore();
            }
        }
        System.out.println();
        System.out.println(Latencies.header());
        phases.forEach(p -> System.out.println(p.row()));
        JsonNode usageAfter = tenant.get("/v1/quota").body().path("usage");
        boolean clean = usageAfter.equals(usageBefore);
        System.out.printf("%nusage before %s, after %s: %s%n", usageBefore, usageAfter,
                clean ? "equal (nothing leaked)" : "DIFFERENT");
        return clean && phases.stream().allMatch(p -> p.errors() == 0);
    }

    private ObjectNode workload(String name) {
        ObjectNode body = BerthHttp.json().createObjectNode()
                .put("name", name).put("kind", "container").put("image", options.image());
        body.putArray("command").add("sleep").add("3600");
        body.putObject("resources").put("vcpu", options.vcpu()).put("memoryMiB", options.memoryMiB());
        return body;
    }

    private static void expect(BerthHttp.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("HTTP " + response.status() + " (expected " + status + ") " + response.body());
        }
    }

    interface Call {
        void run(int index) throws Exception;
    }

    /** Runs {@code calls} calls over the virtual users; each call's latency is recorded. */
    private Latencies phase(String name, int calls, Call call) throws InterruptedException {
        Latencies latencies = new Latencies(name);
        AtomicInteger next = new AtomicInteger();
        ExecutorService users = Executors.newFixedThreadPool(options.concurrency());
        long start = System.nanoTime();
        for (int u = 0; u < options.concurrency(); u++) {
            users.submit(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        call.run(i);
                        latencies.record(System.nanoTime() - t0);
                    } catch (Exception e) {
                        latencies.error();
                        System.err.println(name + ": " + e.getMessage());
                    }
                }
            });
        }
        users.shutdown();
        users.awaitTermination(1, TimeUnit.HOURS);
        latencies.wall(System.nanoTime() - start);
        return latencies;
    }

    /** Polls every workload until it reaches {@code target}; the latency runs from its submission. */
    private Latencies awaitStatus(String name, List<String> ids, Map<String, Long> since, String target)
            throws Exception {
        Latencies latencies = new Latencies(name);
        List<String> pending = new ArrayList<>(ids);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(options.waitSeconds());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                String id = it.next();
                BerthHttp.Response r = tenant.get("/v1/workloads/" + id);
                String status = r.status() == 404 ? "DELETED" : r.body().path("status").asText();
                if (status.equals(target)) {
                    latencies.record(System.nanoTime() - since.get(id));
                    it.remove();
                } else if (status.equals("FAILED")) {
                    latencies.error();
                    System.err.println(name + ": " + id + " FAILED " + r.body().path("statusReason").asText());
                    it.remove();
                }
            }
            Thread.sleep(100);
        }
        pending.forEach(id -> latencies.error());
        latencies.wall(System.nanoTime() - start);
        return latencies;
    }
}
