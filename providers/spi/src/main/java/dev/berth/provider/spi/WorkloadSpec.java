package dev.berth.provider.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What to run: everything a driver needs to create a workload, already validated and
 * admitted by the broker. {@code workloadId} is the provider-side identity: a driver names
 * and labels the provider object after it, which is what makes {@code provision}
 * idempotent. Every provider object carries the labels/tags {@code berth.tenant} and
 * {@code berth.workload}.
 *
 * @param workloadId    Berth's workload UUID
 * @param tenant        owning tenant slug
 * @param name          tenant-chosen name (informational on the provider side)
 * @param kind          container or VM
 * @param image         the image resolved at admission (registry reference, platform image or the
 *                      tenant's own snapshot); never a string the tenant typed
 * @param command       entry command override; empty = image default
 * @param env           environment variables
 * @param resources     limits to apply
 * @param labels        tenant labels, copied onto the provider object (prefixed {@code user.})
 * @param restartPolicy what to do when the main process exits
 * @param userData      cloud-init user data for a VM's first boot, as the tenant wrote it;
 *                      {@code null} = none. Drivers of containers ignore it.
 * @param sshKeys       SSH public keys (OpenSSH one-line format) to authorise in a VM
 *                      guest; empty = none. Drivers of containers ignore them.
 * @param pullPolicy    when a driver that pulls fetches a {@link ImageSource.RegistryImage}; default
 *                      {@link PullPolicy#NEVER} for specs built without one (the broker always sets it)
 * @param installation  the Berth installation creating the object, put on it as label/tag
 *                      {@code berth.installation} where the provider can carry one; null = none.
 *                      It is what lets an installation tell its own orphans from another's
 *                      objects on a shared engine.
 */
public record WorkloadSpec(
        UUID workloadId,
        String tenant,
        String name,
        WorkloadKind kind,
        ImageSource image,
        List<String> command,
        Map<String, String> env,
        Resources resources,
        Map<String, String> labels,
        RestartPolicy restartPolicy,
        String userData,
        List<String> sshKeys,
        String installation,
        PullPolicy pullPolicy) {

    public static final String LABEL_TENANT = "berth.tenant";
    public static final String LABEL_WORKLOAD = "berth.workload";
    public static final String USER_LABEL_PREFIX = "user.";
    public static final String LABEL_INSTALLATION = "berth.installation";

    public WorkloadSpec {
        Objects.requireNonNull(workloadId, "workloadId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(resources, "resources");
        name = name == null ? workloadId.toString() : name;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        restartPolicy = restartPolicy == null ? RestartPolicy.NEVER : restartPolicy;
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
        pullPolicy = pullPolicy == null ? PullPolicy.NEVER : pullPolicy;
    }

    /** A spec without guest initialisation (no user data, no SSH keys): every container, and plain VMs. */
    public WorkloadSpec(UUID workloadId, String tenant, String name, WorkloadKind kind, ImageSource image,
                        List<String> command, Map<String, String> env, Resources resources,
                        Map<String, String> labels, RestartPolicy restartPolicy) {
        this(workloadId, tenant, name, kind, image, command, env, resources, labels, restartPolicy, null, List.of());
    }

    /** A spec without an installation label. */
    public WorkloadSpec(UUID workloadId, String tenant, String name, WorkloadKind kind, ImageSource image,
                        List<String> command, Map<String, String> env, Resources resources,
                        Map<String, String> labels, RestartPolicy restartPolicy, String userData, List<String> sshKeys) {
        this(workloadId, tenant, name, kind, image, command, env, resources, labels, restartPolicy, userData, sshKeys,
                null, null);
    }

    /** The same spec, to be labelled as created by {@code installation}. */
    public WorkloadSpec withInstallation(String installation) {
        return new WorkloadSpec(workloadId, tenant, name, kind, image, command, env, resources, labels, restartPolicy,
                userData, sshKeys, installation, pullPolicy);
    }

    /** The same spec, with images pulled as {@code policy} says. */
    public WorkloadSpec withPullPolicy(PullPolicy policy) {
        return new WorkloadSpec(workloadId, tenant, name, kind, image, command, env, resources, labels, restartPolicy,
                userData, sshKeys, installation, policy);
    }

    /** Whether the guest gets anything to initialise it with (user data or SSH keys). */
    public boolean hasGuestInit() {
        return (userData != null && !userData.isEmpty()) || !sshKeys.isEmpty();
    }

    /** Like the record's own, but user data (which often carries secrets) is shown by size only. */
    @Override
    public String toString() {
        return "WorkloadSpec[workloadId=" + workloadId + ", tenant=" + tenant + ", name=" + name + ", kind=" + kind
                + ", image=" + image.display() + ", command=" + command + ", env=" + env.keySet() + ", resources=" + resources
                + ", labels=" + labels + ", restartPolicy=" + restartPolicy + ", userData="
                + (userData == null ? "none" : userData.length() + " chars") + ", sshKeys=" + sshKeys.size()
                + ", installation=" + installation + ", pullPolicy=" + pullPolicy + "]";
    }

    /** The provider-side name of the workload's object: its UUID prefixed, stable across retries. */
    public String providerName() {
        return providerName(workloadId);
    }

    public static String providerName(UUID workloadId) {
        return "berth-" + workloadId;
    }
}
