package dev.berth.broker.operations;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.berth.broker.db.Database;
import dev.berth.provider.spi.Progress;
import dev.berth.provider.spi.ProvisionObserver;
import org.jboss.logging.Logger;

/**
 * Writes what a driver reports while it provisions onto the operation row, so
 * {@code GET /v1/operations/{id}} (and gRPC) show it while it runs — any replica answers from
 * the database. A pull streams many small updates; a new phase or one more finished step is
 * written at once, byte counts at most every {@link #BYTES_INTERVAL_NANOS}. Keeps the image
 * digest the driver reported for the outcome transaction. Never throws: progress is for show,
 * a failed write only loses an update.
 */
final class ProgressRecorder implements ProvisionObserver {

    private static final Logger LOG = Logger.getLogger(ProgressRecorder.class);
    private static final long BYTES_INTERVAL_NANOS = 500_000_000L;

    private final Database db;
    private final OperationRepository operations;
    private final Operation op;
    private final AtomicReference<String> digest = new AtomicReference<>();
    private Progress written;
    private long writtenAt;

    ProgressRecorder(Database db, OperationRepository operations, Operation op) {
        this.db = db;
        this.operations = operations;
        this.op = op;
    }

    @Override
    public synchronized void progress(Progress progress) {
        boolean news = written == null || !written.phase().equals(progress.phase())
                || !Objects.equals(written.stepsDone(), progress.stepsDone())
                || !Objects.equals(written.stepsTotal(), progress.stepsTotal());
        if (!news && (System.nanoTime() - writtenAt < BYTES_INTERVAL_NANOS || progress.equals(written))) {
            return;
        }
        try {
            db.autoCommit(c -> operations.setProgress(c, op, progress));
            written = progress;
            writtenAt = System.nanoTime();
        } catch (RuntimeException e) {
            LOG.debugf(e, "operation %s: progress not recorded", op.id());
        }
    }

    @Override
    public void imageDigest(String reported) {
        digest.set(reported);
    }

    /** The digest the driver reported, or null. */
    String digest() {
        return digest.get();
    }
}
