package dev.berth.provider.sim;

import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.tck.ProviderContractSuite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The provider contract, run against a simulated host with zero latency. Out-of-band changes
 * go through {@link SimHosts}, the simulated host's "own tools". The suite's foreign-object
 * test is skipped: a simulated host holds only what Berth created on it.
 */
class SimDriverContractTest extends ProviderContractSuite {

    static final String IMAGE = "berth-demo/busybox:1";

    /** One endpoint per test class, so the classes' workloads never meet. */
    protected String endpoint() {
        return "sim://tck";
    }

    /** Options besides the image list; subclasses add latencies. */
    protected Map<String, String> behaviour() {
        return Map.of();
    }

    @Override
    protected ProviderDriver driver() {
        Map<String, String> options = new HashMap<>(behaviour());
        options.put("images", IMAGE);
        return new SimDriverFactory().open(new HostConnection(SimDriverFactory.TYPE, endpoint(), options));
    }

    @Override
    protected ProviderDriver unreachableDriver() {
        return new SimDriverFactory().open(new HostConnection(SimDriverFactory.TYPE, endpoint() + "-unreachable",
                Map.of("unreachable", "true")));
    }

    @Override
    protected dev.berth.provider.spi.ImageSource runnableImage() {
        return dev.berth.provider.spi.ImageSource.RegistryImage.parse(IMAGE);
    }

    @Override
    protected List<String> longRunningCommand() {
        return List.of("sleep", "3600");
    }

    @Override
    protected dev.berth.provider.spi.ImageSource missingImage() {
        return dev.berth.provider.spi.ImageSource.RegistryImage.parse("berth-tck/no-such-image:missing");
    }

    @Override
    protected void deleteOutOfBand(UUID workloadId) {
        SimHosts.host(endpoint()).remove(workloadId);
    }

    @Override
    protected boolean supportsMarkers() {
        return true;
    }

    @Override
    protected void writeMarker(UUID workloadId, String value) {
        SimHosts.host(endpoint()).writeFile(workloadId, "/marker", value);
    }

    @Override
    protected Optional<String> readMarker(UUID workloadId) {
        return SimHosts.host(endpoint()).readFile(workloadId, "/marker");
    }
}
