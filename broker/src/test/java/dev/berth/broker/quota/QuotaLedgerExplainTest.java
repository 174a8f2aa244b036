package dev.berth.broker.quota;

import dev.berth.tenants.quota.TenantQuota;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.berth.provider.spi.Resources;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaLedgerExplainTest {

    /** 4 vCPU, 8192 MiB, 100 GiB, 5 instances; half of each in use. */
    private static final TenantQuota HALF_USED =
            new TenantQuota("acme", new Resources(4000, 8192, 100), 5, new Resources(2000, 4096, 50), 2);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "vcpu       | 2500, 0, 0    | vcpu (2 of 4 used, 2.5 requested)",
            "memory     | 0, 5000, 0    | memoryMiB (4096 of 8192 used, 5000 requested)",
            "disk       | 0, 0, 51      | diskGiB (50 of 100 used, 51 requested)",
    })
    void namesTheExceededDimensionWithItsNumbers(String name, String want, String expected) {
        String message = QuotaLedger.explain(HALF_USED, resources(want));

        assertThat(message).isEqualTo("Tenant 'acme' quota exceeded: " + expected + ".");
    }

    @Test
    void namesTheInstanceLimit() {
        var full = new TenantQuota("acme", new Resources(4000, 8192, 100), 2, Resources.ZERO, 2);

        assertThat(QuotaLedger.explain(full, Resources.ZERO))
                .isEqualTo("Tenant 'acme' quota exceeded: instances (2 of 2 used).");
    }

    @Test
    void namesEveryExceededDimensionInOneMessage() {
        var full = new TenantQuota("acme", new Resources(4000, 8192, 100), 2, new Resources(4000, 8192, 100), 2);

        assertThat(QuotaLedger.explain(full, new Resources(500, 512, 1))).isEqualTo("Tenant 'acme' quota exceeded: "
                + "instances (2 of 2 used); vcpu (4 of 4 used, 0.5 requested); "
                + "memoryMiB (8192 of 8192 used, 512 requested); diskGiB (100 of 100 used, 1 requested).");
    }

    @Test
    void tenantWithoutAQuotaRowHasNothingToSpend() {
        String message = QuotaLedger.explain(TenantQuota.none("newcomer"), new Resources(500, 512, 1));

        assertThat(message).startsWith("Tenant 'newcomer' quota exceeded: ")
                .contains("instances (0 of 0 used)", "vcpu (0 of 0 used, 0.5 requested)",
                        "memoryMiB (0 of 0 used, 512 requested)", "diskGiB (0 of 0 used, 1 requested)");
    }

    /** The conditional UPDATE refused, but the re-read row has room: another admission won the race in between. */
    @Test
    void fallsBackToConcurrentAdmissionWhenNothingLooksExceeded() {
        assertThat(QuotaLedger.explain(HALF_USED, new Resources(1000, 1024, 10)))
                .isEqualTo("Tenant 'acme' quota exceeded: a concurrent admission took the remaining quota.");
    }

    @Test
    void wholeTensOfVcpuPrintPlainly() {
        var q = new TenantQuota("acme", new Resources(20000, 8192, 100), 5, new Resources(10000, 0, 0), 0);

        assertThat(QuotaLedger.explain(q, new Resources(20000, 0, 0)))
                .contains("vcpu (10 of 20 used, 20 requested)");
    }

    /** An admin lowered the vCPU limit to 1 while 3 are in use: even a request for no vCPU is refused, naming vcpu. */
    @Test
    void limitLoweredBelowUsageRefusesAndNamesTheDimension() {
        var lowered = new TenantQuota("acme", new Resources(1000, 8192, 100), 5, new Resources(3000, 1024, 0), 2);

        assertThat(QuotaLedger.refusal(lowered, new Resources(0, 16, 0)))
                .isEqualTo("Tenant 'acme' quota exceeded: vcpu (3 of 1 used, 0 requested).");
        assertThat(lowered.overLimit()).containsExactly("vcpu");
    }

    @Test
    void overLimitListsEveryDimensionAboveItsLimitAndNothingAtTheLimit() {
        var q = new TenantQuota("acme", new Resources(1000, 512, 10), 1, new Resources(1000, 1024, 20), 2, 3, 4, null);

        assertThat(q.overLimit()).containsExactly("memoryMiB", "diskGiB", "instances", "snapshots");
        assertThat(HALF_USED.overLimit()).isEmpty();
    }

    private static Resources resources(String csv) {
        String[] p = csv.split(",");
        return new Resources(Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim()), Long.parseLong(p[2].trim()));
    }
}
