package dev.vectorflow.ports.service.enrollment;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.identity.SecretTokens;
import dev.vectorflow.core.validation.PlainText;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Makes and stores enrollment tokens (inside the caller's unit of work); only their hash is kept. */
public final class EnrollmentTokenIssuer {

    private final EnrollmentTokenRepository tokens;
    private final IdGenerator ids;
    private final RandomTokens random;
    private final Clock clock;

    public EnrollmentTokenIssuer(EnrollmentTokenRepository tokens, IdGenerator ids, RandomTokens random, Clock clock) {
        this.tokens = tokens;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
    }

    /** A token for {@code environment}; {@code reenroll} names the node it gives a new node token, if it is for one. */
    public IssuedEnrollmentToken issue(EnvironmentId environment, String name, Duration validity, int maxUses, Labels labels, String createdBy,
                                       Optional<NodeId> reenroll) {
        String text = EnrollmentToken.PREFIX + random.hex(24);
        Instant now = clock.instant();
        EnrollmentToken token = new EnrollmentToken(new EnrollmentTokenId(ids.newId()), environment, PlainText.optionalLine("name", name, 100),
                SecretTokens.hash(text), EnrollmentToken.hintOf(text), maxUses, 0, labels, now.plus(validity), Optional.empty(), now,
                createdBy, reenroll);
        tokens.insert(token);
        return new IssuedEnrollmentToken(token, text);
    }
}
