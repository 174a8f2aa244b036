package dev.berth.broker.members;

import dev.berth.broker.problems.BerthProblem;
import dev.berth.broker.problems.ProblemCode;

/** The problems member management and invitations can raise. */
public final class MemberProblems {

    private MemberProblems() {
    }

    /** Also the answer for members of other tenants: they are indistinguishable from missing ones. */
    public static final class NotFound extends BerthProblem {
        public NotFound(Object userId) {
            super(ProblemCode.MEMBER_NOT_FOUND, "No member " + userId + " in this tenant.");
        }
    }

    /**
     * A username or e-mail address some account already uses. Whose account it is (this
     * tenant's, another tenant's, a platform admin's, nobody's) is deliberately not said, and
     * neither are the values asked for: the answer must be byte-identical whatever the reason,
     * or it would tell one tenant about another tenant's people.
     */
    public static final class Unavailable extends BerthProblem {
        public Unavailable() {
            super(ProblemCode.MEMBER_UNAVAILABLE, "The username or e-mail address cannot be used for a new account. "
                    + "A person who already has an account joins by invitation (POST /v1/tenant/invitations).");
        }
    }

    /** Unknown, expired, cancelled, used, foreign, or addressed to someone else: all alike. */
    public static final class InvitationNotFound extends BerthProblem {
        public InvitationNotFound() {
            super(ProblemCode.INVITATION_NOT_FOUND, "No such pending invitation for you.");
        }
    }

    /** The invited person's own account cannot join now; says why, since it is about the caller only. */
    public static final class NotAcceptable extends BerthProblem {
        public NotAcceptable(String why) {
            super(ProblemCode.INVITATION_NOT_ACCEPTABLE, "This account cannot accept the invitation: " + why + ".");
        }
    }
}
