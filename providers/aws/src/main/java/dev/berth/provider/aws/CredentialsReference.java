package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the driver gets AWS credentials from — a <b>reference</b>, never a secret, so Berth's
 * database, API and logs never hold keys. Written as the host option {@code credentials}:
 * <ul>
 *   <li>{@code default} — the SDK's default chain on the broker's machine (system properties,
 *       environment, web identity, {@code ~/.aws} default profile, container/instance role);</li>
 *   <li>{@code profile:<name>} — a named profile of the broker's {@code ~/.aws/config} /
 *       {@code credentials} files (which may itself use SSO or {@code credential_process});</li>
 *   <li>{@code role:<arn>} — a role assumed through STS {@code AssumeRole}, with the default
 *       chain as the caller; the optional host option {@code externalId} is passed along.</li>
 * </ul>
 * Anything else is refused without echoing the value back, in case someone pasted a key.
 * Public so the broker checks a cloud account's reference with the same grammar before storing it.
 */
public sealed interface CredentialsReference {

    /** The SDK's default provider chain. */
    record DefaultChain() implements CredentialsReference {
        @Override
        public String toString() {
            return "default";
        }
    }

    /** A named profile of the shared AWS config files. */
    record Profile(String name) implements CredentialsReference {
        @Override
        public String toString() {
            return "profile:" + name;
        }
    }

    /** A role assumed through STS, optionally with an external id (the third-party-account guard). */
    record AssumeRole(String roleArn, Optional<String> externalId) implements CredentialsReference {
        @Override
        public String toString() {
            return "role:" + roleArn;
        }
    }

    Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+@-]{0,63}");
    Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}");
    Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_+=,.@:/-]{2,1224}");

    /** Parses the option; a malformed reference is Permanent. */
    static CredentialsReference parse(String value, Optional<String> externalId) {
        String v = value.trim();
        CredentialsReference parsed;
        if (v.equals("default")) {
            parsed = new DefaultChain();
        } else if (v.startsWith("profile:") && PROFILE_NAME.matcher(v.substring(8)).matches()) {
            parsed = new Profile(v.substring(8));
        } else if (v.startsWith("role:") && ROLE_ARN.matcher(v.substring(5)).matches()) {
            externalId.filter(id -> !EXTERNAL_ID.matcher(id).matches()).ifPresent(id -> {
                throw new ProviderException.Permanent("option externalId must be 2-1224 characters of "
                        + "[A-Za-z0-9_+=,.@:/-]", null);
            });
            return new AssumeRole(v.substring(5), externalId);
        } else {
            // Deliberately without the value: a mistyped option could be a secret key.
            throw new ProviderException.Permanent("option credentials must be a reference: 'default', "
                    + "'profile:<name>' or 'role:arn:aws:iam::<account>:role/<name>' (never keys)", null);
        }
        if (externalId.isPresent()) {
            throw new ProviderException.Permanent("option externalId applies only to credentials role:<arn>", null);
        }
        return parsed;
    }
}
