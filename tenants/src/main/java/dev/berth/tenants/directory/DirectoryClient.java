package dev.berth.tenants.directory;

import java.util.Map;
import java.util.Optional;

/** A directory client as Berth reads it (service accounts are confidential clients). */
public record DirectoryClient(String id, String clientId, String name, String description, Map<String, String> attributes) {

    public DirectoryClient {
        attributes = Map.copyOf(attributes);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
