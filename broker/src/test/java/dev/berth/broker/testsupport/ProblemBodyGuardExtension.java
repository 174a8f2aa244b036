package dev.berth.broker.testsupport;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (listed in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; JUnit's extension
 * auto-detection is switched on by quarkus-junit's own {@code junit-platform.properties}):
 * fails a test during which the broker sent an error answer revealing internals
 * ({@link ProblemBodyGuard}).
 */
public class ProblemBodyGuardExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        failOnLeaks(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnLeaks(context);
    }

    private static void failOnLeaks(ExtensionContext context) {
        List<String> leaks = ProblemBodyGuard.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("error answers revealed internals during " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }
}
