package dev.berth.broker.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.berth.broker.security.Caller;
import dev.berth.broker.security.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who pays for a call: client and tenant buckets, reads apart from mutations, platform admins
 * apart from tenants, per-replica shares, refusals counted, idle buckets forgotten.
 */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    record Budget(double perSecond, int burst) implements RateLimitConfig.Budget {
    }

    record Scope(Budget reads, Budget mutations) implements RateLimitConfig.Scope {
    }

    record Config(boolean enabled, int replicas, Scope tenant, Scope client, Scope platform) implements RateLimitConfig {
    }

    /** Tenant: 4 reads / 2 mutations; client: 3 reads / 1 mutation; platform client: 2 / 1; one token a second. */
    static Config config(boolean enabled, int replicas) {
        return new Config(enabled, replicas,
                new Scope(new Budget(1, 4), new Budget(1, 2)),
                new Scope(new Budget(1, 3), new Budget(1, 1)),
                new Scope(new Budget(1, 2), new Budget(1, 1)));
    }

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RateLimiter limiter(Config config) {
        return new RateLimiter(config, meters, now::get);
    }

    static Caller member(String tenant, String subject) {
        return new Caller(subject, subject, Optional.of(tenant), "berth-cli", false, Set.of(Role.TENANT_USER));
    }

    static Caller platformAdmin(String subject) {
        return new Caller(subject, subject, Optional.empty(), "berth-cli", false, Set.of(Role.PLATFORM_ADMIN));
    }

    @Test
    void aClientGetsItsBurstThenIsRefusedWithTheTimeToTheNextToken() {
        RateLimiter limiter = limiter(config(true, 1));
        Caller alice = member("acme", "alice");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.charge(alice, CallClass.READ)).isEmpty();
        }
        RateLimiter.Refusal refusal = limiter.charge(alice, CallClass.READ).orElseThrow();
        assertThat(refusal.scope()).isEqualTo(RateLimiter.Scope.CLIENT);
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refusal.retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(SECOND);
        assertThat(limiter.charge(alice, CallClass.READ)).isEmpty();
    }

    @Test
    void readsAndMutationsAreCountedSeparately() {
        RateLimiter limiter = limiter(config(true, 1));
        Caller alice = member("acme", "alice");
        assertThat(limiter.charge(alice, CallClass.MUTATION)).isEmpty();
        assertThat(limiter.charge(alice, CallClass.MUTATION)).isPresent();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.charge(alice, CallClass.READ)).as("read %d", i).isEmpty();
        }
    }

    @Test
    void clientsOfOneTenantShareTheTenantBucketAndOtherTenantsAreUnaffected() {
        RateLimiter limiter = limiter(config(true, 1));
        Caller alice = member("acme", "alice");
        Caller carol = member("acme", "carol");
        Caller bob = member("globex", "bob");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.charge(alice, CallClass.READ)).isEmpty();
        }
        assertThat(limiter.charge(carol, CallClass.READ)).isEmpty();   // the tenant's 4th
        RateLimiter.Refusal tenantFull = limiter.charge(carol, CallClass.READ).orElseThrow();
        assertThat(tenantFull.scope()).isEqualTo(RateLimiter.Scope.TENANT);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.charge(bob, CallClass.READ)).as("bob's read %d", i).isEmpty();
        }
    }

    @Test
    void aCallRefusedByTheTenantDoesNotSpendTheClientsToken() {
        // The tenant refills fast (10 a second), a client almost never: only a given-back token
        // lets dave call again a tenth of a second later.
        Scope slowClient = new Scope(new Budget(0.001, 1), new Budget(0.001, 1));
        Scope fastTenant = new Scope(new Budget(10, 2), new Budget(10, 2));
        RateLimiter limiter = limiter(new Config(true, 1, fastTenant, slowClient, slowClient));
        assertThat(limiter.charge(member("acme", "alice"), CallClass.MUTATION)).isEmpty();
        assertThat(limiter.charge(member("acme", "carol"), CallClass.MUTATION)).isEmpty();
        Caller dave = member("acme", "dave");
        assertThat(limiter.charge(dave, CallClass.MUTATION)).get()
                .extracting(RateLimiter.Refusal::scope).isEqualTo(RateLimiter.Scope.TENANT);

        now.addAndGet(SECOND / 10);
        assertThat(limiter.charge(dave, CallClass.MUTATION)).isEmpty();
    }

    @Test
    void platformAdminsHaveTheirOwnBucketsAndSpendNoTenants() {
        RateLimiter limiter = limiter(config(true, 1));
        Caller admin = platformAdmin("admin");
        assertThat(limiter.charge(admin, CallClass.READ)).isEmpty();
        assertThat(limiter.charge(admin, CallClass.READ)).isEmpty();
        assertThat(limiter.charge(admin, CallClass.READ)).get()
                .extracting(RateLimiter.Refusal::scope).isEqualTo(RateLimiter.Scope.PLATFORM);
        Caller alice = member("acme", "alice");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.charge(alice, CallClass.READ)).isEmpty();
        }
    }

    @Test
    void eachReplicaEnforcesItsShare() {
        RateLimiter limiter = limiter(config(true, 2));
        Caller alice = member("acme", "alice");
        // Client reads: burst 3 / 2 replicas = 1, refilled at 0.5 a second.
        assertThat(limiter.charge(alice, CallClass.READ)).isEmpty();
        RateLimiter.Refusal refusal = limiter.charge(alice, CallClass.READ).orElseThrow();
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusalsAreCountedByTenantClassAndScope() {
        RateLimiter limiter = limiter(config(true, 1));
        Caller alice = member("acme", "alice");
        limiter.charge(alice, CallClass.MUTATION);
        limiter.charge(alice, CallClass.MUTATION);
        limiter.charge(alice, CallClass.MUTATION);
        limiter.charge(platformAdmin("admin"), CallClass.MUTATION);
        limiter.charge(platformAdmin("admin"), CallClass.MUTATION);

        assertThat(meters.get("berth.rate_limit.refusals").tags("tenant", "acme", "class", "mutations", "scope", "client")
                .counter().count()).isEqualTo(2);
        assertThat(meters.get("berth.rate_limit.refusals").tags("tenant", RateLimiter.NO_TENANT_TAG, "class", "mutations",
                "scope", "platform").counter().count()).isEqualTo(1);
        assertThat(meters.find("berth.rate_limit.refusals").tags("class", "reads").counter()).isNull();
    }

    @Test
    void disabledLetsEverythingThrough() {
        RateLimiter limiter = limiter(config(false, 1));
        Caller alice = member("acme", "alice");
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.charge(alice, CallClass.MUTATION)).isEmpty();
        }
        assertThat(meters.find("berth.rate_limit.refusals").counter()).isNull();
    }

    @Test
    void idleBucketsAreForgottenOnlyOnceFull() {
        RateLimiter limiter = limiter(config(true, 1));
        limiter.charge(member("acme", "alice"), CallClass.READ);
        limiter.charge(member("globex", "bob"), CallClass.READ);
        assertThat(limiter.bucketCount()).isEqualTo(4);   // two clients, two tenants

        now.addAndGet(61 * SECOND);                          // sweep due; every bucket refilled
        limiter.charge(member("acme", "carol"), CallClass.MUTATION);
        assertThat(limiter.bucketCount()).isEqualTo(2);   // only carol's and acme's mutation buckets
        assertThat(meters.get("berth.rate_limit.buckets").gauge().value()).isEqualTo(2);
    }
}
