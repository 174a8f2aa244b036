package dev.berth.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Parses a {@code text/event-stream} into frames as the HTML standard's algorithm does: fields
 * until a blank line, {@code data} lines joined with newlines, one optional space after the colon,
 * lines starting with a colon are comments.
 */
public final class SseReader {

    private final BufferedReader in;

    public SseReader(BufferedReader in) {
        this.in = in;
    }

    /** The next frame, or null at the end of the stream. */
    public SseFrame next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String comment = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (id != null || event != null || data != null || comment != null) {
                    return new SseFrame(id, event, data == null ? null : data.toString(), comment);
                }
                continue;
            }
            if (line.startsWith(":")) {
                comment = value(line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : value(line.substring(colon + 1));
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry and unknown fields: ignored, as the standard says
                }
            }
        }
        return null;
    }

    private static String value(String raw) {
        return raw.startsWith(" ") ? raw.substring(1) : raw;
    }
}
