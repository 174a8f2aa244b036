package dev.berth.provider.libvirt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against libvirt's {@code test:///default} driver. The class
 * fails loudly when libvirt0 is missing, and is skipped (reported as such) only when the
 * machine declares it has none with {@code BERTH_LIBVIRT_AVAILABLE=false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfEnvironmentVariable(named = LocalLibvirt.SKIP_VARIABLE, matches = "(?i)false",
        disabledReason = LocalLibvirt.SKIP_VARIABLE + "=false: this machine has no libvirt0")
@ExtendWith(LocalLibvirt.class)
@interface RequiresLibvirt {
}
