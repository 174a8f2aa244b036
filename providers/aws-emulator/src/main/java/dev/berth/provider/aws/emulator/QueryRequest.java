package dev.berth.provider.aws.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A form-encoded AWS Query request (EC2, STS), with the EC2 list conventions:
 * {@code InstanceId.1=…&InstanceId.2=…}, structures as {@code Filter.1.Name=…&Filter.1.Value.1=…}.
 * A view of a structure is again a {@code QueryRequest}, over the keys under its prefix.
 */
final class QueryRequest {

    private final Map<String, String> params;

    private QueryRequest(Map<String, String> params) {
        this.params = params;
    }

    static QueryRequest parse(String body) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return new QueryRequest(params);
    }

    Map<String, String> params() {
        return Map.copyOf(params);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(params.get(name));
    }

    String required(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw AwsError.badRequest("MissingParameter", "The request must contain the parameter " + name);
        }
        return value;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(params.get(name));
    }

    /** {@code name.1}, {@code name.2}, … in index order. */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(name + "." + i); i++) {
            values.add(params.get(name + "." + i));
        }
        return values;
    }

    /** The structures {@code name.1.*}, {@code name.2.*}, … in index order. */
    List<QueryRequest> structs(String name) {
        List<QueryRequest> structs = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + "." + i + ".";
            Map<String, String> sub = new TreeMap<>();
            params.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    sub.put(key.substring(prefix.length()), value);
                }
            });
            if (sub.isEmpty()) {
                return structs;
            }
            structs.add(new QueryRequest(sub));
        }
    }

    /** The structure {@code name.*}. */
    QueryRequest struct(String name) {
        Map<String, String> sub = new TreeMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith(name + ".")) {
                sub.put(key.substring(name.length() + 1), value);
            }
        });
        return new QueryRequest(sub);
    }
}
