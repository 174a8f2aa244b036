package dev.berth.broker.problems;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What of a message Berth did not write itself (a driver's or a library's) a client may see.
 * Tenants get stable codes and human messages; Java class names, exception names, stack
 * frames and a JVM's "helpful" NullPointerException texts are internals, and host endpoints
 * (URIs, IP addresses) belong to the platform, not to tenants. The raw text goes to the log
 * with the request or operation id; the answer gets {@link #of} of it.
 *
 * <p>Also the last line of defence for every problem body ({@link ProblemResponses#body},
 * {@link GrpcProblems}): a detail that still reveals internals is replaced there and logged.
 */
public final class PublicText {

    /** Longest message shown; provider errors can be whole HTML pages. */
    static final int MAX_LENGTH = 500;

    private static final List<Pattern> INTERNALS = List.of(
            // a qualified Java type: java.math.BigDecimal, dev.berth.api.model.WorkloadCreate, com.fasterxml...
            Pattern.compile("\\b(?:java|javax|jakarta|sun|jdk|com|org|io|dev|net|software)\\.(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*"),
            // an exception or error class: NullPointerException, AEADBadTagException, StackOverflowError
            Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b"),
            // a stack frame or a source position
            Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(?:\\.[\\w$<>]+)+\\("),
            Pattern.compile("\\b[A-Z][\\w$]*\\.java:\\d+"),
            // the JVM's helpful NullPointerException messages
            Pattern.compile("\\bCannot (?:invoke|read field|assign field|load from|store to|read the array length) \""),
            Pattern.compile("\\bbecause \"[^\"]*\" is null"),
            Pattern.compile("\\bbecause the return value of \""));

    // A URI, not counting a sentence's ':' or '.' after it.
    private static final Pattern URI = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^\\s'\"<>()\\[\\],;]*[^\\s'\"<>()\\[\\],;:.])?");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\\](?::\\d{1,5})?");
    private static final Pattern LOCALHOST = Pattern.compile("\\blocalhost:\\d{1,5}\\b");

    private PublicText() {
    }

    /** Whether {@code text} names Java classes, exceptions or stack frames. */
    public static boolean revealsInternals(String text) {
        return text != null && INTERNALS.stream().anyMatch(p -> p.matcher(text).find());
    }

    /**
     * {@code raw} with host endpoints replaced by {@code <host endpoint>} and cut to a readable
     * length — or {@code fallback} when it is empty or reveals internals.
     */
    public static String of(String raw, String fallback) {
        if (raw == null || raw.isBlank() || revealsInternals(raw)) {
            return fallback;
        }
        String text = URI.matcher(raw).replaceAll("<host endpoint>");
        text = IPV6.matcher(text).replaceAll("<host endpoint>");
        text = IPV4.matcher(text).replaceAll("<host endpoint>");
        text = LOCALHOST.matcher(text).replaceAll("<host endpoint>");
        text = text.strip();
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
