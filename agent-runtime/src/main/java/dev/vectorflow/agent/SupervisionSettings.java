package dev.vectorflow.agent;

import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The supervision timings an operator may set from the environment: {@code VF_SETTLE_WINDOW} (how long a new config
 * must keep Vector alive and healthy), {@code VF_CRASH_BACKOFF} and {@code VF_CRASH_BACKOFF_MAX} (first restart delay
 * after a crash, doubling up to the maximum) and {@code VF_CRASH_LOOP_AFTER} (fast crashes in a row before CRASH_LOOP).
 * Unset variables keep the defaults they are given (20 s, 1 s, 60 s, 10).
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
        return defaults.withSupervision(settle, new Backoff(first, max), crashLoopAfter);
    }

    /** One line for the start-up banner. */
    static String describe(PipelineSettings s) {
        return "settle window " + s.settleWindow().toMillis() + "ms, crash backoff " + s.crashBackoff().base().toMillis() + "ms doubling to "
                + s.crashBackoff().cap().toMillis() + "ms, CRASH_LOOP after " + s.crashLoopAfter() + " fast crashes";
    }

    private static Duration duration(Map<String, String> env, String variable, Duration fallback) {
        String text = env.get(variable);
        return text == null || text.isBlank() ? fallback : AgentSettings.duration(variable, text);
    }
}
