package dev.berth.sdk.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import dev.berth.sdk.ApiClient;

/**
 * Hand-written entry point next to the generated client: an {@link ApiClient} for a Berth
 * base URL that sends a fresh bearer token with every request. The token supplier is
 * called per request, so a caching/refreshing supplier (client-credentials for programs)
 * keeps long-lived clients working.
 */
public final class BerthClients {

    private BerthClients() {
    }

    public static ApiClient withBearerToken(String baseUrl, Supplier<String> accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> {
            String token = accessToken.get();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        });
        return client;
    }
}
