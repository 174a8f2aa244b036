package dev.berth.provider.aws.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The instance types the emulated EC2 knows: vCPUs by size, architecture by family — enough to
 * refuse a type AWS does not have, an AMI/type architecture mismatch, and to count vCPUs
 * against the account limit.
 */
final class InstanceTypes {

    record Type(String name, int vcpu, String architecture) {
    }

    private static final Set<String> X86 = Set.of("t3", "t3a", "m5", "m6i", "m7i", "c5", "c6i", "c7i", "r6i", "r7i");
    private static final Set<String> ARM = Set.of("t4g", "m6g", "m7g", "c6g", "c7g", "r6g");
    private static final Map<String, Integer> VCPU = Map.ofEntries(
            Map.entry("nano", 2), Map.entry("micro", 2), Map.entry("small", 2), Map.entry("medium", 2),
            Map.entry("large", 2), Map.entry("xlarge", 4), Map.entry("2xlarge", 8), Map.entry("4xlarge", 16),
            Map.entry("8xlarge", 32), Map.entry("12xlarge", 48), Map.entry("16xlarge", 64), Map.entry("24xlarge", 96),
            Map.entry("32xlarge", 128));

    private InstanceTypes() {
    }

    static Optional<Type> find(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String family = name.substring(0, dot);
        Integer vcpu = VCPU.get(name.substring(dot + 1));
        boolean burstable = family.startsWith("t");
        boolean small = Set.of("nano", "micro", "small", "medium").contains(name.substring(dot + 1));
        if (vcpu == null || (small && !burstable) || (burstable && vcpu > 8)) {
            return Optional.empty();
        }
        if (X86.contains(family)) {
            return Optional.of(new Type(name, vcpu, "x86_64"));
        }
        if (ARM.contains(family)) {
            return Optional.of(new Type(name, vcpu, "arm64"));
        }
        return Optional.empty();
    }
}
