package dev.berth.broker.problems;

import io.grpc.Metadata;
import dev.berth.tenants.directory.DirectoryException;
import dev.berth.tenants.units.UnitRefused;
import io.grpc.Status;
import io.grpc.StatusException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.logging.Logger;

/**
 * The gRPC twin of {@link ProblemExceptionMappers}: every exception becomes a gRPC status
 * whose trailer {@code berth-error-code} carries the same stable code as the REST problem.
 */
public final class GrpcProblems {

    public static final Metadata.Key<String> CODE_TRAILER =
            Metadata.Key.of("berth-error-code", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(GrpcProblems.class);

    private GrpcProblems() {
    }

    public static StatusException toStatusException(Throwable t) {
        if (t instanceof StatusException already) {
            return already;
        }
        if (t instanceof UnitRefused refused) {
            t = new InvalidRequest(refused.field(), refused.reason());
        }
        if (t instanceof DirectoryException failure) {
            t = IdentityProblems.of(failure);
        }
        if (t instanceof BerthProblem problem) {
            return statusException(problem.code(), problem.getMessage());
        }
        if (t instanceof AuthenticationFailedException || t instanceof UnauthorizedException
                || t instanceof AuthenticationCompletionException) {
            return statusException(ProblemCode.AUTH_UNAUTHENTICATED,
                    "A valid bearer access token for audience berth-api is required.");
        }
        if (t instanceof ForbiddenException) {
            return statusException(ProblemCode.AUTH_FORBIDDEN,
                    "The token does not carry a role that allows this operation.");
        }
        LOG.error("Unexpected error in gRPC call", t);
        return statusException(ProblemCode.INTERNAL, "Unexpected error.");
    }

    private static StatusException statusException(ProblemCode code, String detail) {
        Metadata trailers = new Metadata();
        trailers.put(CODE_TRAILER, code.code());
        return Status.fromCode(code.grpcStatus()).withDescription(ProblemResponses.publicDetail(code, detail))
                .asException(trailers);
    }
}
