package dev.berth.policies;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Save-time gate: parses and type-checks a policy's expression and message template against
 * the variables of its stage (see the module README). An expression must be of type
 * {@code bool}; every problem is reported with its position. Thread-safe.
 */
public final class PolicyCompiler {

    private final PolicyEnvironment environment;

    PolicyCompiler(PolicyEnvironment environment) {
        this.environment = environment;
    }

    /** Every problem with {@code policy}, in source order; empty when it may be saved. */
    public List<CompilationIssue> check(Policy policy) {
        try {
            compile(policy);
            return List.of();
        } catch (PolicyCompilationException e) {
            return e.issues();
        }
    }

    /** Returns normally when {@code policy} may be saved; otherwise throws with every issue. */
    public void validate(Policy policy) throws PolicyCompilationException {
        compile(policy);
    }

    CompiledPolicy compile(Policy policy) throws PolicyCompilationException {
        Cel cel = environment.forStage(policy.stage());
        List<CompilationIssue> issues = new ArrayList<>();
        CelAbstractSyntaxTree ast = checkExpression(policy.expression(), cel, issues);
        MessageTemplate message = MessageTemplateCompiler.compile(policy.message(), cel, issues);
        if (!issues.isEmpty()) {
            throw new PolicyCompilationException(policy.id(), issues);
        }
        try {
            List<CelAbstractSyntaxTree> reads = new ArrayList<>(message.placeholderAsts());
            reads.add(ast);
            return new CompiledPolicy(policy, cel.createProgram(ast), message, HostFields.readBy(reads));
        } catch (CelEvaluationException e) {
            throw new PolicyCompilationException(policy.id(),
                    List.of(new CompilationIssue(CompilationIssue.EXPRESSION, 0, 0, e.getMessage())));
        }
    }

    private static CelAbstractSyntaxTree checkExpression(String expression, Cel cel, List<CompilationIssue> issues) {
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                issues.add(CompilationIssue.fromCel(CompilationIssue.EXPRESSION, issue, 1, 1));
            }
            return null;
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (!SimpleType.BOOL.equals(ast.getResultType())) {
                issues.add(new CompilationIssue(CompilationIssue.EXPRESSION, 1, 1,
                        "expression must be of type bool (true = allowed), but is of type "
                                + ast.getResultType().name()));
            }
            return ast;
        } catch (CelValidationException e) {
            issues.add(new CompilationIssue(CompilationIssue.EXPRESSION, 0, 0, e.getMessage()));
            return null;
        }
    }
}
