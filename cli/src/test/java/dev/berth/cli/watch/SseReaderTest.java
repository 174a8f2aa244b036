package dev.berth.cli.watch;

import java.io.BufferedReader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    @Test
    void framesCommentsAndMultiLineData() throws Exception {
        SseReader reader = new SseReader(new BufferedReader(new StringReader(
                ": heartbeat\n\nid: 7\nevent: workload.status_changed\ndata: {\"a\":\ndata:1}\n\nid:8\ndata: x\nretry: 10\n\n")));
        SseFrame heartbeat = reader.next();
        assertThat(heartbeat.heartbeat()).isTrue();
        SseFrame first = reader.next();
        assertThat(first).isEqualTo(new SseFrame("7", "workload.status_changed", "{\"a\":\n1}", null));
        assertThat(reader.next()).isEqualTo(new SseFrame("8", null, "x", null));
        assertThat(reader.next()).isNull();
    }

    @Test
    void anUnterminatedLastFrameIsDropped() throws Exception {
        SseReader reader = new SseReader(new BufferedReader(new StringReader("id: 1\ndata: half")));
        assertThat(reader.next()).isNull();
    }
}
