package dev.vectorflow.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.agent.control.ControlLoop.State;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.agent.port.NodeTokenStore;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollerTest {

    @TempDir
    Path dataDir;
    private ControlFixture fixture;

    private Enroller enroller(ControlSettings settings) {
        fixture = new ControlFixture(settings, dataDir);
        return new Enroller(settings, fixture.server, fixture.tokens, () -> "vector 0.57.0", fixture.session);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static EnrollResponse accepted(long pollIntervalMs) {
        return new EnrollResponse("node-7", "vf_node_secret", "env-1", "production", pollIntervalMs);
    }

    @Test
    void anAcceptedEnrollment_storesTheNodeToken_andTheSessionUsesItAtTheServersPace() throws NodeTokenStore.TokenStoreFailure {
        Enroller enroller = enroller(ControlFixture.SETTINGS);
        fixture.server.enrollReplies.add(StubControlPlane.ok(accepted(15_000)));

        assertThat(enroller.enroll()).isTrue();

        assertThat(fixture.tokens.token).contains("vf_node_secret");
        assertThat(fixture.session.state()).isEqualTo(State.CONNECTING);
        assertThat(fixture.session.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(fixture.server.enrolls).singleElement().satisfies(r -> {
            assertThat(r.token()).isEqualTo("vf_enroll_test");
            assertThat(r.hostname()).isEqualTo("node-1");
            assertThat(r.vectorVersion()).isEqualTo("vector 0.57.0");
            assertThat(r.labels()).isEqualTo(Map.of("role", "edge"));
        });
        fixture.session.heartbeat(new HeartbeatRequest("1.2.3", null, null, Map.of(), null, null, null, null, null, null));
        assertThat(fixture.server.nodeTokens).containsExactly("vf_node_secret");
    }

    @Test
    void aServerNotReachableYet_isAskedAgain_afterTheWaitItNames() throws NodeTokenStore.TokenStoreFailure {
        Enroller enroller = enroller(ControlFixture.SETTINGS);
        fixture.server.enrollReplies.add(new Reply.Unavailable<>("503", Optional.of(Duration.ofMillis(30))));
        fixture.server.enrollReplies.add(StubControlPlane.ok(accepted(0)));
        long started = System.nanoTime();

        assertThat(enroller.enroll()).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(fixture.server.enrolls).hasSize(2);
        assertThat(fixture.session.pollInterval()).as("no interval from the server: the agent's own").isEqualTo(ControlFixture.SETTINGS.pollInterval());
    }

    @Test
    void aRefusedEnrollmentToken_orAnAddressThatIsNoVectorFlowServer_endsUnauthorized_withNothingStored() throws NodeTokenStore.TokenStoreFailure {
        Enroller enroller = enroller(ControlFixture.SETTINGS);
        fixture.server.enrollReplies.add(new Reply.Unauthorized<>("token used up"));
        fixture.server.enrollReplies.add(new Reply.NotFound<>("no such path"));

        assertThat(enroller.enroll()).isFalse();
        assertThat(fixture.session.state()).isEqualTo(State.UNAUTHORIZED);
        assertThat(enroller.enroll()).isFalse();
        assertThat(fixture.session.state()).isEqualTo(State.UNAUTHORIZED);

        assertThat(fixture.server.enrolls).hasSize(2);
        assertThat(fixture.tokens.token).isEmpty();
    }

    @Test
    void withoutAnEnrollmentToken_theServerIsNotAsked() throws NodeTokenStore.TokenStoreFailure {
        ControlSettings s = ControlFixture.SETTINGS;
        Enroller enroller = enroller(new ControlSettings(s.agentVersion(), s.hostname(), s.os(), s.deploymentMode(), s.labels(), Optional.empty(),
                s.pollInterval(), s.minHeartbeatGap(), s.retryBackoff(), s.scrapeBudget(), s.sampleTimeout()));

        assertThat(enroller.enroll()).isFalse();

        assertThat(fixture.session.state()).isEqualTo(State.UNAUTHORIZED);
        assertThat(fixture.server.enrolls).isEmpty();
    }

    @Test
    void aStoppedAgent_stopsRetrying() throws NodeTokenStore.TokenStoreFailure {
        Enroller enroller = enroller(ControlFixture.SETTINGS);
        fixture.session.stop();

        assertThat(enroller.enroll()).isFalse();

        assertThat(fixture.server.enrolls).isEmpty();
    }
}
