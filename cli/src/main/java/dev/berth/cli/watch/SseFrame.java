package dev.berth.cli.watch;

/** One Server-Sent Events frame: {@code id}, {@code event}, {@code data} (lines joined by newline); or a comment (heartbeat). */
public record SseFrame(String id, String event, String data, String comment) {

    public boolean heartbeat() {
        return comment != null && event == null && data == null;
    }
}
