package dev.vectorflow.ports.service.enrollment;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.ports.in.enrollment.RevokeEnrollmentTokenCommand;
import dev.vectorflow.ports.in.enrollment.RevokeEnrollmentTokenUseCase;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Clock;

/** Revokes enrollment tokens of an environment; revoking a revoked one changes nothing. Audited. */
public final class RevokeEnrollmentTokenService implements RevokeEnrollmentTokenUseCase {

    private final Transactions transactions;
    private final EnrollmentTokenRepository tokens;
    private final FleetAudit audit;
    private final Clock clock;

    public RevokeEnrollmentTokenService(Transactions transactions, EnrollmentTokenRepository tokens, FleetAudit audit, Clock clock) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void revokeEnrollmentToken(RevokeEnrollmentTokenCommand command) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            audit.environment(command.environmentId());
            EnrollmentToken token = tokens.findById(command.token()).filter(t -> t.environmentId().equals(command.environmentId()))
                    .orElseThrow(() -> new NotFoundFailure("Enrollment token", command.token()));
            if (token.revokedAt().isEmpty()) {
                tokens.update(token.revoked(clock.instant()));
                audit.record(command.actor(), "enrollment_token.revoke", "enrollment_token", command.token().toString(), command.environmentId(),
                        Changes.none().field("state", "ACTIVE", "REVOKED"));
            }
            return null;
        });
    }
}
