package dev.berth.broker.quota;

import dev.berth.broker.tenants.TenantOnboarded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives a newly onboarded tenant the default quota class. Synchronous on purpose: a failure
 * (database down) reaches whoever onboarded the tenant, who may fire again; applying is
 * idempotent.
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
