package dev.vectorflow.agent.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * The timings and limits of deploying and supervising pipelines. {@link #defaults(List)} holds the production values
 * (settle window 20 s, crash backoff 1 s doubling to 60 s, reset after 60 s stable, CRASH_LOOP after 10 fast crashes);
 * tests shorten them, and {@code VF_SETTLE_WINDOW}, {@code VF_CRASH_BACKOFF}, {@code VF_CRASH_BACKOFF_MAX} and
 * {@code VF_CRASH_LOOP_AFTER} change the settle window, the crash backoff and the CRASH_LOOP threshold of one agent.
 *
 * @param tick               how often every pipeline is looked at
 * @param settleWindow       how long a new config must keep Vector alive and healthy before it is the last good one
 * @param stopGrace          SIGTERM, then SIGKILL after this long
 * @param healthTimeout      one {@code /health} call
 * @param steadyHealthEvery  how often a settled, healthy Vector is asked again
 * @param crashBackoff       restart delays after crashes
 * @param stableAfter        a process that ran this long is stable: its next crash starts the count again
 * @param crashLoopAfter     fast crashes in a row that stop restarts (CRASH_LOOP) until a new config arrives
 * @param firstPort          first loopback port of the pool for API and metrics addresses
 * @param portCount          size of that pool
 * @param secretCommand      the command Vector's exec backend runs (the agent's {@code secrets} sub-command); the
 *                           agent appends {@code --pipeline <id>}
 */
public record PipelineSettings(Duration tick, Duration settleWindow, Duration stopGrace, Duration healthTimeout,
                                Duration steadyHealthEvery, Backoff crashBackoff, Duration stableAfter, int crashLoopAfter,
                                int firstPort, int portCount, List<String> secretCommand) {

    public PipelineSettings {
        secretCommand = List.copyOf(secretCommand);
        if (crashLoopAfter < 1) {
            throw new IllegalArgumentException("'crashLoopAfter' must be at least 1 but was " + crashLoopAfter);
        }
    }

    public static PipelineSettings defaults(List<String> secretCommand) {
        return new PipelineSettings(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(2),
                Duration.ofSeconds(10), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), Duration.ofSeconds(60), 10,
                18600, 400, secretCommand);
    }

    /** These settings with another settle window, crash backoff and CRASH_LOOP threshold (what an operator may change). */
    public PipelineSettings withSupervision(Duration settleWindow, Backoff crashBackoff, int crashLoopAfter) {
        return new PipelineSettings(tick, settleWindow, stopGrace, healthTimeout, steadyHealthEvery, crashBackoff, stableAfter, crashLoopAfter,
                firstPort, portCount, secretCommand);
    }

    /** These settings with another loopback port pool (several agents on one host each need their own). */
    public PipelineSettings withPorts(int firstPort, int portCount) {
        return new PipelineSettings(tick, settleWindow, stopGrace, healthTimeout, steadyHealthEvery, crashBackoff, stableAfter, crashLoopAfter,
                firstPort, portCount, secretCommand);
    }
}
