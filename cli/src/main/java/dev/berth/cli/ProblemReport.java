package dev.berth.cli;

import java.io.PrintWriter;
import java.util.Optional;

import dev.berth.sdk.ApiException;
import dev.berth.sdk.model.FieldViolation;
import dev.berth.sdk.model.PlacementRejection;
import dev.berth.sdk.model.PolicyViolation;
import dev.berth.sdk.model.Problem;
import dev.berth.sdk.support.BerthProblems;

/**
 * Prints a failed call on stderr: the problem's stable {@code code} first (what scripts grep
 * for), then its title and detail, then what it lists (fields, policies, placement filters).
 */
public final class ProblemReport {

    private ProblemReport() {
    }

    /** Prints the failure and answers the exit code for it. */
    public static ExitCode print(ApiException e, PrintWriter err) {
        Optional<Problem> problem = BerthProblems.of(e);
        if (problem.isEmpty()) {
            if (e.getCode() == 0) {
                err.println("error: server unreachable: " + rootMessage(e));
            } else {
                err.println("error: HTTP " + e.getCode() + " without a problem body");
            }
            err.flush();
            return ExitCode.forProblem(e.getCode(), null);
        }
        print(problem.get(), e.getCode(), err);
        return ExitCode.forProblem(e.getCode(), problem.get().getCode());
    }

    public static void print(Problem p, int status, PrintWriter err) {
        StringBuilder line = new StringBuilder("error: ").append(p.getCode()).append(" (HTTP ").append(status).append(')');
        if (p.getTitle() != null) {
            line.append(": ").append(p.getTitle());
        }
        err.println(line);
        if (p.getDetail() != null && !p.getDetail().equals(p.getTitle())) {
            err.println("  " + p.getDetail());
        }
        if (p.getErrors() != null) {
            for (FieldViolation v : p.getErrors()) {
                err.println("  " + v.getField() + ": " + v.getMessage());
            }
        }
        if (p.getViolations() != null) {
            for (PolicyViolation v : p.getViolations()) {
                err.println("  policy " + v.getPolicyId() + ": " + v.getMessage());
            }
        }
        if (p.getPlacement() != null && p.getPlacement().getRejections() != null) {
            err.println("  placement: " + p.getPlacement().getHostsConsidered() + " hosts considered");
            for (PlacementRejection r : p.getPlacement().getRejections()) {
                err.println("    " + r.getFilter() + "/" + r.getReason() + ": " + r.getHosts() + " hosts"
                        + (r.getDetail() == null ? "" : " (" + r.getDetail() + ")"));
            }
        }
        err.flush();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
