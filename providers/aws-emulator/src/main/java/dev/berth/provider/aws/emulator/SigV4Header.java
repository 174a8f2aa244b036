package dev.berth.provider.aws.emulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header the emulator checks: the access key, the
 * date, region and service of the credential scope, the signed headers and a well-formed
 * signature. The signature itself is not recomputed — the emulator checks that the SDK signs
 * with the credentials it was given for the region it was given, not SigV4's arithmetic.
 *
 * @param accessKeyId   who signed
 * @param date          yyyyMMdd of the scope
 * @param region        region of the scope
 * @param service       service of the scope: {@code ec2}, {@code ecs}, {@code sts}, {@code ssm}
 * @param signedHeaders lower-case header names, ';'-separated
 */
record SigV4Header(String accessKeyId, String date, String region, String service, String signedHeaders) {

    private static final Pattern HEADER = Pattern.compile("AWS4-HMAC-SHA256 "
            + "Credential=([A-Z0-9]{16,128})/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
            + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=[0-9a-f]{64}");

    static Optional<SigV4Header> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(authorization.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SigV4Header(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }

    boolean signs(String header) {
        for (String signed : signedHeaders.split(";")) {
            if (signed.equals(header)) {
                return true;
            }
        }
        return false;
    }
}
