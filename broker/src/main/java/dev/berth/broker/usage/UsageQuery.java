package dev.berth.broker.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.berth.api.model.FieldViolation;
import dev.berth.broker.problems.InvalidRequest;

/**
 * A validated usage question: whose usage (one tenant or all), the window {@code [from, to)}
 * and the dimensions to group by (in {@link UsageDimension} order).
 */
public record UsageQuery(Optional<String> tenant, Instant from, Instant to, Set<UsageDimension> groupBy) {

    /** The longest window one report may cover: a year, leap day included. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);

    /** Bounds for window ends: nothing was recorded before 1970, and four-digit years keep every layer happy. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public UsageQuery {
        groupBy = Collections.unmodifiableSet(groupBy.isEmpty() ? EnumSet.noneOf(UsageDimension.class) : EnumSet.copyOf(groupBy));
    }

    /**
     * Checks and completes what a client sent; every problem is reported at once as
     * {@code request.invalid} naming the field. {@code to} defaults to {@code now}, {@code from}
     * to the start of the UTC month of the window's last instant. Times are cut to
     * microseconds, the database's precision.
     */
    public static UsageQuery of(Optional<String> tenant, Instant from, Instant to, List<String> groupBy, Instant now) {
        List<FieldViolation> problems = new ArrayList<>();
        Instant end = (to == null ? now : to).truncatedTo(ChronoUnit.MICROS);
        Instant start = (from == null ? monthStart(end.minusNanos(1_000)) : from).truncatedTo(ChronoUnit.MICROS);
        if (outOfRange(start)) {
            problems.add(violation("from", "must be between " + EARLIEST + " and " + LATEST));
        }
        if (outOfRange(end)) {
            problems.add(violation("to", "must be between " + EARLIEST + " and " + LATEST));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        if (!start.isBefore(end)) {
            problems.add(violation("from", "must be before to (" + end + ")"));
        } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            problems.add(violation("to", "window too long: at most " + MAX_WINDOW.toDays() + " days after from"));
        }
        Set<UsageDimension> dimensions = EnumSet.noneOf(UsageDimension.class);
        for (String name : groupBy) {
            Optional<UsageDimension> d = UsageDimension.fromApiName(name.trim());
            if (d.isPresent()) {
                dimensions.add(d.get());
            } else {
                problems.add(violation("groupBy", "unknown dimension '" + name.trim()
                        + "'; use tenant, kind, providerClass, host or day"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new UsageQuery(tenant, start, end, dimensions);
    }

    /** {@code "tenant,day"} → its parts; absent or blank → none. */
    public static List<String> splitGroupBy(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return List.of();
        }
        return List.of(groupBy.split(",", -1));
    }

    /** A stretch of the window that is reported on its own: a UTC day, or the whole window. */
    public record Bucket(LocalDate day, Instant start, Instant end) {
    }

    /** The whole window, or — grouped by day — its UTC days, the first and last cut to the window. */
    public List<Bucket> buckets() {
        if (!groupBy.contains(UsageDimension.DAY)) {
            return List.of(new Bucket(null, from, to));
        }
        List<Bucket> days = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
        for (Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant(); dayStart.isBefore(to); ) {
            Instant next = dayStart.plus(Duration.ofDays(1));
            days.add(new Bucket(day, max(from, dayStart), min(to, next)));
            day = day.plusDays(1);
            dayStart = next;
        }
        return days;
    }

    private static boolean outOfRange(Instant t) {
        return t.isBefore(EARLIEST) || t.isAfter(LATEST);
    }

    private static Instant monthStart(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static FieldViolation violation(String field, String message) {
        return new FieldViolation().field(field).message(message);
    }
}
