package dev.berth.broker.governance;

import dev.berth.policies.PolicyEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One policy engine per broker: it caches compiled programs per (policy, version). */
@ApplicationScoped
public class PolicyEngineProducer {

    @Produces
    @Singleton
    PolicyEngine engine() {
        return new PolicyEngine();
    }
}
