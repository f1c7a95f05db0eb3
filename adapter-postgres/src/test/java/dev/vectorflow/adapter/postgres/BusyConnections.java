package dev.vectorflow.adapter.postgres;

import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Units of work on their own threads, each holding its pooled connection until closed: a pool kept busy in a test. */
final class BusyConnections implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    private BusyConnections() {
    }

    /** Starts {@code count} units of work on {@code transactions}, each running {@code first} and then waiting; returns once all hold. */
    static BusyConnections hold(Transactions transactions, int count, Runnable first) throws InterruptedException {
        BusyConnections busy = new BusyConnections();
        CountDownLatch holding = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            busy.threads.add(Thread.ofPlatform().start(() -> transactions.inTransaction(() -> {
                first.run();
                holding.countDown();
                try {
                    busy.release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            })));
        }
        if (!holding.await(10, TimeUnit.SECONDS)) {
            busy.close();
            throw new IllegalStateException("the units of work did not all get a connection within 10 s");
        }
        return busy;
    }

    /** Lets every unit of work end and waits for it (up to 10 s each). */
    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
