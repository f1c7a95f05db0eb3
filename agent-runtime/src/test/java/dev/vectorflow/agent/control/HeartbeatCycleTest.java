package dev.vectorflow.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.agent.control.ControlLoop.State;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cycle runs on the test's thread against the scripted server; it stops when the script runs out. */
class HeartbeatCycleTest {

    @TempDir
    Path dataDir;
    private ControlFixture fixture;

    @BeforeEach
    void create() {
        fixture = new ControlFixture(dataDir);
        fixture.session.useToken("vf_node_secret");
        fixture.server.whenHeartbeatsRunOut = fixture.session::stop;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void afterAStart_theDesiredStateComesFirst_thenEveryHeartbeatReportsItsPipelines() {
        fixture.server.desiredStateReplies.add(StubControlPlane.ok(new DesiredState(List.of(ControlFixture.config("p1", 4, "sources: a\n")), 0)));
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());

        fixture.cycle.run(true);

        assertThat(fixture.server.desiredStateCalls).isEqualTo(1);
        assertThat(fixture.cycle.heartbeats()).isEqualTo(2);
        assertThat(fixture.cycle.lastSuccess()).isPresent();
        HeartbeatRequest first = fixture.server.heartbeats.getFirst();
        assertThat(first.pipelines()).extracting(PipelineReport::pipelineId, PipelineReport::version).containsExactly(tuple("p1", 4));
        assertThat(first.pipelines().getFirst().eventsIn()).as("scraped counters").isZero();
        assertThat(first.agentVersion()).isEqualTo("1.2.3");
        assertThat(first.vectorVersion()).isEqualTo("vector 0.57.0");
        assertThat(first.labels()).containsEntry("role", "edge");
        assertThat(fixture.updater.heartbeatsAnswered).as("the first answer proves an update once").isEqualTo(1);
        assertThat(fixture.session.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void aHeartbeatAnswered503WithRetryAfter_isSentAgainNoSoonerThanItSays() {
        fixture.server.heartbeatReplies.add(new Reply.Unavailable<>("503 write queue full", java.util.Optional.of(Duration.ofMillis(300))));
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());
        long started = System.nanoTime();

        fixture.cycle.run(false);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the backoff alone is 1-2 ms").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(fixture.cycle.heartbeats()).isEqualTo(1);
    }

    @Test
    void aRetryAfter_isSpreadBetweenItsValueAndTwiceIt_andCutToFiveMinutes() {
        for (int i = 0; i < 200; i++) {
            assertThat(fixture.session.retryDelay(1, java.util.Optional.of(Duration.ofSeconds(10))))
                    .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        }
        assertThat(fixture.session.retryDelay(1, java.util.Optional.of(Duration.ofHours(3)))).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(fixture.session.retryDelay(1, java.util.Optional.empty())).isLessThanOrEqualTo(Duration.ofMillis(2));
    }

    @Test
    void aNewlyEnrolledNode_doesNotAskForTheDesiredState() {
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());

        fixture.cycle.run(false);

        assertThat(fixture.server.desiredStateCalls).isZero();
        assertThat(fixture.cycle.heartbeats()).isEqualTo(1);
    }

    @Test
    void aDesiredStateTheServerCannotGiveYet_isAskedForAgain_beforeAnyHeartbeat() {
        fixture.server.desiredStateReplies.add(StubControlPlane.unavailable());
        fixture.server.desiredStateReplies.add(new Reply.NotFound<>("no such node yet"));
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());

        fixture.cycle.run(true);

        assertThat(fixture.server.desiredStateCalls).as("a 404 is an answer: heartbeats bring the deploys").isEqualTo(2);
        assertThat(fixture.cycle.heartbeats()).isEqualTo(1);
    }

    @Test
    void aHeartbeatThatFails_keepsItsTelemetry_forTheNextOne() {
        fixture.buffer.addActionResult(new ActionResult("restart-1", ActionResult.SUCCEEDED, "restarted"));
        fixture.server.heartbeatReplies.add(StubControlPlane.unavailable());
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());

        fixture.cycle.run(false);

        assertThat(fixture.server.heartbeats).hasSize(3);
        assertThat(fixture.server.heartbeats.get(0).actionResults()).extracting(ActionResult::actionId).containsExactly("restart-1");
        assertThat(fixture.server.heartbeats.get(1).actionResults()).extracting(ActionResult::actionId).containsExactly("restart-1");
        assertThat(fixture.server.heartbeats.get(2).actionResults()).isEmpty();
    }

    @Test
    void a401_endsTheCycle_andSetsTheTokenAside() {
        fixture.tokens.save("vf_node_secret");
        fixture.server.heartbeatReplies.add(new Reply.Unauthorized<>("revoked"));
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());

        fixture.cycle.run(false);

        assertThat(fixture.session.state()).isEqualTo(State.UNAUTHORIZED);
        assertThat(fixture.tokens.rejected).isTrue();
        assertThat(fixture.server.heartbeats).hasSize(1);
        assertThat(fixture.cycle.lastSuccess()).isEmpty();
    }

    @Test
    void theAnswer_setsThePace_andItsActionsRun() {
        fixture.server.heartbeatReplies.add(StubControlPlane.ok(new HeartbeatResponse(true, 5,
                List.of(PendingAction.restart("restart-1", "p9")))));

        fixture.cycle.run(false);

        assertThat(fixture.session.pollInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(fixture.server.heartbeats.get(1).actionResults()).singleElement()
                .satisfies(r -> assertThat(r.message()).isEqualTo("pipeline p9 does not run here"));
    }

    @Test
    void theFarewell_sendsWhatWasLoggedSinceTheLastHeartbeat_withoutCounters() {
        fixture.pipelines.deploy(ControlFixture.config("p1", 1, "sources: a\n"));
        fixture.server.heartbeatReplies.add(StubControlPlane.answer());
        fixture.cycle.run(false);
        int sent = fixture.server.heartbeats.size();
        fixture.pipelines.deploy(ControlFixture.config("p1", 2, "sources: INVALID\n"));

        fixture.cycle.farewell();

        assertThat(fixture.server.heartbeats).hasSize(sent + 1);
        HeartbeatRequest last = fixture.server.heartbeats.getLast();
        assertThat(last.logs()).anySatisfy(l -> assertThat(l.lines()).anyMatch(line -> line.contains("vector validate refused version 2")));
        assertThat(last.pipelines()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("FAILED");
            assertThat(r.eventsIn()).isNull();
        });
    }

    @Test
    void noFarewell_withNothingToSay_orBeforeTheServerEverAnswered() {
        fixture.cycle.farewell();
        assertThat(fixture.server.heartbeats).as("never answered").isEmpty();

        fixture.server.heartbeatReplies.add(StubControlPlane.answer());
        fixture.cycle.run(false);
        int sent = fixture.server.heartbeats.size();
        fixture.cycle.farewell();

        assertThat(fixture.server.heartbeats).as("nothing logged since").hasSize(sent);
    }
}
