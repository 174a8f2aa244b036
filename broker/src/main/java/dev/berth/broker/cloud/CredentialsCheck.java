package dev.berth.broker.cloud;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.berth.provider.aws.CredentialsReference;
import dev.berth.provider.spi.ProviderException;

/**
 * Lets only credentials <em>references</em> into the database: {@code default},
 * {@code profile:<name>}, {@code role:<arn>} (the AWS driver's own grammar, so what is stored
 * is what the driver will accept). Anything else — above all something that looks like an
 * access key or a secret — is refused with {@code cloud_account.credentials_invalid}, and the
 * value is never repeated in the answer or a log line: a pasted key must not spread further.
 */
final class CredentialsCheck {

    /** Access key ids (long-term AKIA, temporary ASIA, and the other IAM unique-id prefixes). */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}");
    /** A 40-character secret access key, or a long base64 run (session tokens, private keys). */
    private static final Pattern SECRET_MATERIAL = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])|[A-Za-z0-9/+=]{100,}");
    /** Names of secrets as they appear in credentials files and environments (not "secret" alone: role names may say it). */
    private static final Pattern SECRET_WORDS = Pattern.compile(
            "(?i)secret_?access_?key|session_?token|access_?key_?id|BEGIN [A-Z ]*PRIVATE KEY");

    private CredentialsCheck() {
    }

    /** Checks a reference and its external id; returns the trimmed reference. */
    static String reference(String credentials, Optional<String> externalId) {
        String value = credentials == null ? "default" : credentials.trim();
        if (looksSecret(value) || externalId.filter(CredentialsCheck::looksSecret).isPresent()) {
            throw new CloudAccountProblems.CredentialsInvalid("it looks like a key or secret; Berth stores only a "
                    + "reference to credentials the broker's machine holds (profile:<name> or role:<arn>), never keys. "
                    + "If that was a real key, rotate it");
        }
        try {
            CredentialsReference.parse(value, externalId);
        } catch (ProviderException.Permanent e) {
            // The driver's message never contains the value.
            throw new CloudAccountProblems.CredentialsInvalid(e.getMessage());
        }
        return value;
    }

    static boolean looksSecret(String value) {
        return ACCESS_KEY_ID.matcher(value).find() || SECRET_MATERIAL.matcher(value).find()
                || SECRET_WORDS.matcher(value).find();
    }
}
