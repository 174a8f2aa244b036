package dev.berth.cli.output;

/** {@code -o}: a table for people, JSON or YAML (the API's own field names) for programs. */
public enum OutputFormat {
    table, json, yaml
}
