package dev.berth.provider.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.libvirt.LibvirtErrors.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;

/** The classification rule, without libvirt: error code (and domain) → what the broker does next. */
class LibvirtErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "VIR_ERR_NO_DOMAIN,           VIR_FROM_DOMAIN,  NOT_FOUND",
        "VIR_ERR_NO_STORAGE_VOL,      VIR_FROM_STORAGE, NOT_FOUND",
        "VIR_ERR_NO_DOMAIN_SNAPSHOT,  VIR_FROM_DOMAIN_SNAPSHOT, NOT_FOUND",
        "VIR_ERR_NO_CONNECT,          VIR_FROM_NONE,    TRANSIENT",
        "VIR_ERR_INVALID_CONN,        VIR_FROM_NONE,    TRANSIENT",
        "VIR_ERR_SYSTEM_ERROR,        VIR_FROM_RPC,     TRANSIENT",
        "VIR_ERR_RPC,                 VIR_FROM_REMOTE,  TRANSIENT",
        "VIR_ERR_OPERATION_TIMEOUT,   VIR_FROM_QEMU,    TRANSIENT",
        "VIR_ERR_INTERNAL_ERROR,      VIR_FROM_RPC,     TRANSIENT",
        "VIR_ERR_INVALID_ARG,         VIR_FROM_DOMAIN,  PERMANENT",
        "VIR_ERR_XML_ERROR,           VIR_FROM_DOMAIN,  PERMANENT",
        "VIR_ERR_XML_DETAIL,          VIR_FROM_DOMAIN,  PERMANENT",
        "VIR_ERR_OPERATION_INVALID,   VIR_FROM_DOMAIN,  PERMANENT",
        "VIR_ERR_CONFIG_UNSUPPORTED,  VIR_FROM_QEMU,    PERMANENT",
        "VIR_ERR_AUTH_FAILED,         VIR_FROM_REMOTE,  PERMANENT",
        "VIR_ERR_NO_STORAGE_POOL,     VIR_FROM_STORAGE, PERMANENT",
        "VIR_ERR_INTERNAL_ERROR,      VIR_FROM_TEST,    PERMANENT",
        "VIR_ERR_UNKNOWN,             VIR_FROM_NONE,    PERMANENT",
    })
    void errorCodeMapsToKind(ErrorNumber code, ErrorDomain domain, Kind expected) {
        assertThat(LibvirtErrors.kindOf(code, domain)).isEqualTo(expected);
    }
}
