package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.JobLeasesContract;
import dev.vectorflow.ports.out.fleet.JobLeases;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Clock;

class InMemoryJobLeasesTest extends JobLeasesContract {

    private final InMemoryJobLeases leases = new InMemoryJobLeases(Clock.systemUTC());
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected JobLeases leases() {
        return leases;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}
