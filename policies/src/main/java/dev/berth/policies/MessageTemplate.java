package dev.berth.policies;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.math.BigDecimal;
import java.util.List;

/**
 * A compiled message template: literal text and {@code {{ expr }}} placeholders, each a
 * type-checked CEL expression over the policy's variables. A placeholder that fails at
 * evaluation renders as {@link #UNAVAILABLE} rather than failing the rule.
 */
final class MessageTemplate {

    static final String UNAVAILABLE = "<unavailable>";

    sealed interface Segment permits Text, Placeholder {
    }

    record Text(String text) implements Segment {
    }

    record Placeholder(String source, CelAbstractSyntaxTree ast, CelRuntime.Program program) implements Segment {
    }

    private final List<Segment> segments;

    MessageTemplate(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    List<CelAbstractSyntaxTree> placeholderAsts() {
        return segments.stream()
                .filter(Placeholder.class::isInstance)
                .map(s -> ((Placeholder) s).ast())
                .toList();
    }

    String render(CelVariableResolver vars) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Text text) {
                out.append(text.text());
            } else if (segment instanceof Placeholder placeholder) {
                out.append(evaluate(placeholder, vars));
            }
        }
        return out.toString();
    }

    private static String evaluate(Placeholder placeholder, CelVariableResolver vars) {
        try {
            return format(placeholder.program().eval(vars));
        } catch (CelEvaluationException | RuntimeException e) {
            return UNAVAILABLE;
        }
    }

    /** Whole doubles without ".0" ({@code 20}, not {@code 20.0}): vCPU reads naturally in messages. */
    static String format(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
