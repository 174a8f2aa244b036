package dev.berth.tenants;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin moves of the status machine, as a decision table. */
class TenantStatusTest {

    @ParameterizedTest(name = "{0} from {1}: allowed={2}")
    @CsvSource({
            "SUSPEND, ACTIVE,       true",
            "SUSPEND, SUSPENDED,    true",   // already there: a no-op, not a conflict
            "SUSPEND, PROVISIONING, false",
            "SUSPEND, FAILED,       false",
            "SUSPEND, DELETING,     false",
            "RESUME,  SUSPENDED,    true",
            "RESUME,  ACTIVE,       true",
            "RESUME,  FAILED,       false",
            "RESUME,  DELETING,     false",
            "RESUME,  PROVISIONING, false",
    })
    void moves(TenantStatus.Move move, TenantStatus current, boolean allowed) {
        assertThat(move.allowedFrom(current)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} deletable={1}, visible={2}")
    @CsvSource({
            "PROVISIONING, false, true",
            "ACTIVE,       true,  true",
            "FAILED,       true,  true",
            "SUSPENDED,    true,  true",
            "DELETING,     true,  true",
            "DELETED,      false, false",
    })
    void deletionAndVisibility(TenantStatus status, boolean deletable, boolean visible) {
        assertThat(status.deletable()).isEqualTo(deletable);
        assertThat(status.visible()).isEqualTo(visible);
    }

    @ParameterizedTest
    @CsvSource({"SUSPEND, tenant.suspended, SUSPENDED", "RESUME, tenant.resumed, ACTIVE"})
    void movesRecordTheirEvent(TenantStatus.Move move, String event, TenantStatus to) {
        assertThat(move.event()).isEqualTo(event);
        assertThat(move.to()).isEqualTo(to);
    }
}
