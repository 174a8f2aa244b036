package dev.berth.broker.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.berth.broker.problems.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UsageQueryTest {

    private static final Instant NOW = Instant.parse("2031-05-11T02:00:00Z");

    private static UsageQuery query(String from, String to, String groupBy) {
        return UsageQuery.of(Optional.of("acme"), from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to),
                UsageQuery.splitGroupBy(groupBy), NOW);
    }

    @Test
    void defaultsToTheMonthSoFar() {
        UsageQuery q = query(null, null, null);

        assertThat(q.from()).isEqualTo(Instant.parse("2031-05-01T00:00:00Z"));
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(q.groupBy()).isEmpty();
    }

    /** A window ending exactly at a month's start defaults to the month before, not to an empty window. */
    @Test
    void defaultFromIsTheMonthOfTheLastInstant() {
        assertThat(query(null, "2031-03-01T00:00:00Z", null).from()).isEqualTo(Instant.parse("2031-02-01T00:00:00Z"));
    }

    @Test
    void groupByKeepsTheCanonicalOrderWhateverTheOrderAsked() {
        assertThat(query(null, null, "day,host,tenant,day").groupBy())
                .containsExactly(UsageDimension.TENANT, UsageDimension.HOST, UsageDimension.DAY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "from equals to         | 2031-05-01T00:00:00Z | 2031-05-01T00:00:00Z | kind    | from",
            "from after to          | 2031-05-02T00:00:00Z | 2031-05-01T00:00:00Z | kind    | from",
            "window over 366 days   | 2030-01-01T00:00:00Z | 2031-01-03T00:00:00Z | kind    | to",
            "unknown dimension      | 2031-05-01T00:00:00Z | 2031-05-02T00:00:00Z | color   | groupBy",
            "empty dimension        | 2031-05-01T00:00:00Z | 2031-05-02T00:00:00Z | kind,   | groupBy",
            "case matters           | 2031-05-01T00:00:00Z | 2031-05-02T00:00:00Z | Tenant  | groupBy",
            "before 1970            | 1969-12-01T00:00:00Z | 2031-05-02T00:00:00Z | kind    | from",
    })
    void refusesWithTheFieldNamed(String name, String from, String to, String groupBy, String field) {
        InvalidRequest e = catchThrowableOfType(InvalidRequest.class, () -> query(from, to, groupBy));

        assertThat(e).as(name).isNotNull();
        assertThat(e.code().code()).isEqualTo("request.invalid");
        assertThat(e.violations()).extracting(v -> v.getField()).contains(field);
    }

    @Test
    void exactly366DaysIsAllowed() {
        assertThat(query("2030-01-01T00:00:00Z", "2031-01-02T00:00:00Z", null).to()).isEqualTo("2031-01-02T00:00:00Z");
    }

    @Test
    void daysAreUtcDaysCutToTheWindow() {
        List<UsageQuery.Bucket> days = query("2031-05-10T23:30:00Z", "2031-05-12T00:15:00Z", "day").buckets();

        assertThat(days).containsExactly(
                new UsageQuery.Bucket(LocalDate.parse("2031-05-10"), Instant.parse("2031-05-10T23:30:00Z"), Instant.parse("2031-05-11T00:00:00Z")),
                new UsageQuery.Bucket(LocalDate.parse("2031-05-11"), Instant.parse("2031-05-11T00:00:00Z"), Instant.parse("2031-05-12T00:00:00Z")),
                new UsageQuery.Bucket(LocalDate.parse("2031-05-12"), Instant.parse("2031-05-12T00:00:00Z"), Instant.parse("2031-05-12T00:15:00Z")));
    }

    @Test
    void withoutDaysTheWholeWindowIsOneBucket() {
        assertThat(query("2031-05-10T23:30:00Z", "2031-05-12T00:15:00Z", "tenant,kind").buckets()).containsExactly(
                new UsageQuery.Bucket(null, Instant.parse("2031-05-10T23:30:00Z"), Instant.parse("2031-05-12T00:15:00Z")));
    }

    @Test
    void timesAreCutToMicroseconds() {
        UsageQuery q = UsageQuery.of(Optional.empty(), Instant.parse("2031-05-10T00:00:00.123456789Z"),
                Instant.parse("2031-05-11T00:00:00Z"), List.of(), NOW);

        assertThat(q.from()).isEqualTo(Instant.parse("2031-05-10T00:00:00.123456Z"));
    }
}
