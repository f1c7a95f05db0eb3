package dev.vectorflow.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.SampleResult;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelemetryBufferTest {

    @Test
    void whileTheServerIsAway_theOldestLinesGo_andTheLossIsSaidOnce() {
        TelemetryBuffer buffer = new TelemetryBuffer(5, 2, 2);
        buffer.addLogs(List.of(new PipelineLogs("p1", IntStream.range(0, 8).mapToObj(i -> "line " + i).toList())));

        TelemetryBuffer.Batch batch = buffer.take();

        assertThat(batch.logs()).hasSize(1);
        assertThat(batch.logs().getFirst().lines()).containsExactly(
                "[vectorflow-agent] while the server could not be reached, 3 log lines and 0 sample/action results were dropped (oldest first)",
                "line 3", "line 4", "line 5", "line 6", "line 7");
        assertThat(buffer.take().logs()).isEmpty();
    }

    @Test
    void aFailedSend_putsTheBatchBackBeforeNewerTelemetry() {
        TelemetryBuffer buffer = new TelemetryBuffer(100, 10, 10);
        buffer.addLogs(List.of(new PipelineLogs("p1", List.of("a", "b"))));
        buffer.addActionResult(new ActionResult("x", ActionResult.SUCCEEDED, "ok"));
        TelemetryBuffer.Batch failed = buffer.take();
        buffer.addLogs(List.of(new PipelineLogs("p1", List.of("c"))));
        buffer.addSample(new SampleResult("r", "k", List.of(), List.of(), null));

        buffer.putBack(failed);
        TelemetryBuffer.Batch next = buffer.take();

        assertThat(next.logs().getFirst().lines()).containsExactly("a", "b", "c");
        assertThat(next.actionResults()).extracting(ActionResult::actionId).containsExactly("x");
        assertThat(next.samples()).hasSize(1);
    }

    @Test
    void theSameActionTwice_isReportedOnce_withTheLatestResult() {
        TelemetryBuffer buffer = new TelemetryBuffer(10, 10, 10);
        buffer.addActionResult(new ActionResult("x", ActionResult.FAILED, "first"));
        buffer.addActionResult(new ActionResult("x", ActionResult.FAILED, "second"));

        assertThat(buffer.take().actionResults()).extracting(ActionResult::message).containsExactly("second");
    }
}
