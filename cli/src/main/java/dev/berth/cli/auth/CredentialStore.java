package dev.berth.cli.auth;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;

/**
 * The token cache, {@code credentials.json} in the config directory. Tokens are bearer secrets, so
 * the file is created with mode 600 (directory 700) before a byte is written, and replaced
 * atomically so a concurrent reader never sees half a file.
 */
public final class CredentialStore {

    public static final String FILE_NAME = "credentials.json";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;

    public CredentialStore(Path directory) {
        this.directory = directory;
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    public Optional<Credentials> load() {
        if (!Files.exists(file())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file().toFile(), Credentials.class));
        } catch (IOException e) {
            throw new CliException(ExitCode.NOT_LOGGED_IN, "cannot read " + file() + " (" + e.getMessage()
                    + "); run `berth login` again", e);
        }
    }

    public void save(Credentials credentials) {
        try {
            createOwnerOnlyDirectory();
            Path temp = directory.resolve(FILE_NAME + ".tmp");
            Files.deleteIfExists(temp);
            createOwnerOnlyFile(temp);
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), credentials);
            try {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    public boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot delete " + file() + ": " + e.getMessage(), e);
        }
    }

    private void createOwnerOnlyDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(directory);
        }
    }

    private void createOwnerOnlyFile(Path path) throws IOException {
        try {
            if (posix()) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                // the umask may have taken bits away, never added any; set exactly 600 anyway
                Files.setPosixFilePermissions(path, OWNER_ONLY_FILE);
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a concurrent login is writing " + path, e);
        }
    }

    private boolean posix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
