package dev.berth.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay of deploy/kubernetes must keep, as a list of
 * violations (empty when all hold), so that a broken manifest says what is wrong.
 * The ports are the broker's own (its application.properties), not constants
 * repeated here.
 */
final class ManifestInvariants {

    static final String BROKER = "berth-broker";
    static final int REPLICAS = 3;
    static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");
    /** Names of settings that hold secrets: they must come from a Secret, never be written inline. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|MASTER_KEY|CREDENTIAL).*");

    private final int httpPort;
    private final int managementPort;
    private final List<String> violations = new ArrayList<>();

    private ManifestInvariants(int httpPort, int managementPort) {
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    static List<String> check(List<JsonNode> documents, int httpPort, int managementPort) {
        ManifestInvariants rules = new ManifestInvariants(httpPort, managementPort);
        rules.checkAll(documents);
        return rules.violations;
    }

    private void checkAll(List<JsonNode> documents) {
        for (JsonNode doc : documents) {
            if ("Secret".equals(doc.path("kind").asText())) {
                violations.add("a Secret is rendered (" + doc.at("/metadata/name").asText() + "): secrets must not be in git");
            }
            if ("ConfigMap".equals(doc.path("kind").asText())) {
                doc.path("data").fieldNames().forEachRemaining(key -> {
                    if (SECRET_NAME.matcher(key).matches()) {
                        violations.add("ConfigMap " + doc.at("/metadata/name").asText() + " holds " + key + ": use a Secret");
                    }
                });
            }
        }
        Optional<JsonNode> deployment = find(documents, "Deployment", BROKER);
        if (deployment.isEmpty()) {
            violations.add("no Deployment " + BROKER);
            return;
        }
        checkDeployment(deployment.get());
        JsonNode podLabels = deployment.get().at("/spec/template/metadata/labels");
        checkPodDisruptionBudget(find(documents, "PodDisruptionBudget", BROKER), podLabels);
        checkAutoscaler(find(documents, "HorizontalPodAutoscaler", BROKER));
        checkMetricsScrape(find(documents, "Service", BROKER), find(documents, "ServiceMonitor", BROKER));
        find(documents, "NetworkPolicy", BROKER).ifPresentOrElse(
                policy -> requireSelects("NetworkPolicy", policy.at("/spec/podSelector/matchLabels"), podLabels),
                () -> violations.add("no NetworkPolicy " + BROKER));
    }

    private void checkDeployment(JsonNode deployment) {
        if (deployment.at("/spec/replicas").asInt() != REPLICAS) {
            violations.add("Deployment replicas " + deployment.at("/spec/replicas") + ", expected " + REPLICAS);
        }
        JsonNode pod = deployment.at("/spec/template/spec");
        for (JsonNode container : pod.path("containers")) {
            String name = container.path("name").asText();
            checkImage(name, container.path("image").asText());
            checkPorts(name, container.path("ports"));
            PROBE_PATHS.forEach((probe, path) -> checkProbe(name, probe, container.path(probe), path, container.path("ports")));
            for (String field : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/memory")) {
                if (container.at(field).isMissingNode()) {
                    violations.add("container " + name + " has no " + field.substring(1));
                }
            }
            for (JsonNode env : container.path("env")) {
                if (SECRET_NAME.matcher(env.path("name").asText()).matches() && env.at("/valueFrom/secretKeyRef").isMissingNode()) {
                    violations.add("container " + name + " sets " + env.path("name").asText() + " inline: reference a Secret");
                }
            }
            if (!container.at("/securityContext/readOnlyRootFilesystem").asBoolean()) {
                violations.add("container " + name + " does not have a read-only root filesystem");
            }
        }
        if (!pod.at("/securityContext/runAsNonRoot").asBoolean()) {
            violations.add("pod does not set runAsNonRoot");
        }
    }

    private void checkImage(String container, String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (image.contains("@sha256:")) {
            return;
        }
        if (colon <= slash) {
            violations.add("container " + container + " image " + image + " has no tag");
        } else if (image.substring(colon + 1).equals("latest")) {
            violations.add("container " + container + " image " + image + " uses the tag latest");
        }
    }

    private void checkPorts(String container, JsonNode ports) {
        if (portNumber(ports, "http") != httpPort) {
            violations.add("container " + container + " port http is " + portNumber(ports, "http") + ", the broker listens on " + httpPort);
        }
        if (portNumber(ports, "management") != managementPort) {
            violations.add("container " + container + " port management is " + portNumber(ports, "management")
                    + ", the broker's management interface is on " + managementPort);
        }
    }

    private void checkProbe(String container, String probe, JsonNode spec, String path, JsonNode ports) {
        if (spec.isMissingNode()) {
            violations.add("container " + container + " has no " + probe);
            return;
        }
        if (!path.equals(spec.at("/httpGet/path").asText())) {
            violations.add("container " + container + " " + probe + " path " + spec.at("/httpGet/path") + ", expected " + path);
        }
        JsonNode port = spec.at("/httpGet/port");
        int number = port.isInt() ? port.asInt() : portNumber(ports, port.asText());
        if (number != managementPort) {
            violations.add("container " + container + " " + probe + " on port " + port + ": health is served on the management port " + managementPort);
        }
    }

    private void checkPodDisruptionBudget(Optional<JsonNode> pdb, JsonNode podLabels) {
        if (pdb.isEmpty()) {
            violations.add("no PodDisruptionBudget " + BROKER);
            return;
        }
        requireSelects("PodDisruptionBudget", pdb.get().at("/spec/selector/matchLabels"), podLabels);
        int minAvailable = pdb.get().at("/spec/minAvailable").asInt(0);
        if (minAvailable < 1 || minAvailable >= REPLICAS) {
            violations.add("PodDisruptionBudget minAvailable " + minAvailable + " must leave a replica to drain and keep one serving");
        }
    }

    private void checkAutoscaler(Optional<JsonNode> hpa) {
        if (hpa.isEmpty()) {
            violations.add("no HorizontalPodAutoscaler " + BROKER);
            return;
        }
        if (!BROKER.equals(hpa.get().at("/spec/scaleTargetRef/name").asText())
                || !"Deployment".equals(hpa.get().at("/spec/scaleTargetRef/kind").asText())) {
            violations.add("HorizontalPodAutoscaler does not scale Deployment " + BROKER);
        }
        if (hpa.get().at("/spec/minReplicas").asInt() < REPLICAS) {
            violations.add("HorizontalPodAutoscaler minReplicas " + hpa.get().at("/spec/minReplicas") + " is below " + REPLICAS);
        }
    }

    private void checkMetricsScrape(Optional<JsonNode> service, Optional<JsonNode> monitor) {
        if (service.isEmpty() || monitor.isEmpty()) {
            violations.add("no Service or no ServiceMonitor " + BROKER);
            return;
        }
        requireSelects("ServiceMonitor", monitor.get().at("/spec/selector/matchLabels"), service.get().at("/metadata/labels"));
        for (JsonNode endpoint : monitor.get().at("/spec/endpoints")) {
            if (!"/q/metrics".equals(endpoint.path("path").asText())) {
                violations.add("ServiceMonitor scrapes " + endpoint.path("path") + ", the broker serves /q/metrics");
            }
            JsonNode port = portByName(service.get().at("/spec/ports"), endpoint.path("port").asText());
            if (port == null || !"management".equals(port.path("targetPort").asText())) {
                violations.add("ServiceMonitor port " + endpoint.path("port") + " is not the Service port of the management interface");
            }
        }
    }

    private void requireSelects(String what, JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            violations.add(what + " has an empty selector");
            return;
        }
        selector.fields().forEachRemaining(e -> {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                violations.add(what + " selector " + e.getKey() + "=" + e.getValue().asText() + " does not match the broker's labels " + labels);
            }
        });
    }

    private static Optional<JsonNode> find(List<JsonNode> documents, String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.at("/metadata/name").asText()))
                .findFirst();
    }

    private static int portNumber(JsonNode ports, String name) {
        JsonNode port = portByName(ports, name);
        return port == null ? -1 : port.path("containerPort").asInt(-1);
    }

    private static JsonNode portByName(JsonNode ports, String name) {
        for (JsonNode port : ports) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        return null;
    }
}
