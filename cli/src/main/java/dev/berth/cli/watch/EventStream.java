package dev.berth.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.cli.RawCalls;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.Event;
import dev.berth.sdk.model.Problem;

/**
 * A watch of events (GET ...?watch=true as Server-Sent Events), handing each event to a consumer
 * until the stream ends or the consumer's thread is interrupted. An {@code event: error} frame
 * (e.g. {@code watch.too_slow}) carries a problem and ends the watch with it.
 */
public final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final InputStream body;
    private final SseReader reader;
    private String lastEventId;

    private EventStream(InputStream body) {
        this.body = body;
        this.reader = new SseReader(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
    }

    /** Opens {@code path} (e.g. {@code /v1/workloads/ID/events}) as a watch; refusals (404, 429) are ApiExceptions. */
    public static EventStream open(ApiClient api, String path, String after) throws ApiException {
        String query = "?watch=true" + (after == null ? "" : "&after=" + after);
        return new EventStream(RawCalls.get(api, path + query, "text/event-stream").body());
    }

    /** Delivers events until the stream ends; answers normally at its end, throws on an error frame. */
    public void forEach(Consumer<Event> consumer) {
        try {
            SseFrame frame;
            while ((frame = reader.next()) != null) {
                if ("error".equals(frame.event())) {
                    Problem problem = JSON.readValue(frame.data(), Problem.class);
                    throw new WatchEnded(problem);
                }
                if (frame.data() == null) {
                    continue;
                }
                Event event = JSON.readValue(frame.data(), Event.class);
                lastEventId = frame.id();
                consumer.accept(event);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "watch stream broken: " + e.getMessage(), e);
        }
    }

    /** The id of the last event delivered, to resume from. */
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing a stream the server may already have ended
        }
    }

    /** The server ended the watch with a problem frame. */
    public static final class WatchEnded extends RuntimeException {
        private final transient Problem problem;

        WatchEnded(Problem problem) {
            super(problem.getCode());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
