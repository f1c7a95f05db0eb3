package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.JobLeasesContract;
import dev.vectorflow.ports.out.fleet.JobLeases;
import dev.vectorflow.ports.out.persistence.Transactions;

class PostgresJobLeasesTest extends JobLeasesContract {

    @Override
    protected JobLeases leases() {
        return PostgresFleetContractStore.shared().store().jobLeases();
    }

    @Override
    protected Transactions transactions() {
        return PostgresFleetContractStore.shared().transactions();
    }
}
