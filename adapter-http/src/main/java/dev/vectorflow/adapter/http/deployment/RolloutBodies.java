package dev.vectorflow.adapter.http.deployment;

import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code rollout} of a deploy request into a plan, every problem reported with the body's others. */
final class RolloutBodies {

    static final Set<String> PLAN_FIELDS = Set.of("waves", "gates", "rollbackOnFailure", "convergeTimeoutSeconds");
    static final Set<String> WAVE_FIELDS = Set.of("nodes", "percent", "label", "rest", "soakSeconds");
    static final Set<String> GATE_FIELDS = Set.of("errorRateMarginPercent", "discardedMarginPercent", "minEventsOutFraction");
    private static final int MAX_LABEL_CHARS = 400;

    private RolloutBodies() {
    }

    /** Empty when the body has no rollout (or problems, which {@code body} then holds). */
    static Optional<RolloutPlan> plan(JsonFields body) {
        Optional<JsonFields> rollout = body.optionalObject("rollout", PLAN_FIELDS);
        if (rollout.isEmpty()) {
            return Optional.empty();
        }
        JsonFields r = rollout.get();
        Optional<List<JsonFields>> waveFields = r.requiredObjectList("waves", WAVE_FIELDS, RolloutPlan.MAX_WAVES);
        List<RolloutPlan.WaveDraft> waves = new ArrayList<>();
        for (JsonFields w : waveFields.orElse(List.of())) {
            Integer nodes = whole(w, "nodes");
            Integer percent = whole(w, "percent");
            String label = w.optionalText("label", null).orElse(null);
            if (label != null && label.length() > MAX_LABEL_CHARS) {
                label = label.substring(0, MAX_LABEL_CHARS);
            }
            Boolean rest = w.optionalBoolean("rest").orElse(null);
            Integer soak = whole(w, "soakSeconds");
            waves.add(new RolloutPlan.WaveDraft(nodes, percent, label, rest, soak));
        }
        Optional<JsonFields> gates = r.optionalObject("gates", GATE_FIELDS);
        RolloutPlan.Draft draft = new RolloutPlan.Draft(waves,
                gates.flatMap(g -> g.optionalNumber("errorRateMarginPercent")).orElse(null),
                gates.flatMap(g -> g.optionalNumber("discardedMarginPercent")).orElse(null),
                gates.flatMap(g -> g.optionalNumber("minEventsOutFraction")).orElse(null),
                r.optionalBoolean("rollbackOnFailure").orElse(null),
                whole(r, "convergeTimeoutSeconds"));
        try {
            return Optional.of(RolloutPlan.of(draft));
        } catch (InvalidValuesException e) {
            // a value the body already got wrong (wrong type, missing list) is reported once, as that
            List<InvalidValueException> news = e.problems().stream().filter(p -> !body.hasProblemAt(p.field()) && !(p.field().startsWith("rollout.waves[")
                    && body.hasProblemAt(p.field().substring(0, p.field().indexOf(']') + 1)))).toList();
            news.forEach(body::report);
            return Optional.empty();
        }
    }

    /** A whole number the domain judges (its range included); one beyond an int is held at the int's limit. */
    private static Integer whole(JsonFields fields, String field) {
        return fields.optionalLong(field).map(n -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n))).orElse(null);
    }
}
