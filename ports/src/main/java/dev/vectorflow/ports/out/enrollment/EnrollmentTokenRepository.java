package dev.vectorflow.ports.out.enrollment;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import java.util.List;
import java.util.Optional;

/** Driven port: enrollment tokens, found by the hash of their text. */
public interface EnrollmentTokenRepository {

    void insert(EnrollmentToken token);

    /** The token with that hash, locked for update until the unit of work ends (two agents racing for the last use). */
    Optional<EnrollmentToken> findByHashForUpdate(String tokenHash);

    Optional<EnrollmentToken> findById(EnrollmentTokenId id);

    /** Stores the uses and revocation of an existing token. */
    void update(EnrollmentToken token);

    /** The environment's tokens (not re-enrollment ones), newest first. */
    List<EnrollmentToken> findByEnvironment(EnvironmentId environment);
}
