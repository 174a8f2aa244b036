package dev.berth.provider.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a {@link WorkloadSpec} becomes a Docker container: name, labels, env, command, limits. */
final class ContainerSpecs {

    static final long NANO_CPUS_PER_MILLI_CPU = 1_000_000L;
    static final long BYTES_PER_MIB = 1024L * 1024L;

    private ContainerSpecs() {
    }

    /** Fills a create command for {@code spec}; {@code networkMode} comes from the host's options. */
    static CreateContainerCmd configure(CreateContainerCmd create, WorkloadSpec spec, String networkMode) {
        create.withName(spec.providerName())
                .withLabels(labels(spec))
                .withEnv(env(spec.env()))
                .withHostConfig(hostConfig(spec, networkMode));
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        return create;
    }

    /** Berth's identity labels plus the tenant's own, prefixed so they cannot impersonate ours. */
    static Map<String, String> labels(WorkloadSpec spec) {
        Map<String, String> labels = new HashMap<>();
        spec.labels().forEach((key, value) -> labels.put(WorkloadSpec.USER_LABEL_PREFIX + key, value));
        labels.put(WorkloadSpec.LABEL_TENANT, spec.tenant());
        labels.put(WorkloadSpec.LABEL_WORKLOAD, spec.workloadId().toString());
        if (spec.installation() != null) {
            labels.put(WorkloadSpec.LABEL_INSTALLATION, spec.installation());
        }
        return labels;
    }

    static HostConfig hostConfig(WorkloadSpec spec, String networkMode) {
        Resources resources = spec.resources();
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(networkMode)
                .withRestartPolicy(restartPolicy(spec.restartPolicy()));
        // 0 means "no limit" in the SPI and in Docker alike, so it is simply not sent.
        if (resources.milliCpu() > 0) {
            host.withNanoCPUs(resources.milliCpu() * NANO_CPUS_PER_MILLI_CPU);
        }
        if (resources.memoryMiB() > 0) {
            long bytes = resources.memoryMiB() * BYTES_PER_MIB;
            // MemorySwap = Memory: swap must not extend the limit the tenant was charged for.
            host.withMemory(bytes).withMemorySwap(bytes);
        }
        return host;
    }

    /**
     * Always {@code no}: Berth applies the workload's restart policy itself (the broker's
     * reconciler, with backoff, restart counts and a crash-loop state the same on every
     * provider); an engine restarting the container on its own would hide the exits from it.
     */
    static RestartPolicy restartPolicy(dev.berth.provider.spi.RestartPolicy policy) {
        return RestartPolicy.noRestart();
    }

    private static List<String> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }
}
