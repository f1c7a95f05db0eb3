package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.ApprovalRepositoryContract;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;

class InMemoryApprovalRepositoryTest extends ApprovalRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();
    private final InMemoryApprovalRepository approvals = new InMemoryApprovalRepository();

    @Override
    protected FleetContractStore store() {
        return store;
    }

    @Override
    protected ApprovalRepository approvals() {
        return approvals;
    }
}
