package dev.berth.provider.aws.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** A small XML writer for the Query protocols' responses: elements, text, escaping. */
final class Xml {

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    Xml(String root, String namespace) {
        out.append('<').append(root);
        if (namespace != null) {
            out.append(" xmlns=\"").append(namespace).append('"');
        }
        out.append('>');
        open.push(root);
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    Xml close() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text; nothing at all when the value is null (AWS omits absent fields). */
    Xml el(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name)
                    .append('>');
        }
        return this;
    }

    /** {@code <name><item><key>k</key><value>v</value></item>…</name>}. */
    Xml tagSet(String name, Map<String, String> tags) {
        open(name);
        tags.forEach((key, value) -> open("item").el("key", key).el("value", value).close());
        return close();
    }

    String finish() {
        while (!open.isEmpty()) {
            close();
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
