package dev.berth.broker.hosts;

import java.util.List;
import java.util.UUID;

import dev.berth.api.model.FieldViolation;
import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems host administration can raise. */
public final class HostProblems {

    private HostProblems() {
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(UUID id) {
            super(ProblemCode.HOST_NOT_FOUND, "No host " + id + ".");
        }
    }

    public static final class NameTaken extends BerthProblem {
        public NameTaken(String name) {
            super(ProblemCode.HOST_NAME_TAKEN, "A host named '" + name + "' is already registered.");
        }
    }

    public static final class InUse extends BerthProblem {
        public InUse(String name, int workloads) {
            super(ProblemCode.HOST_IN_USE, "Host '" + name + "' still has " + workloads
                    + " live workload(s); delete or move them first (cordon it to stop new placements).");
        }
    }

    public static final class CapacityBelowAllocation extends BerthProblem {
        public CapacityBelowAllocation(String name) {
            super(ProblemCode.HOST_CAPACITY_BELOW_ALLOCATION, "The new capacity, overcommit or instance limit of host '" + name
                    + "' would be below what its workloads already hold.");
        }
    }

    /**
     * The host did not answer. Deliberately without the driver's words: they can carry internal
     * addresses, users or account ids; they are in the log under {@link #reference()}.
     */
    public static final class Unreachable extends BerthProblem {
        private final String reference;

        public Unreachable(String reference) {
            super(ProblemCode.HOST_UNREACHABLE, "Could not read the host's inventory. Check that the endpoint names the "
                    + "right host and port, that the host is up and reachable from the broker, and that the broker's "
                    + "credentials for it (SSH configuration, TLS certificates, cloud credentials reference) are in "
                    + "place; or give the capacity explicitly to register it anyway. The broker log has the details "
                    + "under reference " + reference + ".");
            this.reference = reference;
        }

        /** Where the raw failure is in the broker log (callers with other advice repeat it). */
        public String reference() {
            return reference;
        }
    }

    /**
     * The endpoint (or an option naming one, e.g. AWS {@code endpointOverride}) is malformed,
     * unsafe or outside the destination policy ({@code berth.endpoints.*}); nothing connected.
     */
    public static final class EndpointRefused extends BerthProblem {
        private final String reason;

        public EndpointRefused(String field, String reason) {
            super(ProblemCode.REQUEST_INVALID, "The request has invalid fields: [" + field + " " + reason + "]",
                    List.of(new FieldViolation().field(field).message(reason)));
            this.reason = reason;
        }

        /** Why, without the field (callers that name the field differently reuse it). */
        public String reason() {
            return reason;
        }
    }

    public static final class DriverUnknown extends BerthProblem {
        public DriverUnknown(String driver) {
            super(ProblemCode.HOST_DRIVER_UNKNOWN, "No provider driver '" + driver + "' is installed in this broker.");
        }
    }

    /** Same code as an unknown driver (the client's remedy is the same: another driver), but says why. */
    public static final class DriverDisabled extends BerthProblem {
        public DriverDisabled(String driver) {
            super(ProblemCode.HOST_DRIVER_UNKNOWN, "The provider driver '" + driver + "' is installed but disabled in this "
                    + "broker: it simulates hosts for tests and benchmarks (set berth.drivers." + driver + ".enabled=true to use it).");
        }
    }

    public static final class CloudTarget extends BerthProblem {
        public CloudTarget(String name, String account) {
            super(ProblemCode.HOST_IN_USE, "Host '" + name + "' is a region of cloud account '" + account
                    + "'; remove the region from the account (or the account) instead.");
        }
    }
}
