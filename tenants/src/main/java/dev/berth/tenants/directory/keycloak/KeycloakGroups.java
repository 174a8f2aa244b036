package dev.berth.tenants.directory.keycloak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.tenants.directory.DirectoryGroup;
import dev.berth.tenants.directory.DirectoryGroups;
import dev.berth.tenants.directory.DirectoryUser;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;

/** Tenant groups: the sub-groups of {@code /<tenantsGroup>} and their members. */
final class KeycloakGroups implements DirectoryGroups {

    private final RealmResource realm;
    private final KeycloakCalls calls;
    private final String tenantsGroup;

    KeycloakGroups(RealmResource realm, KeycloakCalls calls, String tenantsGroup) {
        this.realm = realm;
        this.calls = calls;
        this.tenantsGroup = tenantsGroup;
    }

    @Override
    public Optional<DirectoryGroup> byPath(String slug) {
        return calls.find("reading group " + slug, () -> realm.getGroupByPath(tenantsGroup + "/" + slug))
                .map(KeycloakGroups::group);
    }

    @Override
    public Optional<DirectoryGroup> byId(String id) {
        return calls.find("reading group " + id, () -> realm.groups().group(id).toRepresentation()).map(KeycloakGroups::group);
    }

    @Override
    public List<DirectoryGroup> tenantGroups() {
        return parent().map(p -> calls.pages("listing tenant groups",
                        first -> realm.groups().group(p.id()).getSubGroups(first, KeycloakCalls.PAGE, false)))
                .orElse(List.of()).stream().map(KeycloakGroups::group).toList();
    }

    @Override
    public String create(String slug, String displayName) {
        String parentId = parent().map(DirectoryGroup::id).orElseGet(this::createParent);
        GroupRepresentation g = new GroupRepresentation();
        g.setName(slug);
        g.setAttributes(attributes(slug, displayName, Map.of()));
        return calls.created("creating group " + slug, () -> realm.groups().group(parentId).subGroup(g));
    }

    @Override
    public void repair(DirectoryGroup group, String slug, String displayName) {
        GroupRepresentation g = new GroupRepresentation();
        g.setName(slug);
        g.setAttributes(attributes(slug, displayName, group.attributes()));
        calls.run("updating group " + slug, () -> realm.groups().group(group.id()).update(g));
    }

    @Override
    public boolean delete(String id) {
        return calls.delete("deleting group " + id, () -> realm.groups().group(id).remove());
    }

    @Override
    public List<DirectoryUser> members(String groupId) {
        return calls.pages("listing members", first -> realm.groups().group(groupId).members(first, KeycloakCalls.PAGE, false))
                .stream().map(KeycloakUsers::user).toList();
    }

    private Optional<DirectoryGroup> parent() {
        return calls.find("reading group /" + tenantsGroup, () -> realm.getGroupByPath(tenantsGroup)).map(KeycloakGroups::group);
    }

    private String createParent() {
        GroupRepresentation g = new GroupRepresentation();
        g.setName(tenantsGroup);
        return calls.created("creating group /" + tenantsGroup, () -> realm.groups().add(g));
    }

    private static Map<String, List<String>> attributes(String slug, String displayName, Map<String, List<String>> keep) {
        Map<String, List<String>> attributes = new LinkedHashMap<>(keep);
        attributes.put(DirectoryGroup.TENANT_ATTRIBUTE, List.of(slug));
        attributes.put(DirectoryGroup.DISPLAY_NAME_ATTRIBUTE, List.of(displayName));
        return attributes;
    }

    static DirectoryGroup group(GroupRepresentation g) {
        return new DirectoryGroup(g.getId(), g.getName(), g.getPath(),
                g.getAttributes() == null ? Map.of() : g.getAttributes());
    }
}
