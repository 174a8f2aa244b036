package dev.berth.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns padded to their widest cell, headers in capitals (as kubectl and docker print). */
public final class Table {

    private Table() {
    }

    public static <T> void print(PrintWriter out, List<Column<T>> columns, List<T> rows) {
        List<String[]> cells = new ArrayList<>();
        String[] headers = columns.stream().map(c -> c.header().toUpperCase()).toArray(String[]::new);
        cells.add(headers);
        for (T row : rows) {
            cells.add(columns.stream().map(c -> cell(c.value().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                sb.append(line[i]);
                if (i < line.length - 1) {
                    sb.append(" ".repeat(widths[i] - line[i].length() + 3));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String s = String.valueOf(value);
        // one row per object: a newline in a reason or message must not break the table
        return s.isEmpty() ? "-" : s.replace('\n', ' ');
    }
}
