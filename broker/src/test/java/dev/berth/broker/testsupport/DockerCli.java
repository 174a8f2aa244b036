package dev.berth.broker.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real {@code docker} CLI, to check from outside what Berth did on the engine. */
public final class DockerCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerCli() {
    }

    /** {@code docker inspect <name>}, or null when there is no such container. */
    public static JsonNode inspect(String container) {
        Result r = run("docker", "inspect", container);
        if (r.exit != 0) {
            return null;
        }
        try {
            return JSON.readTree(r.out).get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Names of the containers carrying {@code berth.tenant=<tenant>}, running or not. */
    public static List<String> containersOfTenant(String tenant) {
        Result r = run("docker", "ps", "-a", "--filter", "label=berth.tenant=" + tenant, "--format", "{{.Names}}");
        if (r.exit != 0) {
            throw new AssertionError("docker ps failed: " + r.out);
        }
        return r.out.isBlank() ? List.of() : Arrays.stream(r.out.trim().split("\n")).toList();
    }

    /** {@code docker rm -f} of the named containers; missing ones are ignored. */
    public static void removeContainers(List<String> names) {
        if (!names.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f"));
            cmd.addAll(names);
            run(cmd.toArray(String[]::new));
        }
    }

    /** {@code docker rmi <reference>} of a tag (the layers stay while other tags use them); a missing tag is fine. */
    public static void untag(String reference) {
        run("docker", "rmi", reference);
    }

    /** {@code docker exec <container> sh -c <script>}; returns its output, fails the test on a non-zero exit. */
    public static String exec(String container, String script) {
        Result r = run("docker", "exec", container, "sh", "-c", script);
        if (r.exit != 0) {
            throw new AssertionError("docker exec failed: " + r.out);
        }
        return r.out.trim();
    }

    public static void removeImages(List<String> references) {
        if (!references.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "rmi", "-f"));
            cmd.addAll(references);
            run(cmd.toArray(String[]::new));
        }
    }

    /** {@code docker run -d --network none} of the demo image with these labels: a container made behind Berth's back. */
    public static void runDetached(String name, java.util.Map<String, String> labels, String... command) {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d", "--network", "none", "--name", name));
        labels.forEach((key, value) -> cmd.addAll(List.of("--label", key + "=" + value)));
        cmd.add(Api.IMAGE);
        cmd.addAll(Arrays.asList(command));
        Result r = run(cmd.toArray(String[]::new));
        if (r.exit != 0) {
            throw new AssertionError("docker run failed: " + r.out);
        }
    }

    public static void removeContainer(String name) {
        run("docker", "rm", "-f", name);
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
