package dev.berth.broker.cloud;

import java.util.List;

import dev.berth.api.model.FieldViolation;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems cloud account administration can raise. */
public final class CloudAccountProblems {

    private CloudAccountProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(String name) {
            super(ProblemCode.CLOUD_ACCOUNT_NOT_FOUND, "No cloud account '" + name + "'.");
        }
    }

    public static final class NameTaken extends BerthProblem {
        public NameTaken(String what) {
            super(ProblemCode.CLOUD_ACCOUNT_NAME_TAKEN, what);
        }
    }

    public static final class InUse extends BerthProblem {
        public InUse(String account, String region, int workloads) {
            super(ProblemCode.CLOUD_ACCOUNT_IN_USE, "Region " + region + " of cloud account '" + account + "' still has "
                    + workloads + " live workload(s); delete them first (cordon the target host to stop new placements).");
        }
    }

    /**
     * A region failed its probe; the account is not stored (or not changed). AWS's own words
     * (which name the caller's ARN, account ids, request ids) are in the broker log under the reference.
     */
    public static final class RegionUnreachable extends BerthProblem {
        public RegionUnreachable(String account, String region, String reference) {
            super(ProblemCode.HOST_UNREACHABLE, "Region " + region + " of cloud account '" + account + "' did not answer. "
                    + "Check the region, the credentials reference, the IAM policy (deploy/aws/iam-policy.json), the ECS "
                    + "cluster and the endpoint override; the broker log has the details under reference " + reference + ".");
        }
    }

    /** Deliberately without the offending value: it may be a key. */
    public static final class CredentialsInvalid extends BerthProblem {
        public CredentialsInvalid(String why) {
            super(ProblemCode.CLOUD_ACCOUNT_CREDENTIALS_INVALID, "credentials must be a reference: " + why + ".",
                    List.of(new FieldViolation().field("credentials")
                            .message("must be default, profile:<name> or role:<arn> (with externalId); never keys")));
        }
    }
}
