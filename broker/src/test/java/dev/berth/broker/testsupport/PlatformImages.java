package dev.berth.broker.testsupport;

import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.PlatformImageArtefacts;
import dev.berth.sdk.model.PlatformImageInput;
import dev.berth.sdk.model.PlatformImageKind;

/**
 * The platform images VM tests start from, registered by the admin as an operator would
 * (issue 13: a VM boots a registered base image or a snapshot, never a volume it names).
 * Registering an existing name is fine (409 ignored), so tests may call this after every reset.
 */
public final class PlatformImages {

    /** The libvirt test driver's base volume (hosts get {@code seedBaseImages=debian-12-base}). */
    public static final String DEBIAN_BASE = "debian-12-base";
    /** The AWS targets' OS family of the shipped AMI mapping. */
    public static final String DEBIAN_CLOUD = "debian-12";

    private PlatformImages() {
    }

    public static void registerVmImages() {
        register(new PlatformImageInput().name(DEBIAN_BASE).kind(PlatformImageKind.VM)
                .artefacts(new PlatformImageArtefacts().libvirt(DEBIAN_BASE)).description("libvirt test base volume"));
        register(new PlatformImageInput().name(DEBIAN_CLOUD).kind(PlatformImageKind.VM)
                .artefacts(new PlatformImageArtefacts().aws(DEBIAN_CLOUD)).description("Debian 12 on AWS"));
    }

    public static void register(PlatformImageInput input) {
        try {
            Api.as("admin").adminImages().registerPlatformImage(input);
        } catch (ApiException e) {
            if (e.getCode() != 409) {
                throw new AssertionError("registering platform image failed: " + e.getResponseBody(), e);
            }
        }
    }
}
