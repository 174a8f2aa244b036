package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.sdk.ApiClient;

/**
 * Reads a request body from {@code -f FILE} (YAML or JSON; {@code -} is stdin) into an SDK model.
 * Unknown fields are refused here, with exit code 2, so a typo is not silently dropped on its
 * way to a server that would have refused it.
 */
public final class InputFiles {

    // YAML 1.2 is a superset of JSON, so one reader takes both
    private static final ObjectMapper YAML = ApiClient.createDefaultObjectMapper()
            .copyWith(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private InputFiles() {
    }

    public static <T> T read(Path file, Class<T> type) {
        try (InputStream in = "-".equals(file.toString()) ? System.in : Files.newInputStream(file)) {
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new CliException(ExitCode.USAGE, file + " is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new CliException(ExitCode.USAGE, file + ": unknown field '" + e.getPropertyName() + "' in "
                    + e.getReferringClass().getSimpleName(), e);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
