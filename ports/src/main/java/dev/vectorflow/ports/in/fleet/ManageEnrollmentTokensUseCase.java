package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.Labels;
import java.time.Duration;

/** Use case: issue and revoke the tokens agents enroll with. */
public interface ManageEnrollmentTokensUseCase {

    /** What to issue; {@code maxUses} 1 is a single-use token. */
    record CreateEnrollmentTokenCommand(EnvironmentId environmentId, String name, Duration validity, int maxUses, Labels labels) {
    }

    /** The stored token and its text, which is shown this once. */
    record IssuedEnrollmentToken(EnrollmentToken token, String text) {
        @Override
        public String toString() {
            return "IssuedEnrollmentToken[" + token.id() + ", ****]";
        }
    }

    IssuedEnrollmentToken create(Actor actor, CreateEnrollmentTokenCommand command) throws NotFoundFailure;

    void revoke(Actor actor, EnvironmentId environment, EnrollmentTokenId token) throws NotFoundFailure;
}
