package dev.vectorflow.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.ActionResult;
import org.junit.jupiter.api.Test;

class OneShotActionsTest {

    private final OneShotActions books = new OneShotActions();

    @Test
    void anActionThatRuns_cannotStartAgain_untilItIsSettledOrAbandoned() {
        assertThat(books.start("a-1")).isTrue();
        assertThat(books.start("a-1")).isFalse();

        books.abandon("a-1");

        assertThat(books.start("a-1")).isTrue();
        assertThat(books.result("a-1")).isEmpty();
    }

    @Test
    void aSettledAction_keepsItsResult() {
        books.start("a-1");
        ActionResult result = new ActionResult("a-1", ActionResult.SUCCEEDED, "restarted");

        books.settle(result);

        assertThat(books.result("a-1")).contains(result);
        assertThat(books.result("a-2")).isEmpty();
    }

    @Test
    void onlyTheLatestResultsAreKept() {
        for (int i = 0; i <= OneShotActions.KEPT; i++) {
            books.settle(new ActionResult("a-" + i, ActionResult.FAILED, "no"));
        }

        assertThat(books.result("a-0")).as("the oldest went").isEmpty();
        assertThat(books.result("a-1")).isPresent();
        assertThat(books.result("a-" + OneShotActions.KEPT)).isPresent();
    }
}
