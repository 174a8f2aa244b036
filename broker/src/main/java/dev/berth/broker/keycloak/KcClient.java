package dev.berth.broker.keycloak;

import java.util.Map;
import java.util.Optional;

/** A Keycloak client as Berth reads it (service accounts are confidential clients). */
public record KcClient(String id, String clientId, String name, String description, Map<String, String> attributes) {

    public KcClient {
        attributes = Map.copyOf(attributes);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
