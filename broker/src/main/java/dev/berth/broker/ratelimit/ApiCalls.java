package dev.berth.broker.ratelimit;

import java.util.Optional;
import java.util.Set;

/**
 * Which calls are rate-limited, and in which class. REST and gRPC are classified alike, so a
 * call costs the same budget whichever protocol carries it. Anything outside the API (the
 * console's files, {@code /q/openapi}) is not limited here.
 */
final class ApiCalls {

    /** REST POST routes that change nothing (what-if evaluations): reads, like their gRPC twins. */
    static final Set<String> READ_ONLY_POSTS = Set.of(
            "/v1/placements/simulate", "/v1/admin/policies/evaluate", "/v1/admin/policies/replay");

    /** gRPC method name prefixes of calls that change nothing. */
    private static final String[] GRPC_READ_PREFIXES = {"Get", "List", "Watch", "WhoAmI", "Simulate", "Evaluate", "Replay"};

    private static final String GRPC_PACKAGE = "/berth.v1.";

    private ApiCalls() {
    }

    /** A REST call: {@code /v1/...} only. */
    static Optional<CallClass> rest(String method, String path) {
        if (!path.equals("/v1") && !path.startsWith("/v1/")) {
            return Optional.empty();
        }
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || (method.equals("POST") && READ_ONLY_POSTS.contains(stripTrailingSlash(path)));
        return Optional.of(read ? CallClass.READ : CallClass.MUTATION);
    }

    /** A gRPC call, by its HTTP/2 path {@code /berth.v1.Service/Method}; other services are not Berth's API. */
    static Optional<CallClass> grpc(String path) {
        if (!path.startsWith(GRPC_PACKAGE)) {
            return Optional.empty();
        }
        String method = path.substring(path.lastIndexOf('/') + 1);
        for (String prefix : GRPC_READ_PREFIXES) {
            if (method.startsWith(prefix)) {
                return Optional.of(CallClass.READ);
            }
        }
        return Optional.of(CallClass.MUTATION);
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
