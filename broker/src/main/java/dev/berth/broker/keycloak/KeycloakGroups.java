package dev.berth.broker.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenant groups: the sub-groups of {@code /tenants} and their members. */
@ApplicationScoped
public class KeycloakGroups {

    private static final int PAGE = 100;

    private final KeycloakHttp http;
    private final KeycloakSettings settings;

    KeycloakGroups(KeycloakHttp http, KeycloakSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** The tenant group at {@code /tenants/<slug>}, whatever its attributes. */
    public Optional<KcGroup> byPath(String slug) {
        return http.get("reading group " + slug, "/group-by-path/" + settings.tenantsGroup() + "/"
                + KeycloakHttp.encode(slug)).map(KeycloakGroups::group);
    }

    public Optional<KcGroup> byId(String id) {
        return http.get("reading group " + id, "/groups/" + KeycloakHttp.encode(id)).map(KeycloakGroups::group);
    }

    /** Every sub-group of {@code /tenants} (empty if that group does not exist yet). */
    public List<KcGroup> tenantGroups() {
        Optional<KcGroup> parent = parent();
        List<KcGroup> out = new ArrayList<>();
        if (parent.isEmpty()) {
            return out;
        }
        for (int first = 0; ; first += PAGE) {
            JsonNode page = http.get("listing tenant groups", "/groups/" + parent.get().id()
                    + "/children?briefRepresentation=false&first=" + first + "&max=" + PAGE).orElseThrow();
            page.forEach(g -> out.add(group(g)));
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    /** Creates {@code /tenants/<slug>} carrying the tenant claim; the new group's id. */
    public String create(String slug, String displayName) {
        String parentId = parent().map(KcGroup::id).orElseGet(this::createParent);
        return http.post("creating group " + slug, "/groups/" + parentId + "/children",
                        Map.of("name", slug, "attributes", attributes(slug, displayName, Map.of())))
                .orElseThrow(() -> new KeycloakUnavailable("creating group " + slug, "no Location in the answer"));
    }

    /** Renames the group to {@code slug} and sets its tenant attributes, keeping any other attributes. */
    public void repair(KcGroup group, String slug, String displayName) {
        http.put("updating group " + slug, "/groups/" + group.id(),
                Map.of("name", slug, "attributes", attributes(slug, displayName, group.attributes())));
    }

    public boolean delete(String id) {
        return http.delete("deleting group " + id, "/groups/" + id, null);
    }

    /** Members of a group (humans and service-account users). */
    public List<KcUser> members(String groupId) {
        List<KcUser> out = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = http.get("listing members", "/groups/" + groupId
                    + "/members?briefRepresentation=false&first=" + first + "&max=" + PAGE).orElse(null);
            if (page == null) {
                return out;
            }
            page.forEach(u -> out.add(KeycloakUsers.user(u)));
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    private Optional<KcGroup> parent() {
        return http.get("reading group /" + settings.tenantsGroup(), "/group-by-path/" + settings.tenantsGroup())
                .map(KeycloakGroups::group);
    }

    private String createParent() {
        return http.post("creating group /" + settings.tenantsGroup(), "/groups", Map.of("name", settings.tenantsGroup()))
                .orElseThrow(() -> new KeycloakUnavailable("creating the tenants group", "no Location in the answer"));
    }

    private static Map<String, List<String>> attributes(String slug, String displayName, Map<String, List<String>> keep) {
        Map<String, List<String>> attributes = new LinkedHashMap<>(keep);
        attributes.put(KcGroup.TENANT_ATTRIBUTE, List.of(slug));
        attributes.put(KcGroup.DISPLAY_NAME_ATTRIBUTE, List.of(displayName));
        return attributes;
    }

    static KcGroup group(JsonNode g) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        g.path("attributes").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            attributes.put(e.getKey(), values);
        });
        return new KcGroup(g.path("id").asText(), g.path("name").asText(), g.path("path").asText(), attributes);
    }
}
