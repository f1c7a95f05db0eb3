package dev.vectorflow.cli;

import dev.vectorflow.core.pipeline.diff.TextDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code apply} would change to make an environment's pipelines match a directory: create what is missing, update
 * (a new version) what renders differently from its latest version, delete what has no file (only with prune), leave the
 * rest. Computed from normal forms only (see {@link PipelineFiles}), so a second apply of the same files plans nothing.
 */
public record ApplyPlan(List<Change> changes) {

    /** What happens to one pipeline. */
    public enum Action {
        CREATE('+'), UPDATE('~'), DELETE('-'), UNCHANGED('='), KEEP(' ');

        private final char sign;

        Action(char sign) {
            this.sign = sign;
        }

        public char sign() {
            return sign;
        }
    }

    /** A pipeline on the server: its latest version's normal form ({@code ""} with {@code latestVersion} 0 when it has none). */
    public record Existing(String id, String name, int latestVersion, String normalized) {
    }

    /** One line of the plan; {@code diff} is the unified diff of an update ({@code ""} otherwise). */
    public record Change(Action action, String name, String pipelineId, int fromVersion, String diff) {
    }

    public ApplyPlan {
        changes = List.copyOf(changes);
    }

    /**
     * The plan for the desired normal forms by pipeline name (names match regardless of case, as the server's do) against
     * the existing pipelines; with {@code prune}, pipelines without a file are deleted, otherwise kept.
     */
    public static ApplyPlan compute(Map<String, String> desired, List<Existing> existing, boolean prune) {
        Map<String, Existing> byName = new LinkedHashMap<>();
        existing.forEach(e -> byName.put(key(e.name()), e));
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> d : desired.entrySet()) {
            Existing current = byName.remove(key(d.getKey()));
            if (current == null) {
                changes.add(new Change(Action.CREATE, d.getKey(), null, 0, ""));
            } else if (current.latestVersion() > 0 && current.normalized().equals(d.getValue())) {
                changes.add(new Change(Action.UNCHANGED, current.name(), current.id(), current.latestVersion(), ""));
            } else {
                String from = current.latestVersion() == 0 ? current.name() + " (no version yet)"
                        : current.name() + " (version " + current.latestVersion() + ")";
                String diff = TextDiff.between(from, current.normalized(), d.getKey() + " (file)", d.getValue()).unified();
                changes.add(new Change(Action.UPDATE, current.name(), current.id(), current.latestVersion(), diff));
            }
        }
        for (Existing left : byName.values()) {
            changes.add(new Change(prune ? Action.DELETE : Action.KEEP, left.name(), left.id(), left.latestVersion(), ""));
        }
        return new ApplyPlan(changes);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() == Action.CREATE || c.action() == Action.UPDATE || c.action() == Action.DELETE);
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** The plan as people read it: one line per pipeline with its sign, the diff under each update, then the totals. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Change c : changes) {
            text.append(c.action().sign()).append(' ').append(switch (c.action()) {
                case CREATE -> "create " + c.name();
                case UPDATE -> "update " + c.name() + (c.fromVersion() == 0 ? " (first version)" : " (version " + c.fromVersion() + " -> new version)");
                case DELETE -> "delete " + c.name();
                case UNCHANGED -> "unchanged " + c.name() + " (version " + c.fromVersion() + ")";
                case KEEP -> "keep " + c.name() + " (no file; --prune deletes it)";
            }).append('\n');
            if (!c.diff().isEmpty()) {
                c.diff().lines().forEach(line -> text.append("    ").append(line).append('\n'));
            }
        }
        text.append(summary()).append('\n');
        return text.toString();
    }

    public String summary() {
        return "Plan: " + count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, " + count(Action.DELETE)
                + " to delete, " + count(Action.UNCHANGED) + " unchanged" + (count(Action.KEEP) > 0 ? ", " + count(Action.KEEP) + " kept without a file" : "")
                + ".";
    }
}
