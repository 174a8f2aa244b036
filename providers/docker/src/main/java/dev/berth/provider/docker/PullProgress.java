package dev.berth.provider.docker;

import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.berth.provider.spi.Progress;
import dev.berth.provider.spi.ProvisionObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the engine's pull stream into layer and byte counts. Each stream item with an {@code id}
 * is about one layer ("Pulling fs layer", "Downloading" with current/total bytes, "Pull complete",
 * "Already exists"); a layer counts as done once it is complete or already on the host. Bytes
 * are the sums over layers whose download size the engine reported. An item carrying an error
 * is kept as the pull's failure.
 */
final class PullProgress {

    private record Layer(boolean done, long current, long total) {
    }

    private final ProvisionObserver observer;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private String error;

    PullProgress(ProvisionObserver observer) {
        this.observer = observer;
    }

    synchronized void accept(PullResponseItem item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            return;
        }
        String id = item.getId();
        String status = item.getStatus() == null ? "" : item.getStatus();
        if (id == null || id.isBlank() || !isLayerStatus(status)) {
            return; // "Pulling from …", "Digest: …", "Status: Downloaded newer image …"
        }
        Layer before = layers.getOrDefault(id, new Layer(false, 0, 0));
        ResponseItem.ProgressDetail detail = item.getProgressDetail();
        boolean done = before.done() || status.startsWith("Pull complete") || status.startsWith("Already exists");
        long total = before.total();
        long current = before.current();
        if (status.startsWith("Downloading") && detail != null) {
            total = detail.getTotal() == null ? total : detail.getTotal();
            current = detail.getCurrent() == null ? current : detail.getCurrent();
        } else if (status.startsWith("Download complete") || status.startsWith("Verifying Checksum")) {
            current = total;
        }
        layers.put(id, new Layer(done, current, total));
        observer.progress(snapshot());
    }

    synchronized Optional<String> error() {
        return Optional.ofNullable(error);
    }

    private Progress snapshot() {
        long doneLayers = layers.values().stream().filter(Layer::done).count();
        long bytesDone = layers.values().stream().mapToLong(Layer::current).sum();
        long bytesTotal = layers.values().stream().mapToLong(Layer::total).sum();
        return new Progress(Progress.PULLING, "layer", doneLayers, (long) layers.size(),
                bytesTotal == 0 ? null : bytesDone, bytesTotal == 0 ? null : bytesTotal);
    }

    private static boolean isLayerStatus(String status) {
        return status.startsWith("Pulling fs layer") || status.startsWith("Waiting") || status.startsWith("Downloading")
                || status.startsWith("Verifying Checksum") || status.startsWith("Download complete")
                || status.startsWith("Extracting") || status.startsWith("Pull complete")
                || status.startsWith("Already exists");
    }
}
