package dev.vectorflow.ports.service.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.in.enrollment.CreateEnrollmentTokenCommand;
import dev.vectorflow.ports.in.enrollment.EnrollNodeCommand;
import dev.vectorflow.ports.in.enrollment.EnrolledNode;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.in.enrollment.RevokeEnrollmentTokenCommand;
import dev.vectorflow.ports.out.system.RandomTokens;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Enrollment on in-memory fakes: tokens are issued, used up, revoked and expire; re-enrollment keeps the node. */
class EnrollmentServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final FleetAudit audit = new FleetAudit(fleet.auditLog, fleet.environments);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final AtomicInteger randomness = new AtomicInteger();
    private final RandomTokens random = bytes -> ("%0" + (bytes * 2) + "x").formatted(randomness.incrementAndGet());
    private final EnrollmentTokenIssuer issuer = new EnrollmentTokenIssuer(fleet.enrollmentTokens, ids, random, fleet.clock);
    private final CreateEnrollmentTokenService create = new CreateEnrollmentTokenService(fleet.transactions, issuer, audit);
    private final RevokeEnrollmentTokenService revoke = new RevokeEnrollmentTokenService(fleet.transactions, fleet.enrollmentTokens, audit,
            fleet.clock);
    private final EnrollNodeService enroll = new EnrollNodeService(fleet.transactions, fleet.enrollmentTokens, fleet.environments,
            new NodeRegistration(fleet.nodes, fleet.changes, ids, random),
            new NodeDirectory(fleet.transactions, fleet.nodes, fleet.cache), fleet.auditLog, fleet.settings, fleet.clock);

    private IssuedEnrollmentToken token(int maxUses, Labels labels) throws Exception {
        return create.createEnrollmentToken(new CreateEnrollmentTokenCommand(Actor.commandLine(), fleet.environment, "fleet",
                Duration.ofHours(1), maxUses, labels));
    }

    private EnrollNodeCommand agent(String token, String hostname) {
        return new EnrollNodeCommand(token, hostname, "linux", "1.0.0", "0.57.0", Labels.of(Map.of("zone", "eu")), "10.0.0.7");
    }

    @Test
    void anAgentTradesAToken_forANodeAndItsNodeToken_underTheTokensLabels() throws Exception {
        IssuedEnrollmentToken issued = token(2, Labels.of(Map.of("role", "web")));

        EnrolledNode enrolled = enroll.enrollNode(agent(issued.text(), "web-1"));

        Node node = fleet.nodes.findById(enrolled.nodeId()).orElseThrow();
        assertThat(node.hostname()).isEqualTo("web-1");
        assertThat(node.agentLabels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
        assertThat(node.userLabels()).as("the token's labels are the admin's").isEqualTo(Labels.of(Map.of("role", "web")));
        assertThat(enrolled.environmentName()).isEqualTo("prod");
        assertThat(enrolled.pollInterval()).isEqualTo(fleet.settings.pollInterval());
        assertThat(fleet.nodes.credentialByLookup(enrolled.nodeToken().lookupId())).hasValueSatisfying(
                c -> assertThat(enrolled.nodeToken().matches(c.tokenHash())).isTrue());
        assertThat(fleet.enrollmentTokens.findById(issued.token().id()).orElseThrow().uses()).isEqualTo(1);
        assertThat(fleet.auditLog.all()).extracting(AuditEntry::action).containsExactly("enrollment_token.create", "node.enroll");
    }

    @Test
    void anEnrolledNode_isInTheFleetCacheOnceCommitted_soItsFirstHeartbeatReadsNothingFromTheDatabase() throws Exception {
        IssuedEnrollmentToken issued = token(2, Labels.NONE);

        EnrolledNode enrolled = enroll.enrollNode(agent(issued.text(), "web-1"));

        assertThat(fleet.cache.credential(enrolled.nodeToken().lookupId(), EnrollmentServicesTest::notRead)).hasValueSatisfying(c -> {
            assertThat(c.nodeId()).isEqualTo(enrolled.nodeId());
            assertThat(enrolled.nodeToken().matches(c.tokenHash())).isTrue();
        });
        assertThat(fleet.cache.node(enrolled.nodeId(), EnrollmentServicesTest::notRead)).contains(
                fleet.nodes.findById(enrolled.nodeId()).orElseThrow());
        assertThat(fleet.cache.oneShotActions(enrolled.nodeId(), EnrollmentServicesTest::notRead)).isEmpty();
        assertThat(fleet.cache.loads()).isZero();
    }

    private static <K, V> V notRead(K key) {
        throw new AssertionError("read from the repository for " + key);
    }

    @Test
    void aUsedUpRevokedOrUnknownToken_isRefused_andStoresNothing() throws Exception {
        IssuedEnrollmentToken single = token(1, Labels.NONE);
        enroll.enrollNode(agent(single.text(), "web-1"));
        IssuedEnrollmentToken revoked = token(5, Labels.NONE);
        revoke.revokeEnrollmentToken(new RevokeEnrollmentTokenCommand(Actor.commandLine(), fleet.environment, revoked.token().id()));

        assertThatThrownBy(() -> enroll.enrollNode(agent(single.text(), "web-2"))).isInstanceOf(RejectedCredentialsFailure.class);
        assertThatThrownBy(() -> enroll.enrollNode(agent(revoked.text(), "web-3"))).isInstanceOf(RejectedCredentialsFailure.class);
        assertThatThrownBy(() -> enroll.enrollNode(agent(EnrollmentToken.PREFIX + "0".repeat(48), "web-4")))
                .isInstanceOf(RejectedCredentialsFailure.class);
        assertThat(fleet.nodes.findByEnvironment(fleet.environment)).extracting(Node::hostname).containsExactly("web-1");
    }

    @Test
    void anExpiredToken_isRefused() throws Exception {
        IssuedEnrollmentToken issued = token(5, Labels.NONE);
        fleet.clock.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> enroll.enrollNode(agent(issued.text(), "web-1"))).isInstanceOf(RejectedCredentialsFailure.class);
    }

    @Test
    void aReenrollmentToken_givesTheSameNodeANewNodeToken() throws Exception {
        FleetFakes.EnrolledNode existing = fleet.enroll("web-1", Labels.NONE);
        IssuedEnrollmentToken reenroll = issuer.issue(fleet.environment, "re-enroll web-1", Duration.ofHours(24), 1, Labels.NONE, "root",
                Optional.of(existing.id()));

        EnrolledNode again = enroll.enrollNode(agent(reenroll.text(), "web-1-renamed"));

        assertThat(again.nodeId()).isEqualTo(existing.id());
        assertThat(fleet.nodes.credentialByLookup(existing.token().lookupId())).isEmpty();
        assertThat(fleet.nodes.findById(existing.id()).orElseThrow().hostname()).isEqualTo("web-1-renamed");
        assertThat(fleet.changes.notices()).containsExactly(existing.id());
        assertThat(fleet.auditLog.all()).extracting(AuditEntry::action).containsExactly("node.reenroll");
    }

    @Test
    void whatTheAgentSays_isCheckedBeforeTheToken() {
        assertThatThrownBy(() -> new EnrollNodeCommand("whatever", "bad\nhost", "", "", "", Labels.NONE, "10.0.0.7"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> create.createEnrollmentToken(new CreateEnrollmentTokenCommand(Actor.commandLine(), fleet.environment, "",
                Duration.ofDays(400), 1, Labels.NONE))).isInstanceOf(InvalidValueException.class);
    }
}
