package dev.berth.policies;

import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;

/**
 * One reason a policy was rejected at save time, with its position.
 *
 * @param part    {@code "expression"} or {@code "message"} (the template)
 * @param line    1-based line within that part; 0 when the compiler gave no position
 * @param column  1-based column within that part; 0 when the compiler gave no position
 * @param message the CEL compiler's message (or the engine's, e.g. for a non-boolean result)
 */
public record CompilationIssue(String part, int line, int column, String message) {

    public static final String EXPRESSION = "expression";
    public static final String MESSAGE = "message";

    /**
     * Converts a CEL issue found in a text that starts at ({@code baseLine}, {@code baseColumn})
     * of {@code part} (both 1-based; (1, 1) for a whole expression).
     */
    static CompilationIssue fromCel(String part, CelIssue issue, int baseLine, int baseColumn) {
        CelSourceLocation at = issue.getSourceLocation();
        if (at.getLine() < 1 || at.getColumn() < 0) {
            return new CompilationIssue(part, 0, 0, issue.getMessage());
        }
        int line = baseLine + at.getLine() - 1;
        // CEL columns are 0-based; on the first line the text is shifted by its start column
        int column = at.getLine() == 1 ? baseColumn + at.getColumn() : at.getColumn() + 1;
        return new CompilationIssue(part, line, column, issue.getMessage());
    }

    @Override
    public String toString() {
        return part + ":" + line + ":" + column + ": " + message;
    }
}
