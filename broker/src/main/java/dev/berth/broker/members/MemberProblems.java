package dev.berth.broker.members;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems member management can raise. */
public final class MemberProblems {

    private MemberProblems() {
    }

    /** Also the answer for members of other tenants: they are indistinguishable from missing ones. */
    public static final class NotFound extends BerthProblem {
        public NotFound(Object userId) {
            super(ProblemCode.MEMBER_NOT_FOUND, "No member " + userId + " in this tenant.");
        }
    }

    public static final class AlreadyMember extends BerthProblem {
        public AlreadyMember(String username) {
            super(ProblemCode.MEMBER_EXISTS, "'" + username + "' is already a member of this tenant.");
        }
    }

    /** The account exists and cannot join (another tenant's, or a platform admin's); which one is not said. */
    public static final class UsernameTaken extends BerthProblem {
        public UsernameTaken(String username) {
            super(ProblemCode.MEMBER_USERNAME_TAKEN, "The username '" + username + "' is taken.");
        }
    }

    public static final class EmailTaken extends BerthProblem {
        public EmailTaken(String email) {
            super(ProblemCode.MEMBER_EMAIL_TAKEN, "Another account already uses the email address " + email + ".");
        }
    }
}
