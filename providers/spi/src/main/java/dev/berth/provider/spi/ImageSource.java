package dev.berth.provider.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The image a workload starts from, resolved by the broker at admission: never a string a
 * tenant typed. Exactly one of three sources, each carrying what the driver needs and no more:
 * <ul>
 *   <li>{@link RegistryImage} — an OCI registry reference ({@code [registry[:port]/]repo[:tag][@sha256:…]}),
 *       parsed into its parts (a driver that pulls gets registry, repository, tag and digest);</li>
 *   <li>{@link PlatformImage} — an image a platform admin registered, with the artefact this
 *       host's driver uses (a preloaded Docker image, a libvirt base volume, an AMI or OS family);</li>
 *   <li>{@link SnapshotImage} — a snapshot the workload's own tenant took, with the artefact
 *       the provider keeps for it (the snapshot image, the backup volume, the AMI).</li>
 * </ul>
 * Drivers still check what they are handed (defence in depth): none may use an artefact in
 * Berth's own namespaces ({@link BerthNames}) unless it is a {@link SnapshotImage} of the same tenant.
 */
public sealed interface ImageSource {

    /** How the image is shown in messages: never more than the driver was given. */
    String display();

    /**
     * An OCI image reference, parsed. {@code registry} is null for the default registry (and for
     * images already on the host under a short name); {@code tag} and {@code digest} may each
     * be null, not both absent in {@link #reference()}, which makes the tag {@code latest} explicit.
     */
    record RegistryImage(String registry, String repository, String tag, String digest) implements ImageSource {

        /** A host component: has a dot or a port, or is {@code localhost}; ours has no upper case. */
        private static final Pattern DOMAIN = Pattern.compile(
                "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]{1,5})?");
        private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
        private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
        private static final Pattern HEX = Pattern.compile("[a-f0-9]+");
        private static final int MAX_NAME = 255;

        public RegistryImage {
            Objects.requireNonNull(repository, "repository");
        }

        /**
         * Parses {@code [registry[:port]/]repo[/…][:tag][@sha256:<64 hex>]} as the OCI
         * distribution grammar does (a first component is a registry when it has a dot or a
         * port or is {@code localhost}). Refuses, with the reason as the message of an
         * {@link IllegalArgumentException}, what a Docker engine would read as an image id
         * or id prefix instead of a name: a single hex-only component ({@code ab12cd}), a
         * repository named after a digest algorithm ({@code sha256:ab12}), 64 hex digits.
         */
        public static RegistryImage parse(String text) {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            String rest = text;
            String digest = null;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
                if (!DIGEST.matcher(digest).matches()) {
                    throw new IllegalArgumentException("digest must be sha256: followed by 64 lower-case hex digits");
                }
            }
            String tag = null;
            int lastSlash = rest.lastIndexOf('/');
            int colon = rest.lastIndexOf(':');
            if (colon > lastSlash) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
                if (!TAG.matcher(tag).matches()) {
                    throw new IllegalArgumentException("tag '" + tag + "' must be 1-128 of A-Z a-z 0-9 _ . - not starting with . or -");
                }
            }
            if (rest.isEmpty() || rest.length() > MAX_NAME) {
                throw new IllegalArgumentException("name must be 1-" + MAX_NAME + " characters");
            }
            String registry = null;
            String path = rest;
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String first = rest.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    if (!DOMAIN.matcher(first).matches()) {
                        throw new IllegalArgumentException("registry '" + first + "' is not a host name with an optional port");
                    }
                    registry = first;
                    path = rest.substring(slash + 1);
                }
            }
            String[] components = path.split("/", -1);
            for (String component : components) {
                if (!PATH_COMPONENT.matcher(component).matches()) {
                    throw new IllegalArgumentException("repository component '" + component
                            + "' must be lower-case letters and digits, separated by '.', '_', '__' or '-'");
                }
            }
            if (registry == null && components.length == 1) {
                String only = components[0];
                if (HEX.matcher(only).matches()) {
                    throw new IllegalArgumentException("'" + only + "' reads as an image id (prefix), not a name");
                }
                if (only.matches("sha(256|384|512)")) {
                    throw new IllegalArgumentException("'" + text + "' reads as an image id, not a name");
                }
            }
            return new RegistryImage(registry, path, tag, digest);
        }

        /** The reference to hand to an engine: tag {@code latest} spelled out when neither tag nor digest is given. */
        public String reference() {
            StringBuilder s = new StringBuilder();
            if (registry != null) {
                s.append(registry).append('/');
            }
            s.append(repository);
            if (tag != null) {
                s.append(':').append(tag);
            } else if (digest == null) {
                s.append(":latest");
            }
            if (digest != null) {
                s.append('@').append(digest);
            }
            return s.toString();
        }

        /** The repository with its registry, as engines list it (no tag, no digest). */
        public String name() {
            return registry == null ? repository : registry + "/" + repository;
        }

        @Override
        public String display() {
            return reference();
        }
    }

    /**
     * An image registered by a platform admin.
     *
     * @param name     the name tenants refer to it by
     * @param artefact what this host's driver uses: a Docker image reference, a libvirt base
     *                 volume name, an AWS OS family of the target's AMI mapping or an AMI id
     */
    record PlatformImage(String name, String artefact) implements ImageSource {
        public PlatformImage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(artefact, "artefact");
        }

        @Override
        public String display() {
            return "platform image " + name + " (" + artefact + ")";
        }
    }

    /**
     * A snapshot of a workload of the same tenant, found through the broker's snapshot records.
     *
     * @param tenant       the tenant that owns the snapshot (the broker checked it is the workload's)
     * @param workloadId   the workload the snapshot was taken of (it may be deleted by now)
     * @param snapshotName the snapshot's name
     * @param artefact     what the provider keeps for it, as its driver's {@link SnapshotCapable#restorableImage} named it
     */
    record SnapshotImage(String tenant, UUID workloadId, String snapshotName, String artefact) implements ImageSource {
        public SnapshotImage {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(workloadId, "workloadId");
            Objects.requireNonNull(snapshotName, "snapshotName");
            Objects.requireNonNull(artefact, "artefact");
        }

        @Override
        public String display() {
            return "snapshot " + workloadId + "/" + snapshotName;
        }
    }

    /** The registry image this is, if it is one. */
    default Optional<RegistryImage> asRegistry() {
        return this instanceof RegistryImage r ? Optional.of(r) : Optional.empty();
    }
}
