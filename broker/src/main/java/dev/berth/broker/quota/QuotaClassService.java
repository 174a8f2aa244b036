package dev.berth.broker.quota;

import dev.berth.tenants.quota.TenantQuota;
import dev.berth.tenants.quota.QuotaClass;

import java.util.List;
import java.util.Optional;

import dev.berth.broker.db.Database;
import dev.berth.provider.spi.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Quota classes: named limit sets, one of them optionally the default that newly onboarded
 * tenants get. Applying a class copies its limits into the tenant's quota once; later edits
 * of the class do not reach tenants that already have limits.
 */
@ApplicationScoped
public class QuotaClassService {

    private static final Logger LOG = Logger.getLogger(QuotaClassService.class);

    private final Database db;
    private final QuotaClassRepository classes;
    private final QuotaLedger ledger;

    QuotaClassService(Database db, QuotaClassRepository classes, QuotaLedger ledger) {
        this.db = db;
        this.classes = classes;
        this.ledger = ledger;
    }

    /** What an admin asks a class to be; {@code monthlyBudgetMicros} null = no budget. */
    public record Definition(String description, Resources limits, int instances, Integer snapshots, boolean isDefault,
                             Long monthlyBudgetMicros) {
    }

    /** The class as stored, and whether this call created it. */
    public record Saved(QuotaClass quotaClass, boolean created) {
    }

    public List<QuotaClass> list() {
        return db.autoCommit(classes::all);
    }

    public QuotaClass get(String name) {
        return db.autoCommit(c -> classes.find(c, name)).orElseThrow(() -> new QuotaClassProblems.NotFound(name));
    }

    public Saved put(String name, Definition d) {
        QuotaClass wanted = new QuotaClass(name, d.description() == null ? "" : d.description(), d.limits(), d.instances(),
                d.snapshots() == null ? TenantQuota.DEFAULT_SNAPSHOT_LIMIT : d.snapshots(), d.isDefault(), null, null,
                d.monthlyBudgetMicros());
        return db.transaction(c -> {
            if (wanted.isDefault()) {
                classes.lockDefaultMark(c);
                classes.clearDefaultExcept(c, name);
            }
            boolean created = classes.upsert(c, wanted);
            return new Saved(classes.find(c, name).orElseThrow(), created);
        });
    }

    public void delete(String name) {
        if (!db.autoCommit(c -> classes.delete(c, name))) {
            throw new QuotaClassProblems.NotFound(name);
        }
    }

    /**
     * Gives a tenant the default class's limits if it has no limits yet. Safe to repeat: a
     * tenant with limits (explicit, or from an earlier call) keeps them. Empty when nothing
     * was applied (no default class, or limits already set).
     */
    public Optional<QuotaClass> applyDefault(String tenant) {
        return db.transaction(c -> {
            Optional<QuotaClass> byDefault = classes.findDefault(c);
            if (byDefault.isEmpty()) {
                LOG.infof("tenant %s onboarded; no default quota class, its limits stay 0", tenant);
                return Optional.<QuotaClass>empty();
            }
            if (!ledger.applyClassIfUnset(c, tenant, byDefault.get())) {
                LOG.infof("tenant %s onboarded; it already has quota limits, default class %s not applied",
                        tenant, byDefault.get().name());
                return Optional.<QuotaClass>empty();
            }
            return byDefault;
        });
    }
}
