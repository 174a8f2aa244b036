package dev.berth.cli.output;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitCode;
import dev.berth.sdk.ApiClient;

/**
 * Writes API objects in the chosen format. JSON and YAML are the API's own representation (the
 * SDK's mapper, so field names and dates are exactly the server's); tables pick a few columns.
 */
public final class Printer {

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = ApiClient.createDefaultObjectMapper()
            .copyWith(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final OutputFormat format;
    private final PrintWriter out;

    public Printer(OutputFormat format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    public OutputFormat format() {
        return format;
    }

    /** A list: the whole API object (page) for json/yaml, the rows as a table. */
    public <T> void list(Object page, List<Column<T>> columns, List<T> rows) {
        if (format == OutputFormat.table) {
            Table.print(out, columns, rows);
        } else {
            structured(page);
        }
    }

    /** One object: a one-row table, or the object itself. */
    public <T> void one(T object, List<Column<T>> columns) {
        list(object, columns, List.of(object));
    }

    public void structured(Object value) {
        try {
            String text = (format == OutputFormat.yaml ? YAML : JSON).writeValueAsString(value);
            out.println(text.stripTrailing());
            out.flush();
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.ERROR, "cannot print the answer: " + e.getOriginalMessage(), e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.ERROR, "cannot print: " + e.getOriginalMessage(), e);
        }
    }
}
