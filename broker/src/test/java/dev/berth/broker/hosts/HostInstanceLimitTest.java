package dev.berth.broker.hosts;

import java.util.UUID;

import dev.berth.broker.db.Database;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.provider.spi.Resources;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database side of a host's instance limit (V12), below placement: the conditional
 * reservation refuses a host at its limit even when a stale decision picked it (the "lost the
 * race" answer the create path re-places on), and the CHECKs refuse a limit that is not
 * positive or below what the host holds.
 */
@QuarkusTest
class HostInstanceLimitTest {

    private static final Resources SMALL = new Resources(100, 64, 0);

    @Inject
    Database db;
    @Inject
    HostRepository hosts;

    private UUID host;

    @BeforeEach
    void aHostThatMayHoldOneWorkload() {
        TestDatabase.reset();
        host = Api.registerLocalDocker("engine-1", null).getId();
        TestDatabase.execute("UPDATE host SET max_instances = 1 WHERE id = '" + host + "'");
    }

    @Test
    void theReservationRefusesAHostAtItsLimitUntilARelease() {
        assertThat(reserve()).isTrue();
        assertThat(reserve()).as("at the limit: lost the race").isFalse();
        assertThat(TestDatabase.longValue("SELECT allocated_instances FROM host")).isEqualTo(1);
        assertThat(TestDatabase.longValue("SELECT allocated_milli_cpu FROM host")).as("nothing half-reserved").isEqualTo(100);

        db.transaction(c -> {
            hosts.release(c, host, SMALL);
            return null;
        });
        assertThat(reserve()).as("the release freed the slot").isTrue();
    }

    @Test
    void aHostWithoutALimitIsNotCountedAgainstOne() {
        TestDatabase.execute("UPDATE host SET max_instances = NULL");
        for (int i = 0; i < 3; i++) {
            assertThat(reserve()).isTrue();
        }
        assertThat(db.autoCommit(c -> hosts.find(c, host)).orElseThrow().maxInstances()).isNull();
    }

    @Test
    void theChecksRefuseALimitBelowWhatRunsOrNotPositive() {
        assertThat(reserve()).isTrue();
        assertThatThrownBy(() -> TestDatabase.execute("UPDATE host SET max_instances = 0"))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> TestDatabase.execute("UPDATE host SET max_instances = -1"))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> TestDatabase.execute("UPDATE host SET allocated_instances = 2"))
                .hasMessageContaining("host_instances_within_limit");

        TestDatabase.execute("UPDATE host SET max_instances = NULL");
        assertThat(reserve()).isTrue();
        assertThatThrownBy(() -> db.transaction(c -> {
            hosts.updateInstanceLimit(c, host, 1);
            return null;
        })).as("two run, a limit of one is refused").isInstanceOf(Database.DatabaseException.class)
                .satisfies(e -> assertThat(((Database.DatabaseException) e).sqlState()).isEqualTo("23514"));
        assertThat(db.autoCommit(c -> hosts.find(c, host)).orElseThrow().maxInstances()).isNull();
        db.transaction(c -> {
            hosts.updateInstanceLimit(c, host, 2);
            return null;
        });
        assertThat(db.autoCommit(c -> hosts.find(c, host)).orElseThrow().maxInstances()).isEqualTo(2);
    }

    private boolean reserve() {
        return db.transaction(c -> hosts.reserve(c, host, SMALL));
    }
}
