package dev.vectorflow.agent.control;

import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.SampleResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits for the next heartbeat (log lines, sample results, action results), bounded while the server cannot
 * be reached: the oldest entries go first and are counted, and the count is sent as a log line when it can be.
 */
public final class TelemetryBuffer {

    private final int maxLogLines;
    private final int maxSamples;
    private final int maxActionResults;
    private final Map<String, Deque<String>> logs = new LinkedHashMap<>();
    private final Deque<SampleResult> samples = new ArrayDeque<>();
    private final Deque<ActionResult> actionResults = new ArrayDeque<>();
    private int logLines;
    private long droppedLogLines;
    private long droppedOther;

    public TelemetryBuffer(int maxLogLines, int maxSamples, int maxActionResults) {
        this.maxLogLines = maxLogLines;
        this.maxSamples = maxSamples;
        this.maxActionResults = maxActionResults;
    }

    public synchronized void addLogs(List<PipelineLogs> batch) {
        for (PipelineLogs l : batch) {
            Deque<String> lines = logs.computeIfAbsent(l.pipelineId(), id -> new ArrayDeque<>());
            for (String line : l.lines()) {
                lines.addLast(line);
                logLines++;
            }
        }
        while (logLines > maxLogLines) {
            Deque<String> oldest = logs.values().stream().filter(d -> !d.isEmpty()).max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
            oldest.removeFirst();
            logLines--;
            droppedLogLines++;
        }
    }

    public synchronized void addSample(SampleResult result) {
        if (samples.size() >= maxSamples) {
            samples.removeFirst();
            droppedOther++;
        }
        samples.addLast(result);
    }

    public synchronized void addActionResult(ActionResult result) {
        actionResults.removeIf(r -> r.actionId().equals(result.actionId()));
        if (actionResults.size() >= maxActionResults) {
            actionResults.removeFirst();
            droppedOther++;
        }
        actionResults.addLast(result);
    }

    /** Everything buffered, removed from the buffer; {@link #putBack} when the send failed. */
    public synchronized Batch take() {
        List<PipelineLogs> l = new ArrayList<>();
        logs.forEach((id, lines) -> {
            if (!lines.isEmpty()) {
                List<String> out = new ArrayList<>(lines);
                l.add(new PipelineLogs(id, out));
            }
        });
        if (droppedLogLines > 0 || droppedOther > 0) {
            String note = "[vectorflow-agent] while the server could not be reached, " + droppedLogLines + " log lines and "
                    + droppedOther + " sample/action results were dropped (oldest first)";
            if (l.isEmpty()) {
                l.add(new PipelineLogs(logs.keySet().stream().findFirst().orElse("agent"), List.of(note)));
            } else {
                List<String> first = new ArrayList<>(List.of(note));
                first.addAll(l.getFirst().lines());
                l.set(0, new PipelineLogs(l.getFirst().pipelineId(), first));
            }
        }
        Batch batch = new Batch(l, List.copyOf(samples), List.copyOf(actionResults), droppedLogLines, droppedOther);
        logs.clear();
        logLines = 0;
        samples.clear();
        actionResults.clear();
        droppedLogLines = 0;
        droppedOther = 0;
        return batch;
    }

    public synchronized void putBack(Batch batch) {
        droppedLogLines += batch.droppedLogLines();
        droppedOther += batch.droppedOther();
        Map<String, Deque<String>> newer = new LinkedHashMap<>(logs);
        logs.clear();
        logLines = 0;
        List<PipelineLogs> restored = new ArrayList<>();
        for (PipelineLogs l : batch.logs()) {
            restored.add(new PipelineLogs(l.pipelineId(), l.lines().stream().filter(s -> !s.startsWith("[vectorflow-agent] while the server")).toList()));
        }
        addLogs(restored);
        newer.forEach((id, lines) -> addLogs(List.of(new PipelineLogs(id, new ArrayList<>(lines)))));
        List<SampleResult> s = new ArrayList<>(batch.samples());
        s.addAll(samples);
        samples.clear();
        s.forEach(this::addSample);
        List<ActionResult> a = new ArrayList<>(batch.actionResults());
        a.addAll(actionResults);
        actionResults.clear();
        a.forEach(this::addActionResult);
    }

    public synchronized long droppedLogLines() {
        return droppedLogLines;
    }

    /** One heartbeat's worth of buffered telemetry. */
    public record Batch(List<PipelineLogs> logs, List<SampleResult> samples, List<ActionResult> actionResults,
                        long droppedLogLines, long droppedOther) {
    }
}
