package dev.berth.provider.aws.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * What every emulated service shares: the account id and region, the one lock all state is
 * guarded by, the timeline of asynchronous changes and the fault switches.
 */
final class Account {

    final String accountId;
    final String region;
    final Object lock = new Object();
    final Timeline timeline = new Timeline(Duration.ofMillis(100));
    final Faults faults = new Faults();
    /** Further regions whose signatures are accepted (same state): see {@link AwsEmulator#alsoAnswerFor}. */
    final java.util.Set<String> extraRegions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    Account(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    boolean answersFor(String signedRegion) {
        return region.equals(signedRegion) || extraRegions.contains(signedRegion);
    }

    /** An AWS-style id: {@code prefix-} and 17 hex digits (e.g. {@code i-0123456789abcdef0}). */
    String id(String prefix) {
        return prefix + "-" + hex(9).substring(0, 17);
    }

    String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String zone(int index) {
        return region + (char) ('a' + Math.floorMod(index, 3));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
