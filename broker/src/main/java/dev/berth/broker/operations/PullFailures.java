package dev.berth.broker.operations;

import dev.berth.broker.problems.ProblemCode;
import dev.berth.provider.spi.ProviderException.PullFailure;

/** The stable problem code of each kind of image pull failure, on the failed CREATE operation. */
final class PullFailures {

    private PullFailures() {
    }

    static ProblemCode code(PullFailure failure) {
        return switch (failure) {
            case NOT_FOUND -> ProblemCode.IMAGE_PULL_NOT_FOUND;
            case UNAUTHORIZED -> ProblemCode.IMAGE_PULL_UNAUTHORIZED;
            case REGISTRY_UNREACHABLE -> ProblemCode.IMAGE_REGISTRY_UNREACHABLE;
            case TIMEOUT -> ProblemCode.IMAGE_PULL_TIMEOUT;
        };
    }
}
