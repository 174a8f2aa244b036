package dev.berth.broker.images;

import java.util.UUID;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.broker.problems.ProblemCode;

/** The problems of image resolution and platform image administration. */
public final class ImageProblems {

    /** The request field every refusal of a workload's image names. */
    public static final String FIELD = "image";

    private ImageProblems() {
    }

    /** {@code 400 request.invalid} on {@code image}: the reference is none of the three kinds Berth resolves. */
    public static InvalidRequest invalid(String why) {
        return new InvalidRequest(FIELD, why);
    }

    public static final class NotFound extends BerthProblem {
        public NotFound(UUID id) {
            super(ProblemCode.IMAGE_NOT_FOUND, "No platform image " + id + ".");
        }
    }

    public static final class NameTaken extends BerthProblem {
        public NameTaken(String name) {
            super(ProblemCode.IMAGE_NAME_TAKEN, "A platform image named '" + name + "' exists.");
        }
    }
}
