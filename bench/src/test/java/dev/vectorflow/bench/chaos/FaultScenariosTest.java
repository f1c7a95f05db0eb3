package dev.vectorflow.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the fault harness (docs/faults.md): three real server processes on one embedded PostgreSQL, three
 * real agent processes spread over them (each knowing every server), then each fault in turn on the same cluster. Every
 * scenario prints what it checked and its figures; a failed check fails the test with the list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosTest {

    @TempDir
    static Path work;
    private static FaultScenarios scenarios;

    @BeforeAll
    static void startTheCluster() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        scenarios = FaultScenarios.start(FaultScenarios.Options.shortVersion(), work, root, System.getProperty("java.class.path"), System.out);
    }

    @AfterAll
    static void stopTheCluster() {
        if (scenarios != null) {
            scenarios.close();
        }
    }

    @Test
    @Order(1)
    void whenTheServerHoldingTheLeasesIsKilledMidPublishAndDeploy_nothingAcknowledgedIsLost_andItsAgentsFailOver() throws Exception {
        ScenarioReport report = scenarios.killDuringDeployAndPublish();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(2)
    void whenPostgresRestartsUnderTheServers_theySayNotReady_thenRecoverByThemselves() throws Exception {
        ScenarioReport report = scenarios.restartDatabase();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(3)
    void whenPostgresIsKilledUnderTheServers_theySayNotReadyAtOnce_recoverAfterItsCrashRecovery_andLoseNothingAcknowledged()
            throws Exception {
        ScenarioReport report = scenarios.killDatabase();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(4)
    void whenEveryServerIsDown_pipelinesKeepRunning_andAgentsCatchUpAfter() throws Exception {
        ScenarioReport report = scenarios.everyServerDown();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(5)
    void whenAThousandAgentsComeBackAtOnce_everyOneIsServedInBoundedTime_andNoServerFallsOver() throws Exception {
        ScenarioReport report = scenarios.thunderingHerd();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(6)
    void whenTheServersWritesAreHeldUp_theFullQueuesAnswer503WithRetryAfter_thenAcceptAgain_andAgentsComeBack() throws Exception {
        ScenarioReport report = scenarios.writeQueueFull();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }

    @Test
    @Order(7)
    void whenTheDataDirectoryFillsUp_theServerSaysSoOnReady_andRecoversWhenSpaceReturns() throws Exception {
        ScenarioReport report = scenarios.dataDirectoryFull();
        assertThat(report.failures()).as(report.toString()).isEmpty();
    }
}
