package dev.berth.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Save-time checks: what is rejected, with the compiler's message and a 1-based position. */
class PolicyCompilerTest {

    private final PolicyCompiler compiler = new PolicyEngine().compiler();

    static Stream<Arguments> rejectedExpressions() {
        return Stream.of(
                Arguments.of("double compared to string", "request.resources.vcpu > \"x\"", 1, 24, "no matching overload"),
                Arguments.of("unknown variable", "requst.image == 'x'", 1, 1, "undeclared reference to 'requst'"),
                Arguments.of("unknown field", "request.imag == 'x'", 1, 8, "undefined field 'imag'"),
                Arguments.of("host at admission", "host.region == 'eu-west-1'", 1, 1, "undeclared reference to 'host'"),
                Arguments.of("non-boolean result", "request.image", 1, 1, "must be of type bool"),
                Arguments.of("int result", "request.resources.memoryMiB + 1", 1, 1, "must be of type bool"),
                Arguments.of("syntax error", "request.image == ", 1, 18, "mismatched input"),
                Arguments.of("error on the second line", "request.untrusted ||\n  request.kind > 3", 2, 16, "no matching overload"),
                Arguments.of("labels are strings", "tenant.labels['tier'] > 3", 1, 23, "no matching overload"),
                Arguments.of("empty expression", "", 1, 1, ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejectedExpressions")
    void rejectsWithPosition(String description, String expression, int line, int column, String message) {
        List<CompilationIssue> issues = compiler.check(admission(expression));

        assertThat(issues).as(description).isNotEmpty();
        CompilationIssue first = issues.get(0);
        assertThat(first.part()).isEqualTo(CompilationIssue.EXPRESSION);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.column()).isEqualTo(column);
        assertThat(first.message()).contains(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "request.resources.vcpu <= 16 || tenant.labels['tier'] == 'large'",
        "request.resources.vcpu <= 16.0 && request.resources.memoryMiB <= 65536",
        "has(request.labels.team) && request.labels.team != ''",
        "request.labels.all(k, k.startsWith('app.'))",
        "usage.instances + 1 <= 10 && usage.vcpu + request.resources.vcpu <= 64",
        "now < timestamp('2030-01-01T00:00:00Z') && now.getHours('Europe/Paris') >= 0",
        "request.image.matches('^berth-demo/[a-z]+:[0-9]+$')"
    })
    void acceptsWellTypedBooleanExpressions(String expression) {
        assertThat(compiler.check(admission(expression))).isEmpty();
    }

    @Test
    void hostIsDeclaredAtPlacement() {
        Policy policy = Policy.builder("p").stage(PolicyStage.PLACEMENT)
                .expression("host.region.startsWith('eu-') && host.labels['tier'] != 'gpu'").build();

        assertThat(compiler.check(policy)).isEmpty();
    }

    @Test
    void messageTemplatePlaceholdersAreTypeCheckedWithTheirPositionInTheTemplate() {
        Policy policy = admission("true").toBuilder()
                .message("image {{ request.image }} of\n tenant {{ tenant.slugg }}").build();

        List<CompilationIssue> issues = compiler.check(policy);

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.part()).isEqualTo(CompilationIssue.MESSAGE);
            assertThat(issue.line()).isEqualTo(2);
            assertThat(issue.column()).isEqualTo(18); // the '.' before 'slugg'
            assertThat(issue.message()).contains("undefined field 'slugg'");
        });
    }

    @Test
    void unclosedAndEmptyPlaceholdersAreRejected() {
        assertThat(compiler.check(admission("true").toBuilder().message("size {{ request.name").build()))
                .extracting(CompilationIssue::line, CompilationIssue::column, CompilationIssue::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 6, "placeholder '{{' is never closed with '}}'"));
        assertThat(compiler.check(admission("true").toBuilder().message("a {{  }} b").build()))
                .extracting(CompilationIssue::message).containsExactly("empty placeholder");
    }

    @Test
    void expressionAndTemplateIssuesAreReportedTogether() {
        Policy policy = admission("request.nope").toBuilder().message("{{ tenant.nope }}").build();

        assertThatThrownBy(() -> compiler.validate(policy))
                .isInstanceOf(PolicyCompilationException.class)
                .satisfies(e -> assertThat(((PolicyCompilationException) e).issues())
                        .extracting(CompilationIssue::part)
                        .containsExactly(CompilationIssue.EXPRESSION, CompilationIssue.MESSAGE))
                .hasMessageContaining("expression:1:8: undefined field 'nope'");
    }

    @Test
    void overlyLongExpressionsAreRejected() {
        String huge = "request.name == '" + "x".repeat(PolicyEngineConfig.DEFAULT_MAX_EXPRESSION_LENGTH) + "'";

        assertThat(compiler.check(admission(huge))).isNotEmpty();
    }

    private static Policy admission(String expression) {
        return Policy.builder("p").expression(expression).build();
    }
}
