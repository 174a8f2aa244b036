package dev.berth.cli.watch;

import java.io.PrintWriter;
import java.util.Map;

import dev.berth.sdk.model.Event;

/**
 * How {@code --wait} shows progress on stderr: on a terminal one line rewritten in place
 * (status, latest event, percentage when the event carries one); otherwise one plain line per
 * event, which logs and CI output keep readable.
 */
public final class ProgressView {

    private final PrintWriter err;
    private final boolean terminal;
    private String status = "";
    private int lastWidth;

    public ProgressView(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    public void event(Event e) {
        Map<String, Object> data = e.getData();
        if ("workload.status_changed".equals(e.getType()) && data != null && data.get("status") != null) {
            status = String.valueOf(data.get("status"));
        }
        String percent = data != null && data.get("progress") != null ? " " + data.get("progress") + "%" : "";
        String text = e.getType() + (e.getMessage() == null ? "" : "  " + e.getMessage()) + percent;
        if (terminal) {
            String line = (status.isEmpty() ? "" : "[" + status + "] ") + text;
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            err.println(e.getCreatedAt() + "  " + text);
        }
        err.flush();
    }

    public void done(String summary) {
        if (terminal && lastWidth > 0) {
            err.println();
        }
        err.println(summary);
        err.flush();
    }
}
