package dev.berth.broker.security;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTest {

    @ParameterizedTest
    @CsvSource({
            "tenant-user, TENANT_USER",
            "tenant-admin, TENANT_ADMIN",
            "platform-admin, PLATFORM_ADMIN",
            "offline_access, ",
            "TENANT-USER, ",
            "default-roles-berth, ",
    })
    void onlyBerthRolesAreRecognised(String claimValue, Role expected) {
        assertThat(Role.fromClaimValue(claimValue)).isEqualTo(Optional.ofNullable(expected));
    }
}
