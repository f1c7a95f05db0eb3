package dev.vectorflow.ports.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.core.alert.RetrySchedule;
import dev.vectorflow.ports.fake.RecordingNotificationSender;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryRepository.DeliveryHistory;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.alert.NodeMetric;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery worker on in-memory fakes: retries with backoff, dead letters, isolation between channels. */
class NotificationDeliveryTest {

    private final AlertFixture f = new AlertFixture();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private void fire(List<AlertChannelId> channels) throws Exception {
        f.cpuRule(Duration.ZERO, Duration.ZERO, channels);
        FleetReadings r = new FleetReadings();
        r.addNode(f.fleet.environment, new FleetReadings.NodeReading(new NodeId(UUID.randomUUID()), "web-1", Labels.NONE, false,
                NodeStatus.HEALTHY)).with(NodeMetric.CPU_PERCENT, 99);
        f.readings = r;
        f.evaluator.evaluate();
    }

    private List<DeliveryAttempt> attempts(AlertChannelId channel) throws Exception {
        List<DeliveryHistory> h = f.queries.deliveries(f.fleet.environment, channel, 10);
        return h.getFirst().attempts();
    }

    private QueuedDelivery delivery(AlertChannelId channel) throws Exception {
        return f.queries.deliveries(f.fleet.environment, channel, 10).getFirst().delivery();
    }

    @Test
    void aFailingReceiver_isRetriedWithGrowingWaits_andBecomesADeadLetterAfterTheLastAttempt() throws Exception {
        AlertChannelId flaky = f.slack("flaky", "flaky.example.com");
        f.sender.script("flaky.example.com", n -> RecordingNotificationSender.failed(503, true));
        fire(List.of(flaky));
        NotificationDelivery worker = f.delivery(Runnable::run, new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(30), 4));

        assertThat(worker.dispatchDue()).isEqualTo(1);
        assertThat(delivery(flaky).nextAttemptAt()).isEqualTo(f.fleet.clock.instant().plusSeconds(10));
        f.tick(Duration.ofSeconds(9));
        assertThat(worker.dispatchDue()).isZero();
        f.tick(Duration.ofSeconds(1));
        worker.dispatchDue();
        assertThat(delivery(flaky).nextAttemptAt()).isEqualTo(f.fleet.clock.instant().plusSeconds(20));
        f.tick(Duration.ofSeconds(20));
        worker.dispatchDue();
        assertThat(delivery(flaky).nextAttemptAt()).isEqualTo(f.fleet.clock.instant().plusSeconds(30));
        f.tick(Duration.ofSeconds(30));
        worker.dispatchDue();

        assertThat(delivery(flaky).status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(attempts(flaky)).hasSize(4).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(OptionalInt.of(503));
            assertThat(a.error()).contains("HTTP 503 from the receiver");
        });
        f.tick(Duration.ofHours(1));
        assertThat(worker.dispatchDue()).isZero();
        assertThat(f.sender.sent()).hasSize(4).extracting(s -> s.notification().eventId()).containsOnly(
                f.sender.sent().getFirst().notification().eventId());
    }

    @Test
    void aFailureThatCannotSucceed_isADeadLetterAtOnce_andADeliveredOneIsDone() throws Exception {
        AlertChannelId gone = f.slack("gone", "gone.example.com");
        AlertChannelId fine = f.slack("fine", "fine.example.com");
        f.sender.script("gone.example.com", n -> RecordingNotificationSender.failed(404, false));
        fire(List.of(gone, fine));

        f.delivery(Runnable::run, RetrySchedule.DEFAULT).dispatchDue();

        assertThat(delivery(gone).status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(delivery(fine).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(attempts(fine)).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(OptionalInt.of(200)));
    }

    @Test
    void aReceiverThatHangs_holdsUpOnlyItsOwnChannel() throws Exception {
        AlertChannelId stuck = f.slack("stuck", "stuck.example.com");
        AlertChannelId fine = f.slack("fine", "fine.example.com");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fineDelivered = new CountDownLatch(1);
        f.sender.script("stuck.example.com", n -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RecordingNotificationSender.delivered();
        });
        f.sender.script("fine.example.com", n -> {
            fineDelivered.countDown();
            return RecordingNotificationSender.delivered();
        });
        fire(List.of(stuck, fine));
        NotificationDelivery worker = f.delivery(threads, RetrySchedule.DEFAULT);

        assertThat(worker.dispatchDue()).isEqualTo(2);
        assertThat(fineDelivered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.dispatchDue()).as("the stuck channel's task still runs: nothing new is started for it").isZero();
        release.countDown();
    }

    @Test
    void aDeletedChannel_turnsItsQueuedDeliveriesIntoDeadLetters() throws Exception {
        AlertChannelId ops = f.slack("ops", "hooks.example.com");
        fire(List.of(ops));
        QueuedDelivery queued = f.deliveries.all().getFirst();
        f.channelService.deleteChannel(f.actor, f.fleet.environment, ops);

        f.delivery(Runnable::run, RetrySchedule.DEFAULT).dispatchDue();

        assertThat(f.deliveries.all()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(queued.id());
            assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
        });
        assertThat(f.sender.sent()).isEmpty();
        assertThat(f.rules.findEnabled().getFirst().channels()).isEmpty();
    }
}
