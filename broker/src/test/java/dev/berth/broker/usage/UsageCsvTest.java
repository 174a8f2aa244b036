package dev.berth.broker.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsageCsvTest {

    private static final UsageFigures THREE_VCPU_HOURS = new UsageFigures(new BigDecimal("3.000000"),
            new BigDecimal("1.500000"), new BigDecimal("6.000000"), new BigDecimal("1.500000"), new BigDecimal("0.127500"));
    private static final UUID HOST = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private static UsageReport report(EnumSet<UsageDimension> groupBy, UsageRow... rows) {
        return new UsageReport(Instant.parse("2031-05-10T00:00:00Z"), Instant.parse("2031-05-12T00:00:00Z"),
                Optional.of("acme"), groupBy, List.of(rows), THREE_VCPU_HOURS);
    }

    @Test
    void headerThenOneRowPerGroupWithCrlfLineEnds() {
        String csv = UsageCsv.write(report(EnumSet.of(UsageDimension.DAY, UsageDimension.TENANT),
                new UsageRow("acme", null, null, null, null, LocalDate.parse("2031-05-10"), THREE_VCPU_HOURS)));

        assertThat(csv).isEqualTo("tenant,day,vcpuHours,memoryGiBHours,diskGiBHours,instanceHours,cost\r\n"
                + "acme,2031-05-10,3.000000,1.500000,6.000000,1.500000,0.127500\r\n");
    }

    @Test
    void everyDimensionInItsFixedOrderAndAHostIsIdThenName() {
        String csv = UsageCsv.write(report(EnumSet.allOf(UsageDimension.class),
                new UsageRow("acme", "vm", "private", HOST, "kvm-1", LocalDate.parse("2031-05-10"), THREE_VCPU_HOURS)));

        assertThat(csv.split("\r\n")).containsExactly(
                "tenant,kind,providerClass,hostId,host,day,vcpuHours,memoryGiBHours,diskGiBHours,instanceHours,cost",
                "acme,vm,private," + HOST + ",kvm-1,2031-05-10,3.000000,1.500000,6.000000,1.500000,0.127500");
    }

    @Test
    void noGroupingIsJustTheFigures() {
        String csv = UsageCsv.write(report(EnumSet.noneOf(UsageDimension.class),
                new UsageRow(null, null, null, null, null, null, THREE_VCPU_HOURS)));

        assertThat(csv).isEqualTo("vcpuHours,memoryGiBHours,diskGiBHours,instanceHours,cost\r\n"
                + "3.000000,1.500000,6.000000,1.500000,0.127500\r\n");
    }

    @Test
    void noUsageIsTheHeaderAlone() {
        assertThat(UsageCsv.write(report(EnumSet.of(UsageDimension.KIND))))
                .isEqualTo("kind,vcpuHours,memoryGiBHours,diskGiBHours,instanceHours,cost\r\n");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "kvm-1          | kvm-1",
            "a,b            | \"a,b\"",
            "say \"hi\"     | \"say \"\"hi\"\"\"",
            "''             | ''",
    })
    void quotesOnlyWhatRfc4180Requires(String value, String expected) {
        assertThat(UsageCsv.field(value)).isEqualTo(expected);
    }

    @Test
    void lineBreaksInAFieldAreQuoted() {
        assertThat(UsageCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }
}
