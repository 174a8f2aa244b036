package dev.berth.broker.quota;

import dev.berth.broker.tenants.TenantOnboarded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives a newly onboarded tenant the default quota class. Synchronous on purpose: a failure
 * (database down) reaches whoever onboarded the tenant, to be recorded there; applying is
 * idempotent, so firing the event again is safe. Until then the tenant's limits are 0 (an
 * admin can set them at any time).
 */
@ApplicationScoped
class DefaultQuotaForNewTenants {

    private final QuotaClassService classes;

    DefaultQuotaForNewTenants(QuotaClassService classes) {
        this.classes = classes;
    }

    void onboarded(@Observes TenantOnboarded event) {
        classes.applyDefault(event.tenant());
    }
}
