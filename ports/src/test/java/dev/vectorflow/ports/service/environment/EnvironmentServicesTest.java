package dev.vectorflow.ports.service.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.fake.InMemoryEnvironmentRepository;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.in.environment.CreateEnvironmentCommand;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentCommand;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvironmentServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEnvironmentRepository repository = transactions.register(new InMemoryEnvironmentRepository());
    private final CreateEnvironmentService create =
            new CreateEnvironmentService(transactions, repository, new SequentialIdGenerator(), clock);
    private final UpdateEnvironmentService update = new UpdateEnvironmentService(transactions, repository, clock);
    private final DeleteEnvironmentService delete = new DeleteEnvironmentService(transactions, repository);
    private final EnvironmentQueryService queries = new EnvironmentQueryService(transactions, repository);

    private Environment created(String name) throws ConflictFailure {
        return create.createEnvironment(new CreateEnvironmentCommand(new EnvironmentName(name), null));
    }

    @Test
    void create_storesTheEnvironmentWithNewIdAndClockTimes() throws Exception {
        Environment env = create.createEnvironment(new CreateEnvironmentCommand(new EnvironmentName("production"), "main fleet"));

        assertThat(env.id().value()).isEqualTo(new UUID(0, 1));
        assertThat(env.description()).isEqualTo("main fleet");
        assertThat(env.createdAt()).isEqualTo(T0);
        assertThat(env.updatedAt()).isEqualTo(T0);
        assertThat(queries.getEnvironment(env.id())).isEqualTo(env);
    }

    @Test
    void givenNameTakenInAnotherCase_create_isAConflictAndStoresNothing() throws Exception {
        created("production");

        assertThatThrownBy(() -> created("Production"))
                .isInstanceOf(ConflictFailure.class)
                .hasMessage("An environment named 'Production' already exists");
        assertThat(queries.listEnvironments()).hasSize(1);
    }

    @Test
    void update_renamesAndDescribesAndMovesUpdatedAt() throws Exception {
        Environment env = created("dev");
        clock.advance(Duration.ofMinutes(5));

        Environment changed = update.updateEnvironment(new UpdateEnvironmentCommand(
                env.id(), Optional.of(new EnvironmentName("development")), Optional.of("for the team")));

        assertThat(changed.name().value()).isEqualTo("development");
        assertThat(changed.description()).isEqualTo("for the team");
        assertThat(changed.createdAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(queries.getEnvironment(env.id())).isEqualTo(changed);
    }

    @Test
    void givenOnlyALetterCaseChangeOfItsOwnName_update_renames() throws Exception {
        Environment env = created("prod");

        Environment changed = update.updateEnvironment(
                new UpdateEnvironmentCommand(env.id(), Optional.of(new EnvironmentName("Prod")), Optional.empty()));

        assertThat(changed.name().value()).isEqualTo("Prod");
    }

    @Test
    void givenNothingChanges_update_keepsUpdatedAt() throws Exception {
        Environment env = created("prod");
        clock.advance(Duration.ofHours(1));

        Environment same = update.updateEnvironment(
                new UpdateEnvironmentCommand(env.id(), Optional.of(new EnvironmentName("prod")), Optional.of("")));

        assertThat(same).isEqualTo(env);
    }

    @Test
    void givenNameOfAnotherEnvironment_update_isAConflictAndChangesNothing() throws Exception {
        created("prod");
        Environment dev = created("dev");

        assertThatThrownBy(() -> update.updateEnvironment(new UpdateEnvironmentCommand(
                dev.id(), Optional.of(new EnvironmentName("PROD")), Optional.of("new text"))))
                .isInstanceOf(ConflictFailure.class);
        assertThat(queries.getEnvironment(dev.id())).isEqualTo(dev);
    }

    @Test
    void givenUnknownId_updateDeleteAndGet_areNotFound() {
        EnvironmentId ghost = new EnvironmentId(UUID.randomUUID());

        assertThatThrownBy(() -> update.updateEnvironment(
                new UpdateEnvironmentCommand(ghost, Optional.empty(), Optional.of("x"))))
                .isInstanceOf(NotFoundFailure.class)
                .hasMessage("Environment " + ghost + " does not exist");
        assertThatThrownBy(() -> delete.deleteEnvironment(new DeleteEnvironmentCommand(ghost)))
                .isInstanceOf(NotFoundFailure.class);
        assertThatThrownBy(() -> queries.getEnvironment(ghost)).isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void delete_removesTheEnvironment() throws Exception {
        Environment env = created("temp");

        delete.deleteEnvironment(new DeleteEnvironmentCommand(env.id()));

        assertThat(queries.listEnvironments()).isEmpty();
    }
}
