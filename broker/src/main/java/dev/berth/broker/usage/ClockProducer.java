package dev.berth.broker.usage;

import java.time.Clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The broker's clock for the times it records itself (usage intervals), instead of the
 * database's {@code now()}: one injectable source of time that tests can replace by
 * declaring any other {@link Clock} bean (this one is a {@link DefaultBean}).
 */
@Singleton
class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
