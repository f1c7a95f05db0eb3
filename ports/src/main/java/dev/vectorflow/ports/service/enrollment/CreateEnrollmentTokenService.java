package dev.vectorflow.ports.service.enrollment;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.enrollment.CreateEnrollmentTokenCommand;
import dev.vectorflow.ports.in.enrollment.CreateEnrollmentTokenUseCase;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Duration;
import java.util.Optional;

/** Issues enrollment tokens valid for up to a year. Audited (the token's text never is). */
public final class CreateEnrollmentTokenService implements CreateEnrollmentTokenUseCase {

    static final Duration MAX_VALIDITY = Duration.ofDays(365);

    private final Transactions transactions;
    private final EnrollmentTokenIssuer issuer;
    private final FleetAudit audit;

    public CreateEnrollmentTokenService(Transactions transactions, EnrollmentTokenIssuer issuer, FleetAudit audit) {
        this.transactions = transactions;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Override
    public IssuedEnrollmentToken createEnrollmentToken(CreateEnrollmentTokenCommand command) throws NotFoundFailure {
        if (command.validity().isNegative() || command.validity().isZero() || command.validity().compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidValueException("expiresInHours", "must be between 1 hour and 365 days");
        }
        return transactions.inTransaction(() -> {
            Environment environment = audit.environment(command.environmentId());
            IssuedEnrollmentToken issued = issuer.issue(command.environmentId(), command.name(), command.validity(), command.maxUses(),
                    command.labels(), command.actor().label(), Optional.empty());
            audit.record(command.actor(), "enrollment_token.create", "enrollment_token", issued.token().id().toString(), environment.id(),
                    Changes.none().field("environment", null, environment.name().value()).field("name", null, issued.token().name())
                            .field("maxUses", null, command.maxUses()).field("expiresAt", null, issued.token().expiresAt().toString())
                            .field("labels", null, command.labels().toString()));
            return issued;
        });
    }
}
