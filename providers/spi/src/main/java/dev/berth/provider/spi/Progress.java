package dev.berth.provider.spi;

/**
 * How far a long step of an operation has come. Generic on purpose: an image pull counts
 * layers, a VM image import or a snapshot restore counts bytes (and may have one step); every
 * count is {@code null} when the provider does not report it.
 *
 * @param phase      what is being done, a lower-case word ({@link #PULLING}, {@link #STARTING}, …)
 * @param stepUnit   what {@code stepsDone}/{@code stepsTotal} count ({@code "layer"}); null without steps
 * @param stepsDone  steps finished so far
 * @param stepsTotal steps known so far (an engine may discover more as it goes)
 * @param bytesDone  bytes transferred so far
 * @param bytesTotal bytes to transfer, as far as known
 */
public record Progress(String phase, String stepUnit, Long stepsDone, Long stepsTotal, Long bytesDone, Long bytesTotal) {

    /** Fetching the image from its registry. */
    public static final String PULLING = "pulling";
    /** Creating and starting the workload from an image that is on the host. */
    public static final String STARTING = "starting";

    public Progress {
        if (phase == null || phase.isBlank()) {
            throw new IllegalArgumentException("phase must not be blank");
        }
    }

    /** A phase without counts. */
    public static Progress phase(String phase) {
        return new Progress(phase, null, null, null, null, null);
    }
}
