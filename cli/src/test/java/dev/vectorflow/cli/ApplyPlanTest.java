package dev.vectorflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyPlanTest {

    private static final String A = "sources:\n  a:\n    type: demo_logs\n";
    private static final String A2 = "sources:\n  a:\n    type: demo_logs\n    interval: 2\n";

    private static Map<String, String> desired(String... namesAndForms) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndForms.length; i += 2) {
            map.put(namesAndForms[i], namesAndForms[i + 1]);
        }
        return map;
    }

    @Test
    void givenFilesMatchingTheLatestVersions_thePlanChangesNothing() {
        ApplyPlan plan = ApplyPlan.compute(desired("web", A), List.of(new ApplyPlan.Existing("id-1", "Web", 3, A)), false);

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.changes()).extracting(ApplyPlan.Change::action).containsExactly(ApplyPlan.Action.UNCHANGED);
        assertThat(plan.describe()).contains("= unchanged Web (version 3)").contains("Plan: 0 to create, 0 to update, 0 to delete, 1 unchanged.");
    }

    @Test
    void givenANewFileAChangedFileAndAPipelineWithoutFile_thePlanCreatesUpdatesAndKeepsWithoutPrune() {
        List<ApplyPlan.Existing> existing = List.of(new ApplyPlan.Existing("id-1", "web", 1, A), new ApplyPlan.Existing("id-2", "old", 2, A));

        ApplyPlan plan = ApplyPlan.compute(desired("web", A2, "new", A), existing, false);

        assertThat(plan.changes()).extracting(ApplyPlan.Change::action)
                .containsExactly(ApplyPlan.Action.UPDATE, ApplyPlan.Action.CREATE, ApplyPlan.Action.KEEP);
        assertThat(plan.changes().getFirst().diff()).contains("--- web (version 1)", "+++ web (file)", "+    interval: 2");
        assertThat(plan.describe()).contains("~ update web (version 1 -> new version)", "+ create new", "  keep old (no file; --prune deletes it)",
                "    +    interval: 2");
        assertThat(plan.count(ApplyPlan.Action.DELETE)).isZero();
    }

    @Test
    void givenPrune_aPipelineWithoutFileIsDeleted() {
        ApplyPlan plan = ApplyPlan.compute(desired(), List.of(new ApplyPlan.Existing("id-2", "old", 2, A)), true);

        assertThat(plan.changes()).extracting(ApplyPlan.Change::action).containsExactly(ApplyPlan.Action.DELETE);
        assertThat(plan.hasChanges()).isTrue();
        assertThat(plan.describe()).startsWith("- delete old\n");
    }

    @Test
    void givenAPipelineWithoutAnyVersion_itIsUpdatedEvenWhenItsNormalFormIsEmpty() {
        ApplyPlan plan = ApplyPlan.compute(desired("web", A), List.of(new ApplyPlan.Existing("id-1", "web", 0, "")), false);

        assertThat(plan.changes().getFirst().action()).isEqualTo(ApplyPlan.Action.UPDATE);
        assertThat(plan.describe()).contains("~ update web (first version)", "--- web (no version yet)");
    }
}
