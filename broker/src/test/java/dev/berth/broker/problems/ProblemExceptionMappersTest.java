package dev.berth.broker.problems;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionMappersTest {

    @ParameterizedTest
    @CsvSource({
            "createWorkload.body.resources.vcpu, resources.vcpu",
            "createWorkload.body.name, name",
            "getMe.arg0, getMe.arg0",
            "name, name",
            "createWorkload.body.labels[team].<map value>, labels.team",
            "createWorkload.body.labels<K>[te am].<map key>, labels.te am",
            "createWorkload.body.command[2].<list element>, command[2]",
            "createCloudAccount.body.catalogue.regions[us-east-1].instanceTypes[0].vcpu, catalogue.regions.us-east-1.instanceTypes[0].vcpu",
    })
    void fieldPathDropsJavaMethodAndParameter(String propertyPath, String field) {
        assertThat(ProblemExceptionMappers.fieldPath(propertyPath)).isEqualTo(field);
    }
}
