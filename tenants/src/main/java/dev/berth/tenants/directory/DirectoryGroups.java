package dev.berth.tenants.directory;

import java.util.List;
import java.util.Optional;

/** Tenant groups: the sub-groups of one parent group (by default {@code /tenants}) and their members. */
public interface DirectoryGroups {

    /** The tenant group {@code /<parent>/<slug>}, whatever its attributes. */
    Optional<DirectoryGroup> byPath(String slug);

    Optional<DirectoryGroup> byId(String id);

    /** Every sub-group of the parent group (empty if that group does not exist yet). */
    List<DirectoryGroup> tenantGroups();

    /** Creates {@code /<parent>/<slug>} (and the parent if needed) carrying the tenant claim; the new group's id. */
    String create(String slug, String displayName);

    /** Renames the group to {@code slug} and sets its tenant attributes, keeping any other attributes. */
    void repair(DirectoryGroup group, String slug, String displayName);

    /** False when there was no such group. */
    boolean delete(String id);

    /** Members of a group (people and service-account users); empty when the group is gone. */
    List<DirectoryUser> members(String groupId);
}
