package dev.berth.tenants.units;

/**
 * A value the API schema accepted but the unit cannot hold exactly (sub-millicore vCPU,
 * sub-micro money, negative or too large). Adapters answer it as {@code request.invalid}
 * with {@link #field()} as the violated field.
 */
public final class UnitRefused extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public UnitRefused(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
