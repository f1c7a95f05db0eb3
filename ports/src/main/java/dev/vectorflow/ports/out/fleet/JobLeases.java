package dev.vectorflow.ports.out.fleet;

import java.time.Duration;
import java.util.Optional;

/** Driven port: a lease in the database so that a periodic job runs on exactly one server at a time. */
public interface JobLeases {

    /** Takes or renews the lease {@code job} for {@code holder}; true when this holder has it until {@code ttl} from now. */
    boolean tryAcquire(String job, String holder, Duration ttl);

    /** Gives the lease up (a clean stop hands the job over at once). */
    void release(String job, String holder);

    /** Who holds the lease now, if anyone holds an unexpired one. */
    Optional<String> holder(String job);
}
