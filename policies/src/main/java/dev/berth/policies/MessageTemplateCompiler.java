package dev.berth.policies;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splits a template into text and {@code {{ expr }}} placeholders and compiles each placeholder. */
final class MessageTemplateCompiler {

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    private MessageTemplateCompiler() {
    }

    /** Compiles {@code template}; problems are appended to {@code issues} (the result is then unusable). */
    static MessageTemplate compile(String template, Cel cel, List<CompilationIssue> issues) {
        List<MessageTemplate.Segment> segments = new ArrayList<>();
        int from = 0;
        while (from < template.length()) {
            int open = template.indexOf(OPEN, from);
            if (open < 0) {
                segments.add(new MessageTemplate.Text(template.substring(from)));
                break;
            }
            if (open > from) {
                segments.add(new MessageTemplate.Text(template.substring(from, open)));
            }
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                issues.add(issueAt(template, open, "placeholder '{{' is never closed with '}}'"));
                break;
            }
            int start = open + OPEN.length();
            placeholder(template, start, close, cel, issues).ifPresent(segments::add);
            from = close + CLOSE.length();
        }
        return new MessageTemplate(segments);
    }

    private static Optional<MessageTemplate.Segment> placeholder(
            String template, int start, int end, Cel cel, List<CompilationIssue> issues) {
        String source = template.substring(start, end);
        if (source.isBlank()) {
            issues.add(issueAt(template, start, "empty placeholder"));
            return Optional.empty();
        }
        CelValidationResult result = cel.compile(source);
        if (result.hasError()) {
            int[] at = lineColumn(template, start);
            for (CelIssue issue : result.getErrors()) {
                issues.add(CompilationIssue.fromCel(CompilationIssue.MESSAGE, issue, at[0], at[1]));
            }
            return Optional.empty();
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return Optional.of(new MessageTemplate.Placeholder(source, ast, cel.createProgram(ast)));
        } catch (CelValidationException | CelEvaluationException e) {
            issues.add(issueAt(template, start, e.getMessage()));
            return Optional.empty();
        }
    }

    private static CompilationIssue issueAt(String template, int offset, String message) {
        int[] at = lineColumn(template, offset);
        return new CompilationIssue(CompilationIssue.MESSAGE, at[0], at[1], message);
    }

    /** 1-based line and column of {@code offset} in {@code text}. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
