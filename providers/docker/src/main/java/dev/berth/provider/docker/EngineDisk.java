package dev.berth.provider.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The disk an engine's containers and images live on: the filesystem of its data root
 * ({@code docker info} DockerRootDir). The engine API does not report that filesystem's size,
 * so it can only be measured when the engine runs on the broker's machine (a unix socket) and
 * its data root is visible here; otherwise (a TCP engine, or a broker in a container that sees
 * only the socket) the size is unknown and disk is not a limit on that host.
 */
record EngineDisk(long capacityGiB, boolean measured, String detail) {

    private static final long BYTES_PER_GIB = 1024L * 1024 * 1024;

    static EngineDisk of(DockerEndpoint endpoint, String dataRoot) {
        if (!(endpoint instanceof DockerEndpoint.Unix)) {
            return unknown("not measured: the engine is remote (" + endpoint + ")");
        }
        if (dataRoot == null || dataRoot.isBlank()) {
            return unknown("not measured: the engine reported no data root");
        }
        try {
            Path root = Path.of(dataRoot);
            if (!root.isAbsolute() || !Files.isDirectory(root)) {
                return unknown("not measured: data root " + dataRoot + " is not visible to the broker");
            }
            long total = Files.getFileStore(root).getTotalSpace();
            return new EngineDisk(total / BYTES_PER_GIB, true, "filesystem of " + dataRoot);
        } catch (IOException | InvalidPathException | SecurityException e) {
            return unknown("not measured: " + dataRoot + ": " + e.getMessage());
        }
    }

    private static EngineDisk unknown(String detail) {
        return new EngineDisk(0, false, detail);
    }
}
