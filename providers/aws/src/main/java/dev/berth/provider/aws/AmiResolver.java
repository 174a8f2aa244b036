package dev.berth.provider.aws;

import dev.berth.provider.spi.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Turns a workload's {@code image} into an AMI id. A VM's image is either an OS family named
 * in the AMI mapping ({@code debian-12}) or an AMI id itself ({@code ami-0abc…}, which is how
 * a VM is restored from a snapshot image). A mapping value is an AMI id, or {@code ssm:<name>}
 * for an SSM parameter holding one — AWS publishes the current AMI of Amazon Linux, Ubuntu
 * and Debian that way, so the defaults do not go stale. Resolved parameters are cached for an
 * hour: a new AMI release then reaches new VMs without a broker restart.
 */
final class AmiResolver {

    static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final String SSM = "ssm:";
    private static final Duration CACHE = Duration.ofHours(1);

    private record Cached(String amiId, Instant until) {
    }

    private final Map<String, String> mapping;
    private final SsmClient ssm;
    private final AwsErrors errors;
    private final Clock clock;
    private final Map<String, Cached> resolved = new ConcurrentHashMap<>();

    AmiResolver(Map<String, String> mapping, SsmClient ssm, AwsErrors errors, Clock clock) {
        this.mapping = Map.copyOf(mapping);
        this.ssm = ssm;
        this.errors = errors;
        this.clock = clock;
    }

    /** Whether a mapping value has a form this resolver understands. */
    static boolean isImageSource(String value) {
        return AMI_ID.matcher(value).matches() || (value.startsWith(SSM + "/") && value.length() > SSM.length() + 1
                && value.chars().noneMatch(Character::isWhitespace));
    }

    /** The AMI id for a workload image; Permanent (naming the image) if there is none. */
    String resolve(String image) {
        if (AMI_ID.matcher(image).matches()) {
            return image;
        }
        String source = mapping.get(image);
        if (source == null) {
            throw new ProviderException.Permanent("no AMI for image '" + image + "': it is neither an AMI id "
                    + "(ami-…) nor an OS family of this target's AMI mapping " + new TreeSet<>(mapping.keySet()), null);
        }
        if (!source.startsWith(SSM)) {
            return source;
        }
        Cached cached = resolved.get(source);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return cached.amiId();
        }
        String parameter = source.substring(SSM.length());
        String amiId;
        try {
            amiId = ssm.getParameter(r -> r.name(parameter)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw new ProviderException.Permanent("no AMI for image '" + image + "': SSM parameter " + parameter
                    + " does not exist in this region", e);
        } catch (RuntimeException e) {
            throw errors.classify("read the AMI of image '" + image + "' from SSM parameter " + parameter, e);
        }
        if (!AMI_ID.matcher(amiId).matches()) {
            throw new ProviderException.Permanent("no AMI for image '" + image + "': SSM parameter " + parameter
                    + " holds '" + amiId + "', not an AMI id", null);
        }
        resolved.put(source, new Cached(amiId, clock.instant().plus(CACHE)));
        return amiId;
    }
}
