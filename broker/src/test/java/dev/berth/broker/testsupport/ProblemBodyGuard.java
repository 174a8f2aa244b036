package dev.berth.broker.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The suite-wide check that no error answer reveals internals: every problem+json body the
 * broker sends (REST, {@link ProblemBodyGuardFilter}) and every gRPC status description
 * ({@link ProblemBodyGuardInterceptor}) is matched against the patterns below, and
 * {@link ProblemBodyGuardExtension} fails the running test if one matched. The patterns are
 * deliberately the test's own, not the broker's {@code PublicText}: a checker sharing the
 * code it checks could not catch its mistakes.
 *
 * <p>The state is JVM-global (in the system properties, as JDK collections) because the
 * broker under {@code @QuarkusTest} and the JUnit extension live in different class loaders.
 */
public final class ProblemBodyGuard {

    static final List<Pattern> LEAKS = List.of(
            // a qualified class name: java.math.BigDecimal, dev.berth.api.model.Workload, com.fasterxml...
            // (not CEL paths such as request.resources.memoryMiB, which policy errors rightly quote)
            Pattern.compile("\\b(?:java|javax|jakarta|com|org|io|dev|net|sun|jdk|software)\\.[a-z]\\w*\\.[\\w.$]*[A-Z]\\w*"),
            Pattern.compile("\\b(?:java|javax|jakarta)\\.[a-z]+\\."),
            Pattern.compile("\\w+Exception\\b"),
            Pattern.compile("\\bat (?:dev|java|io|org|com|jdk|sun)\\.[\\w.$]+\\("),
            Pattern.compile("Cannot invoke \""));

    private static final String VIOLATIONS = "berth.test.problem-guard.violations";
    private static final String CHECKED = "berth.test.problem-guard.checked";

    private ProblemBodyGuard() {
    }

    /** The first pattern {@code text} matches, or null. */
    public static String leak(String text) {
        if (text == null) {
            return null;
        }
        for (Pattern p : LEAKS) {
            var m = p.matcher(text);
            if (m.find()) {
                return m.group();
            }
        }
        return null;
    }

    /** Records one checked answer ({@code where}: e.g. "REST GET /v1/x" or "gRPC berth.v1.Workloads/Get"). */
    static void check(String where, String body) {
        checked().incrementAndGet();
        String leak = leak(body);
        if (leak != null) {
            violations().add(where + " revealed '" + leak + "' in: " + body);
        }
    }

    /** How many error answers were checked so far in this JVM. */
    public static long checkedCount() {
        return checked().get();
    }

    /** Takes the violations recorded so far. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String v; (v = violations().poll()) != null; ) {
            out.add(v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Queue<String> violations() {
        return (Queue<String>) System.getProperties().computeIfAbsent(VIOLATIONS, k -> new ConcurrentLinkedQueue<String>());
    }

    private static AtomicLong checked() {
        return (AtomicLong) System.getProperties().computeIfAbsent(CHECKED, k -> new AtomicLong());
    }
}
