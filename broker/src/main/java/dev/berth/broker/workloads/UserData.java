package dev.berth.broker.workloads;

import java.util.Objects;
import java.util.UUID;

import dev.berth.broker.secrets.Envelopes;

/**
 * A VM's cloud-init user data, which often carries secrets. Stored sealed
 * ({@link Envelopes}, column {@code workload.vm_user_data}) and opened only when the driver's
 * spec is built ({@link Workload#spec()}); a workload read for an API answer or a list never
 * decrypts it. Never returned by the API; {@link #toString()} does not show it either.
 */
public final class UserData {

    private final String plaintext;
    private final String envelope;
    private final String context;
    private final Envelopes envelopes;

    private UserData(String plaintext, String envelope, String context, Envelopes envelopes) {
        this.plaintext = plaintext;
        this.envelope = envelope;
        this.context = context;
        this.envelopes = envelopes;
    }

    /** User data from a request (not stored yet); null or empty means none. */
    public static UserData of(String plaintext) {
        return plaintext == null || plaintext.isEmpty() ? null : new UserData(plaintext, null, null, null);
    }

    /** User data as stored for {@code workloadId}: opened on {@link #reveal()}. */
    static UserData sealed(String envelope, UUID workloadId, Envelopes envelopes) {
        return envelope == null ? null : new UserData(null, envelope, context(workloadId), envelopes);
    }

    /** What the envelope of a workload's user data is bound to: it opens for this workload only. */
    static String context(UUID workloadId) {
        return "workload/" + workloadId + "/userData";
    }

    /** The clear text, for the driver. */
    public String reveal() {
        return plaintext != null ? plaintext : envelopes.openText(envelope, context);
    }

    /** The envelope to store for {@code workloadId}: this one if it already belongs there, else sealed anew. */
    String sealFor(UUID workloadId, Envelopes with) {
        if (envelope != null && context.equals(context(workloadId))) {
            return envelope;
        }
        return with.seal(reveal(), context(workloadId));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserData other && Objects.equals(plaintext, other.plaintext)
                && Objects.equals(envelope, other.envelope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(plaintext, envelope);
    }

    @Override
    public String toString() {
        return "UserData[hidden]";
    }
}
