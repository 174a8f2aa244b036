package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ImageSource;
import dev.berth.provider.spi.HostConnection;
import dev.berth.provider.spi.ProviderDriver;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.WorkloadKind;
import dev.berth.provider.spi.WorkloadSpec;
import dev.berth.provider.tck.ProviderContractSuite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The provider contract, run against libvirt's {@code test:///default} driver. Its state is
 * shared by every connection in this JVM, so the out-of-band changes made here through a
 * separate connection are seen by the driver, as they would be on a real host.
 */
@RequiresLibvirt
class LibvirtDriverContractTest extends ProviderContractSuite {

    @Override
    protected ProviderDriver driver() {
        return LocalLibvirt.driver(Map.of());
    }

    /** Loopback port 1: nothing listens, the connection is refused at once. */
    @Override
    protected ProviderDriver unreachableDriver() {
        return new LibvirtDriverFactory().open(new HostConnection(LibvirtDriverFactory.TYPE,
                "qemu+tcp://127.0.0.1:1/system", Map.of()));
    }

    @Override
    protected ImageSource runnableImage() {
        return new ImageSource.PlatformImage("test-base", LocalLibvirt.BASE_IMAGE);
    }

    @Override
    protected List<String> longRunningCommand() {
        return List.of(); // a VM runs until stopped
    }

    @Override
    protected ImageSource missingImage() {
        return new ImageSource.PlatformImage("missing", "tck-no-such-base.qcow2");
    }

    @Override
    protected WorkloadKind kind() {
        return WorkloadKind.VM;
    }

    /** Whole vCPUs (a VM cannot have half of one) and a disk larger than the 256 MiB base image. */
    @Override
    protected Resources limits() {
        return new Resources(2000, 128, 1);
    }

    @Override
    protected void deleteOutOfBand(UUID workloadId) {
        try {
            Connect connect = LocalLibvirt.connect();
            try {
                Domain domain = connect.domainLookupByName(WorkloadSpec.providerName(workloadId));
                if (domain.isActive() == 1) {
                    domain.destroy();
                }
                domain.undefine();
            } finally {
                connect.close();
            }
        } catch (LibvirtException e) {
            throw new AssertionError("out-of-band delete failed", e);
        }
    }

    @Override
    protected Optional<ForeignObject> createForeignObject() {
        try {
            Connect connect = LocalLibvirt.connect();
            Domain domain = connect.domainDefineXML("<domain type='test'><name>tck-foreign-" + UUID.randomUUID()
                    + "</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>");
            String handle = domain.getUUIDString();
            return Optional.of(new ForeignObject() {
                @Override
                public String handle() {
                    return handle;
                }

                @Override
                public void close() {
                    try {
                        domain.undefine();
                        connect.close();
                    } catch (LibvirtException e) {
                        throw new AssertionError("could not remove the foreign domain", e);
                    }
                }
            });
        } catch (LibvirtException e) {
            throw new AssertionError("could not define a foreign domain", e);
        }
    }
}
