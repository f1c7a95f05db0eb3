package dev.vectorflow.ports.service.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditChain;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.fake.InMemoryAuditLog;
import dev.vectorflow.ports.fake.InMemoryEnvironmentRepository;
import dev.vectorflow.ports.fake.InMemoryPipelineRepository;
import dev.vectorflow.ports.fake.InMemorySecretRepository;
import dev.vectorflow.ports.fake.InMemoryTeamRepository;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.in.environment.CreateEnvironmentCommand;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentCommand;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretId;
import dev.vectorflow.core.secret.SecretName;
import java.util.HashMap;

class EnvironmentServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEnvironmentRepository repository = transactions.register(new InMemoryEnvironmentRepository());
    private final InMemoryTeamRepository teams = transactions.register(new InMemoryTeamRepository());
    private final InMemoryAuditLog audit = transactions.register(new InMemoryAuditLog(clock));
    private final InMemorySecretRepository secrets = transactions.register(new InMemorySecretRepository());
    private final InMemoryPipelineRepository pipelines = transactions.register(new InMemoryPipelineRepository());
    private final CreateEnvironmentService create =
            new CreateEnvironmentService(transactions, repository, teams, audit, new SequentialIdGenerator(), clock);
    private final UpdateEnvironmentService update = new UpdateEnvironmentService(transactions, repository, audit, clock);
    private final DeleteEnvironmentService delete = new DeleteEnvironmentService(transactions, repository, audit, secrets, pipelines);
    private final EnvironmentQueryService queries = new EnvironmentQueryService(transactions, repository);

    private final TeamId team = new TeamId(UUID.randomUUID());
    private final TeamId otherTeam = new TeamId(UUID.randomUUID());
    private final Actor actor = new Actor(new Principal.Member(new UserId(UUID.randomUUID()), new Email("ada@example.com"), false, false,
            Map.of(team, Role.ADMIN), Optional.empty(), Optional.empty()), "10.1.2.3", "test-agent");

    @BeforeEach
    void teams() {
        teams.insert(new Team(team, new TeamName("ops"), T0, T0));
        teams.insert(new Team(otherTeam, new TeamName("payments"), T0, T0));
    }

    private Environment created(TeamId owner, String name) throws Exception {
        return create.createEnvironment(new CreateEnvironmentCommand(actor, owner, new EnvironmentName(name), null));
    }

    private Environment created(String name) throws Exception {
        return created(team, name);
    }

    private Principal viewerOf(TeamId... memberOf) {
        Map<TeamId, Role> roles = new HashMap<>();
        for (TeamId t : memberOf) {
            roles.put(t, Role.VIEWER);
        }
        return new Principal.Member(new UserId(UUID.randomUUID()), new Email("v@example.com"), false, false, roles, Optional.empty(),
                Optional.empty());
    }

    @Test
    void create_storesTheEnvironmentWithNewIdClockTimesAndAnAuditEntry() throws Exception {
        Environment env = create.createEnvironment(new CreateEnvironmentCommand(actor, team, new EnvironmentName("production"), "main fleet"));

        assertThat(env.id().value()).isEqualTo(new UUID(0, 1));
        assertThat(env.teamId()).isEqualTo(team);
        assertThat(env.createdAt()).isEqualTo(T0);
        assertThat(queries.getEnvironment(env.id())).isEqualTo(env);
        AuditEntry entry = audit.all().getFirst();
        assertThat(entry.action()).isEqualTo("environment.create");
        assertThat(entry.actorLabel()).isEqualTo("user:ada@example.com");
        assertThat(entry.sourceAddress()).isEqualTo("10.1.2.3");
        assertThat(entry.teamId()).isEqualTo(team.toString());
        assertThat(entry.changesJson()).isEqualTo("{\"description\":{\"new\":\"main fleet\",\"old\":null},\"name\":{\"new\":\"production\",\"old\":null}}");
    }

    @Test
    void givenUnknownTeam_createIsNotFoundAndStoresNothing() {
        assertThatThrownBy(() -> created(new TeamId(UUID.randomUUID()), "x")).isInstanceOf(NotFoundFailure.class);
        assertThat(queries.listEnvironments(viewerOf(team))).isEmpty();
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void givenNameTakenInTheSameTeamInAnotherCase_createIsAConflictAndStoresNothing() throws Exception {
        created("production");

        assertThatThrownBy(() -> created("Production"))
                .isInstanceOf(ConflictFailure.class)
                .hasMessage("An environment named 'Production' already exists");
        assertThat(queries.listEnvironments(viewerOf(team))).hasSize(1);
        assertThat(audit.all()).hasSize(1);
    }

    @Test
    void theSameNameInAnotherTeam_isFine() throws Exception {
        created(team, "production");
        created(otherTeam, "production");

        assertThat(queries.listEnvironments(viewerOf(team))).hasSize(1);
        assertThat(queries.listEnvironments(viewerOf(team, otherTeam))).hasSize(2);
    }

    @Test
    void listShowsOnlyTheViewersTeamsButEverythingToAPlatformAdmin() throws Exception {
        created(team, "a");
        created(otherTeam, "b");
        Principal admin = new Principal.Member(new UserId(UUID.randomUUID()), new Email("root@example.com"), true, false, Map.of(),
                Optional.empty(), Optional.empty());

        assertThat(queries.listEnvironments(viewerOf(otherTeam))).extracting(e -> e.name().value()).containsExactly("b");
        assertThat(queries.listEnvironments(viewerOf())).isEmpty();
        assertThat(queries.listEnvironments(admin)).hasSize(2);
        assertThat(queries.listEnvironments(new Principal.Anonymous())).isEmpty();
    }

    @Test
    void update_renamesAndDescribesAndAuditsTheFieldDiff() throws Exception {
        Environment env = created("dev");
        clock.advance(Duration.ofMinutes(5));

        Environment changed = update.updateEnvironment(new UpdateEnvironmentCommand(actor,
                env.id(), Optional.of(new EnvironmentName("development")), Optional.of("for the team")));

        assertThat(changed.name().value()).isEqualTo("development");
        assertThat(changed.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(queries.getEnvironment(env.id())).isEqualTo(changed);
        assertThat(audit.all().getLast().changesJson())
                .isEqualTo("{\"description\":{\"new\":\"for the team\",\"old\":\"\"},\"name\":{\"new\":\"development\",\"old\":\"dev\"}}");
    }

    @Test
    void update_switchesTheApprovalRequirement_andAuditsIt() throws Exception {
        Environment env = created("prod");

        Environment guarded = update.updateEnvironment(new UpdateEnvironmentCommand(actor, env.id(), Optional.empty(), Optional.empty(),
                Optional.of(true)));

        assertThat(guarded.requiresApproval()).isTrue();
        assertThat(queries.getEnvironment(env.id()).requiresApproval()).isTrue();
        assertThat(guarded.name()).isEqualTo(env.name());
        assertThat(audit.all().getLast().changesJson()).isEqualTo("{\"requiresApproval\":{\"new\":true,\"old\":false}}");
    }

    @Test
    void givenNothingChanges_update_keepsUpdatedAtAndWritesNoAuditEntry() throws Exception {
        Environment env = created("prod");
        clock.advance(Duration.ofHours(1));

        Environment same = update.updateEnvironment(
                new UpdateEnvironmentCommand(actor, env.id(), Optional.of(new EnvironmentName("prod")), Optional.of("")));

        assertThat(same).isEqualTo(env);
        assertThat(audit.all()).hasSize(1);
    }

    @Test
    void givenNameOfAnotherEnvironmentOfTheTeam_update_isAConflictAndChangesNothing() throws Exception {
        created("prod");
        Environment dev = created("dev");

        assertThatThrownBy(() -> update.updateEnvironment(new UpdateEnvironmentCommand(actor,
                dev.id(), Optional.of(new EnvironmentName("PROD")), Optional.of("new text"))))
                .isInstanceOf(ConflictFailure.class);
        assertThat(queries.getEnvironment(dev.id())).isEqualTo(dev);
    }

    @Test
    void givenUnknownId_updateDeleteAndGet_areNotFound() {
        EnvironmentId ghost = new EnvironmentId(UUID.randomUUID());

        assertThatThrownBy(() -> update.updateEnvironment(new UpdateEnvironmentCommand(actor, ghost, Optional.empty(), Optional.of("x"))))
                .isInstanceOf(NotFoundFailure.class)
                .hasMessage("Environment " + ghost + " does not exist");
        assertThatThrownBy(() -> delete.deleteEnvironment(new DeleteEnvironmentCommand(actor, ghost))).isInstanceOf(NotFoundFailure.class);
        assertThatThrownBy(() -> queries.getEnvironment(ghost)).isInstanceOf(NotFoundFailure.class);
        assertThat(queries.owningTeam(ghost)).isEmpty();
    }

    @Test
    void givenASecret_deleteIsRefusedAndChangesNothing() throws Exception {
        Environment env = created("holds-secrets");
        secrets.insertSecret(new Secret(new SecretId(UUID.randomUUID()), env.id(),
                new SecretName("token"), "", "sealed", "", T0, "", T0));

        assertThatThrownBy(() -> delete.deleteEnvironment(new DeleteEnvironmentCommand(actor, env.id())))
                .isInstanceOf(ConflictFailure.class).hasMessageContaining("1 secret(s)");
        assertThat(queries.getEnvironment(env.id())).isEqualTo(env);
        assertThat(audit.all()).hasSize(1);
    }

    @Test
    void delete_removesTheEnvironmentAndTheChainStaysIntact() throws Exception {
        Environment env = created("temp");

        delete.deleteEnvironment(new DeleteEnvironmentCommand(actor, env.id()));

        assertThat(queries.listEnvironments(viewerOf(team))).isEmpty();
        assertThat(audit.all()).extracting(AuditEntry::action).containsExactly("environment.create", "environment.delete");
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        audit.all().forEach(verifier::accept);
        assertThat(verifier.firstProblem()).isEmpty();
    }
}
