package dev.vectorflow.adapter.postgres.enrollment;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.EnrollmentTokenRepositoryContract;

class PostgresEnrollmentTokenRepositoryTest extends EnrollmentTokenRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }
}
