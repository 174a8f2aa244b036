package dev.berth.policies;

import java.util.List;
import java.util.stream.Collectors;

/** A policy's expression or message template does not compile or type-check; nothing may be saved. */
public final class PolicyCompilationException extends Exception {

    private final String policyId;
    private final List<CompilationIssue> issues;

    public PolicyCompilationException(String policyId, List<CompilationIssue> issues) {
        super("policy '" + policyId + "' is invalid: "
                + issues.stream().map(CompilationIssue::toString).collect(Collectors.joining("; ")));
        this.policyId = policyId;
        this.issues = List.copyOf(issues);
    }

    public String policyId() {
        return policyId;
    }

    /** Every issue found, in source order; never empty. */
    public List<CompilationIssue> issues() {
        return issues;
    }
}
