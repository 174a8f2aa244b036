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
    })
    void fieldPathDropsJavaMethodAndParameter(String propertyPath, String field) {
        assertThat(ProblemExceptionMappers.fieldPath(propertyPath)).isEqualTo(field);
    }
}
