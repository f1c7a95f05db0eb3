package dev.vectorflow.agent;

import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The supervision timings an operator may set from the environment: {@code VF_SETTLE_WINDOW} (how long a new config
 * must keep Vector alive and healthy), {@code VF_CRASH_BACKOFF} and {@code VF_CRASH_BACKOFF_MAX} (first restart delay
 * after a crash, doubling up to the maximum), {@code VF_CRASH_LOOP_AFTER} (fast crashes in a row before CRASH_LOOP) and
 * {@code VF_PORT_RANGE} (the loopback ports {@code first-last} the pipelines' API and metrics addresses come from; two
 * agents on one host need ranges that do not overlap, or the Vectors they start take each other's ports).
 * Unset variables keep the defaults they are given (20 s, 1 s, 60 s, 10, 18600-18999).
 */
final class SupervisionSettings {

    private SupervisionSettings() {
    }

    static PipelineSettings fromEnvironment(Map<String, String> env, PipelineSettings defaults) {
        Duration settle = duration(env, "VF_SETTLE_WINDOW", defaults.settleWindow());
        Duration first = duration(env, "VF_CRASH_BACKOFF", defaults.crashBackoff().base());
        Duration max = duration(env, "VF_CRASH_BACKOFF_MAX", defaults.crashBackoff().cap());
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("VF_CRASH_BACKOFF_MAX must be at least VF_CRASH_BACKOFF (" + first.toMillis() + "ms) but was "
                    + max.toMillis() + "ms");
        }
        int crashLoopAfter = defaults.crashLoopAfter();
        String text = env.get("VF_CRASH_LOOP_AFTER");
        if (text != null && !text.isBlank()) {
            try {
                crashLoopAfter = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                crashLoopAfter = 0;
            }
            if (crashLoopAfter < 1 || crashLoopAfter > 1000) {
                throw new IllegalArgumentException("VF_CRASH_LOOP_AFTER must be a whole number from 1 to 1000 but was '" + text + "'");
            }
        }
        PipelineSettings supervised = defaults.withSupervision(settle, new Backoff(first, max), crashLoopAfter);
        String range = env.get("VF_PORT_RANGE");
        return range == null || range.isBlank() ? supervised : withPortRange(supervised, range.strip());
    }

    private static PipelineSettings withPortRange(PipelineSettings s, String text) {
        String[] ends = text.split("-", -1);
        int first = ends.length == 2 ? port(ends[0]) : -1;
        int last = ends.length == 2 ? port(ends[1]) : -1;
        if (first < 1024 || last < first + 1) {
            throw new IllegalArgumentException("VF_PORT_RANGE must be 'first-last', two loopback ports from 1024 to 65535 with at least two "
                    + "ports (each pipeline takes two), but was '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
        return s.withPorts(first, last - first + 1);
    }

    private static int port(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int p = Integer.parseInt(t);
        return p <= 65535 ? p : -1;
    }

    /** One line for the start-up banner. */
    static String describe(PipelineSettings s) {
        return "settle window " + s.settleWindow().toMillis() + "ms, crash backoff " + s.crashBackoff().base().toMillis() + "ms doubling to "
                + s.crashBackoff().cap().toMillis() + "ms, CRASH_LOOP after " + s.crashLoopAfter() + " fast crashes, ports " + s.firstPort() + "-"
                + (s.firstPort() + s.portCount() - 1);
    }

    private static Duration duration(Map<String, String> env, String variable, Duration fallback) {
        String text = env.get(variable);
        return text == null || text.isBlank() ? fallback : AgentSettings.duration(variable, text);
    }
}
