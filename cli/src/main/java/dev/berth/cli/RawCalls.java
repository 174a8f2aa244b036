package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;

/**
 * The few calls the generated client cannot make (a CSV answer, an event stream), sent through the
 * SDK client's own HTTP client and request interceptor, so they carry the same fresh token.
 */
public final class RawCalls {

    private RawCalls() {
    }

    /** GET with the given Accept; a non-2xx answer becomes an {@link ApiException} with its problem body. */
    public static HttpResponse<InputStream> get(ApiClient api, String pathAndQuery, String accept) throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.getBaseUri() + pathAndQuery))
                .header("Accept", accept).GET();
        if (api.getRequestInterceptor() != null) {
            api.getRequestInterceptor().accept(request);
        }
        try {
            HttpResponse<InputStream> response = api.getHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw new ApiException(response.statusCode(), "GET " + pathAndQuery + " answered " + response.statusCode(),
                        response.headers(), body);
            }
            return response;
        } catch (IOException e) {
            throw new ApiException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
    }
}
