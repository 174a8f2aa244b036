package dev.berth.provider.aws.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N.Name} / {@code Filter.N.Value.M} semantics: filters are ANDed, the
 * values of one filter ORed, {@code *} and {@code ?} are wildcards, {@code tag:<key>} and
 * {@code tag-key} look at tags. A filter name the resource does not have is refused, as EC2
 * does ({@code InvalidParameterValue}), so a driver typo does not silently match everything.
 */
final class Ec2Filters {

    private Ec2Filters() {
    }

    /**
     * Whether the resource passes every filter.
     *
     * @param fields the filterable attributes of the resource (name → value, absent = null)
     * @param tags   its tags
     */
    static boolean matches(QueryRequest request, Set<String> known, Function<String, Optional<String>> fields,
                           Map<String, String> tags) {
        for (QueryRequest filter : request.structs("Filter")) {
            String name = filter.required("Name");
            List<String> values = filter.list("Value");
            boolean any;
            if (name.startsWith("tag:")) {
                String value = tags.get(name.substring(4));
                any = value != null && values.stream().anyMatch(v -> glob(v, value));
            } else if (name.equals("tag-key")) {
                any = values.stream().anyMatch(v -> tags.keySet().stream().anyMatch(key -> glob(v, key)));
            } else if (known.contains(name)) {
                Optional<String> value = fields.apply(name);
                any = value.isPresent() && values.stream().anyMatch(v -> glob(v, value.get()));
            } else {
                throw AwsError.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }
}
