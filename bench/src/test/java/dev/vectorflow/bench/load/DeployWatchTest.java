package dev.vectorflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading heartbeat answers for the watched deploy as text, and the served-by figures. */
class DeployWatchTest {

    private static final String PIPELINE = "019abc12-1111-7000-8000-000000000002";
    private static final String CHECKSUM = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    private static String answerDeploying(String pipeline, int version) {
        return "{\"ok\":true,\"pollIntervalMs\":15000,\"pendingActions\":[{\"id\":\"undeploy-x\",\"type\":\"undeploy\",\"pipelineId\":\"x\"},"
                + "{\"id\":\"deploy-" + pipeline + "-" + version + "-2c26b46b68ffc68f\",\"type\":\"deploy\",\"pipelineId\":\"" + pipeline
                + "\",\"pipelineName\":\"deploy-watch\",\"version\":" + version + ",\"checksum\":\"" + CHECKSUM + "\"}]}";
    }

    @Test
    void givenAnAnswerWithTheWatchedDeploy_thenTheAgentIsServed_withTheChecksumToReport() {
        DeployWatch watch = new DeployWatch(2);
        watch.prepared(PIPELINE, 3);
        watch.requested(1_000);

        assertThat(watch.watching(1)).isTrue();
        assertThat(watch.check(1, answerDeploying(PIPELINE, 3), 5_000)).isEqualTo(CHECKSUM);
        assertThat(watch.watching(1)).as("a served agent's answers are no longer read").isFalse();
        assertThat(watch.served()).isEqualTo(1);
    }

    @Test
    void givenAnswersWithoutTheWatchedDeploy_thenNobodyIsServed() {
        DeployWatch watch = new DeployWatch(1);
        watch.prepared(PIPELINE, 3);
        assertThat(watch.watching(0)).as("nothing is read before the deploy is requested").isFalse();
        watch.requested(1_000);

        assertThat(watch.check(0, "{\"ok\":true,\"pollIntervalMs\":15000,\"pendingActions\":[]}", 2_000)).isNull();
        assertThat(watch.check(0, answerDeploying(PIPELINE, 2), 2_000)).as("another version").isNull();
        assertThat(watch.check(0, answerDeploying("019abc12-1111-7000-8000-000000000009", 3), 2_000)).as("another pipeline").isNull();
        assertThat(watch.served()).isZero();
    }

    @Test
    void givenSomeAgentsServed_thenTheSummaryGivesTheTimesFromTheRequest_andWhoWasNeverServed() {
        DeployWatch watch = new DeployWatch(4);
        watch.prepared(PIPELINE, 1);
        watch.requested(1_000_000_000L);
        watch.answered(1_040_000_000L);
        watch.check(0, answerDeploying(PIPELINE, 1), 3_000_000_000L);
        watch.check(2, answerDeploying(PIPELINE, 1), 5_500_000_000L);
        watch.check(3, answerDeploying(PIPELINE, 1), 9_000_000_000L);

        assertThat(watch.summary(30)).contains("deploy at 30 s into the measured period", "(version 1) answered in 40 ms",
                "to 50 % of 4 agents after 4.5 s, 99 % after not reached, 100 % after not reached; never served by the end: 1");
    }
}
