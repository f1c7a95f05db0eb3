package dev.vectorflow.adapter.postgres.promotion;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.ApprovalRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;

class PostgresApprovalRepositoryTest extends ApprovalRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }

    @Override
    protected ApprovalRepository approvals() {
        return PostgresFleetContractStore.shared().store().approvals();
    }
}
