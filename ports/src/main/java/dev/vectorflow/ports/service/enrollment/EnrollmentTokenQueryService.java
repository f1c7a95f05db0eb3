package dev.vectorflow.ports.service.enrollment;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.ports.in.enrollment.EnrollmentTokenQueries;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;

/** Lists an environment's enrollment tokens. */
public final class EnrollmentTokenQueryService implements EnrollmentTokenQueries {

    private final Transactions transactions;
    private final EnrollmentTokenRepository tokens;
    private final EnvironmentRepository environments;

    public EnrollmentTokenQueryService(Transactions transactions, EnrollmentTokenRepository tokens, EnvironmentRepository environments) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.environments = environments;
    }

    @Override
    public List<EnrollmentToken> enrollmentTokens(EnvironmentId environment) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            environments.findById(environment).orElseThrow(() -> new NotFoundFailure("Environment", environment));
            return tokens.findByEnvironment(environment);
        });
    }
}
