package dev.berth.cli;

/**
 * The exit codes of {@code berth}: one per problem class, stable across releases (scripts branch on
 * them; cli/README.md documents them). New classes get new numbers; a number is never reused.
 */
public enum ExitCode {
    OK(0, "success"),
    ERROR(1, "unexpected failure (internal server error, unreadable answer)"),
    USAGE(2, "bad command line or unreadable input file; nothing was sent"),
    NOT_LOGGED_IN(3, "not logged in, session expired, or the token was refused (401)"),
    FORBIDDEN(4, "the caller lacks the role (403)"),
    NOT_FOUND(5, "no such object in the caller's tenant (404)"),
    CONFLICT(6, "conflict with the current state: name taken, invalid state, in use (409)"),
    REFUSED(7, "admission refused: quota.exceeded, placement.no_fit, policy.denied, tenant.suspended"),
    INVALID(8, "the server refused the request as invalid (400, 413, 415, 422)"),
    RATE_LIMITED(9, "rate limited or too many watches (429); retry later"),
    FAILED(10, "--wait: the operation or workload ended FAILED (or not in the state asked for)"),
    TIMEOUT(11, "--wait: the timeout passed before the operation finished"),
    UNAVAILABLE(12, "server or identity provider unreachable or unavailable (connection refused, 502, 503, 504)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code for a problem answer: by its stable {@code code} first, by HTTP status otherwise. */
    public static ExitCode forProblem(int httpStatus, String problemCode) {
        if (problemCode != null) {
            switch (problemCode) {
                case "quota.exceeded", "placement.no_fit", "policy.denied", "tenant.suspended" -> {
                    return REFUSED;
                }
                case "auth.unauthenticated" -> {
                    return NOT_LOGGED_IN;
                }
                case "rate_limited", "watch.limit_exceeded" -> {
                    return RATE_LIMITED;
                }
                default -> {
                    // by status below
                }
            }
        }
        return switch (httpStatus) {
            case 0, 502, 503, 504 -> UNAVAILABLE;
            case 400, 413, 415, 422 -> INVALID;
            case 401 -> NOT_LOGGED_IN;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 429 -> RATE_LIMITED;
            default -> ERROR;
        };
    }
}
