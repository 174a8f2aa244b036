package dev.berth.provider.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the local Docker engine. The class fails loudly when
 * the engine or its test image is missing, and is skipped (reported as such) only when the
 * machine declares it has no engine with {@code BERTH_DOCKER_AVAILABLE=false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfEnvironmentVariable(named = LocalDockerEngine.SKIP_VARIABLE, matches = "(?i)false",
        disabledReason = LocalDockerEngine.SKIP_VARIABLE + "=false: this machine has no Docker engine")
@ExtendWith(LocalDockerEngine.class)
@interface RequiresLocalDocker {
}
