package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.fail;

import dev.berth.provider.spi.HostConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

/**
 * The libvirt the tests run against — the {@code test:///default} driver, a real libvirt
 * connection with a simulated hypervisor whose state every connection of this JVM shares —
 * and the gate in front of them (applied through {@link RequiresLibvirt}): a machine without
 * libvirt0 fails the test class with how to fix it.
 */
final class LocalLibvirt implements BeforeAllCallback {

    static final String URI = "test:///default";
    static final String POOL = "default-pool";
    /** A small base image volume the tests create in the pool; 256 MiB so disks of 1 GiB grow it. */
    static final String BASE_IMAGE = "test-base.qcow2";
    static final long BASE_BYTES = 256L * 1024 * 1024;
    static final String SKIP_VARIABLE = "BERTH_LIBVIRT_AVAILABLE";
    static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0");

    /**
     * Held open for the life of the JVM: the test driver keeps its state only while at least
     * one connection to it is open, and throws it away (base image included) when the last
     * one closes — which every driver's close() would otherwise do between tests.
     */
    private static Connect keeper;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.exists(LIBRARY)) {
            fail(LIBRARY + " is missing: install Debian's libvirt0 (apt-get install -y libvirt0 libvirt-clients), or set "
                    + SKIP_VARIABLE + "=false to skip the libvirt tests.");
        }
        try {
            ensureBaseImage();
        } catch (LibvirtException | LinkageError e) {
            fail("libvirt " + URI + " not usable (" + e + "); install libvirt0 or set " + SKIP_VARIABLE
                    + "=false to skip the libvirt tests.", e);
        }
    }

    /** A driver on {@code test:///default}, with default options unless given. */
    static LibvirtDriver driver(Map<String, String> options) {
        return new LibvirtDriverFactory().open(new HostConnection(LibvirtDriverFactory.TYPE, URI, options));
    }

    /** A raw libvirt connection, for looking at and changing the host behind the driver's back. */
    static Connect connect() throws LibvirtException {
        return new Connect(URI);
    }

    /** Creates the base image volume once per JVM (the test driver's state lives as long as the process). */
    private static synchronized void ensureBaseImage() throws LibvirtException {
        if (keeper == null) {
            keeper = connect();
        }
        StoragePool pool = keeper.storagePoolLookupByName(POOL);
        if (WorkloadVolumes.find(pool, BASE_IMAGE).isEmpty()) {
            pool.storageVolCreateXML(WorkloadVolumes.volumeXml(BASE_IMAGE, BASE_BYTES, "qcow2"), 0);
        }
    }
}
