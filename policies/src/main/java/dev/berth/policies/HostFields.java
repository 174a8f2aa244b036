package dev.berth.policies;

import dev.berth.policies.context.HostContext;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The fields of {@code host} a placement policy (expression and message) can see. Two hosts
 * with equal values in those fields get the same outcome, so {@link #keyOf(HostContext)} is
 * the cache key of a rule's result.
 *
 * <p>Found from the checked AST: every {@code host.<field>} selection names a field; any other
 * use of {@code host} (passed whole, compared, shadowed by a comprehension variable) makes the
 * whole host the key. Over-approximating only costs sharing, never correctness.
 */
final class HostFields {

    private static final HostFields NONE = new HostFields(List.of(), false);
    private static final HostFields WHOLE_HOST = new HostFields(List.of(), true);

    private final List<String> fields;
    private final boolean wholeHost;

    private HostFields(List<String> fields, boolean wholeHost) {
        this.fields = fields;
        this.wholeHost = wholeHost;
    }

    static HostFields readBy(Collection<CelAbstractSyntaxTree> asts) {
        TreeSet<String> fields = new TreeSet<>();
        for (CelAbstractSyntaxTree ast : asts) {
            List<CelNavigableExpr> nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes().toList();
            for (CelNavigableExpr node : nodes) {
                if (!isHostIdent(node.expr())) {
                    continue;
                }
                CelExpr parent = node.parent().map(CelNavigableExpr::expr).orElse(null);
                if (parent == null || parent.getKind() != CelExpr.ExprKind.Kind.SELECT
                        || parent.select().operand().id() != node.expr().id()) {
                    return WHOLE_HOST;
                }
                fields.add(parent.select().field());
            }
        }
        return fields.isEmpty() ? NONE : new HostFields(List.copyOf(fields), false);
    }

    private static boolean isHostIdent(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.IDENT
                && PolicySchema.HOST.equals(expr.ident().name());
    }

    /** Equal for two hosts exactly when every field this policy reads is equal. */
    Object keyOf(HostContext host) {
        if (wholeHost) {
            return host;
        }
        List<Object> key = new ArrayList<>(fields.size());
        for (String field : fields) {
            key.add(value(host, field));
        }
        return key;
    }

    private static Object value(HostContext host, String field) {
        return switch (field) {
            case "id" -> host.id();
            case "name" -> host.name();
            case "driver" -> host.driver();
            case "providerClass" -> host.providerClass();
            case "region" -> host.region();
            case "zone" -> host.zone();
            case "labels" -> host.labels();
            // the checker only admits declared fields, so this is a schema/code mismatch
            default -> throw new IllegalStateException("host field not mapped: " + field);
        };
    }
}
