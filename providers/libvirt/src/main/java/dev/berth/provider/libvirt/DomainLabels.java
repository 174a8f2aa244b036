package dev.berth.provider.libvirt;

import dev.berth.provider.spi.WorkloadSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Berth's labels on a libvirt domain, kept in the domain's {@code <metadata>} under Berth's
 * own namespace: the same keys as the Docker driver's container labels ({@code berth.tenant},
 * {@code berth.workload}, {@code user.*}), so the broker reads one vocabulary everywhere.
 *
 * <pre>{@code
 * <metadata>
 *   <berth:workload xmlns:berth="https://berth.dev/xmlns/libvirt/workload/1">
 *     <berth:label key="berth.tenant">acme</berth:label>
 *     <berth:label key="berth.workload">5f0c…</berth:label>
 *     <berth:label key="user.team">payments</berth:label>
 *   </berth:workload>
 * </metadata>
 * }</pre>
 */
final class DomainLabels {

    /** Namespace of Berth's metadata element; libvirt keys custom metadata by namespace URI. */
    static final String NAMESPACE = "https://berth.dev/xmlns/libvirt/workload/1";
    static final String PREFIX = "berth";
    static final String ELEMENT = "workload";

    private DomainLabels() {
    }

    /** Berth's identity labels plus the tenant's own, prefixed so they cannot impersonate ours. */
    static Map<String, String> of(WorkloadSpec spec) {
        Map<String, String> labels = new TreeMap<>();
        spec.labels().forEach((key, value) -> labels.put(WorkloadSpec.USER_LABEL_PREFIX + key, value));
        labels.put(WorkloadSpec.LABEL_TENANT, spec.tenant());
        labels.put(WorkloadSpec.LABEL_WORKLOAD, spec.workloadId().toString());
        if (spec.installation() != null) {
            labels.put(WorkloadSpec.LABEL_INSTALLATION, spec.installation());
        }
        return labels;
    }

    /** The metadata element, namespaced and prefixed, ready to sit inside {@code <metadata>}. */
    static String toXml(Map<String, String> labels) {
        StringBuilder xml = new StringBuilder("<" + PREFIX + ":" + ELEMENT + " xmlns:" + PREFIX + "='" + NAMESPACE + "'>");
        new TreeMap<>(labels).forEach((key, value) -> xml.append("<" + PREFIX + ":label key='").append(Xml.escape(key))
                .append("'>").append(Xml.escape(value)).append("</" + PREFIX + ":label>"));
        return xml.append("</" + PREFIX + ":" + ELEMENT + ">").toString();
    }

    /** Reads the labels back from what {@code virDomainGetMetadata} returns for our namespace. */
    static Map<String, String> parse(String metadataXml) {
        NodeList labels = Xml.nodes(Xml.parse(metadataXml), "//*[local-name()='label']");
        Map<String, String> result = new TreeMap<>();
        for (int i = 0; i < labels.getLength(); i++) {
            Element label = (Element) labels.item(i);
            result.put(label.getAttribute("key"), label.getTextContent());
        }
        return result;
    }

    /** The workload id in the labels, if present and a UUID. */
    static Optional<UUID> workloadId(Map<String, String> labels) {
        String value = labels.get(WorkloadSpec.LABEL_WORKLOAD);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String tenant(Map<String, String> labels) {
        return labels.getOrDefault(WorkloadSpec.LABEL_TENANT, "");
    }
}
