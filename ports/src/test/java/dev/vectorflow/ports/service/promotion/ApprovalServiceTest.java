package dev.vectorflow.ports.service.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployedPipeline;
import dev.vectorflow.ports.fake.InMemoryApprovalRepository;
import dev.vectorflow.ports.fake.InMemoryAuditLog;
import dev.vectorflow.ports.fake.InMemoryEnvironmentRepository;
import dev.vectorflow.ports.fake.InMemoryPipelineRepository;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deciding approval requests on in-memory fakes: who may decide, decided once, and a failed action reopens the request. */
class ApprovalServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEnvironmentRepository environments = transactions.register(new InMemoryEnvironmentRepository());
    private final InMemoryPipelineRepository pipelines = transactions.register(new InMemoryPipelineRepository());
    private final InMemoryAuditLog audit = transactions.register(new InMemoryAuditLog(clock));
    private final InMemoryApprovalRepository stored = new InMemoryApprovalRepository();
    private final TeamId team = new TeamId(UUID.randomUUID());
    private final Environment prod = Environment.create(new EnvironmentId(UUID.randomUUID()), team, new EnvironmentName("prod"), "", T0)
            .withApprovalRequired(true, T0);
    private final List<DeployPipelineCommand> deployed = new ArrayList<>();
    private NotFoundFailure deployFails;

    private ApprovalService service(ApprovalRepository approvals) {
        return new ApprovalService(transactions, approvals, environments, pipelines, audit, command -> {
            if (deployFails != null) {
                throw deployFails;
            }
            deployed.add(command);
            return new DeployedPipeline(new Deployment(command.pipeline(), prod.id(), command.version().orElseThrow(), command.selector(), T0, "x"),
                    Optional.empty());
        }, (approver, action) -> { }, clock);
    }

    private static Actor member(String email, TeamId team, Role role) {
        return new Actor(new Principal.Member(new UserId(UUID.nameUUIDFromBytes(email.getBytes())), new Email(email), false, false,
                Map.of(team, role), Optional.empty(), Optional.empty()), "10.0.0.1", "test");
    }

    private ApprovalRequest pendingDeploy(Actor requester) {
        environments.insert(prod);
        ApprovalRequest request = ApprovalRequest.pending(new ApprovalRequestId(UUID.randomUUID()), prod.id(), new ApprovalAction.Deploy(
                new PipelineId(UUID.randomUUID()), 3, NodeSelector.ALL, Optional.empty()), requester.label(), requester.actorId(), T0);
        stored.insert(request);
        return request;
    }

    private List<String> actions() {
        return audit.all().stream().map(AuditEntry::action).toList();
    }

    @Test
    void givenTwoAdminsApprovingAtOnce_onlyTheFirstCarriesItOut_theSecondIsToldAnotherDecidedFirst() throws Exception {
        ApprovalRequest request = pendingDeploy(member("ann@example.com", team, Role.EDITOR));
        // the second admin read the request while it was still pending
        ApprovalRepository staleReads = new ApprovalRepository() {
            public void insert(ApprovalRequest r) { stored.insert(r); }
            public boolean decide(ApprovalRequest d) { return stored.decide(d); }
            public void reopen(ApprovalRequestId id) { stored.reopen(id); }
            public Optional<ApprovalRequest> find(ApprovalRequestId id) { return Optional.of(request); }
            public List<ApprovalRequest> findByEnvironment(EnvironmentId e, Filter f, int limit) { return stored.findByEnvironment(e, f, limit); }
        };

        service(stored).approve(member("bob@example.com", team, Role.ADMIN), prod.id(), request.id());
        assertThatThrownBy(() -> service(staleReads).approve(member("cy@example.com", team, Role.ADMIN), prod.id(), request.id()))
                .isInstanceOf(ConflictFailure.class).hasMessageContaining("Another admin decided this request first");

        assertThat(deployed).singleElement().satisfies(c -> assertThat(c.version()).contains(3));
        assertThat(stored.find(request.id()).orElseThrow().decidedBy()).contains("user:bob@example.com");
        assertThat(actions()).containsExactly("approval.approve");
    }

    @Test
    void givenTheHeldActionFails_theRequestIsPendingAgain_andTheAuditLogSaysWhy() {
        ApprovalRequest request = pendingDeploy(member("ann@example.com", team, Role.EDITOR));
        deployFails = new NotFoundFailure("Pipeline", "gone");

        assertThatThrownBy(() -> service(stored).approve(member("bob@example.com", team, Role.ADMIN), prod.id(), request.id()))
                .isSameAs(deployFails);

        assertThat(stored.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(actions()).containsExactly("approval.approve", "approval.failed");
        assertThat(audit.all().getLast().changesJson()).contains("gone");
    }

    @Test
    void onlyAnotherAdminOfTheTeam_decides_andATokenCannotApproveWhatItAskedFor() {
        Actor token = new Actor(new Principal.TeamToken(new ApiTokenId(UUID.randomUUID()), "ci", team, Role.ADMIN), "10.0.0.2", "ci");
        ApprovalRequest request = pendingDeploy(token);
        ApprovalService service = service(stored);

        assertThatThrownBy(() -> service.approve(token, prod.id(), request.id())).isInstanceOf(ForbiddenFailure.class)
                .hasMessageContaining("You asked for this yourself (team-token:ci)");
        assertThatThrownBy(() -> service.reject(member("ed@example.com", team, Role.EDITOR), prod.id(), request.id(), "no"))
                .isInstanceOf(ForbiddenFailure.class).hasMessageContaining("Only an admin");
        assertThatThrownBy(() -> service.approve(member("x@example.com", new TeamId(UUID.randomUUID()), Role.ADMIN), prod.id(), request.id()))
                .isInstanceOf(ForbiddenFailure.class);
        assertThatThrownBy(() -> service.approve(member("bob@example.com", team, Role.ADMIN), new EnvironmentId(UUID.randomUUID()),
                request.id())).isInstanceOf(NotFoundFailure.class);
        assertThat(deployed).isEmpty();
        assertThat(actions()).isEmpty();
    }
}
