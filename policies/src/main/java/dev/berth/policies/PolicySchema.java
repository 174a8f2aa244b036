package dev.berth.policies;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared variables policies are type-checked against (the reference is the module
 * README). Each object is a CEL struct type with typed fields, so {@code request.resources.vcpu > "x"}
 * or {@code request.nope} are rejected at save time; at run time the values are plain Java maps
 * built by {@link ContextBindings}, which CEL reads field by field.
 */
final class PolicySchema {

    static final String REQUEST = "request";
    static final String TENANT = "tenant";
    static final String USAGE = "usage";
    static final String HOST = "host";
    static final String NOW = "now";

    private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

    static final StructType RESOURCES = struct("berth.Resources", ImmutableMap.of(
            "vcpu", SimpleType.DOUBLE,
            "memoryMiB", SimpleType.INT,
            "diskGiB", SimpleType.INT));
    static final StructType PLACEMENT = struct("berth.PlacementHints", ImmutableMap.of(
            "region", SimpleType.STRING,
            "zone", SimpleType.STRING,
            "isolation", SimpleType.STRING));
    static final StructType REQUEST_TYPE = struct("berth.Request", ImmutableMap.of(
            "name", SimpleType.STRING,
            "kind", SimpleType.STRING,
            "image", SimpleType.STRING,
            "labels", STRING_MAP,
            "resources", RESOURCES,
            "placement", PLACEMENT,
            "untrusted", SimpleType.BOOL));
    static final StructType TENANT_TYPE = struct("berth.Tenant", ImmutableMap.of(
            "slug", SimpleType.STRING,
            "labels", STRING_MAP));
    static final StructType USAGE_TYPE = struct("berth.Usage", ImmutableMap.of(
            "instances", SimpleType.INT,
            "vcpu", SimpleType.DOUBLE,
            "memoryMiB", SimpleType.INT));
    static final StructType HOST_TYPE = struct("berth.Host", ImmutableMap.of(
            "id", SimpleType.STRING,
            "name", SimpleType.STRING,
            "driver", SimpleType.STRING,
            "providerClass", SimpleType.STRING,
            "region", SimpleType.STRING,
            "zone", SimpleType.STRING,
            "labels", STRING_MAP));

    private static final List<StructType> TYPES =
            List.of(RESOURCES, PLACEMENT, REQUEST_TYPE, TENANT_TYPE, USAGE_TYPE, HOST_TYPE);

    private PolicySchema() {
    }

    /** The variables an expression of {@code stage} may read: {@code host} only at placement. */
    static List<CelVarDecl> variables(PolicyStage stage) {
        List<CelVarDecl> vars = new ArrayList<>(List.of(
                CelVarDecl.newVarDeclaration(REQUEST, REQUEST_TYPE),
                CelVarDecl.newVarDeclaration(TENANT, TENANT_TYPE),
                CelVarDecl.newVarDeclaration(USAGE, USAGE_TYPE),
                CelVarDecl.newVarDeclaration(NOW, SimpleType.TIMESTAMP)));
        if (stage == PolicyStage.PLACEMENT) {
            vars.add(CelVarDecl.newVarDeclaration(HOST, HOST_TYPE));
        }
        return vars;
    }

    static CelTypeProvider typeProvider() {
        return new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.copyOf(TYPES);
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                return TYPES.stream().filter(t -> t.name().equals(typeName)).map(CelType.class::cast).findFirst();
            }
        };
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                field -> Optional.ofNullable(fields.get(field)));
    }
}
