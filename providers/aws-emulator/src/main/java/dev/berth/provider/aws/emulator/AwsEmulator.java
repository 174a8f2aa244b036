package dev.berth.provider.aws.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local AWS account for tests: one HTTP endpoint on 127.0.0.1 (ephemeral port) that
 * speaks the EC2 Query/XML, STS Query/XML, ECS JSON 1.1 and SSM JSON 1.1 protocols for the
 * operations Berth's AWS driver uses, keeps their state (instances and their volumes, AMIs,
 * root volume replacements, task definitions, tasks, clusters, tags, client tokens, SSM
 * parameters, assumed-role sessions) and lets tests inject AWS's failure modes ({@link #faults()}).
 * Point an SDK client at {@link #endpoint()} with region {@link #region()} and the static
 * credentials {@link #ACCESS_KEY_ID} / {@link #SECRET_ACCESS_KEY}; requests must be SigV4-signed.
 *
 * <pre>{@code
 * try (AwsEmulator aws = AwsEmulator.start("eu-west-1")) {
 *     aws.registerImage("ami-0123456789abcdef0", "debian-12", "x86_64", 8);
 *     aws.registerContainerImage("public.ecr.aws/docker/library/busybox:1.36");
 *     aws.faults().insufficientCapacity("t3.micro");
 *     ... drive it with the SDK or the driver ...
 *     assertThat(aws.instances()).hasSize(1);
 * }
 * }</pre>
 *
 * Asynchronous changes (pending → running, AMI pending → available, task PROVISIONING →
 * RUNNING) take one or a few steps of {@link #stepDuration} (100 ms by default).
 * Not emulated: networking, billing, pagination limits of EC2, IAM policies (every known key
 * may do everything unless {@link Faults#denyAll(boolean)}), signature arithmetic (the header
 * is checked for form, key, region and scope, not recomputed).
 */
public final class AwsEmulator implements AutoCloseable {

    public static final String ACCOUNT_ID = "123456789012";
    /** The account's long-term access key; any SDK signing with it (and any secret) is let in. */
    public static final String ACCESS_KEY_ID = "AKIABERTHEMULATOR001";
    public static final String SECRET_ACCESS_KEY = "berth-emulator-secret-not-a-real-key";

    private final Account account;
    private final Credentials credentials = new Credentials();
    private final Ec2State ec2 = new Ec2State();
    private final EcsState ecs;
    private final Ec2Images ec2Images;
    private final SsmActions ssm;
    private final HttpFront front;
    private final HttpServer server;
    private final ExecutorService threads;

    private AwsEmulator(String region) throws IOException {
        account = new Account(ACCOUNT_ID, region);
        ecs = new EcsState(account);
        ecs.createCluster("default");
        credentials.add(new Credentials.Key(ACCESS_KEY_ID, SECRET_ACCESS_KEY, Optional.empty(), Optional.empty(),
                Instant.MAX));
        Ec2Instances ec2Instances = new Ec2Instances(account, ec2);
        ec2Images = new Ec2Images(account, ec2, ec2Instances);
        ssm = new SsmActions(account);
        front = new HttpFront(account, credentials, ec2Instances, ec2Images, new EcsDefinitionActions(account, ecs),
                new EcsTaskActions(account, ecs), new StsActions(account, credentials), ssm);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aws-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", front);
        server.start();
    }

    /** Starts an emulated account in {@code region} on 127.0.0.1 and an ephemeral port. */
    public static AwsEmulator start(String region) {
        try {
            return new AwsEmulator(region);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the AWS emulator", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for every service. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String region() {
        return account.region;
    }

    public Faults faults() {
        return account.faults;
    }

    /**
     * Also accepts requests signed for {@code region}, answered from the same state (zones,
     * ARNs and all keep the emulator's own region). One account seen through several region
     * names: enough for tests of region lists (e.g. a cloud account's targets), not of
     * per-region state.
     */
    public AwsEmulator alsoAnswerFor(String region) {
        account.extraRegions.add(region);
        return this;
    }

    /** How long one asynchronous step takes. */
    public AwsEmulator stepDuration(Duration step) {
        account.timeline.step(step);
        return this;
    }

    // ---------------------------------------------------------------- setup

    /** A public base AMI, owned by Amazon, with a root volume of {@code rootVolumeGiB} on /dev/xvda. */
    public AwsEmulator registerImage(String imageId, String name, String architecture, int rootVolumeGiB) {
        synchronized (account.lock) {
            ec2Images.register(imageId, name, architecture, rootVolumeGiB);
        }
        return this;
    }

    /** An SSM parameter (e.g. {@code /aws/service/debian/release/12/latest/amd64} → an AMI id). */
    public AwsEmulator putParameter(String name, String value) {
        ssm.parameters.put(name, value);
        return this;
    }

    /** An image Fargate can pull; tasks of any other image stop with CannotPullContainerError. */
    public AwsEmulator registerContainerImage(String reference) {
        synchronized (account.lock) {
            ecs.registry.add(reference);
        }
        return this;
    }

    /** A further ECS cluster ({@code default} exists from the start). */
    public AwsEmulator createCluster(String name) {
        synchronized (account.lock) {
            ecs.createCluster(name);
        }
        return this;
    }

    /** Another long-term access key of the account (e.g. the one a named profile holds). */
    public AwsEmulator addAccessKey(String accessKeyId, String secretAccessKey) {
        credentials.add(new Credentials.Key(accessKeyId, secretAccessKey, Optional.empty(), Optional.empty(),
                Instant.MAX));
        return this;
    }

    /** A role STS lets the account's key assume, demanding {@code externalId} if present. */
    public AwsEmulator allowRole(String roleArn, Optional<String> externalId) {
        credentials.allowRole(roleArn, externalId);
        return this;
    }

    // ---------------------------------------------------------------- inspection

    public List<Views.Instance> instances() {
        synchronized (account.lock) {
            account.timeline.settle();
            return ec2.instances.values().stream().map(i -> new Views.Instance(i.id, i.type, i.imageId, i.state,
                    i.subnetId, i.zone, i.clientToken, new LinkedHashMap<>(i.tags), i.userData,
                    i.root == null ? null : i.root.id, i.root == null ? 0 : i.root.sizeGiB, i.launchTime)).toList();
        }
    }

    public List<Views.Image> images() {
        synchronized (account.lock) {
            account.timeline.settle();
            return ec2.images.values().stream().map(i -> new Views.Image(i.id, i.name, i.state, i.ownerId,
                    i.sourceInstanceId, new LinkedHashMap<>(i.tags), i.deregistered)).toList();
        }
    }

    public List<Views.Task> tasks() {
        synchronized (account.lock) {
            account.timeline.settle();
            return ecs.tasks.values().stream().map(t -> new Views.Task(t.arn, t.definitionArn, t.family, t.lastStatus,
                    t.desiredStatus, t.clientToken, t.image, new LinkedHashMap<>(t.tags),
                    Optional.ofNullable(t.stoppedReason))).toList();
        }
    }

    public List<Views.TaskDefinition> taskDefinitions() {
        synchronized (account.lock) {
            return ecs.definitions.values().stream().filter(d -> !d.deleted).map(d -> {
                var c = d.container();
                var env = new LinkedHashMap<String, String>();
                c.path("environment").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
                return new Views.TaskDefinition(d.arn, d.family, d.revision, d.status, d.cpu, d.memory,
                        c.has("cpu") ? Optional.of(c.path("cpu").asInt()) : Optional.empty(),
                        c.has("memory") ? Optional.of(c.path("memory").asInt()) : Optional.empty(),
                        c.path("image").asText(), EcsState.strings(c.path("command")), env,
                        new LinkedHashMap<>(d.tags));
            }).toList();
        }
    }

    /** Every signed request received, oldest first. */
    public List<Views.Request> requests() {
        return List.copyOf(front.requests);
    }

    /** How many requests of {@code action} (e.g. {@code RunInstances}) were received. */
    public long count(String action) {
        return front.requests.stream().filter(r -> r.action().equals(action)).count();
    }

    // ---------------------------------------------------------------- inside the machines

    /** Writes a file onto the instance's root volume: what a process in the VM would do. */
    public void writeFile(String instanceId, String path, String content) {
        synchronized (account.lock) {
            account.timeline.settle();
            ec2.instance(instanceId).root.files.put(path, content);
        }
    }

    /** A file on the instance's root volume; empty if there is none. */
    public Optional<String> readFile(String instanceId, String path) {
        synchronized (account.lock) {
            account.timeline.settle();
            return Optional.ofNullable(ec2.instance(instanceId).root.files.get(path));
        }
    }

    /**
     * The task's essential container exits on its own with {@code exitCode}: the task stops
     * (desired STOPPED, stop code {@code EssentialContainerExited}), as ECS reports it.
     */
    public void exitTask(String taskArn, int exitCode) {
        synchronized (account.lock) {
            account.timeline.settle();
            ecs.exitTask(taskArn, exitCode);
        }
    }

        /** Forgets stopped tasks, as ECS does about an hour after they stop. */
    public void expireStoppedTasks() {
        synchronized (account.lock) {
            account.timeline.settle();
            ecs.tasks.values().removeIf(t -> t.lastStatus.equals("STOPPED"));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
