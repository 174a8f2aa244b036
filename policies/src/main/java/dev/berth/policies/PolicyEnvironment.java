package dev.berth.policies;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.parser.CelStandardMacro;
import java.util.EnumMap;
import java.util.Map;

/** One CEL environment (compiler + runtime) per stage: placement declares {@code host}, admission does not. */
final class PolicyEnvironment {

    private final Map<PolicyStage, Cel> byStage = new EnumMap<>(PolicyStage.class);

    PolicyEnvironment(PolicyEngineConfig config) {
        CelOptions options = CelOptions.current()
                .comprehensionMaxIterations(config.maxIterations())
                .maxExpressionCodePointSize(config.maxExpressionLength())
                // lets admins write `request.resources.vcpu <= 16` without `16.0`
                .enableHeterogeneousNumericComparisons(true)
                .build();
        for (PolicyStage stage : PolicyStage.values()) {
            byStage.put(stage, CelFactory.standardCelBuilder()
                    .setOptions(options)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .setTypeProvider(PolicySchema.typeProvider())
                    .addVarDeclarations(PolicySchema.variables(stage))
                    .build());
        }
    }

    Cel forStage(PolicyStage stage) {
        return byStage.get(stage);
    }
}
