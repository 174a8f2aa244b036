package dev.berth.broker.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.berth.broker.testsupport.BrokerUnderTest;

/**
 * A minimal Server-Sent Events reader over the JDK HTTP client, as a program without an SSE
 * library would read a watch: frames (id, event, data, comment) parsed line by line on a
 * thread of its own.
 */
final class SseStream implements AutoCloseable {

    record Frame(String id, String event, String data, String comment) {
        boolean heartbeat() {
            return comment != null && event == null && data == null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    final int status;
    final String contentType;
    final String body;
    private final InputStream in;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private SseStream(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.in = response.body();
        if (status != 200) {
            this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            in.close();
            return;
        }
        this.body = null;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** GET {@code pathAndQuery} with the token and, when not null, {@code Last-Event-ID}. */
    static SseStream open(String pathAndQuery, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BrokerUnderTest.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, or null after {@code seconds} without one (or once the stream ended). */
    Frame next(int seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    boolean ended() {
        return ended && frames.isEmpty();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String comment = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null || event != null || data != null || comment != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString(), comment));
                    }
                    id = null;
                    event = null;
                    data = null;
                    comment = null;
                } else if (line.startsWith(":")) {
                    comment = value(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = value(line.substring(3));
                } else if (line.startsWith("event:")) {
                    event = value(line.substring(6));
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line.substring(5)));
                }
            }
        } catch (IOException e) {
            // closed by the test or by the server
        } finally {
            ended = true;
        }
    }

    private static String value(String s) {
        return s.startsWith(" ") ? s.substring(1) : s;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
