package dev.berth.broker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP endpoint on 127.0.0.1 forwarding to the real Keycloak: a Keycloak the test can
 * switch off — at once, or from the first request matching a rule (to fail a saga half-way)
 * — without stopping the Keycloak other tests share. While off, connections are dropped
 * without an answer, as a dead server's would be. It also records every request it receives,
 * so a test can tell whether the broker called Keycloak at all.
 */
public final class KeycloakFaultProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile boolean down;
    private final AtomicReference<BiPredicate<String, String>> downFrom = new AtomicReference<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    /** Listens on {@code port} (0 = any free port) and forwards to the Keycloak of {@link Tokens#ISSUER}. */
    public KeycloakFaultProxy(int port) throws IOException {
        this.target = Tokens.ISSUER.substring(0, Tokens.ISSUER.indexOf("/realms/"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "keycloak-fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void down() {
        down = true;
    }

    public void up() {
        downFrom.set(null);
        down = false;
    }

    /** Every request received since the last {@link #forgetRequests()}, as "METHOD /path". */
    public List<String> requests() {
        return List.copyOf(received);
    }

    public void forgetRequests() {
        received.clear();
    }

    /** Switches off when a request matches {@code rule(method, path)}; that request already fails. */
    public void downFrom(BiPredicate<String, String> rule) {
        downFrom.set(rule);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        received.add(method + " " + path);
        BiPredicate<String, String> rule = downFrom.get();
        if (rule != null && rule.test(method, path)) {
            down = true;
        }
        if (down) {
            exchange.getRequestBody().readAllBytes();
            exchange.close();  // no status line: the client sees a dropped connection
            return;
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = r.body();
            exchange.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
