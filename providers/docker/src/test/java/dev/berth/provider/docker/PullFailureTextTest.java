package dev.berth.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.provider.spi.ProviderException.PullFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's words for failed pulls (Docker 20.10 against Distribution 2.8), classified. */
class PullFailureTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            manifest unknown      | manifest for 127.0.0.1:5000/x:1 not found: manifest unknown: manifest unknown | NOT_FOUND
            repository unknown    | Error response from daemon: name unknown: repository name not known to registry | NOT_FOUND
            no credentials        | Get "http://127.0.0.1:5001/v2/x/manifests/1": no basic auth credentials | UNAUTHORIZED
            wrong credentials     | unauthorized: authentication required | UNAUTHORIZED
            denied hides private  | pull access denied for x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied | UNAUTHORIZED
            refused               | Get "http://127.0.0.1:5009/v2/": dial tcp 127.0.0.1:5009: connect: connection refused | REGISTRY_UNREACHABLE
            reset mid-pull        | read tcp 127.0.0.1:40000->127.0.0.1:5000: read: connection reset by peer | REGISTRY_UNREACHABLE
            unexpected EOF        | unexpected EOF | REGISTRY_UNREACHABLE
            client timeout        | Get "http://127.0.0.1:5000/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers) | TIMEOUT
            i/o timeout           | dial tcp 127.0.0.1:5000: i/o timeout | TIMEOUT
            """)
    void classifies(String name, String message, PullFailure expected) {
        assertThat(PullFailureText.classify(message)).isEqualTo(expected);
    }
}
