package dev.berth.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.provider.spi.DestinationPolicy;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.ProviderDriverFactory;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import java.net.URI;
import java.time.Duration;

/**
 * Opens {@link DockerDriver}s for hosts of type {@value #TYPE}. Opening is lazy: it parses
 * the connection (the endpoint into a {@link DockerEndpoint}, checked against the destination
 * policy) and builds HTTP clients, but does not contact the engine.
 */
public final class DockerDriverFactory implements ProviderDriverFactory {

    public static final String TYPE = "docker";

    @Override
    public String driver() {
        return TYPE;
    }

    /** The engine refuses a memory limit under 6 MiB ("Minimum memory limit allowed is 6MB"). */
    public static final long MIN_MEMORY_MIB = 6;

    @Override
    public Resources minimum(WorkloadKind kind) {
        return new Resources(0, MIN_MEMORY_MIB, 0);
    }

    @Override
    public ProviderDriver open(HostConnection connection, DestinationPolicy destinations) {
        DockerOptions options = DockerOptions.from(connection, destinations);
        return new DockerDriver(options,
                client(options.endpoint().uri(), options.connectTimeout(), options.responseTimeout()),
                client(options.endpoint().uri(), options.probeTimeout(), options.probeTimeout()));
    }

    /**
     * A docker-java client on the Apache HttpClient 5 transport. The endpoint is set
     * explicitly, so DOCKER_HOST and ~/.docker settings of the broker's own environment do
     * not redirect it.
     */
    static DockerClient client(URI endpoint, Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.toString())
                .withDockerTlsVerify(false)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(endpoint)
                .connectionTimeout(connectTimeout)
                .responseTimeout(responseTimeout)
                .maxConnections(64)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
