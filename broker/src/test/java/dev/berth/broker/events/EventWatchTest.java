package dev.berth.broker.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.broker.testsupport.Api;
import dev.berth.broker.testsupport.Await;
import dev.berth.broker.testsupport.BrokerUnderTest;
import dev.berth.broker.testsupport.GrpcCalls;
import dev.berth.broker.testsupport.TestDatabase;
import dev.berth.broker.testsupport.Tokens;
import dev.berth.grpc.v1.WatchEventsRequest;
import dev.berth.sdk.model.WorkloadStatus;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Watch streams (issue 18): SSE and gRPC watches resume without a gap, stay inside the caller's
 * tenant, and are capped per tenant. Events are produced the way another replica produces them:
 * {@link EventLog#append} on connections of their own (not this broker's pool), committed
 * concurrently by two producers, so the broker learns of them only through PostgreSQL's
 * LISTEN/NOTIFY and reads them from the table.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private UUID workload;
    private GrpcCalls grpc;

    @BeforeAll
    void aliceHasAWorkload() throws Exception {
        TestDatabase.reset();
        Api.registerLocalDocker("local-docker", null);
        Api.setQuota("acme", "2", 1024, 10, 5);
        Api alice = Api.as("alice");
        workload = alice.workloads().createWorkload(Api.sleeper("watched", "0.1", 16), null).getWorkload().getId();
        alice.awaitStatus(workload, WorkloadStatus.RUNNING);
        grpc = new GrpcCalls();
    }

    @AfterAll
    void close() throws InterruptedException {
        grpc.close();
    }

    @Test
    void sseResumesAfterADisconnectFromTheLastEventIdAndMissesNothingWhile200EventsAreProduced() throws Exception {
        String token = Tokens.user("alice");
        String path = "/v1/workloads/" + workload + "/events?watch=true";
        List<Long> received = new ArrayList<>();
        List<Thread> producers = List.of(producer("acme", workload, "replica-a", 100), producer("acme", workload, "replica-b", 100));

        String last;
        try (SseStream first = SseStream.open(path, token, null)) {
            assertThat(first.status).isEqualTo(200);
            assertThat(first.contentType).startsWith("text/event-stream");
            producers.forEach(Thread::start);
            last = readUntil(first, received, () -> ticks(received) >= 60);
        }
        // Events keep coming while the client is away.
        long away = TestDatabase.longValue("SELECT count(*) FROM event WHERE type = 'test.tick'");
        Await.until("events produced while disconnected", Duration.ofSeconds(60),
                () -> TestDatabase.longValue("SELECT count(*) FROM event WHERE type = 'test.tick'") > away + 20
                        || producersDone(producers));
        try (SseStream second = SseStream.open(path, token, last)) {
            assertThat(second.status).isEqualTo(200);
            for (Thread p : producers) {
                p.join();
            }
            Set<Long> all = new HashSet<>(longs("SELECT id FROM event WHERE workload_id = '" + workload + "'"));
            readUntil(second, received, () -> new HashSet<>(received).containsAll(all));
            assertThat(received).doesNotHaveDuplicates();
            assertThat(ticks(received)).isEqualTo(200);
            assertThat(received).containsAll(all);
        }
    }

    @Test
    void bobsWatchesNeverShowAlicesEventsOverSseOrGrpc() throws Exception {
        String bob = Tokens.user("bob");
        try (SseStream all = SseStream.open("/v1/events?watch=true", bob, null)) {
            assertThat(all.status).isEqualTo(200);
            Context.CancellableContext call = Context.current().withCancellation();
            try {
                Iterator<dev.berth.grpc.v1.Event> grpcEvents = call.call(() ->
                        grpc.events(bob).watchEvents(WatchEventsRequest.getDefaultInstance()));
                String marker = produceAliceEventsThenAGlobexMarker();

                List<JsonNode> sse = new ArrayList<>();
                SseStream.Frame f;
                do {
                    f = all.next(60);
                    assertThat(f).as("a frame before the globex marker").isNotNull();
                    if (!f.heartbeat()) {
                        sse.add(JSON.readTree(f.data()));
                    }
                } while (f.heartbeat() || !marker.equals(JSON.readTree(f.data()).path("message").asText()));
                assertThat(sse).allSatisfy(e -> assertThat(e.path("tenant").asText()).isEqualTo("globex"));

                List<dev.berth.grpc.v1.Event> viaGrpc = new ArrayList<>();
                dev.berth.grpc.v1.Event e;
                do {
                    e = grpcEvents.next();
                    viaGrpc.add(e);
                } while (!marker.equals(e.getMessage()));
                assertThat(viaGrpc).allSatisfy(x -> assertThat(x.getTenant()).isEqualTo("globex"));
            } finally {
                call.cancel(null);
            }
        }
        // alice's own watch does see them: the stream above was not just empty.
        try (SseStream alices = SseStream.open("/v1/events?watch=true", Tokens.user("alice"), null)) {
            SseStream.Frame f;
            do {
                f = alices.next(60);
                assertThat(f).isNotNull();
            } while (f.heartbeat() || !"test.isolation".equals(f.event()));
            assertThat(JSON.readTree(f.data()).path("tenant").asText()).isEqualTo("acme");
        }
    }

    @Test
    void aForeignWorkloadIs404OverSseAndGrpc() throws Exception {
        try (SseStream s = SseStream.open("/v1/workloads/" + workload + "/events?watch=true", Tokens.user("bob"), null)) {
            assertProblem(s, 404, "workload.not_found");
        }
        try (SseStream s = SseStream.open("/v1/workloads/" + UUID.randomUUID() + "/events?watch=true", Tokens.user("alice"), null)) {
            assertProblem(s, 404, "workload.not_found");
        }
        try (SseStream s = SseStream.open("/v1/events?watch=true&tenant=acme", Tokens.user("bob"), null)) {
            assertProblem(s, 404, "tenant.not_found");
        }
        StatusRuntimeException grpcRefusal = catchThrowableOfType(StatusRuntimeException.class, () ->
                grpc.events(Tokens.user("bob")).watchEvents(WatchEventsRequest.newBuilder()
                        .setWorkloadId(workload.toString()).build()).hasNext());
        assertThat(grpcRefusal.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(grpcRefusal.getTrailers().get(GrpcCalls.ERROR_CODE)).isEqualTo("workload.not_found");
    }

    @Test
    void aBadResumeIdIs400() throws Exception {
        String alice = Tokens.user("alice");
        String path = "/v1/workloads/" + workload + "/events?watch=true";
        for (String bad : List.of("abc", "-1", "1.5")) {
            try (SseStream s = SseStream.open(path, alice, bad)) {
                assertProblem(s, 400, "request.invalid");
            }
        }
        try (SseStream s = SseStream.open(path + "&after=x", alice, null)) {
            assertProblem(s, 400, "request.invalid");
        }
        // An id that is no event of this stream (here: of no stream at all) cannot be resumed from.
        try (SseStream s = SseStream.open(path, alice, Long.toString(Long.MAX_VALUE))) {
            assertProblem(s, 400, "request.invalid");
        }
        StatusRuntimeException grpcRefusal = catchThrowableOfType(StatusRuntimeException.class, () ->
                grpc.events(alice).watchEvents(WatchEventsRequest.newBuilder().setAfterId(-1).build()).hasNext());
        assertThat(grpcRefusal.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void thePerTenantWatchCapAnswers429() throws Exception {
        String bob = Tokens.user("bob");
        List<SseStream> open = new ArrayList<>();
        try {
            // The test profile allows 3 per tenant; earlier tests' streams may still be closing.
            for (int i = 0; i < 3; i++) {
                AtomicReference<SseStream> opened = new AtomicReference<>();
                Await.until("watch " + i + " accepted", Duration.ofSeconds(30), () -> {
                    SseStream s = SseStream.open("/v1/events?watch=true", bob, null);
                    if (s.status == 200) {
                        opened.set(s);
                        return true;
                    }
                    s.close();
                    return false;
                });
                open.add(opened.get());
                assertThat(opened.get().next(30)).as("the stream's first heartbeat").isNotNull();
            }
            try (SseStream refused = SseStream.open("/v1/events?watch=true", bob, null)) {
                assertProblem(refused, 429, "watch.limit_exceeded");
            }
            StatusRuntimeException grpcRefusal = catchThrowableOfType(StatusRuntimeException.class, () ->
                    grpc.events(bob).watchEvents(WatchEventsRequest.getDefaultInstance()).hasNext());
            assertThat(grpcRefusal.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(grpcRefusal.getTrailers().get(GrpcCalls.ERROR_CODE)).isEqualTo("watch.limit_exceeded");
            // Other tenants are not affected.
            try (SseStream alices = SseStream.open("/v1/events?watch=true", Tokens.user("alice"), null)) {
                assertThat(alices.status).isEqualTo(200);
            }
        } finally {
            open.forEach(SseStream::close);
        }
        // A closed watch gives its slot back.
        Await.until("a slot freed by a closed watch", Duration.ofSeconds(60), () -> {
            try (SseStream s = SseStream.open("/v1/events?watch=true", bob, null)) {
                return s.status == 200;
            }
        });
    }

    @Test
    void theListFormOfAllEventsIsPagedAndTenantScoped() throws Exception {
        JsonNode page = getJson("/v1/events?pageSize=2", Tokens.user("alice"), 200);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("nextPageToken").asText()).isNotEmpty();
        assertThat(page.path("items")).allSatisfy(e -> assertThat(e.path("tenant").asText()).isEqualTo("acme"));
        JsonNode bobs = getJson("/v1/events?pageSize=200", Tokens.user("bob"), 200);
        assertThat(bobs.path("items")).allSatisfy(e -> assertThat(e.path("tenant").asText()).isEqualTo("globex"));
        assertThat(getJson("/v1/events?tenant=acme", Tokens.user("bob"), 404).path("code").asText()).isEqualTo("tenant.not_found");
        assertThat(getJson("/v1/events?pageToken=x", Tokens.user("bob"), 400).path("code").asText()).isEqualTo("request.invalid");
        // A generated client lists every media type of the operation in Accept: it gets a page, not a stream.
        HttpResponse<String> sdkLike = HTTP.send(HttpRequest.newBuilder(URI.create(BrokerUnderTest.baseUrl() + "/v1/events?pageSize=1"))
                .header("Authorization", "Bearer " + Tokens.user("alice"))
                .header("Accept", "application/json, text/event-stream, application/problem+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sdkLike.statusCode()).isEqualTo(200);
        assertThat(sdkLike.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(sdkLike.body()).path("items")).hasSize(1);
        JsonNode admin = getJson("/v1/events?tenant=acme&pageSize=200", Tokens.user("admin"), 200);
        assertThat(admin.path("items")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("tenant").asText()).isEqualTo("acme"));
    }

    // --- helpers

    private static JsonNode getJson(String path, String token, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BrokerUnderTest.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static void assertProblem(SseStream s, int status, String code) throws Exception {
        assertThat(s.status).as(String.valueOf(s.body)).isEqualTo(status);
        assertThat(s.contentType).startsWith("application/problem+json");
        assertThat(JSON.readTree(s.body).path("code").asText()).isEqualTo(code);
    }

    /** Reads event frames into {@code received} until {@code done}; the id of the last one. */
    private static String readUntil(SseStream s, List<Long> received, java.util.function.BooleanSupplier done)
            throws Exception {
        String last = null;
        while (!done.getAsBoolean()) {
            SseStream.Frame f = s.next(60);
            assertThat(f).as("a frame within 60 s (received " + received.size() + ")").isNotNull();
            assertThat(f.event()).as(String.valueOf(f.data())).isNotEqualTo("error");
            if (f.heartbeat()) {
                continue;
            }
            JsonNode e = JSON.readTree(f.data());
            assertThat(e.path("id").asText()).isEqualTo(f.id());
            assertThat(e.path("type").asText()).isEqualTo(f.event());
            received.add(Long.parseLong(f.id()));
            last = f.id();
        }
        return last;
    }

    private static long ticks(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Set<Long> tickIds = new HashSet<>(longs("SELECT id FROM event WHERE type = 'test.tick'"));
        return ids.stream().filter(tickIds::contains).count();
    }

    private static boolean producersDone(List<Thread> producers) {
        return producers.stream().noneMatch(Thread::isAlive);
    }

    /** Appends {@code count} events through a connection of its own, some two to a transaction. */
    private static Thread producer(String tenant, UUID workloadId, String who, int count) {
        return new Thread(() -> {
            EventLog log = new EventLog();
            try (Connection c = TestDatabase.connect()) {
                int n = 0;
                while (n < count) {
                    c.setAutoCommit(false);
                    int inTx = (n % 3 == 0 && n + 1 < count) ? 2 : 1;
                    for (int k = 0; k < inTx; k++, n++) {
                        log.append(c, tenant, workloadId, null, who, "test.tick", who + " " + n, Map.of("n", n));
                    }
                    c.commit();
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }, "producer-" + who);
    }

    private String produceAliceEventsThenAGlobexMarker() throws SQLException {
        EventLog log = new EventLog();
        String marker = "marker-" + UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            for (int i = 0; i < 20; i++) {
                log.append(c, "acme", workload, null, "replica-b", "test.isolation", "acme " + i, Map.of());
            }
            log.append(c, "globex", null, null, "replica-b", "test.isolation", marker, Map.of());
        }
        return marker;
    }

    private static List<Long> longs(String sql) {
        return TestDatabase.strings(sql).stream().map(Long::parseLong).toList();
    }
}
