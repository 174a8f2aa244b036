package dev.berth.provider.libvirt;

import dev.berth.provider.spi.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;

/**
 * Snapshots of one domain, named by the caller. Creation is idempotent by name (a retry
 * returns the existing snapshot), deletion of a missing snapshot succeeds. On QEMU, libvirt
 * takes internal snapshots, which need qcow2 volumes (a raw base image cannot be snapshot).
 */
final class DomainSnapshots {

    /** Safe in XML, in file names and in URLs; libvirt itself accepts more. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private DomainSnapshots() {
    }

    static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProviderException.Permanent("snapshot name must match " + NAME.pattern() + ", got '" + name + "'", null);
        }
        return name;
    }

    static LibvirtSnapshot create(Domain domain, String name) throws LibvirtException {
        Optional<DomainSnapshot> existing = find(domain, name);
        if (existing.isPresent()) {
            return read(existing.get());
        }
        String xml = "<domainsnapshot><name>" + name + "</name><description>taken by Berth</description></domainsnapshot>";
        try {
            return read(domain.snapshotCreateXML(xml));
        } catch (LibvirtException e) {
            // Taken concurrently under the same name: same snapshot, same answer.
            Optional<DomainSnapshot> raced = find(domain, name);
            if (raced.isPresent()) {
                return read(raced.get());
            }
            throw e;
        }
    }

    static List<LibvirtSnapshot> list(Domain domain) throws LibvirtException {
        List<LibvirtSnapshot> snapshots = new ArrayList<>();
        for (String name : domain.snapshotListNames()) {
            Optional<DomainSnapshot> snapshot = find(domain, name); // deleted meanwhile: skipped
            if (snapshot.isPresent()) {
                snapshots.add(read(snapshot.get()));
            }
        }
        snapshots.sort((a, b) -> a.createdAt().equals(b.createdAt())
                ? a.name().compareTo(b.name()) : a.createdAt().compareTo(b.createdAt()));
        return snapshots;
    }

    static Optional<DomainSnapshot> find(Domain domain, String name) throws LibvirtException {
        try {
            return Optional.of(domain.snapshotLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static LibvirtSnapshot read(DomainSnapshot snapshot) throws LibvirtException {
        Document xml = Xml.parse(snapshot.getXMLDesc());
        String name = Xml.text(xml, "/domainsnapshot/name").orElse("");
        String state = Xml.text(xml, "/domainsnapshot/state").orElse("unknown");
        Instant createdAt = Xml.text(xml, "/domainsnapshot/creationTime")
                .map(seconds -> Instant.ofEpochSecond(Long.parseLong(seconds)))
                .orElse(Instant.EPOCH);
        return new LibvirtSnapshot(name, state, createdAt);
    }
}
